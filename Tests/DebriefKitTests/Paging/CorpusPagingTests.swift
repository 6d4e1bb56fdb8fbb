import Foundation
import Testing

@testable import DebriefKit

/// The paging and alerting files of ../shared/corpus, read in place through detection.
@Suite(.enabled(if: TestPaths.corpusAvailable, TestPaths.corpusMissing))
struct CorpusPagingTests {
    static let expectations: [(file: String, format: String, records: Int)] = [
        (
            "alerts/alertmanager/prometheus-msteams_alertmanager-webhook-v4_large-grouped.json", "alertmanager-webhook",
            19
        ),
        ("alerts/alertmanager/prometheus-msteams_alertmanager-webhook-v4_single-alert.json", "alertmanager-webhook", 1),
        ("alerts/alertmanager/zulip_alertmanager-webhook-v4_two-alerts-fingerprint.json", "alertmanager-webhook", 2),
        ("alerts/grafana/zulip_grafana-v11_unified-alerting-webhook_firing.json", "grafana-alerts", 1),
        ("alerts/opsgenie/zulip_opsgenie_webhook_close.json", "opsgenie-webhook", 1),
        ("alerts/opsgenie/zulip_opsgenie_webhook_create.json", "opsgenie-webhook", 1),
        (
            "alerts/pagerduty/pagerduty-api-schema_rest-v2_incident_log_entries_DOC-EXAMPLE.json",
            "pagerduty-log-entries", 1
        ),
        ("alerts/pagerduty/pypd_rest-v2_sample_alerts.json", "pagerduty-alerts", 2),
        ("alerts/pagerduty/pypd_rest-v2_sample_incident_resolve_response.json", "pagerduty-incidents", 4),
        ("alerts/pagerduty/pypd_rest-v2_sample_incidents.json", "pagerduty-incidents", 4),
        ("alerts/pagerduty/zulip_pagerduty_webhook-v3_incident.resolved.json", "pagerduty-webhook", 1),
        ("alerts/pagerduty/zulip_pagerduty_webhook-v3_incident.triggered.json", "pagerduty-webhook", 1),
    ]

