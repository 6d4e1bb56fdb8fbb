import Testing

@testable import DebriefKit

@Suite struct LokiParserTests {
    static let queryRange = #"""
        {
          "status": "success",
          "data": {
            "resultType": "streams",
            "result": [
              {
                "stream": {"app": "payments-api", "namespace": "prod", "pod": "payments-api-7d9f-1", "level": "error"},
                "values": [
                  ["1795441911402000000", "db pool exhausted"],
                  ["1795441905000000000", "db pool at 90%", {"trace_id": "abc123"}]
                ]
              },
              {
                "stream": {"job": "varlogs", "filename": "/var/log/syslog"},
                "values": [["1795441920000000000", "oom-kill: Killed process 4412 (java)"], ["soon", "bad"]]
              }
            ],
            "stats": {"summary": {"bytesProcessedPerSecond": 1}}
          }
        }
        """#

    @Test func queryRangeStreams() throws {
        let run = try parse(Self.queryRange, as: .lokiQueryRange, path: "loki.json")
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        let first = run.events[0]
        #expect(first.time.iso8601 == "2026-11-23T13:51:51.402Z")
        #expect(first.timeText == "1795441911402000000")
        #expect(first.actor == "payments-api")
        #expect(first.severity == .error)
        #expect(first.attributes["pod"] == "payments-api-7d9f-1")
        #expect(first.attributes["namespace"] == "prod")
        #expect(first.text == "db pool exhausted")
        #expect(run.events[1].attributes["trace_id"] == "abc123")
        #expect(run.events[1].attributes["trace_id"] != run.events[0].attributes["trace_id"])
        let kernel = run.events[2]
        #expect(kernel.actor == "varlogs")
        #expect(kernel.severity == .error)  // no level label: guessed from "oom"
        #expect(kernel.attributes["severity-basis"] == "text")
        #expect(run.events[3].attributes["reason"] == "log line without a usable timestamp")
    }

    @Test func metricResultsAreRefused() {
        #expect(throws: DebriefError.self) {
            try parse(#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#, as: .lokiQueryRange)
        }
        #expect(throws: DebriefError.self) { try parse(#"{"status":"error"}"#, as: .lokiQueryRange) }
    }

    @Test func logcliJSONLines() throws {
        let run = try parse(
            #"""
            {"labels":{"service_name":"checkout","detected_level":"warn"},"line":"slow charge: 5012ms","timestamp":"2026-11-17T14:58:31.402123456+01:00"}
            {"line":"no labels here","timestamp":"2026-11-17T13:58:32Z"}
            {"labels":{},"line":"no time"}
            not json
            """#, as: .lokiLogcli)
        #expect(run.records == 4)
        #expect(run.skipped == 2)
        #expect(run.events[0].time.iso8601Exact == "2026-11-17T13:58:31.402123456Z")
        #expect(run.events[0].timeText == "2026-11-17T14:58:31.402123456+01:00")
        #expect(run.events[0].actor == "checkout")
        #expect(run.events[0].severity == .warning)
        #expect(run.events[1].actor == nil)
        #expect(run.events[1].text == "no labels here")
        #expect(run.events.filter { $0.attributes["parse"] == "raw" }.map(\.source.line) == [3, 4])
    }

    @Test func detection() {
        func detect(_ text: String) -> InputFormat? {
            FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
        }
        #expect(detect(Self.queryRange) == .lokiQueryRange)
        #expect(detect(#"{"labels":{"app":"x"},"line":"hi","timestamp":"2026-11-17T13:58:31Z"}"# + "\n") == .lokiLogcli)
        #expect(detect(#"{"line":"hi","timestamp":"2026-11-17T13:58:31Z"}"# + "\n") == .lokiLogcli)
        // Another member makes it an ordinary JSON-lines log.
        #expect(detect(#"{"line":"hi","timestamp":"2026-11-17T13:58:31Z","level":"info"}"# + "\n") == .jsonLines)
    }
}
