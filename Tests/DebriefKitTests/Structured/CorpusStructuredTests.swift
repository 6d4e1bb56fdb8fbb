import Foundation
import Testing
@testable import DebriefKit

/// Structured exports, cloud logs and log stores from ../shared/corpus, read in place.
@Suite(.enabled(if: TestPaths.corpusAvailable, TestPaths.corpusMissing))
struct CorpusStructuredTests {
    @Test func journaldJSONLinesWinOverGenericJSONLines() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_journald.json"))
        #expect(source.summary.format == "journald-json")
        #expect(source.summary.records == 2)
        #expect(source.summary.skipped == 0)
        let events = source.events
        #expect(events.map(\.time.iso8601Exact) == ["2018-08-21T14:04:21.221373Z", "2018-08-21T14:04:21.221373Z"])
        #expect(events.map(\.severity) == [.critical, .info])
        #expect(events.first?.actor == "python")
        #expect(events.first?.attributes["host"] == "imx6ul-medusa")
        #expect(events.first?.attributes["unit"] == "medusa-GpsLocator.service")
        #expect(events.first?.attributes["pid"] == "184")
        #expect(events.last?.text == "GPS Reference latitude: 46.908706667")
    }

    @Test func journaldPrettyJSON() throws {
        let source = readSource(TestPaths.corpus("logs/journald/beats_journalctl-o-json-pretty_sample-event.json"))
        #expect(source.summary.format == "journald-json-pretty")
        #expect(source.summary.records == 1)
        #expect(source.summary.skipped == 0)
        let event = try #require(source.events.first)
        #expect(event.time.iso8601Exact == "2024-08-19T15:20:55.230058Z")
        #expect(event.timeText == "1724080855230058")
        #expect(event.actor == "TestRestartsJournalctlOnError")
        #expect(event.text == "Count: 0000000001")
        #expect(event.severity == .info)
        #expect(event.attributes["host"] == "millennium-falcon")
        #expect(event.attributes["unit"] == "session-2.scope")
        #expect(event.attributes["transport"] == "stdout")
        #expect(event.source.line == 1)
    }

    @Test func journaldExportWithStrayShortLines() throws {
        let source = readSource(TestPaths.corpus("logs/journald/beats_journalctl-o-export_multiple-boots.export"))
        #expect(source.summary.format == "journald-export")
        // Six entries over three boots, plus the two `-o short` lines kept raw.
        #expect(source.summary.records == 8)
        #expect(source.summary.skipped == 2)
        let entries = source.events.filter { $0.attributes["parse"] != "raw" }
        #expect(entries.count == 6)
        #expect(entries.first?.time.iso8601Exact == "2024-09-17T15:09:15.776730Z")
        #expect(entries.last?.time.iso8601Exact == "2024-09-20T16:42:43.817127Z")
        #expect(Set(entries.compactMap { $0.attributes["boot"] }).count == 3)
        #expect(entries.allSatisfy { $0.actor == "kernel" && $0.attributes["host"] == "Debian12" })
        #expect(entries.map(\.severity) == [.notice, .info, .notice, .info, .notice, .info])
        #expect(entries[1].text.hasPrefix("Command line: BOOT_IMAGE=/boot/vmlinuz-6.1.0-25-amd64"))
        let raw = source.events.filter { $0.attributes["parse"] == "raw" }
        #expect(raw.map(\.source.line) == [29, 30])
        #expect(raw.first?.text.hasPrefix("Sep 17 11:26:36 Debian12 kernel: Linux version") == true)
        #expect(source.diagnostics.all.filter { $0.severity == .warning }.map(\.line) == [29, 30])
    }
}
