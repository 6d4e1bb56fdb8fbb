import Testing
@testable import DebriefKit

@Suite struct TextFormatDetectionTests {
    func detect(_ text: String) -> InputFormat? {
        FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
    }

    @Test func eachTextFormatIsRecognisedFromContent() {
        #expect(detect("[Wed Oct 11 14:32:52.123456 2023] [core:error] [pid 1234:tid 5678] AH00124: loop\n") == .apacheErrorLog)
        #expect(detect(
            """
            Feb 25 16:19:38 lb1 haproxy[1]: Proxy web started.
            Feb 25 16:19:49 lb1 haproxy[7]: 10.0.0.1:53332 [25/Feb/2019:16:19:48.143] web~ be/app1 0/0/7/1457/1487 200 11394 - - ---- 2/1/0/0/0 0/0
            """) == .haproxy)
        #expect(detect("#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Fields: date time sc-status\n2026-11-17 13:58:31 200\n") == .iisW3C)
        #expect(detect("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System/></Event>") == .windowsEventXML)
        #expect(detect("<?xml version=\"1.0\"?>\n<Objects>\n<Object Type=\"System.Diagnostics.Eventing.Reader.EventLogRecord\">\n") == .windowsEventXML)
        #expect(detect("web-1  | 2026-11-17T13:58:31.123456789Z started\nweb-1  | 2026-11-17T13:58:32.5Z ready: yes\n") == .dockerLogs)
        #expect(detect("2026-11-17T13:58:31.123456789Z started\n2026-11-17T13:58:32.000000000Z host: ready\n") == .dockerLogs)
        #expect(detect("2015-10-18 18:01:47,978 INFO [main] org.apache.App: created\n2015-10-18 18:01:48,963 INFO [main] org.apache.App: running\n") == .textLog)
        #expect(detect("081109 203615 148 INFO dfs.DataNode: a\n081109 203807 222 INFO dfs.DataNode: b\n") == .textLog)
        #expect(detect("[10.30 16:49:06] chrome.exe - a:80 open\n[10.30 16:49:07] chrome.exe - b:80 close\n") == .textLog)
    }

    @Test func theFallbackToleratesStackTraces() {
        var log = "2026-11-17 13:58:31,139 ERROR [main] Checkout: payment failed\njava.lang.IllegalStateException: boom\n"
        for frame in 0..<30 { log += "\tat com.shop.Frame\(frame).call(Frame.java:\(frame))\n" }
        log += "Caused by: java.net.SocketTimeoutException\n2026-11-17 13:58:32,000 INFO [main] Checkout: retry\n"
        #expect(detect(log) == .textLog)
    }

    @Test func specificFormatsKeepTheirFiles() {
        // BSD syslog, RFC 5424, access logs and JSON lines all carry timestamps too; they stay theirs.
        #expect(detect("Nov 17 14:52:07 host app[1]: hello\nNov 17 14:52:08 host app[1]: again\n") == .syslog)
        #expect(detect("Nov 17 14:59:44 web01 haproxy[2211]: Server be/pay-3 is DOWN, reason: Layer7 timeout\nNov 17 14:59:45 web01 kernel: eth0 up\n") == .syslog)
        #expect(detect("<34>1 2003-10-11T22:14:15.003Z host su - - - failed\n") == .syslog5424)
        #expect(detect("2026-11-17T13:58:31.123456+01:00 web01 sshd[42]: Accepted publickey for deploy\n") == .syslog)
        #expect(detect(#"1.2.3.4 - - [20/Jul/2009:22:59:26 +0000] "GET / HTTP/1.0" 200 134"# + "\n") == .accessLog)
        #expect(detect(#"{"ts":"2026-11-17T13:58:31Z","msg":"x"}"# + "\n") == .jsonLines)
        #expect(detect("[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok\n[Sun Dec 04 04:47:44 2005] [error] mod_jk child in error state 6\n") == .apacheErrorLog)
    }

    @Test func theFallbackStaysBelowEverySpecificFormat() {
        // Chat logs with timestamps (IRC) and other specific formats must win over the fallback.
        let irc = "2005-01-08T23:33:54  <mgedmin> hi\n2005-01-08T23:34:10  <bob> hello\n"
        let confidence = TextLogParser.confidence(for: SniffSample(bytes: Array(irc.utf8), isComplete: true))
        #expect(confidence >= FormatSniffer.threshold)
        #expect(confidence <= 0.6)
    }

    @Test func textWithoutTimestampsIsNotALog() {
        #expect(detect("Dear team,\nthe outage on 2026-11-17 was bad.\nRegards\n") == nil)
        #expect(detect("id,opened,state\nINC1,2026-11-17 13:58:31,New\nINC2,2026-11-17 13:59:31,Closed\n") == nil)
        #expect(TextLogParser.confidence(for: SniffSample(bytes: Array("Nov 17 14:52:07 host app[1]: hi\n".utf8), isComplete: true)) < 0.5)
    }
}
