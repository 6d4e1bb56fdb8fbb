import Testing

@testable import DebriefKit

@Suite struct CloudWatchParserTests {
    @Test func filterLogEventsPagesAndInsightsResults() throws {
        let run = try parse(
            #"""
            {
                "events": [
                    {"logStreamName": "ecs/payments-api/4f1c", "timestamp": 1795441911402, "message": "ERROR db pool exhausted\n", "ingestionTime": 1795441912000, "eventId": "1"},
                    {"logStreamName": "ecs/payments-api/4f1c", "message": "no timestamp here"}
                ],
                "searchedLogStreams": []
            }
            {"events": [{"timestamp": 1795441920000, "message": "recovered", "ingestionTime": 1795441921000}], "nextForwardToken": "f/1"}
            {
                "results": [
                    [
                        {"field": "@timestamp", "value": "2026-11-22 10:31:51.402"},
                        {"field": "@message", "value": "request failed with status 503"},
                        {"field": "@logStream", "value": "web/1"},
                        {"field": "@log", "value": "123456789012:/ecs/web"},
                        {"field": "status", "value": "503"},
                        {"field": "@ptr", "value": "abc"}
                    ],
                    [{"field": "@message", "value": "no time"}]
                ],
                "statistics": {"recordsMatched": 2.0},
                "status": "Complete"
            }
            """#, as: .cloudWatchLogs, timeZone: "America/New_York")
        #expect(run.records == 5)
        #expect(run.skipped == 2)
        let first = run.events[0]
        #expect(first.time.iso8601 == "2026-11-23T13:51:51.402Z")
        #expect(first.timeText == "1795441911402")
        #expect(first.text == "ERROR db pool exhausted")
        #expect(first.actor == "ecs/payments-api/4f1c")
        #expect(first.severity == .error)
        #expect(first.attributes["severity-basis"] == "text")
        #expect(run.events[1].attributes["reason"] == "log event without a usable timestamp")
        #expect(run.events[2].actor == nil)
        let insights = run.events[3]
        // UTC despite the source zone: Insights writes @timestamp in UTC.
        #expect(insights.time.iso8601 == "2026-11-22T10:31:51.402Z")
        #expect(insights.actor == "web/1")
        #expect(insights.attributes["log-group"] == "123456789012:/ecs/web")
        #expect(insights.attributes["status"] == "503")
        #expect(insights.severity == .warning)
        #expect(run.events[4].attributes["reason"] == "result row without a usable @timestamp")
    }

    @Test func documentsWithoutEventsAreErrors() {
        #expect(throws: DebriefError.self) { try parse(#"{"logGroups": []}"#, as: .cloudWatchLogs) }
    }

    @Test func s3ExportTextWithContinuationLines() throws {
        let run = try parse(
            """
            orphan text before any event
            2026-11-17T13:58:31.402Z START RequestId: 8f5a Version: $LATEST
            2026-11-17T13:58:31.950Z 2026-11-17T13:58:31.950Z\t8f5a\tERROR\tUnhandled exception
            Traceback (most recent call last):
              File "handler.py", line 12
            2026-11-17T13:58:32.000Z REPORT RequestId: 8f5a Duration: 598.12 ms
            """, as: .cloudWatchExport)
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events.map(\.source.line) == [1, 2, 3, 6])
        #expect(run.events[0].time.iso8601 == "2026-11-17T13:58:31.402Z")  // raw: time of the next record
        #expect(run.events[2].severity == .error)
        #expect(
            run.events[2].text.hasSuffix(
                "Unhandled exception\nTraceback (most recent call last):\n  File \"handler.py\", line 12"))
        #expect(run.events[1].timeText == "2026-11-17T13:58:31.402Z")
        #expect(run.events[1].text == "START RequestId: 8f5a Version: $LATEST")
        #expect(run.diagnostics.map(\.line) == [1])
    }

    @Test func detection() {
        func detect(_ text: String) -> InputFormat? {
            FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
        }
        #expect(
            detect("2026-11-17T13:58:31.402Z START RequestId: 8f5a\n2026-11-17T13:58:32.000Z END RequestId: 8f5a\n")
                == .cloudWatchExport)
        // Nanosecond stamps (docker logs -t) and RFC 5424 lines are not CloudWatch exports.
        #expect(detect("2026-11-17T13:58:31.402123456Z hello there\n") != .cloudWatchExport)
        #expect(detect("<34>1 2026-11-17T13:58:31.402Z host su - - - failed\n") == .syslog5424)
        #expect(
            detect(#"{"events":[{"logStreamName":"s","timestamp":1,"message":"m","ingestionTime":2}]}"#)
                == .cloudWatchLogs)
    }
}
