import Testing
@testable import DebriefKit

@Suite struct TextLogParserTests {
    @Test func readsLevelThreadLoggerAndMessage() throws {
        let run = try parse(
            """
            2026-11-17 13:58:31,402 ERROR [http-nio-8080-exec-3] com.shop.PaymentService: charge failed for order 1182
            2026-11-17 13:58:32,010 - INFO  [main:QuorumPeer@774] - Notification time out: 3200
            2026-11-17 13:58:33.500 12345 WARN nova.compute.manager [req-1] Instance is slow
            """, as: .textLog)
        #expect(run.records == 3)
        #expect(run.events.map(\.severity) == [.error, .info, .warning])
        #expect(run.events.map(\.actor) == ["com.shop.PaymentService", nil, "nova.compute.manager"])
        #expect(run.events[0].text == "charge failed for order 1182")
        #expect(run.events[0].attributes["thread"] == "http-nio-8080-exec-3")
        #expect(run.events[1].attributes["thread"] == "main:QuorumPeer@774")
        #expect(run.events[1].text == "Notification time out: 3200")
        #expect(run.events[2].attributes["pid"] == "12345")
        #expect(run.events[0].timeText == "2026-11-17 13:58:31,402")
        #expect(run.events[0].id == "inline.log:1")
        #expect(run.diagnostics.isEmpty)
    }

    @Test func stackTraceAttachesToTheRecordBeforeIt() throws {
        let run = try parse(
            """
            2026-11-17T13:58:30,100 INFO [main] Checkout: request accepted
            2026-11-17T13:58:31,139 ERROR [main] Checkout: payment failed
            java.lang.IllegalStateException: pool exhausted
            \tat com.shop.Pool.borrow(Pool.java:88)
            \tat com.shop.Checkout.pay(Checkout.java:41)
            Caused by: java.net.SocketTimeoutException: connect timed out
            \t... 12 more
            2026-11-17T13:58:32,000 INFO [main] Checkout: retry scheduled
            """, as: .textLog)
        #expect(run.records == 3)
        #expect(run.skipped == 0)
        #expect(run.events.map(\.source.line) == [1, 2, 8])
        let failure = run.events[1]
        #expect(failure.text.hasPrefix("payment failed\njava.lang.IllegalStateException: pool exhausted\n"))
        #expect(failure.text.hasSuffix("Caused by: java.net.SocketTimeoutException: connect timed out\n\t... 12 more"))
        #expect(!run.events[0].text.contains("Pool.java"))
        #expect(!run.events[2].text.contains("Pool.java"))
    }

    @Test func malformedRecordsAreKeptRawWithTheirLine() throws {
        let run = try parse(
            """
            === service starting ===
            2026-11-17 13:58:31,000 INFO [main] App: started
            2026-13-45 10:00:00,000 ERROR [main] App: impossible date
            2026-11-17 13:58:33,000 INFO [main] App: still here
            """, as: .textLog)
        #expect(run.records == 4)
        #expect(run.skipped == 2)
        let raw = run.events.filter { $0.attributes["parse"] == "raw" }
        #expect(raw.map(\.source.line) == [1, 3])
        #expect(raw.map { $0.attributes["reason"] } == ["no timestamp", "malformed timestamp"])
        #expect(run.diagnostics.filter { $0.severity == .warning }.map(\.line) == [1, 3])
        // The banner before the first record takes that record's time.
        #expect(run.events[0].time.iso8601 == "2026-11-17T13:58:31.000Z")
    }

    @Test func zoneLessTimesUseTheSourceZone() throws {
        let run = try parse(
            "2026-07-01 10:00:00.250 INFO job: summer\n2026-12-01 10:00:00.250 INFO job: winter\n",
            as: .textLog, timeZone: "Europe/Berlin")
        #expect(run.events.map(\.time.iso8601) == ["2026-07-01T08:00:00.250Z", "2026-12-01T09:00:00.250Z"])
    }

