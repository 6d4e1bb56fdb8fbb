import Testing

@testable import DebriefKit

@Suite struct LogfmtParserTests {
    @Test func goKitLogrusAndHerokuStyles() throws {
        let run = try parse(
            #"""
            ts=2026-11-17T13:58:31.402Z caller=pool.go:88 level=error service=payments-api msg="db pool exhausted; waited 5000ms" pool=8
            time="2026-11-17T14:58:32+01:00" level=warning msg="retrying \"charge\"\nattempt 2" attempt=2
            2026-11-17T13:58:33.123456+00:00 heroku[router]: at=error code=H12 desc="Request timeout" method=POST path="/checkout" status=503
            t=1763387914 lvl=info msg=started debug
            """#, as: .logfmt)
        #expect(run.records == 4)
        #expect(run.skipped == 0)
        #expect(
            run.events.map(\.time.iso8601) == [
                "2026-11-17T13:58:31.402Z", "2026-11-17T13:58:32.000Z", "2026-11-17T13:58:33.123Z",
                "2025-11-17T13:58:34.000Z",
            ])
        #expect(run.events.map(\.severity) == [.error, .warning, .error, .info])
        #expect(run.events[0].text == "db pool exhausted; waited 5000ms")
        #expect(run.events[0].actor == "payments-api")
        #expect(run.events[0].attributes["caller"] == "pool.go:88")
        #expect(run.events[0].attributes["pool"] == "8")
        #expect(run.events[0].timeText == "2026-11-17T13:58:31.402Z")
        #expect(run.events[1].text == "retrying \"charge\"\nattempt 2")
        #expect(run.events[2].actor == "heroku[router]")
        #expect(run.events[2].attributes["code"] == "H12")
        #expect(run.events[2].attributes["path"] == "/checkout")
        #expect(run.events[2].timeText == "2026-11-17T13:58:33.123456+00:00")
        #expect(run.events[2].text.hasPrefix("at=error code=H12"))
        #expect(run.events[3].attributes["debug"] == "")
    }

    @Test func zoneLessTimesUseTheSourceZone() throws {
        let run = try parse(#"time="2026-07-01 10:00:00" level=info msg=local"#, as: .logfmt, timeZone: "Europe/Berlin")
        #expect(run.events.first?.time.iso8601 == "2026-07-01T08:00:00.000Z")
    }

    @Test func linesWithoutPairsOrTimeAreKeptRaw() throws {
        let run = try parse(
            """
            ts=2026-11-17T13:58:31Z msg=one
            panic: runtime error
            level=error msg="no time"
            ts=later msg=two
            ts=2026-11-17T13:58:35Z msg=three
            """, as: .logfmt)
        #expect(run.records == 5)
        #expect(run.skipped == 3)
        #expect(run.events.filter { $0.attributes["parse"] == "raw" }.map(\.source.line) == [2, 3, 4])
        #expect(run.diagnostics.map(\.line) == [2, 3, 4])
        #expect(run.events[1].time.iso8601 == "2026-11-17T13:58:31.000Z")
    }

    @Test func detection() {
        func detect(_ text: String) -> InputFormat? {
            FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
        }
        #expect(
            detect("ts=2026-11-17T13:58:31Z level=info msg=hello\nts=2026-11-17T13:58:32Z level=info msg=again\n")
                == .logfmt)
        #expect(detect("2026-11-17T13:58:31.1+00:00 heroku[router]: at=info method=GET path=/ status=200\n") == .logfmt)
        // Syslog lines whose message happens to hold pairs stay syslog.
        #expect(detect("Nov 17 14:52:07 host app[1]: user=bob action=login\n") == .syslog)
        #expect(detect("Dear team, ts=2026-11-17T13:58:31Z was bad.\n") == nil)
    }
}