    @Test func everyAlertsFileIsDetectedAndReadWhole() throws {
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: TestPaths.corpus("alerts").path)
            .filter { $0.hasSuffix(".json") }.map { "alerts/" + $0 }.sorted()
        #expect(onDisk == Self.expectations.map(\.file).sorted(), "a new alerts/ corpus file needs an expectation")
        for (file, format, records) in Self.expectations {
            let source = readSource(TestPaths.corpus(file))
            #expect(source.summary.format == format, "\(file)")
            #expect(source.summary.records == records, "\(file)")
            #expect(source.summary.skipped == 0, "\(file)")
            #expect(source.events.count == source.summary.records, "\(file): nothing lost")
            #expect(source.events.allSatisfy { $0.kind == .alert && $0.attributes["transition"] != nil }, "\(file)")
            #expect(source.diagnostics.all.isEmpty, "\(file): \(source.diagnostics.all)")
        }
    }

    @Test func alertmanagerLargeGroupedPayloadWithTabs() throws {
        let source = readSource(
            TestPaths.corpus("alerts/alertmanager/prometheus-msteams_alertmanager-webhook-v4_large-grouped.json"))
        #expect(source.summary.records == 19)
        #expect(source.summary.firstTime?.iso8601 == "2019-01-09T15:20:40.341Z")
        #expect(source.summary.lastTime?.iso8601 == "2019-01-10T02:58:40.360Z")
        #expect(source.events.filter { $0.time.iso8601 == "2019-01-10T02:58:40.360Z" }.count == 6)
        let first = try #require(source.events.first)
        #expect(first.time.iso8601Exact == "2019-01-09T15:20:40.341301011Z")
        #expect(first.attributes["transition"] == "triggered")
        #expect(first.attributes["alert"] == "NodeEvent")
        #expect(first.attributes["status"] == "firing")
        #expect(first.attributes["severity"] == "page")
        #expect(first.severity == .critical)
        #expect(first.actor == "infrastructurevmenvironmentcuser3cne1")
        #expect(
            first.text
                == "Firing: Server is down. `infrastructure002A` - `user3environmentc`: Server `infrastructure002A` in `user3environmentc`, Service/Job=`data_collector` is down for more than 5 minute."
        )
        #expect(source.events.allSatisfy { $0.attributes["repeat"] == nil })
    }

    @Test func alertmanagerNanosecondsWithLocalOffset() throws {
        let source = readSource(
            TestPaths.corpus("alerts/alertmanager/prometheus-msteams_alertmanager-webhook-v4_single-alert.json"))
        let event = try #require(source.events.first)
        #expect(event.time.iso8601 == "2018-03-07T11:33:21.873Z")
        #expect(event.time.iso8601Exact == "2018-03-07T11:33:21.873077559Z")
        #expect(event.timeText == "2018-03-07T06:33:21.873077559-05:00")
        #expect(event.attributes["transition"] == "triggered")
        #expect(event.attributes["alert"] == "high_memory_load")
        #expect(event.actor == "docker_nodes")
        #expect(event.severity == .warning)
        #expect(event.text == "Firing: Server High Memory usage: 10.80.40.11 reported high memory usage with 23.28%.")
    }

    @Test func alertmanagerFingerprints() throws {
        let source = readSource(
            TestPaths.corpus("alerts/alertmanager/zulip_alertmanager-webhook-v4_two-alerts-fingerprint.json"))
        #expect(source.events.map(\.time.iso8601) == ["2020-02-06T00:17:58.432Z", "2020-02-06T00:17:58.432Z"])
        #expect(source.events.map { $0.attributes["fingerprint"] } == ["a1bc48475b20e73d", "c2ea85182f28cbd9"])
        #expect(source.events.map(\.actor) == ["andromeda", "andromeda"])
        #expect(
            source.events.allSatisfy { $0.severity == .critical && $0.attributes["alert"] == "High CPU Temperature" })
        #expect(source.events[0].attributes["url"]?.hasPrefix("http://cobalt:9090/graph?g0.expr=") == true)
        #expect(source.events[1].text == "Firing: High CPU core temperature: CPU core temperature is 17.625C")
    }

    @Test func grafanaUnifiedAlerting() throws {
        let source = readSource(
            TestPaths.corpus("alerts/grafana/zulip_grafana-v11_unified-alerting-webhook_firing.json"))
        #expect(source.summary.confidence == 0.97)
        let event = try #require(source.events.first)
        #expect(event.time.iso8601 == "2024-03-01T02:09:00.000Z")
        #expect(event.attributes["transition"] == "triggered")
        #expect(event.attributes["alert"] == "Memory (copy)")
        #expect(event.attributes["fingerprint"] == "e6349a25f5ef0e9e")
        #expect(event.attributes["values"] == "A=2473545728, B=0, C=1, minute=9")
        #expect(event.attributes["folder"] == "device")
        #expect(
            event.attributes["panel-url"]
                == "https://play.grafana.org/d/ece9fb32-7f71-4be9-bd94-2f23608ae5b9?orgId=1&viewPanel=2")
        #expect(event.attributes["title"] == "[FIRING:1] Memory (copy) device (true)")
        #expect(event.actor == "Grafana")
        #expect(event.text == "Firing: High memory usage")
    }

    @Test func opsgenieWebhooksWithNanosecondUpdates() throws {
        let close = try #require(
            readSource(TestPaths.corpus("alerts/opsgenie/zulip_opsgenie_webhook_close.json")).events.first)
        #expect(close.time.iso8601Exact == "2015-01-05T10:06:14.669001603Z")
        #expect(close.timeText == "1420452374669001603")
        #expect(close.attributes["transition"] == "resolved")
        #expect(close.actor == "fili@ifountain.com")
        #expect(close.attributes["alert.number"] == "23")
        #expect(close.attributes["fingerprint"] == "aliastest")
        #expect(close.attributes["integration"] == "Integration1")
        let create = try #require(
            readSource(TestPaths.corpus("alerts/opsgenie/zulip_opsgenie_webhook_create.json")).events.first)
        #expect(create.time.iso8601Exact == "2017-08-14T11:25:56.288000110Z")
        #expect(create.attributes["transition"] == "triggered")
        #expect(create.actor == "test@example.com")
        #expect(create.severity == .warning)
        #expect(create.attributes["priority"] == "P3")
        #expect(create.attributes["tags"] == "vip")
        #expect(create.text == "Alert #2 created by test@example.com: another alert")
    }

    @Test func pagerDutyAlerts() throws {
        let source = readSource(TestPaths.corpus("alerts/pagerduty/pypd_rest-v2_sample_alerts.json"))
        #expect(source.events.map(\.time.iso8601) == ["2017-04-07T03:41:07.000Z", "2017-04-07T03:41:08.000Z"])
        #expect(source.events.map { $0.attributes["alert.id"] } == ["ALERT2", "ALERT1"])
        #expect(
            source.events.allSatisfy {
                $0.attributes["transition"] == "triggered" && $0.actor == "API Alert"
                    && $0.attributes["incident"] == "INCIDENT1"
                    && $0.attributes["status"] == "resolved"
            })
        #expect(source.summary.reordered == 1)
    }

    @Test func pagerDutyIncidentResolveResponse() throws {
        let source = readSource(TestPaths.corpus("alerts/pagerduty/pypd_rest-v2_sample_incident_resolve_response.json"))
        #expect(
            source.events.map { $0.attributes["transition"] } == ["triggered", "resolved", "assigned", "acknowledged"])
        #expect(
            source.events.map(\.time.iso8601) == [
                "2015-10-06T21:30:42.000Z", "2015-10-06T21:38:23.000Z", "2015-11-10T00:31:52.000Z",
                "2015-11-10T00:32:52.000Z",
            ])
        #expect(source.events.map(\.actor) == ["My Mail Service", "Earline Greenholt", nil, "Earline Greenholt"])
        #expect(source.events[1].attributes["reason"] == "Tests resolved it!")
        #expect(source.events[2].attributes["assignee"] == "Earline Greenholt")
        #expect(
            source.events.allSatisfy {
                $0.attributes["incident"] == "INCIDENT1" && $0.attributes["incident.number"] == "1234"
            })
        #expect(source.events[0].text == "Incident #1234 triggered: The server is on fire.")
    }

    @Test func pagerDutyIncidentList() throws {
        let source = readSource(TestPaths.corpus("alerts/pagerduty/pypd_rest-v2_sample_incidents.json"))
        #expect(
            source.events.map { $0.attributes["transition"] } == ["triggered", "triggered", "resolved", "resolved"])
        #expect(
            source.events.map(\.time.iso8601) == [
                "2017-04-07T03:41:08.000Z", "2017-04-07T03:41:08.000Z", "2017-04-07T03:57:56.000Z",
                "2017-04-07T03:57:56.000Z",
            ])
        #expect(
            source.events.map(\.actor) == [
                "Alert and Incidents", "Alert and Incidents", "Nizar Gharbi", "Nizar Not Gharbi",
            ])
        #expect(
            source.events.map { $0.attributes["incident"] } == ["INCIDENT1", "INCIDENT2", "INCIDENT1", "INCIDENT2"])
        #expect(source.events[2].attributes["service"] == "Alert and Incidents")
    }

    @Test func pagerDutyWebhooks() throws {
        let resolved = try #require(
            readSource(TestPaths.corpus("alerts/pagerduty/zulip_pagerduty_webhook-v3_incident.resolved.json")).events
                .first)
        #expect(resolved.time.iso8601 == "2021-06-04T13:16:53.816Z")
        #expect(resolved.attributes["transition"] == "resolved")
        #expect(resolved.actor == "PIG 208")
        #expect(resolved.attributes["incident"] == "PCPZE64")
        #expect(resolved.attributes["incident.number"] == "6")
        #expect(resolved.attributes["service"] == "pig208")
        #expect(resolved.attributes["url"] == "https://pig208.pagerduty.com/incidents/PCPZE64")
        #expect(resolved.text == "Incident #6 resolved by PIG 208: Test Incident")
        let triggered = try #require(
            readSource(TestPaths.corpus("alerts/pagerduty/zulip_pagerduty_webhook-v3_incident.triggered.json")).events
                .first)
        #expect(triggered.time.iso8601 == "2021-06-04T13:35:29.781Z")
        #expect(triggered.attributes["transition"] == "triggered")
        #expect(triggered.attributes["assignees"] == "PIG 208")
        #expect(triggered.attributes["status"] == "triggered")
        #expect(triggered.attributes["event-type"] == "incident.triggered")
    }

    @Test func inspectionOfACorpusFile() throws {
        let inspection = Inspection.inspect(
            path: TestPaths.corpus("alerts/pagerduty/pypd_rest-v2_sample_incidents.json").path, limit: 2)
        let source = try #require(inspection.sources.first)
        #expect(source.summary.format == "pagerduty-incidents")
        #expect(source.candidates.map(\.format) == [.pagerDutyIncidents, .pagerDutyLogEntries])
        #expect(source.events.count == 2)
        #expect(inspection.text().contains("candidates  pagerduty-incidents 0.95, pagerduty-log-entries 0.90\n"))
    }
}
