import Foundation
import Testing

@testable import DebriefKit

/// Structured formats through the full source reader: detection from content, decompression, and
/// the nothing-lost invariant (every record read is on the timeline, bad ones kept raw).
@Suite struct StructuredSourceTests {
    static let files: [(name: String, format: String, records: Int, skipped: Int, text: String)] = [
        (
            "a.log", "journald-json", 3, 1,
            #"""
            {"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1763387911000000","MESSAGE":"one"}
            {"__CURSOR":"s=2","__REALTIME_TIMESTAMP":"17633879
            {"__CURSOR":"s=3","__REALTIME_TIMESTAMP":"1763387913000000","MESSAGE":"three"}
            """#
        ),
        (
            "b.log", "journald-export", 3, 1,
            "__CURSOR=s=1\n__REALTIME_TIMESTAMP=1763387911000000\nMESSAGE=one\n\nstray\n\n__CURSOR=s=2\n__REALTIME_TIMESTAMP=1763387912000000\nMESSAGE=two\n"
        ),
        (
            "c.log", "logfmt", 3, 1,
            "ts=2026-11-17T13:58:31Z level=info msg=one\nts=2026-11-17T13:58:32Z level=warn msg=\"two\nts=never level=info msg=three\n"
        ),
        (
            "d.log", "cloudtrail-ndjson", 2, 1,
            #"""
            {"eventVersion":"1.08","eventTime":"2026-11-17T13:58:31Z","eventSource":"s3.amazonaws.com","eventName":"PutObject"}
            {"eventVersion":"1.08","eventSource":"s3.amazonaws.com","eventName":"PutObject"}
            """#
        ),
        (
            "e.log", "elasticsearch-ndjson", 2, 1,
            #"""
            {"_index":"logs","_id":"1","_source":{"@timestamp":"2026-11-17T13:58:31Z","message":"one"}}
            {"_index":"logs","_id":"2","_source":{"message":"no time"}}
            """#
        ),
        (
            "f.log", "loki-logcli-jsonl", 2, 1,
            #"""
            {"labels":{"app":"x"},"line":"one","timestamp":"2026-11-17T13:58:31Z"}
            {"labels":{"app":"x"},"line":"two","timestamp":"later"}
            """#
        ),
        (
            "g.log", "splunk-export-json", 2, 1,
            #"""
            {"preview":false,"offset":0,"result":{"_time":"2026-11-17T13:58:31.000+00:00","_raw":"one","host":"h"}}
            {"preview":false,"offset":1,"result":{"_raw":"two","host":"h"}}
            {"preview":false,"lastrow":true}
            """#
        ),
        ("h.log", "splunk-csv", 2, 1, "_time,host,_raw\n2026-11-17T13:58:31.000+0000,h,one\nnot a time,h,two\n"),
        (
            "i.log", "cloudwatch-export", 2, 0,
            "2026-11-17T13:58:31.402Z START RequestId: 1\n2026-11-17T13:58:32.000Z END RequestId: 1\n"
        ),
    ]

    @Test func detectedAndNothingLost() throws {
        let folder = TemporaryFolder("structured")
        for file in Self.files {
            let url = try folder.write(file.name, file.text)
            let source = readSource(url)
            #expect(source.summary.format == file.format, "\(file.name)")
            #expect(source.summary.records == file.records, "\(file.name)")
            #expect(source.summary.skipped == file.skipped, "\(file.name)")
            #expect(source.events.count == source.summary.records, "\(file.name)")
            let entries = BurstCollapser().collapse(source.events, sourceIndex: 0)
            #expect(entries.reduce(0) { $0 + $1.count } == source.summary.records, "\(file.name)")
        }
    }

    @Test func gzipCloudTrailFileAsDeliveredToS3() throws {
        let source = readSource(TestPaths.fixtures.appendingPathComponent("cloudtrail-s3-delivery.json.gz"))
        #expect(source.summary.format == "cloudtrail")
        #expect(source.summary.compressed)
        #expect(source.summary.records == 3)
        #expect(source.summary.reordered == 1)
        #expect(
            source.events.map(\.time.iso8601) == [
                "2026-11-17T13:51:00.000Z", "2026-11-17T13:52:07.000Z", "2026-11-17T13:52:09.000Z",
            ])
        #expect(source.events.map(\.actor) == ["bob", "alice", "ecs.amazonaws.com"])
        let throttled = try #require(source.events.last)
        #expect(throttled.severity == .error)
        #expect(
            throttled.text
                == "elasticloadbalancing.amazonaws.com RegisterTargets failed: ThrottlingException: Rate exceeded")
        #expect(throttled.id == "cloudtrail-s3-delivery.json.gz#2")
    }

    @Test func jsonScannerWalksArrays() throws {
        var elements: [String] = []
        let text = #" [1, "two", {"three": [3]}, [4], true, null ] "#
        try Array(text.utf8).withUnsafeBytes { bytes in
            try JSONScanner.forEachElement(in: bytes) { elements.append("\($0.kind):\($0.stringValue)") }
        }
        #expect(
            elements == ["number:1", "string:two", #"object:{"three": [3]}"#, "array:[4]", "bool:true", "null:null"])
        for bad in ["[1 2]", "[1,", "{}", "[1] x"] {
            #expect(throws: JSONScanner.Failure.self) {
                try Array(bad.utf8).withUnsafeBytes { try JSONScanner.forEachElement(in: $0) { _ in } }
            }
        }
        try Array("[]".utf8).withUnsafeBytes { bytes in
            try JSONScanner.forEachElement(in: bytes) { _ in Issue.record("an empty array has no elements") }
        }
    }

    @Test func concatenatedDocuments() throws {
        let values = try JSONDocument.parseSequence(Array("{\"a\":1}\n[2]\n\n{\"b\":\n 3}".utf8), path: "x.json")
        #expect(values.count == 3)
        #expect(values[2]["b"]?.int64 == 3)
        #expect(try JSONDocument.parseSequence([], path: "x.json").isEmpty)
        #expect(throws: DebriefError("expected a JSON object or array", path: "x.json", line: 2)) {
            try JSONDocument.parseSequence(Array("{}\nnope".utf8), path: "x.json")
        }
        #expect(throws: DebriefError("invalid JSON: unterminated object or array", path: "x.json", line: 3)) {
            try JSONDocument.parseSequence(Array("{}\n\n{\"a\": [1, 2}".utf8), path: "x.json")
        }
    }
}
