import Testing

@testable import DebriefKit

@Suite struct PagerDutyIncidentParserTests {
    let response = """
        {"incidents": [
          {"id": "Q1", "incident_number": 41, "title": "Checkout 502s", "status": "resolved",
           "created_at": "2026-11-17T14:03:40Z", "urgency": "high", "html_url": "https://acme.pagerduty.com/incidents/Q1",
           "service": {"summary": "payments-api"}, "priority": {"summary": "P1"},
           "assignments": [{"at": "2026-11-17T14:03:41Z", "assignee": {"summary": "Dana Whitfield"}}],
           "acknowledgements": [{"at": "2026-11-17T14:07:05Z", "acknowledger": {"summary": "Dana Whitfield"}}],
           "last_status_change_at": "2026-11-17T14:52:00Z", "last_status_change_by": {"summary": "Ravi Shah"},
           "resolve_reason": "rolled back the config"},
          {"id": "Q2", "incident_number": 42, "title": "Disk filling", "status": "acknowledged",
           "created_at": "2026-11-17T15:00:00Z",
           "acknowledgements": [{"at": "2026-11-17T15:01:00Z", "acknowledger": {"summary": "Ravi Shah"}}],
           "last_status_change_at": "2026-11-17T15:01:00Z"},
          {"id": "Q3", "incident_number": 43, "title": "Ack timed out", "status": "triggered",
           "created_at": "2026-11-17T16:00:00Z", "last_status_change_at": "2026-11-17T16:30:00Z"},
          {"id": "Q4", "incident_number": 44, "title": "No time", "status": "triggered", "created_at": "soon"}
        ]}
        """

    @Test func incidentsBecomeTransitions() throws {
        let run = try parse(response, as: .pagerDutyIncidents, path: "incidents.json")
        #expect(run.records == 9)
        #expect(run.events.count == 9)
        let q1 = run.events.filter { $0.attributes["incident"] == "Q1" }
        #expect(q1.map { $0.attributes["transition"] } == ["triggered", "assigned", "acknowledged", "resolved"])
        #expect(
            q1.map(\.time.iso8601) == [
                "2026-11-17T14:03:40.000Z", "2026-11-17T14:03:41.000Z", "2026-11-17T14:07:05.000Z",
                "2026-11-17T14:52:00.000Z",
            ])
        #expect(q1[0].actor == "payments-api")
        #expect(q1[0].severity == .critical)  // priority P1
        #expect(q1[0].text == "Incident #41 triggered: Checkout 502s")
        #expect(q1[0].attributes["url"] == "https://acme.pagerduty.com/incidents/Q1")
        #expect(q1[0].attributes["incident.number"] == "41")
        #expect(q1[1].attributes["assignee"] == "Dana Whitfield")
        #expect(q1[2].actor == "Dana Whitfield")
        #expect(q1[3].actor == "Ravi Shah")
        #expect(q1[3].text == "Incident #41 resolved by Ravi Shah: rolled back the config")
        #expect(q1.allSatisfy { $0.kind == .alert && $0.attributes["service"] == "payments-api" })
    }

    @Test func statusChangeIsNotCountedTwiceAndUnacknowledgedIsRecognised() throws {
        let run = try parse(response, as: .pagerDutyIncidents)
        let q2 = run.events.filter { $0.attributes["incident"] == "Q2" }
        #expect(q2.map { $0.attributes["transition"] } == ["triggered", "acknowledged"])
        let q3 = run.events.filter { $0.attributes["incident"] == "Q3" }
        #expect(q3.map { $0.attributes["transition"] } == ["triggered", "unacknowledged"])
        #expect(q3.last?.time.iso8601 == "2026-11-17T16:30:00.000Z")
    }

    @Test func incidentWithoutATimeIsKeptRaw() throws {
        let run = try parse(response, as: .pagerDutyIncidents, path: "incidents.json")
        #expect(run.skipped == 1)
        let raw = try #require(run.events.first { $0.attributes["parse"] == "raw" })
        #expect(raw.text == "Incident #44 triggered: No time")
        #expect(raw.kind == .note)
        #expect(run.diagnostics.contains { $0.path == "incidents.json" && $0.message.contains("created_at") })
    }

    @Test func singleIncidentAndZoneLessTimes() throws {
        let run = try parse(
            #"{"incident": {"id": "Q9", "title": "Late night", "created_at": "2026-03-29T01:30:00", "status": "triggered"}}"#,
            as: .pagerDutyIncidents, timeZone: "Europe/Berlin")
        #expect(run.events.count == 1)
        #expect(run.events[0].time.iso8601 == "2026-03-29T00:30:00.000Z")
        #expect(run.events[0].timeText == "2026-03-29T01:30:00")
        #expect(run.events[0].text == "Incident Q9 triggered: Late night")
    }

    @Test func otherDocumentsAreRefused() {
        #expect(throws: DebriefError.self) { try parse(#"{"log_entries": []}"#, as: .pagerDutyIncidents) }
        #expect(throws: DebriefError.self) { try parse(#"{"incidents": [}"#, as: .pagerDutyIncidents) }
    }
}

