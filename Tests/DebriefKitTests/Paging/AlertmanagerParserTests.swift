import Testing

@testable import DebriefKit

@Suite struct AlertmanagerParserTests {
    static let firing = """
        {"version": "4", "groupKey": "{}:{alertname=\\"HighLatency\\"}", "status": "firing", "receiver": "pager",
         "alerts": [{"status": "firing", "labels": {"alertname": "HighLatency", "severity": "page", "job": "checkout"},
                     "annotations": {"summary": "p99 above 2s", "description": "checkout p99 is 3.1s"},
                     "startsAt": "2026-11-17T09:03:40.123456789-05:00", "endsAt": "0001-01-01T00:00:00Z",
                     "generatorURL": "http://prometheus:9090/graph?g0.expr=x", "fingerprint": "f00d"}]}
        """
    static let resolved = """
        {"version": "4", "status": "resolved", "receiver": "pager",
         "alerts": [{"status": "resolved", "labels": {"alertname": "HighLatency", "severity": "page", "job": "checkout"},
                     "annotations": {"summary": "p99 above 2s", "description": "checkout p99 is 3.1s"},
                     "startsAt": "2026-11-17T09:03:40.123456789-05:00", "endsAt": "2026-11-17T09:52:00-05:00",
                     "fingerprint": "f00d"}]}
        """

    @Test func firingAlertIsTriggeredWithItsOffset() throws {
        let run = try parse(Self.firing, as: .alertmanagerWebhook, path: "am.json")
        #expect(run.events.count == 1)
        let event = try #require(run.events.first)
        #expect(event.time.iso8601Exact == "2026-11-17T14:03:40.123456789Z")
        #expect(event.timeText == "2026-11-17T09:03:40.123456789-05:00")
        #expect(event.kind == .alert)
        #expect(event.attributes["transition"] == "triggered")
        #expect(event.text == "Firing: p99 above 2s: checkout p99 is 3.1s")
        #expect(event.severity == .critical)
        #expect(event.actor == "checkout")
        #expect(event.attributes["alert"] == "HighLatency")
        #expect(event.attributes["fingerprint"] == "f00d")
        #expect(event.attributes["url"] == "http://prometheus:9090/graph?g0.expr=x")
        #expect(event.attributes["severity"] == "page")
        #expect(event.attributes["label.job"] == "checkout")
        #expect(event.attributes["repeat"] == nil)
        #expect(event.id == "am.json#1")
    }

    @Test func receiverLogResolvesAndMarksRepeats() throws {
        let log =
            [Self.firing, Self.resolved].map { $0.split(separator: "\n").joined(separator: " ") }
            .joined(separator: "\n") + "\n{\"version\": \"4\", \"alerts\": [\n"
        let run = try parse(log, as: .alertmanagerWebhook, path: "am.jsonl")
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events.map { $0.attributes["transition"] } == ["triggered", "triggered", "resolved", nil])
        #expect(run.events[1].attributes["repeat"] == "true")
        #expect(run.events[2].attributes["repeat"] == nil)
        #expect(run.events[2].time.iso8601 == "2026-11-17T14:52:00.000Z")
        #expect(run.events[2].text == "Resolved: p99 above 2s: checkout p99 is 3.1s")
        #expect(run.events[2].severity == .notice)
        #expect(run.events.map(\.source.line) == [1, 2, 2, 3])
        #expect(run.diagnostics.contains { $0.path == "am.jsonl" && $0.line == 3 })
    }

    @Test func tabsAndZoneLessTimes() throws {
        let run = try parse(
            "{\t\"alerts\": [{\"labels\": {\"alertname\": \"DiskFull\"},\n\t\"startsAt\": \"2026-07-01T12:00:00\", \"endsAt\": \"2026-07-01T12:30:00\"}],\n  \"status\": \"resolved\"}",
            as: .alertmanagerWebhook, timeZone: "Europe/Berlin")
        #expect(run.events.map(\.time.iso8601) == ["2026-07-01T10:00:00.000Z", "2026-07-01T10:30:00.000Z"])
        #expect(run.events[0].text == "Firing: DiskFull")
        #expect(run.events[0].actor == "Alertmanager")
        #expect(run.events[1].attributes["status"] == "resolved")
    }

    @Test func alertWithoutStartIsKeptRaw() throws {
        let run = try parse(
            #"{"alerts": [{"labels": {"alertname": "X"}, "startsAt": "0001-01-01T00:00:00Z"}, {"labels": {"alertname": "Y"}, "startsAt": "2026-11-17T14:00:00Z"}]}"#,
            as: .alertmanagerWebhook)
        #expect(run.records == 2)
        #expect(run.skipped == 1)
        #expect(run.events[0].text == "Firing: X")
        #expect(run.events[0].attributes["parse"] == "raw")
        #expect(run.events[0].time.iso8601 == "2026-11-17T14:00:00.000Z")
    }
}

@Suite struct GrafanaAlertParserTests {
    @Test func unifiedAlertingPayload() throws {
        let run = try parse(
            """
            {"receiver": "hook", "status": "resolved", "orgId": 1, "title": "[RESOLVED] Memory", "state": "ok",
             "alerts": [{"status": "resolved", "labels": {"alertname": "Memory", "grafana_folder": "infra", "severity": "warning"},
                         "annotations": {"summary": "High memory usage"},
                         "startsAt": "2026-11-17T14:00:00+02:00", "endsAt": "2026-11-17T14:10:00+02:00",
                         "values": {"A": 2473545728, "C": 1}, "valueString": "[ var='A' value=2.47e+09 ]",
                         "dashboardURL": "https://grafana/d/abc", "panelURL": "https://grafana/d/abc?viewPanel=2",
                         "silenceURL": "https://grafana/alerting/silence/new", "fingerprint": "beef"}]}
            """, as: .grafanaAlerts)
        #expect(run.events.map { $0.attributes["transition"] } == ["triggered", "resolved"])
        #expect(run.events.map(\.time.iso8601) == ["2026-11-17T12:00:00.000Z", "2026-11-17T12:10:00.000Z"])
        let event = run.events[0]
        #expect(event.actor == "Grafana")
        #expect(event.severity == .warning)
        #expect(event.attributes["values"] == "A=2473545728, C=1")
        #expect(event.attributes["dashboard-url"] == "https://grafana/d/abc")
        #expect(event.attributes["panel-url"] == "https://grafana/d/abc?viewPanel=2")
        #expect(event.attributes["folder"] == "infra")
        #expect(event.attributes["title"] == "[RESOLVED] Memory")
    }

    @Test func legacyPayloadHasNoTimeAndIsKeptRaw() throws {
        let run = try parse(
            """
            {"receiver": "hook", "orgId": 1, "alerts": [{"labels": {"alertname": "Memory"}, "startsAt": "2026-11-17T14:00:00Z", "dashboardURL": ""}]}
            {"evalMatches": [{"value": 100, "metric": "High value", "tags": null}], "ruleId": 1, "ruleName": "Load peaking", "ruleUrl": "http://grafana/d/1", "state": "alerting", "title": "[Alerting] Load peaking", "message": "Load is peaking"}
            """, as: .grafanaAlerts, path: "grafana.jsonl")
        #expect(run.records == 2)
        #expect(run.skipped == 1)
        let raw = try #require(run.events.last)
        #expect(raw.attributes["parse"] == "raw")
        #expect(raw.text == "[Alerting] Load peaking (state alerting): Load is peaking")
        #expect(raw.time.iso8601 == "2026-11-17T14:00:00.000Z")
        #expect(run.diagnostics.contains { $0.line == 2 && $0.message.contains("carries no time") })
    }
}
