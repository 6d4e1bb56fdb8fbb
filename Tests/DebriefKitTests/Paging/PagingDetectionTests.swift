import Testing

@testable import DebriefKit

@Suite struct PagingDetectionTests {
    func detect(_ text: String) -> InputFormat? {
        FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
    }

    @Test(arguments: [
        (
            #"{"incidents": [{"id": "Q1", "incident_number": 1, "created_at": "2026-11-17T14:03:40Z", "first_trigger_log_entry": {"type": "trigger_log_entry_reference"}}]}"#,
            InputFormat.pagerDutyIncidents
        ),
        (
            #"[{"id": "Q1", "last_status_change_at": "2026-11-17T14:03:40Z", "created_at": "2026-11-17T14:03:40Z"}]"#,
            .pagerDutyIncidents
        ),
        (
            #"[{"id": "A1", "alert_key": "k", "created_at": "2026-11-17T14:03:40Z", "first_trigger_log_entry": {}}]"#,
            .pagerDutyAlerts
        ),
        (
            #"{"event": {"event_type": "incident.triggered", "occurred_at": "2026-11-17T14:03:40Z", "data": {"type": "incident", "created_at": "x"}}}"#,
            .pagerDutyWebhook
        ),
        (
            #"{"action": "Create", "alert": {"alertId": "a", "tinyId": "1", "createdAt": 1}, "integrationName": "Webhook"}"#,
            .opsgenieWebhook
        ),
        (
            #"{"data": [{"id": "a", "tinyId": "1", "createdAt": "2026-11-17T14:03:40Z", "actions": []}], "requestId": "r"}"#,
            .opsgenieAlerts
        ),
        (
            #"{"data": [{"log": "Alert created", "owner": "x", "createdAt": "2026-11-17T14:03:40Z", "offset": "1"}]}"#,
            .opsgenieAlerts
        ),
        (
            #"{"version": "4", "groupKey": "{}", "alerts": [{"labels": {}, "startsAt": "2026-11-17T14:03:40Z"}]}"#,
            .alertmanagerWebhook
        ),
        (
            #"{"receiver": "r", "orgId": 1, "alerts": [{"labels": {}, "startsAt": "2026-11-17T14:03:40Z", "dashboardURL": ""}]}"#,
            .grafanaAlerts
        ),
        (#"{"evalMatches": [], "ruleName": "Load", "ruleUrl": "http://g", "state": "ok"}"#, .grafanaAlerts),
        (
            #"{"log_entries": [{"type": "trigger_log_entry", "created_at": "2026-11-17T14:03:40Z"}]}"#,
            .pagerDutyLogEntries
        ),
    ])
    func detectsEachPayloadShape(text: String, expected: InputFormat) {
        #expect(detect(text) == expected)
    }

    @Test func webhookLogsAreNotTakenForJSONLines() {
        let opsgenie = #"{"action": "Close", "alert": {"tinyId": "1", "updatedAt": 1}, "integrationId": "i"}"# + "\n"
        #expect(detect(opsgenie + opsgenie) == .opsgenieWebhook)
        let pagerDuty = #"{"event": {"event_type": "incident.resolved", "occurred_at": "2026-11-17T14:03:40Z"}}"# + "\n"
        #expect(detect(pagerDuty + pagerDuty) == .pagerDutyWebhook)
    }

    @Test func ordinaryLogsAndOtherJSONStayWhereTheyWere() {
        #expect(detect(#"{"ts":"2026-11-17T13:58:31Z","msg":"alerts sent","status":"firing"}"# + "\n") == .jsonLines)
        #expect(detect(#"{"created_at": "2026-11-17T13:58:31Z", "action": "deploy", "data": {}}"# + "\n") == .jsonLines)
        #expect(detect(#"{"alerts": [], "summary": "nothing here"}"#) == nil)
        #expect(detect(#"{"data": {"user": "x"}, "createdAt": "2026-11-17T13:58:31Z"}"#) == .jsonLines)
        #expect(detect(#"{"data": [{"id": 1, "owner": "x"}], "requestId": "r"}"#) == nil)
    }
}
