import Foundation
import Testing

@testable import DebriefKit

/// Chat sources through the whole pipeline: detection in an incident folder, the manifest's
/// `columns:`, and the nothing-lost invariant.
@Suite struct ChatEndToEndTests {
    @Test func chatSourcesKeepEveryRecord() throws {
        let folder = TemporaryFolder()
        _ = try SlackExportTests.writeExport(in: folder)
        try folder.write(
            "whatsapp.txt", "14/03/2026, 14:02 - Alice: on it\n14/03/2026, 14:03 - Bob: thanks\nsecond line\n")
        try folder.write("bridge.csv", "When,Who,Said\n2026-03-14T13:04:00Z,Carol,customer impact confirmed\n")
        try folder.write(
            "incident.yml",
            """
            title: Checkout outage
            timezone: Europe/Berlin
            sources:
              - export
              - whatsapp.txt
              - path: bridge.csv
                format: chat-csv
                columns: { time: When, author: Who, text: Said }
            """)
        let result = try ReviewPipeline().build(
            BuildOptions(
                path: folder.path, outputDirectory: folder.url.appendingPathComponent("out"), formats: [.json],
                generatedAt: Instant(nanosecondsSinceEpoch: 0)))
        let review = result.review
        #expect(review.sources.map(\.format) == ["slack-export", "whatsapp-text", "chat-csv"])
        #expect(review.sources.map(\.records) == [9, 2, 1])
        let records = review.sources.reduce(0) { $0 + $1.records }
        #expect(review.timeline.recordCount == records)
        for source in review.sources {
            let entries = review.timeline.entries.filter { $0.event.source.path.hasPrefix(source.path) }
            #expect(entries.reduce(0) { $0 + $1.count } == source.records, "\(source.path)")
        }
        let whatsapp = review.timeline.entries.filter { $0.event.source.path == "whatsapp.txt" }.map(\.event)
        #expect(whatsapp.map(\.time.iso8601) == ["2026-03-14T13:02:00.000Z", "2026-03-14T13:03:00.000Z"])
        #expect(whatsapp.last?.text == "thanks\nsecond line")
        #expect(review.timeline.entries.contains { $0.event.actor == "Carol" && $0.event.kind == .chat })
    }
}
