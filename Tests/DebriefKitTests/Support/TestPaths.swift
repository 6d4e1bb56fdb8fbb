import Foundation
import Testing

/// Locations the tests read from, found relative to this file so `swift test` works from anywhere.
enum TestPaths {
    /// The repository root.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // DebriefKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The bundled sample incident.
    static let sample = repository.appendingPathComponent("Samples/checkout-outage")

    /// Binary fixtures committed with the tests.
    static let fixtures = repository.appendingPathComponent("Tests/DebriefKitTests/Fixtures")

    /// The shared real-world corpus (read in place, never copied into the repository).
    static let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// Whether the corpus is present (it is not in a user's fresh clone).
    static let corpusAvailable = FileManager.default.fileExists(atPath: corpus.appendingPathComponent("SOURCES.md").path)

    /// A corpus file.
    static func corpus(_ relative: String) -> URL { corpus.appendingPathComponent(relative) }

    /// The skip message for corpus tests.
    static let corpusMissing: Comment = "../shared/corpus is absent; corpus tests skipped"
}
