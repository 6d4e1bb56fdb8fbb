import Testing
@testable import DebriefKit

@Suite struct JSONLinesParserTests {
    @Test func findsTimeLevelMessageAndActorByCommonNames() throws {
        let run = try parse(
            """
            {"ts":"2026-11-17T13:58:31.402Z","level":"error","service":"payments-api","msg":"pool exhausted","pool":8}
            {"@timestamp":"2026-11-17T14:58:31.5+01:00","log":{"level":"WARN"},"message":"slow","http":{"status":502}}
            {"time":1763387911123,"lvl":50,"text":"bunyan-style"}
            {"timestamp":"1763387911","severity":"Information","event":"string epoch seconds"}
            """, as: .jsonLines)
        #expect(run.events.map(\.time.iso8601) == [
            "2026-11-17T13:58:31.402Z", "2026-11-17T13:58:31.500Z", "2025-11-17T13:58:31.123Z", "2025-11-17T13:58:31.000Z",
        ])
        #expect(run.events.map(\.severity) == [.error, .warning, .error, .info])
        #expect(run.events.map(\.text) == ["pool exhausted", "slow", "bunyan-style", "string epoch seconds"])
        #expect(run.events[0].actor == "payments-api")
        #expect(run.events[0].attributes["pool"] == "8")
        #expect(run.events[1].attributes["http.status"] == "502")
        #expect(run.events[0].id == "inline.log:1")
        #expect(run.diagnostics.isEmpty)
    }

    @Test func garbageLinesAreKeptRawWithTheLineNumber() throws {
        let run = try parse(
            """
            {"ts":"2026-11-17T13:58:31Z","msg":"one"}
            {"ts":"2026-11-17T13:58:32Z","msg":"cut off mid-wr
            this is not json at all
            {"msg":"no time here"}
            {"ts":"yesterday","msg":"bad time"}
            {"ts":"2026-11-17T13:58:33Z","msg":"two"}
            """, as: .jsonLines)
        #expect(run.records == 6)
        #expect(run.skipped == 4)
        #expect(run.events.count == 6)
        #expect(run.events.filter { $0.attributes["parse"] == "raw" }.map(\.source.line) == [2, 3, 4, 5])
        // Raw records take the time of the record before them.
        #expect(run.events[1].time == run.events[0].time)
        let lines = run.diagnostics.filter { $0.severity == .warning }.map(\.line)
        #expect(lines == [2, 3, 4, 5])
        #expect(run.diagnostics.allSatisfy { $0.path == "inline.log" })
    }

    @Test func rawRecordsBeforeTheFirstTimeTakeTheNextTime() throws {
        let run = try parse("garbage\n{\"ts\":\"2026-11-17T13:58:31Z\",\"msg\":\"ok\"}\n", as: .jsonLines)
        #expect(run.events.map(\.time.iso8601) == ["2026-11-17T13:58:31.000Z", "2026-11-17T13:58:31.000Z"])
        #expect(run.events.map(\.source.line) == [1, 2])
    }

    @Test func zoneLessTimesUseTheSourceZone() throws {
        let run = try parse(#"{"time":"2026-11-17 14:58:31","msg":"local"}"#, as: .jsonLines, timeZone: "Europe/Berlin")
        #expect(run.events.first?.time.iso8601 == "2026-11-17T13:58:31.000Z")
    }
}

@Suite struct SyslogParserTests {
    @Test func bsdSyslogWithTagPidAndGuessedSeverity() throws {
        let run = try parse(
            """
            Nov 17 14:52:07 pay-node-3 deployd[4412]: rolling out payments-api 2.14.0
            Nov 17 14:59:44 web01 haproxy[2211]: Server be_payments/pay-node-3 is DOWN, reason: Layer7 timeout
            <11>Nov  3 09:23:38 veridian automount[7998]: lookup(file): lookup for foobar failed
            Nov  3 09:47:02 veridian last message repeated 3 times
            """, as: .syslog, timeZone: "Europe/Berlin", year: 2026)
        #expect(run.events.count == 4)
        #expect(run.events[0].time.iso8601 == "2026-11-17T13:52:07.000Z")
        #expect(run.events[0].actor == "deployd")
        #expect(run.events[0].attributes["pid"] == "4412")
        #expect(run.events[0].attributes["host"] == "pay-node-3")
        #expect(run.events[1].severity == .warning)
        #expect(run.events[1].attributes["severity-basis"] == "text")
        #expect(run.events[2].severity == .error)  // PRI 11 = user.err
        #expect(run.events[2].attributes["facility"] == "user")
        #expect(run.events[3].actor == nil)
        #expect(run.events[3].text == "last message repeated 3 times")
    }