@Suite struct PagerDutyAlertParserTests {
    @Test func alertsFireAndResolve() throws {
        let run = try parse(
            """
            {"alerts": [
              {"id": "A1", "summary": "CPU high on db-1", "created_at": "2026-11-17T09:03:40-05:00", "status": "resolved",
               "resolved_at": "2026-11-17T09:30:00-05:00", "alert_key": "db-1/cpu", "severity": "critical",
               "integration": {"summary": "Datadog"}, "incident": {"id": "Q1"}, "service": {"summary": "db"}},
              {"id": "A2", "summary": "still going", "created_at": "2026-11-17T14:10:00Z", "status": "triggered"},
              {"id": "A3", "summary": "bad", "created_at": "yesterday"}
            ]}
            """, as: .pagerDutyAlerts)
        #expect(run.events.count == 4)
        #expect(run.skipped == 1)
        let a1 = run.events.filter { $0.attributes["alert.id"] == "A1" }
        #expect(a1.map { $0.attributes["transition"] } == ["triggered", "resolved"])
        #expect(a1.map(\.time.iso8601) == ["2026-11-17T14:03:40.000Z", "2026-11-17T14:30:00.000Z"])
        #expect(a1[0].actor == "Datadog")
        #expect(a1[0].severity == .critical)
        #expect(a1[0].attributes["fingerprint"] == "db-1/cpu")
        #expect(a1[0].attributes["incident"] == "Q1")
        let a2 = run.events.filter { $0.attributes["alert.id"] == "A2" }
        #expect(a2.map { $0.attributes["transition"] } == ["triggered"])
    }
}

@Suite struct PagerDutyWebhookParserTests {
    static func event(_ type: String, at time: String, agent: String = "Dana Whitfield", data: String? = nil) -> String
    {
        let incident =
            #"{"id": "PQ1", "type": "incident", "number": 7, "title": "Checkout 502s", "status": "triggered", "service": {"summary": "payments-api"}, "html_url": "https://acme.pagerduty.com/incidents/PQ1", "assignees": [{"summary": "Ravi Shah"}], "priority": {"summary": "P2"}}"#
        return
            #"{"event": {"id": "E-\#(type)", "event_type": "\#(type)", "occurred_at": "\#(time)", "agent": {"summary": "\#(agent)", "type": "user_reference"}, "data": \#(data ?? incident)}}"#
    }

    @Test func receiverLogOfEventsWithABrokenLine() throws {
        let lines = [
            Self.event("incident.triggered", at: "2026-11-17T14:03:40.120Z", agent: "Datadog"),
            Self.event("incident.acknowledged", at: "2026-11-17T14:07:05Z"),
            #"{"event": {"event_type": "incident.escalated", "occurred_at": "#,
            Self.event("incident.escalated", at: "2026-11-17T14:20:00Z"),
            Self.event(
                "incident.annotated", at: "2026-11-17T14:21:00Z",
                data:
                    #"{"type": "incident_note", "content": "rolling back", "incident": {"id": "PQ1", "type": "incident_reference"}}"#
            ),
            Self.event(
                "incident.status_update_published", at: "2026-11-17T14:25:00Z",
                data: #"{"message": "We are rolling back.", "incident": {"id": "PQ1"}}"#),
            Self.event("incident.priority_updated", at: "2026-11-17T14:26:00Z"),
            Self.event("incident.resolved", at: "2026-11-17T14:52:00+01:00"),
            #"{"hello": "world"}"#,
        ]
        let run = try parse(lines.joined(separator: "\n") + "\n", as: .pagerDutyWebhook, path: "pd-hooks.jsonl")
        #expect(run.records == 9)
        #expect(run.skipped == 2)
        let parsed = run.events.filter { $0.attributes["parse"] == nil }
        #expect(
            parsed.map { $0.attributes["transition"] } == [
                "triggered", "acknowledged", "escalated", "annotated", "annotated", "priority-changed", "resolved",
            ])
        #expect(parsed[0].actor == "Datadog")
        #expect(parsed[0].time.iso8601Exact == "2026-11-17T14:03:40.120Z")
        #expect(parsed[0].text == "Incident #7 triggered by Datadog: Checkout 502s")
        #expect(parsed[0].attributes["incident"] == "PQ1")
        #expect(parsed[0].attributes["alert"] == "Checkout 502s")
        #expect(parsed[0].attributes["url"] == "https://acme.pagerduty.com/incidents/PQ1")
        #expect(parsed[0].severity == .error)
        #expect(parsed[1].actor == "Dana Whitfield")
        #expect(parsed[2].text == "Incident #7 escalated by Dana Whitfield to Ravi Shah: Checkout 502s")
        #expect(parsed[3].attributes["incident"] == "PQ1")
        #expect(parsed[3].attributes["note"] == "rolling back")
        #expect(parsed[4].kind == .status)
        #expect(parsed[6].time.iso8601 == "2026-11-17T13:52:00.000Z")
        #expect(parsed.map(\.id).first == "pd-hooks.jsonl:1")
        let broken = try #require(run.events.first { $0.attributes["parse"] == "raw" })
        #expect(broken.source.line == 3)
        #expect(run.diagnostics.contains { $0.line == 3 && $0.message.contains("malformed JSON") })
        #expect(run.diagnostics.contains { $0.line == 9 && $0.message.contains("not a PagerDuty v3 webhook event") })
    }

    @Test func arrayOfEventsAndBareEvents() throws {
        let run = try parse(
            "[" + Self.event("incident.reassigned", at: "2026-11-17T14:03:40Z") + ", "
                + #"{"event_type": "service.updated", "occurred_at": "2026-11-17T14:04:00Z", "data": {"id": "S1", "type": "service"}}"#
                + "]", as: .pagerDutyWebhook)
        #expect(run.events.count == 2)
        #expect(run.events[0].attributes["transition"] == "assigned")
        #expect(run.events[0].attributes["assignees"] == "Ravi Shah")
        #expect(run.events[1].attributes["transition"] == nil)
        #expect(run.events[1].attributes["event-type"] == "service.updated")
        #expect(run.events[1].text == "PagerDuty service.updated")
        #expect(run.events[1].attributes["incident"] == nil)
        #expect(run.events[0].source.line == nil)
    }

    @Test func nothingReadableIsAnError() {
        #expect(throws: DebriefError.self) { try parse("{\"event\": ", as: .pagerDutyWebhook) }
    }
}
