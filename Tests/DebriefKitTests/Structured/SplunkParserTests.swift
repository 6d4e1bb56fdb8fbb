import Testing

@testable import DebriefKit

@Suite struct SplunkParserTests {
    @Test func exportOneResultPerLine() throws {
        let run = try parse(
            #"""
            {"preview":true,"offset":0,"result":{"_time":"2026-11-17T13:58:30.000+00:00","_raw":"partial"}}
            {"preview":false,"offset":0,"result":{"_bkt":"main~1","_cd":"1:2","_serial":"0","_time":"2026-11-17T13:58:31.402+00:00","_raw":"2026-11-17 13:58:31 ERROR pool exhausted","host":"pay-node-3","source":"/var/log/payments.log","sourcetype":"payments","index":"prod","linecount":"1","punct":"--_::_","splunk_server":"idx1","date_hour":"13","tag::eventtype":"x","request_id":"r-1","status":["503","504"]}}
            {"preview":false,"offset":1,"result":{"_time":"2026-11-17 14:58:32.000 CET","_raw":"charge retried","host":"pay-node-4","service":"payments-api","log_level":"WARN"}}
            {"preview":false,"offset":2,"result":{"_time":"2026-11-17 13:58:33","_raw":"zone-less"}}
            {"preview":false,"offset":3,"result":{"_raw":"no time"}}
            {"messages":[{"type":"WARN","text":"Search results might be incomplete"}]}
            {"preview":false,"lastrow":true}
            not json
            """#, as: .splunkExport, timeZone: "America/New_York")
        #expect(run.records == 5)
        #expect(run.skipped == 2)
        let first = run.events[0]
        #expect(first.time.iso8601 == "2026-11-17T13:58:31.402Z")
        #expect(first.timeText == "2026-11-17T13:58:31.402+00:00")
        #expect(first.text == "2026-11-17 13:58:31 ERROR pool exhausted")
        #expect(first.actor == "pay-node-3")
        #expect(first.severity == .error)
        #expect(first.attributes["host"] == "pay-node-3")
        #expect(first.attributes["source"] == "/var/log/payments.log")
        #expect(first.attributes["sourcetype"] == "payments")
        #expect(first.attributes["index"] == "prod")
        #expect(first.attributes["request_id"] == "r-1")
        #expect(first.attributes["status"] == "503, 504")
        for noise in ["_bkt", "_cd", "_serial", "linecount", "punct", "splunk_server", "date_hour", "tag::eventtype"] {
            #expect(first.attributes[noise] == nil)
        }
        #expect(first.source.line == 2)
        let second = run.events[1]
        #expect(second.time.iso8601 == "2026-11-17T13:58:32.000Z")
        #expect(second.actor == "payments-api")
        #expect(second.severity == .warning)
        #expect(second.attributes["severity-basis"] == nil)
        // Zone-less _time uses the source zone.
        #expect(run.events[2].time.iso8601 == "2026-11-17T18:58:33.000Z")
        #expect(run.events.filter { $0.attributes["parse"] == "raw" }.map(\.source.line) == [5, 8])
        let notes = run.diagnostics.filter { $0.severity == .note }.map(\.message)
        #expect(notes.contains("Splunk WARN: Search results might be incomplete"))
        #expect(notes.contains("skipped 1 preview result(s) superseded by the final results"))
    }

    @Test func resultsDocument() throws {
        let run = try parse(
            #"""
            {"preview":false,"init_offset":0,"messages":[],"fields":[{"name":"_raw"},{"name":"_time"},{"name":"host"}],"results":[{"_raw":"login failed for bob","_time":"2026-11-17T13:58:31.000-05:00","host":"auth-1"},{"_raw":"no time","host":"auth-1"},"oops"],"highlighted":{}}
            """#, as: .splunkResults, path: "splunk.json")
        #expect(run.records == 3)
        #expect(run.skipped == 2)
        #expect(run.events[0].time.iso8601 == "2026-11-17T18:58:31.000Z")
        #expect(run.events[0].severity == .warning)
        #expect(run.events[0].id == "splunk.json#1")
        #expect(run.events[1].attributes["reason"] == "result without _time")
        #expect(run.events[2].attributes["reason"] == "not a Splunk result")
        #expect(throws: DebriefError.self) { try parse(#"{"preview":false,"rows":[]}"#, as: .splunkResults) }
    }

    @Test func csvExportWithMultiLineRaw() throws {
        let run = try parse(
            """
            "_serial","_time",source,sourcetype,host,index,"splunk_server","_raw"
            0,"2026-11-17T13:58:31.402+0000","/var/log/app.log",java,"app-1",prod,idx1,"2026-11-17 13:58:31 ERROR request failed
            java.lang.IllegalStateException: pool exhausted
            \tat Pool.get(Pool.java:88)"
            1,"2026-11-17T13:58:35.000+0000","/var/log/app.log",java,"app-1",prod,idx1,"recovered"
            2,"sometime","/var/log/app.log",java,"app-1",prod,idx1,"bad time"
            """, as: .splunkCSV)
        #expect(run.records == 3)
        #expect(run.skipped == 1)
        #expect(run.events[0].time.iso8601 == "2026-11-17T13:58:31.402Z")
        #expect(run.events[0].text.hasSuffix("at Pool.get(Pool.java:88)"))
        #expect(run.events[0].severity == .error)
        #expect(run.events[0].actor == "app-1")
        #expect(run.events[0].attributes["sourcetype"] == "java")
        #expect(run.events[0].attributes["_serial"] == nil)
        #expect(run.events.map(\.source.line) == [2, 5, 6])
        #expect(run.diagnostics.map(\.line) == [6])
        #expect(throws: DebriefError.self) { try parse("host,message\na,b\n", as: .splunkCSV) }
    }

    @Test func detection() {
        func detect(_ text: String) -> InputFormat? {
            FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
        }
        let line =
            #"{"preview":false,"offset":0,"result":{"_time":"2026-11-17T13:58:31.000+00:00","_raw":"x","host":"h"}}"#
        #expect(detect(line + "\n" + line + "\n" + #"{"preview":false,"lastrow":true}"# + "\n") == .splunkExport)
        #expect(
            detect(#"{"preview":false,"init_offset":0,"results":[{"_time":"2026-11-17T13:58:31.000+00:00"}]}"#)
                == .splunkResults)
        #expect(detect("\"_serial\",\"_time\",host,\"_raw\"\n0,\"2026-11-17T13:58:31.000+0000\",h,x\n") == .splunkCSV)
        #expect(detect("time,host,message\n2026-11-17T13:58:31Z,h,x\n") != .splunkCSV)
    }
}
