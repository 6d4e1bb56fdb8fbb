import Foundation
import Testing

@testable import DebriefKit

@Suite struct InspectionTests {
    let folder = TemporaryFolder("inspect")

    @Test func detectedFileShowsFormatCountsRangeAndFirstEvents() throws {
        let file = try folder.write(
            "am.json",
            #"{"version": "4", "receiver": "pager", "alerts": [{"status": "resolved", "labels": {"alertname": "HighLatency", "severity": "critical", "job": "checkout"}, "startsAt": "2026-11-17T09:03:40-05:00", "endsAt": "2026-11-17T09:52:00-05:00"}]}"#
        )
        let inspection = Inspection.inspect(path: file.path, limit: 1)
        let source = try #require(inspection.sources.first)
        #expect(source.summary.format == "alertmanager-webhook")
        #expect(source.summary.confidence == 0.95)
        #expect(source.summary.records == 2)
        #expect(source.summary.firstTime?.iso8601 == "2026-11-17T14:03:40.000Z")
        #expect(source.summary.lastTime?.iso8601 == "2026-11-17T14:52:00.000Z")
        #expect(source.events.count == 1)
        #expect(source.reason == nil)
        #expect(!inspection.hasErrors)

        let text = inspection.text()
        #expect(text.contains("  format      alertmanager-webhook (confidence 0.95)\n"))
        #expect(text.contains("  records     2 (skipped 0, unplaced 0)\n"))
        #expect(text.contains("  time        2026-11-17T14:03:40.000Z … 2026-11-17T14:52:00.000Z\n"))
        #expect(text.contains("    2026-11-17T14:03:40.000Z  alert  critical  checkout  Firing: HighLatency\n"))
        #expect(!text.contains("transition=triggered"))
        #expect(inspection.text(attributes: true).contains("transition=triggered"))
    }