    @Test func mixedZonesInOneFile() throws {
        let run = try parse(
            """
            2026-11-17T13:58:31.000Z INFO api: utc
            2026-11-17T15:58:32.000+02:00 INFO api: east of utc
            2026-11-17T08:58:33.000-05:00 INFO api: west of utc
            2026-11-17 14:58:34.000 INFO api: no zone, source zone
            """, as: .textLog, timeZone: "Europe/Berlin")
        #expect(run.events.map(\.time.iso8601) == [
            "2026-11-17T13:58:31.000Z", "2026-11-17T13:58:32.000Z", "2026-11-17T13:58:33.000Z",
            "2026-11-17T13:58:34.000Z",
        ])
        #expect(run.events[1].timeText == "2026-11-17T15:58:32.000+02:00")
    }

    @Test func offsetsWithoutColonAndZoneAbbreviations() throws {
        let run = try parse(
            """
            2026-11-17 19:28:31.5+0530 LOG:  india
            2026-11-17 05:58:32.123 PST [77] LOG:  pacific
            2026-11-17 13:58:33 UTC [77] ERROR:  utc
            """, as: .textLog, timeZone: "Europe/Berlin")
        #expect(run.events.map(\.time.iso8601) == [
            "2026-11-17T13:58:31.500Z", "2026-11-17T13:58:32.123Z", "2026-11-17T13:58:33.000Z",
        ])
        #expect(run.events.map(\.timeText) == [
            "2026-11-17 19:28:31.5+0530", "2026-11-17 05:58:32.123 PST", "2026-11-17 13:58:33 UTC",
        ])
        #expect(run.events.map(\.severity) == [.info, .info, .error])
        #expect(run.events[1].attributes["pid"] == "77")
        #expect(run.events[1].text == "pacific")
    }

    @Test func commaAndDotFractions() throws {
        let run = try parse(
            """
            2026-11-17 13:58:31,978 INFO a: comma millis
            2026-11-17 13:58:31.978 INFO a: dot millis
            2026-11-17 13:58:31,123456 INFO a: comma micros
            2026-11-17 13:58:31.123456789 INFO a: dot nanos
            """, as: .textLog)
        #expect(run.events.map(\.time.iso8601Exact) == [
            "2026-11-17T13:58:31.978Z", "2026-11-17T13:58:31.978Z", "2026-11-17T13:58:31.123456Z",
            "2026-11-17T13:58:31.123456789Z",
        ])
    }

    @Test func yearInferenceAcrossANewYear() throws {
        let run = try parse(
            """
            12-31 23:59:58.900  1702  2395 I Clock: last of the year
            12-31 23:59:59.950  1702  2395 W Clock: nearly
            01-01 00:00:00.100  1702  2395 E Clock: first of the next
            """, as: .textLog, year: 2025)
        #expect(run.events.map(\.time.iso8601) == [
            "2025-12-31T23:59:58.900Z", "2025-12-31T23:59:59.950Z", "2026-01-01T00:00:00.100Z",
        ])
        #expect(run.events.map(\.severity) == [.info, .warning, .error])
        #expect(run.events[0].actor == "Clock")
        #expect(run.events[0].attributes["pid"] == "1702")
        #expect(run.events[0].attributes["tid"] == "2395")
    }

    @Test func yearLessStampsTakeTheYearNearestTheIncident() throws {
        let reference = instant("2019-01-02T00:00:00Z")
        let run = try parse("[12.30 16:49:06] chrome.exe - proxy open\n", as: .textLog, reference: reference)
        #expect(run.events.first?.time.iso8601 == "2018-12-30T16:49:06.000Z")
        let noYear = try parse("[12.30 16:49:06] chrome.exe - proxy open\n", as: .textLog)
        #expect(noYear.skipped == 1)
        #expect(noYear.diagnostics.contains { $0.severity == .error && $0.message.contains("no year") })
    }

    @Test func twoDigitYears() throws {
        let recent = try parse("081109 203615 148 INFO dfs.DataNode: served block\n", as: .textLog, year: 2026)
        #expect(recent.events.first?.time.iso8601 == "2008-11-09T20:36:15.000Z")
        // 2099 would be more than a year after the incident: the 1900s are meant.
        let old = try parse("99/12/31 23:59:59 INFO y2k.Watch: last second\n", as: .textLog, year: 2026)
        #expect(old.events.first?.time.iso8601 == "1999-12-31T23:59:59.000Z")
        let nextYear = try parse("27/01/02 10:00:00 INFO y.Watch: next year\n", as: .textLog, year: 2026)
        #expect(nextYear.events.first?.time.iso8601 == "2027-01-02T10:00:00.000Z")
        // Without a manifest year, the incident's other sources set the reference.
        let fromReference = try parse(
            "98/03/01 08:00:00 INFO y.Watch: then\n", as: .textLog, reference: instant("1998-03-01T09:00:00Z"))
        #expect(fromReference.events.first?.time.iso8601 == "1998-03-01T08:00:00.000Z")
        #expect(TwoDigitYears(latestYear: 2027).year(28) == 1928)
        #expect(TwoDigitYears(latestYear: 2027).year(27) == 2027)
    }

    @Test func levelTokensInTheirCommonForms() throws {
        let run = try parse(
            """
            2026-11-17 13:58:31 [error] nginx: upstream timed out
            2026-11-17 13:58:32 <W> agent: disk 91% full
            2026-11-17 13:58:33, Warning              CBS    Reboot pending
            2026-11-17 13:58:34 E/ActivityManager( 1702): ANR in com.shop
            2026-11-17 13:58:35 FATAL: out of memory
            2026-11-17 13:58:36 connection refused by upstream
            2026-11-17 13:58:37 note that nothing is wrong
            """, as: .textLog)
        #expect(run.events.map(\.severity) == [.error, .warning, .warning, .error, .critical, .warning, nil])
        #expect(run.events[2].actor == "CBS")
        #expect(run.events[2].text == "Reboot pending")
        #expect(run.events[3].actor == "ActivityManager")
        #expect(run.events[3].attributes["pid"] == "1702")
        #expect(run.events[3].text == "ANR in com.shop")
        #expect(run.events[5].attributes["severity-basis"] == "text")
        #expect(run.events[6].text == "note that nothing is wrong")
    }

    @Test func anEpochColumnIsTheTimeAndTheWallClockAddsItsFraction() throws {
        // BGL: epoch seconds (UTC), a date, a node, then the local wall-clock time (UTC-7) with µs.
        let run = try parse(
            """
            - 1117838570 2005.06.03 R02-M1-N0 2005-06-03-15.42.50.675872 R02-M1-N0 RAS KERNEL INFO cache parity corrected
            KERNDTLB 1117838573 2005.06.03 R02-M1-N1 2005-06-03-15.42.53.276129 R02-M1-N1 RAS KERNEL FATAL data TLB error
            """, as: .textLog, timeZone: "Europe/Berlin")
        #expect(run.events.map(\.time.iso8601Exact) == ["2005-06-03T22:42:50.675872Z", "2005-06-03T22:42:53.276129Z"])
        #expect(run.events.map(\.timeText) == ["1117838570", "1117838573"])
        #expect(run.events[0].attributes["prefix"] == nil)
        #expect(run.events[1].attributes["prefix"] == "KERNDTLB")
        #expect(run.events.map(\.severity) == [.info, .critical])
    }

    @Test func aSyslogStampAfterAnEpochGivesHostAndTag() throws {
        let run = try parse(
            "- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond[2916]: (root) CMD (run-parts)\n",
            as: .textLog)
        let event = try #require(run.events.first)
        #expect(event.time.iso8601 == "2005-11-09T20:01:01.000Z")
        #expect(event.actor == "crond")
        #expect(event.attributes["host"] == "dn228/dn228")
        #expect(event.attributes["pid"] == "2916")
        #expect(event.text == "(root) CMD (run-parts)")
        #expect(run.diagnostics.isEmpty)  // no year needed: the epoch has one
    }

    @Test func pipeSeparatedAndPrefixedLines() throws {
        let run = try parse(
            """
            20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579
            20171224-1:1:0:5|Step_LSC|30002312|processHandleBroadcastAction
            """, as: .textLog)
        #expect(run.events.map(\.time.iso8601) == ["2017-12-23T22:15:29.606Z", "2017-12-24T01:01:00.005Z"])
        #expect(run.events.map(\.actor) == ["Step_LSC", "Step_LSC"])
        #expect(run.events[0].attributes["pid"] == "30002312")
        #expect(run.events[0].text == "onStandStepChanged 3579")
        let prefixed = try parse(
            "nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.api [req-1] GET /v2\n",
            as: .textLog)
        #expect(prefixed.events.first?.attributes["prefix"] == "nova-api.log.1.2017-05-16_13:53:08")
        #expect(prefixed.events.first?.time.iso8601 == "2017-05-16T00:00:00.008Z")
    }

    @Test func anotherShapeLaterInTheFileIsLearnedToo() throws {
        let run = try parse(
            """
            17/06/09 20:10:40 INFO spark.Executor: started
            [Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok
            17/06/09 20:10:41 INFO spark.Executor: running
            """, as: .textLog)
        #expect(run.records == 3)
        #expect(run.events.map(\.time.iso8601) == [
            "2017-06-09T20:10:40.000Z", "2005-12-04T04:47:44.000Z", "2017-06-09T20:10:41.000Z",
        ])
        #expect(run.events[1].severity == .notice)
    }

    @Test func colourEscapesAreRemoved() throws {
        let run = try parse("\u{1B}[32m2026-11-17 13:58:31.000\u{1B}[0m \u{1B}[31mERROR\u{1B}[0m app.Main: boom\n", as: .textLog)
        #expect(run.events.first?.severity == .error)
        #expect(run.events.first?.text == "boom")
        #expect(run.events.first?.actor == "app.Main")
    }

    @Test func fewerLinesThanTheLearningWindowAreStillRead() throws {
        let run = try parse("2026-11-17 13:58:31 INFO a: only line", as: .textLog)
        #expect(run.records == 1)
        #expect(run.events.first?.text == "only line")
    }
}
