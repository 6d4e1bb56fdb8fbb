import Testing
@testable import DebriefKit

@Suite struct FormatSnifferTests {
    func detect(_ text: String) -> InputFormat? {
        FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
    }

    @Test func detectsFromContentNotName() {
        #expect(detect(#"{"ts":"2026-11-17T13:58:31Z","msg":"x"}"# + "\n") == .jsonLines)
        #expect(detect("Nov 17 14:52:07 host app[1]: hello\nNov 17 14:52:08 host app[1]: again\n") == .syslog)
        #expect(detect("<34>1 2003-10-11T22:14:15.003Z host su - - - failed\n") == .syslog5424)
        #expect(detect(#"1.2.3.4 - - [20/Jul/2009:22:59:26 +0000] "GET / HTTP/1.0" 200 134"# + "\n") == .accessLog)
        #expect(detect(#"{"log_entries": [{"type": "trigger_log_entry"}]}"#) == .pagerDutyLogEntries)
    }

    @Test func binaryAndUnknownTextAreNotGuessed() {
        let binary = FormatSniffer.detect(SniffSample(bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 3], isComplete: true))
        #expect(binary.format == nil)
        #expect(binary.reason?.contains("binary") == true)
        #expect(detect("Dear team,\nthe outage was bad.\n") == nil)
        #expect(FormatSniffer.detect(SniffSample(bytes: [], isComplete: true)).reason == "empty file")
    }
}
