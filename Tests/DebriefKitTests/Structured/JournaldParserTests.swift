import Foundation
import Testing

@testable import DebriefKit

@Suite struct JournaldParserTests {
    @Test func jsonLinesMapJournalFields() throws {
        let run = try parse(
            """
            {"__CURSOR":"s=1;i=1","__REALTIME_TIMESTAMP":"1763387911123456","PRIORITY":"3","_HOSTNAME":"pay-node-3","SYSLOG_IDENTIFIER":"payments-api","_PID":"4412","_SYSTEMD_UNIT":"payments-api.service","SYSLOG_FACILITY":"3","_CMDLINE":"/usr/bin/payments-api","MESSAGE":"pool exhausted","CODE_FILE":"pool.go"}
            {"__REALTIME_TIMESTAMP":"1763387912000000","_COMM":"systemd","_TRANSPORT":"journal","UNIT":"payments-api.service","JOB_RESULT":"failed","MESSAGE":[70,97,105,108,101,100,10,115,116,97,114,116]}
            \u{1E}{"__REALTIME_TIMESTAMP":"1763387913000000","_TRANSPORT":"kernel","PRIORITY":"6","MESSAGE":null}
            """, as: .journaldJSON, timeZone: "Asia/Tokyo")
        #expect(run.records == 3)
        #expect(run.skipped == 0)
        // Epoch microseconds: the source's zone plays no part.
        #expect(
            run.events.map(\.time.iso8601Exact) == [
                "2025-11-17T13:58:31.123456Z", "2025-11-17T13:58:32Z", "2025-11-17T13:58:33Z",
            ])
        let first = run.events[0]
        #expect(first.actor == "payments-api")
        #expect(first.severity == .error)
        #expect(first.text == "pool exhausted")
        #expect(first.timeText == "1763387911123456")
        #expect(first.attributes["host"] == "pay-node-3")
        #expect(first.attributes["unit"] == "payments-api.service")
        #expect(first.attributes["pid"] == "4412")
        #expect(first.attributes["facility"] == "daemon")
        #expect(first.attributes["CODE_FILE"] == "pool.go")
        #expect(first.attributes["_CMDLINE"] == nil)
        // Binary-safe MESSAGE (byte array) and the unit systemd reports on.
        #expect(run.events[1].actor == "systemd")
        #expect(run.events[1].text == "Failed\nstart")
        #expect(run.events[1].attributes["UNIT"] == "payments-api.service")
        #expect(run.events[1].severity == nil)
        // json-seq record separator; kernel transport names the actor.
        #expect(run.events[2].actor == "kernel")
        #expect(run.events[2].text == "")
    }

    @Test func malformedAndUndatedEntriesAreKeptRaw() throws {
        let run = try parse(
            """
            {"__REALTIME_TIMESTAMP":"1763387911000000","MESSAGE":"one"}
            {"__REALTIME_TIMESTAMP":"1763387912000000","MESSAGE":"cut
            {"MESSAGE":"no time"}
            {"__REALTIME_TIMESTAMP":"soon","MESSAGE":"bad time"}
            """, as: .journaldJSON)
        #expect(run.records == 4)
        #expect(run.skipped == 3)
        #expect(run.events.filter { $0.attributes["parse"] == "raw" }.map(\.source.line) == [2, 3, 4])
        #expect(run.diagnostics.filter { $0.severity == .warning }.map(\.line) == [2, 3, 4])
    }

    @Test func prettyEntriesAreReadLineByLine() throws {
        let run = try parse(
            """
            {
            \t"__REALTIME_TIMESTAMP" : "1763387911000000",
            \t"SYSLOG_IDENTIFIER" : "sshd",
            \t"MESSAGE" : "Accepted publickey for deploy"
            }
            {
            \t"__REALTIME_TIMESTAMP" : "1763387912000000",
            \t"MESSAGE" : "cut off
            {
            \t"__REALTIME_TIMESTAMP" : "1763387913000000",
            \t"_COMM" : "cron",
            \t"MESSAGE" : "job done"
            }
            stray text
            {
            \t"__REALTIME_TIMESTAMP" : "1763387914000000",
            """, as: .journaldPretty)
        #expect(run.records == 5)
        #expect(run.skipped == 3)
        #expect(run.events.map(\.source.line) == [1, 6, 9, 14, 15])
        #expect(run.events[0].actor == "sshd")
        #expect(run.events[0].text == "Accepted publickey for deploy")
        #expect(run.events[2].time.iso8601 == "2025-11-17T13:58:33.000Z")
        #expect(run.events[1].attributes["parse"] == "raw")
        #expect(run.events[3].text == "stray text")
        #expect(run.events[4].attributes["reason"] == "journal entry cut off at the end of the file")
    }

    @Test func exportFormatWithBinaryFieldsAndStrayLines() throws {
        var bytes = Array(
            """
            __CURSOR=s=1;i=1
            __REALTIME_TIMESTAMP=1763387911000000
            _HOSTNAME=web01
            SYSLOG_IDENTIFIER=app
            PRIORITY=4

            Nov 17 13:58:31 web01 app: short-format line

            __REALTIME_TIMESTAMP=1763387912000000
            SYSLOG_IDENTIFIER=app
            MESSAGE

            """.utf8)
        let message = Array("line one\nline two\r\n\u{1B}[31mred\u{1B}[0m".utf8)
        withUnsafeBytes(of: UInt64(message.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += message
        bytes += Array("\nPRIORITY=2\n\n__REALTIME_TIMESTAMP=1763387913000000\nMESSAGE=last\n".utf8)
        let run = try parse(bytes, as: .journaldExport)
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events.map(\.source.line) == [1, 7, 9, 17])
        #expect(run.events[0].attributes["host"] == "web01")
        #expect(run.events[0].severity == .warning)
        #expect(run.events[1].text == "Nov 17 13:58:31 web01 app: short-format line")
        #expect(run.events[2].text == "line one\nline two\r\n\u{1B}[31mred\u{1B}[0m")
        #expect(run.events[2].severity == .critical)
        #expect(run.events[3].text == "last")
        #expect(run.events[3].time.iso8601 == "2025-11-17T13:58:33.000Z")
        #expect(run.diagnostics.filter { $0.severity == .warning }.map(\.line) == [7])
    }

    @Test func exportBinaryFieldWithWrongLengthIsKeptRaw() throws {
        var bytes = Array("__REALTIME_TIMESTAMP=1763387911000000\nMESSAGE\n".utf8)
        withUnsafeBytes(of: UInt64(3).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += Array("toolong\nPRIORITY=6\n".utf8)
        let run = try parse(bytes, as: .journaldExport)
        #expect(run.records == 2)
        #expect(run.skipped == 1)
        #expect(run.events.contains { $0.attributes["reason"]?.contains("does not match its length") == true })
        #expect(run.events.contains { $0.severity == .info && $0.time.iso8601 == "2025-11-17T13:58:31.000Z" })
    }

    @Test func exportBinaryValuesEndingInCROrMadeOfNewlines() throws {
        func entry(_ value: [UInt8], at time: Int) -> [UInt8] {
            var bytes = Array("__REALTIME_TIMESTAMP=\(time)000000\nMESSAGE\n".utf8)
            withUnsafeBytes(of: UInt64(value.count).littleEndian) { bytes.append(contentsOf: $0) }
            return bytes + value + Array("\nPRIORITY=6\n\n".utf8)
        }
        let newlines = [UInt8](repeating: 0x0A, count: 100_000)
        let run = try parse(
            entry(Array("ends with CR\r".utf8), at: 1763387911) + entry(newlines, at: 1763387912), as: .journaldExport)
        #expect(run.records == 2)
        #expect(run.skipped == 0)
        #expect(run.events[0].text == "ends with CR\r")
        #expect(run.events[0].severity == .info)
        #expect(run.events[1].text.utf8.count == 100_000)
        #expect(run.events[1].severity == .info)
    }

    @Test func detection() {
        func detect(_ text: String) -> InputFormat? {
            FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
        }
        #expect(
            detect(#"{"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1763387911000000","MESSAGE":"x"}"# + "\n")
                == .journaldJSON)
        #expect(
            detect("\u{1E}" + #"{"__REALTIME_TIMESTAMP":"1763387911000000","MESSAGE":"x"}"# + "\n") == .journaldJSON)
        // Without journal fields, a JSON line stays json-lines.
        #expect(detect(#"{"ts":"2026-11-17T13:58:31Z","msg":"x"}"# + "\n") == .jsonLines)
        #expect(
            detect("{\n\t\"__REALTIME_TIMESTAMP\" : \"1763387911000000\",\n\t\"MESSAGE\" : \"x\"\n}\n")
                == .journaldPretty)
        #expect(detect("__CURSOR=s=1\n__REALTIME_TIMESTAMP=1763387911000000\nMESSAGE=x\n\n") == .journaldExport)
        // Binary-safe fields make the sample look binary; the export format still claims it.
        var binary = Array("__CURSOR=s=1\n__REALTIME_TIMESTAMP=1763387911000000\nMESSAGE\n".utf8)
        binary += [5, 0, 0, 0, 0, 0, 0, 0] + Array("a\nb\u{1B}c\nPRIORITY=6\n\n".utf8)
        #expect(FormatSniffer.detect(SniffSample(bytes: binary, isComplete: true)).format == .journaldExport)
        let elf = FormatSniffer.detect(SniffSample(bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 3], isComplete: true))
        #expect(elf.format == nil)
        #expect(elf.reason?.contains("binary") == true)
    }
}
