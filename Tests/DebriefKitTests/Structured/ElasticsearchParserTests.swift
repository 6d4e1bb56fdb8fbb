import Testing

@testable import DebriefKit

@Suite struct ElasticsearchParserTests {
    static let response = #"""
        {
          "took": 12,
          "timed_out": false,
          "_shards": {"total": 3, "successful": 3, "skipped": 0, "failed": 0},
          "hits": {
            "total": {"value": 4, "relation": "eq"},
            "max_score": null,
            "hits": [
              {
                "_index": ".ds-logs-payments-2026.11.17-000001",
                "_id": "q1",
                "_score": null,
                "_source": {
                  "@timestamp": "2026-11-17T13:58:31.402Z",
                  "message": "db pool exhausted",
                  "log": {"level": "error"},
                  "service": {"name": "payments-api"},
                  "host": {"name": "pay-7d9f-1"},
                  "trace.id": "abc123"
                },
                "sort": [1795441911402]
              },
              {
                "_index": "logs-web", "_id": "q2",
                "_source": {"@timestamp": "2026-11-17 14:58:32", "message": "zone-less", "log.level": "WARN"}
              },
              {"_index": "logs-web", "_id": "q3", "fields": {"message": ["only fields"]}},
              {"_index": "logs-web", "_id": "q4", "_source": {"message": "no time"}}
            ]
          }
        }
        """#

    @Test func searchResponseHitsReadWithECSFields() throws {
        let run = try parse(Self.response, as: .elasticsearchSearch, path: "es.json", timeZone: "Europe/Berlin")
        #expect(run.records == 4)
        #expect(run.skipped == 2)
        let first = run.events[0]
        #expect(first.time.iso8601 == "2026-11-17T13:58:31.402Z")
        #expect(first.text == "db pool exhausted")
        #expect(first.severity == .error)
        #expect(first.actor == "payments-api")
        #expect(first.attributes["host.name"] == "pay-7d9f-1")
        #expect(first.attributes["trace.id"] == "abc123")
        #expect(first.attributes["index"] == ".ds-logs-payments-2026.11.17-000001")
        #expect(first.attributes["id"] == "q1")
        #expect(first.source.line == 9)
        #expect(first.id == "es.json:9")
        // Zone-less times use the source's zone; flat ECS keys are understood.
        #expect(run.events[1].time.iso8601 == "2026-11-17T13:58:32.000Z")
        #expect(run.events[1].severity == .warning)
        #expect(run.events[2].attributes["reason"] == "search hit without _source (the query turned _source off)")
        #expect(run.events[3].attributes["reason"] == "no timestamp field")
        #expect(run.diagnostics.map(\.line) == [27, 28])
    }

    @Test func appendedPagesAndBareHitArrays() throws {
        let page =
            #"{"took":1,"hits":{"hits":[{"_index":"i","_id":"a","_source":{"@timestamp":"2026-11-17T13:00:00Z","message":"one"}}]}}"#
        let array = #"[{"_index":"i","_id":"b","_source":{"@timestamp":"2026-11-17T13:00:01Z","message":"two"}}]"#
        let trimmed = #"{"hits":[{"_source":{"@timestamp":"2026-11-17T13:00:02Z","message":"three"}}]}"#
        let run = try parse(page + "\n" + page + "\n" + array + "\n" + trimmed, as: .elasticsearchSearch)
        #expect(run.records == 4)
        #expect(run.events.map(\.text) == ["one", "one", "two", "three"])
        #expect(run.events.map(\.source.line) == [1, 2, 3, 4])
        #expect(throws: DebriefError.self) { try parse(#"{"took":1,"aggregations":{}}"#, as: .elasticsearchSearch) }
        // A malformed hit is kept raw; a malformed list of hits stops the document.
        let malformedHit = try parse(
            #"{"took":1,"hits":{"hits":[{"_index":"i",},{"_index":"j","_source":{"@timestamp":"2026-11-17T13:00:00Z"}}]}}"#,
            as: .elasticsearchSearch)
        #expect(malformedHit.records == 2)
        #expect(malformedHit.skipped == 1)
        #expect(throws: DebriefError.self) {
            try parse(#"{"took":1,"hits":{"hits":[{"_index":"i"} {"_index":"j"}]}}"#, as: .elasticsearchSearch)
        }
    }

    @Test func hitsOnePerLine() throws {
        let run = try parse(
            """
            {"_index":"logs","_type":"_doc","_id":"1","_score":1,"_source":{"@timestamp":"2026-11-17T13:58:31Z","message":"first","service":{"name":"checkout"}}}
            {"@timestamp":"2026-11-17T13:58:32Z","message":"a bare _source line"}
            {"_index":"logs","_id":"3"}
            {"_index":"logs","_id":"4","_source":{"@timestamp":"2026-11-17T13:58:3
            """, as: .elasticsearchNDJSON)
        #expect(run.records == 4)
        #expect(run.skipped == 2)
        #expect(run.events[0].actor == "checkout")
        #expect(run.events[0].attributes["index"] == "logs")
        #expect(run.events[0].attributes["_type"] == nil)
        #expect(run.events[1].text == "a bare _source line")
        #expect(run.events[1].attributes["index"] == nil)
        #expect(run.events.filter { $0.attributes["parse"] == "raw" }.map(\.source.line) == [3, 4])
    }

    @Test func detection() {
        func detect(_ text: String) -> InputFormat? {
            FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
        }
        #expect(detect(Self.response) == .elasticsearchSearch)
        // filter_path=hits.hits._source drops took and _index.
        #expect(
            detect(#"{"hits":{"hits":[{"_source":{"@timestamp":"2026-11-17T13:58:31Z","message":"x"}}]}}"#)
                == .elasticsearchSearch)
        let hit = #"{"_index":"logs","_id":"1","_source":{"@timestamp":"2026-11-17T13:58:31Z","message":"x"}}"#
        #expect(detect(hit + "\n" + hit + "\n") == .elasticsearchNDJSON)
        // A bare _source per line is plain JSON lines.
        #expect(detect(#"{"@timestamp":"2026-11-17T13:58:31Z","message":"x","_index":"logs"}"# + "\n") == .jsonLines)
    }
}
