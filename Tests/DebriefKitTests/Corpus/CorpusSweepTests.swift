import Foundation
import Testing
@testable import DebriefKit

/// Every file in the shared corpus is detected and read: a file no format claims, or one whose
/// records cannot be placed in time, fails here even if no format test names it.
@Suite(.enabled(if: TestPaths.corpusAvailable, TestPaths.corpusMissing))
struct CorpusSweepTests {
    /// Files that are documentation, not evidence.
    static let notEvidence: Set<String> = ["LICENSE-loghub.txt"]

    @Test(arguments: ["logs", "chat", "tickets", "alerts"])
    func everyFileIsDetectedAndRead(family: String) throws {
        let input = try IncidentLoader.load(path: TestPaths.corpus(family).path)
        let specs = input.sources.filter { !Self.notEvidence.contains($0.url.lastPathComponent) }
        #expect(specs.count > 5)
        let sources = Ingester().ingest(specs)
        for source in sources {
            let summary = source.summary
            #expect(summary.format != "unrecognized" && summary.format != "unreadable", "\(summary.path): \(summary.format)")
            #expect(summary.records > 0, "\(summary.path) has no records")
            #expect(summary.unplaced == 0, "\(summary.path) has records that could not be placed")
            #expect(!source.diagnostics.hasErrors, "\(summary.path): \(source.diagnostics.items.filter { $0.severity == .error })")
        }
    }
}