    @Test func unrecognisedFileSaysWhyAndNamesCandidates() throws {
        let file = try folder.write("notes.txt", "Dear team,\nthe outage was bad.\n")
        let inspection = Inspection.inspect(path: file.path)
        let source = try #require(inspection.sources.first)
        #expect(source.summary.format == "unrecognized")
        #expect(source.reason?.contains("no known format matches") == true)
        #expect(source.events.isEmpty)
        let text = inspection.text()
        #expect(text.contains("  format      not read: no known format matches"))
        #expect(!text.contains("warning: not read"))

        let almost = try folder.write("almost.json", #"{"alerts": [{"startsAt": "2026-11-17T14:00:00Z"}]}"#)
        let candidates = try #require(Inspection.inspect(path: almost.path).sources.first).candidates
        #expect(candidates.first?.format == .alertmanagerWebhook)
        #expect(candidates.first?.confidence == 0.7)
    }

    @Test func forcedFormatZoneAndYearAreApplied() throws {
        let file = try folder.write("messages", "Mar 29 02:30:00 web-1 app[1]: started\n")
        let inspection = Inspection.inspect(
            path: file.path, format: .syslog, timeZone: try Inspection.timeZone(named: "America/New_York"), year: 2026)
        let source = try #require(inspection.sources.first)
        #expect(source.summary.format == "syslog")
        #expect(source.summary.confidence == 1)
        #expect(source.candidates.isEmpty)
        #expect(source.events.first?.time.iso8601 == "2026-03-29T06:30:00.000Z")
    }

    @Test func yearLessFileTakesItsYearFromADatedOne() throws {
        let syslog = try folder.write("syslog", "Nov 17 14:30:09 web-1 app[1]: started\n")
        let dated = try folder.write("app.jsonl", #"{"ts":"2026-11-17T14:00:00Z","msg":"deploy"}"# + "\n")
        let inspections = Inspection.inspect(paths: [syslog.path, dated.path])
        #expect(inspections.map { $0.sources.first?.summary.format } == ["syslog", "json-lines"])
        #expect(inspections[0].sources.first?.events.first?.time.iso8601 == "2026-11-17T14:30:09.000Z")
        // Alone, nothing else dates it: the year falls back to the file's modification time, and the
        // note says so.
        let alone = Inspection.inspect(path: syslog.path)
        #expect(!alone.hasErrors)
        #expect(alone.sources.first?.summary.unplaced == 0)
        #expect(alone.sources.first?.diagnostics.contains { $0.message.contains("modification time") } == true)
    }

    @Test func textShowsTenDiagnosticsPerSourceAndCountsTheRest() throws {
        let lines =
            Array(repeating: #"{"ts":"2026-11-17T14:00:00Z","msg":"ok"}"#, count: 20)
            + Array(repeating: "{broken", count: 15)
        let file = try folder.write("app.jsonl", lines.joined(separator: "\n") + "\n")
        let inspection = Inspection.inspect(path: file.path)
        #expect(inspection.sources.first?.diagnostics.count == 15)
        let text = inspection.text()
        #expect(text.components(separatedBy: ": warning: ").count - 1 == 10)
        #expect(text.contains("  … 5 more diagnostics (all are in --json)\n"))
    }

    @Test func missingFileIsAnError() {
        let inspection = Inspection.inspect(path: folder.url.appendingPathComponent("nope.log").path)
        #expect(inspection.sources.isEmpty)
        #expect(inspection.hasErrors)
        #expect(inspection.text().contains("error: no such file or folder"))
    }

    @Test func jsonHoldsTheSameFacts() throws {
        let file = try folder.write(
            "og.json",
            #"{"action": "Close", "integrationName": "Webhook", "alert": {"tinyId": "23", "message": "test", "username": "ana@example.com", "updatedAt": 1420452374669001603}}"#
        )
        let missing = folder.url.appendingPathComponent("missing.json").path
        let json = Inspection.json(
            [Inspection.inspect(path: file.path), Inspection.inspect(path: missing)], attributes: true)
        let value = try JSONParser().parse(json)
        let first = try #require(value[0])
        #expect(first["format"]?.string == "opsgenie-webhook")
        #expect(first["records"]?.text == "1")
        #expect(first["firstTime"]?.string == "2015-01-05T10:06:14.669Z")
        #expect(first["events"]?[0]?["actor"]?.string == "ana@example.com")
        #expect(first["events"]?[0]?["attributes"]?["transition"]?.string == "resolved")
        #expect(first["candidates"]?[0]?["format"]?.string == "opsgenie-webhook")
        #expect(value[1]?["error"]?.string == "no such file or folder")
        let plain = try JSONParser().parse(Inspection.json([Inspection.inspect(path: file.path)]))
        #expect(plain[0]?["events"]?[0]?["attributes"] == nil)
    }

    @Test func namesFromTheCommandLine() {
        #expect(
            throws: DebriefError(
                "unknown format 'grafana-alert' (did you mean 'grafana-alerts'?); `debrief formats` lists them")
        ) {
            try Inspection.format(named: "grafana-alert")
        }
        #expect((try? Inspection.format(named: "grafana-alerts")) == .grafanaAlerts)
        #expect(throws: DebriefError.self) { try Inspection.timeZone(named: "Mars/Olympus") }
    }
}

@Suite struct FormatCatalogTests {
    @Test func everyFormatIsListedOnceUnderItsKind() {
        let listed = FormatCatalog.groups.flatMap(\.formats)
        #expect(listed.count == InputFormat.allCases.count)
        #expect(Set(listed) == Set(InputFormat.allCases))
        for group in FormatCatalog.groups {
            #expect(group.formats.allSatisfy { $0.eventKind == group.kind })
        }
    }

    @Test func textAndMarkdownTables() {
        let text = FormatCatalog.text(width: 100)
        #expect(text.contains("alert events\n  NAME "))
        #expect(text.split(separator: "\n").count > InputFormat.allCases.count + 2 * FormatCatalog.groups.count)
        let markdown = FormatCatalog.markdown()
        #expect(markdown.contains("### Alert events\n\n| name | title | reads |\n|---|---|---|\n"))
        #expect(markdown.contains("| `alertmanager-webhook` | Prometheus Alertmanager webhooks | "))
        #expect(FormatCatalog.escape("a|b\nc") == "a\\|b c")
        #expect(FormatCatalog.wrap("one two three", width: 7) == ["one two", "three"])
    }
}