    @Test func yearRollsOverAtNewYear() throws {
        let run = try parse(
            """
            Dec 31 23:59:58 host app: before
            Jan  1 00:00:02 host app: after
            """, as: .syslog, reference: instant("2027-01-01T00:00:00Z"))
        #expect(run.events.map(\.time.iso8601) == ["2026-12-31T23:59:58.000Z", "2027-01-01T00:00:02.000Z"])
        #expect(run.diagnostics.contains { $0.severity == .note && $0.message.contains("2026") })
    }

    @Test func rfc5424WithStructuredDataAndPriorityUpTo191() throws {
        let run = try parse(
            """
            <165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] \u{FEFF}An application event
            <191>1 2024-03-14T02:00:00.123456+00:00 db01 postgres 1234 - - LOG:  checkpoint
            <34>1 2003-10-11T22:14:15.003Z host su - - - 'su root' failed for lonvick on /dev/pts/8
            """, as: .syslog5424)
        #expect(run.events.count == 3)
        #expect(run.events[0].actor == "evntslog")
        #expect(run.events[0].attributes["eventID"] == "1011")
        #expect(run.events[0].attributes["class"] == "high")
        #expect(run.events[0].attributes["msgid"] == "ID47")
        #expect(run.events[0].severity == .notice)
        #expect(run.events[0].text == "An application event")
        #expect(run.events[1].time.iso8601Exact == "2024-03-14T02:00:00.123456Z")
        #expect(run.events[1].severity == .debug)
        #expect(run.events[2].severity == .critical)
        #expect(run.events[2].text == "'su root' failed for lonvick on /dev/pts/8")
    }

    @Test func mixedOffsetsInOneFileAreNormalised() throws {
        let run = try parse(
            """
            2022-08-27T14:22:01.613Z space01 NSX 3106 - [abc@6876 comp="abc-edge" level="INFO"] keep-alive
            2022-08-27T17:22:01.694554+03:00 space01 CRON 20856 - -  (root) CMD (nice)
            """, as: .syslog5424)
        #expect(run.events.map(\.time.iso8601) == ["2022-08-27T14:22:01.613Z", "2022-08-27T14:22:01.694Z"])
        #expect(run.events[0].severity == .info)
        #expect(run.events[0].attributes["comp"] == "abc-edge")
    }
}

@Suite struct AccessLogParserTests {
    @Test func combinedAndCommonFormats() throws {
        let run = try parse(
            """
            84.12.9.1 - alice [17/Nov/2026:14:59:00 +0100] "POST /api/v1/checkout HTTP/1.1" 502 166 "https://shop.example.com/cart" "Mozilla/5.0 (X11)" 5.012
            192.168.202.254 - - [20/Jul/2009:22:59:26 +0000] "GET /vmw/cgi/tramp HTTP/1.0" 200 134
            10.0.0.1 - - [20/Jul/2009:22:59:27 +0000] "-" 400 0 "-" "-"
            """, as: .accessLog)
        #expect(run.events.map(\.time.iso8601) == [
            "2026-11-17T13:59:00.000Z", "2009-07-20T22:59:26.000Z", "2009-07-20T22:59:27.000Z",
        ])
        #expect(run.events[0].text == "POST /api/v1/checkout 502")
        #expect(run.events[0].severity == .error)
        #expect(run.events[0].attributes["user"] == "alice")
        #expect(run.events[0].attributes["user-agent"] == "Mozilla/5.0 (X11)")
        #expect(run.events[1].severity == .info)
        #expect(run.events[2].severity == .notice)
        #expect(run.skipped == 0)
    }
}

@Suite struct PagerDutyLogParserTests {
    @Test func entriesInAnyOrderBecomeTransitions() throws {
        let run = try parse(
            """
            {"log_entries": [
              {"type": "resolve_log_entry", "created_at": "2026-11-17T14:52:00Z", "summary": "Resolved by Dana.", "agent": {"summary": "Dana Whitfield"}},
              {"type": "acknowledge_log_entry", "created_at": "2026-11-17T14:07:05Z", "summary": "Acknowledged by Dana.", "agent": {"summary": "Dana Whitfield"}},
              {"type": "trigger_log_entry", "created_at": "2026-11-17T14:03:40Z", "summary": "Triggered through the API.", "incident": {"id": "Q1"}}
            ], "more": false}
            """, as: .pagerDutyLogEntries, path: "pd.json")
        #expect(run.events.map { $0.attributes["transition"] } == ["resolved", "acknowledged", "triggered"])
        #expect(run.events.map(\.kind) == [.alert, .alert, .alert])
        #expect(run.events[0].actor == "Dana Whitfield")
        #expect(run.events[2].attributes["incident"] == "Q1")
        #expect(run.events.map(\.id) == ["pd.json#1", "pd.json#2", "pd.json#3"])
        #expect(run.sink.outOfOrder == 2)
    }

    @Test func notAPagerDutyDocumentIsAnError() {
        #expect(throws: DebriefError.self) { try parse(#"{"incidents": []}"#, as: .pagerDutyLogEntries) }
    }
}
