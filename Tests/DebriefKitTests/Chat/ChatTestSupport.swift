import Foundation

@testable import DebriefKit

/// Helpers for the chat tests: bundles read through detection, and sinks with a column mapping.
enum ChatTestSupport {
    /// Reads a folder or zip the way the loader does: bundle detection, then the bundle reader.
    static func readBundle(
        _ url: URL, timeZone: String = "UTC"
    ) throws -> (format: InputFormat?, source: IngestedSource) {
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        let limits = IngestLimits()
        let bundle: any InputBundle =
            isDirectory.boolValue
            ? FolderBundle(root: url, displayPath: url.lastPathComponent, limit: limits.maxDocumentBytes)
            : try ZipBundle(
                url: url, displayPath: url.lastPathComponent, memberLimit: limits.maxDocumentBytes,
                totalLimit: limits.maxArchiveBytes)
        let format = IncidentLoader.BundleDetector.detect(bundle)
        var spec = SourceSpec(
            url: url, displayPath: url.lastPathComponent, format: format, timeZone: TimeZone(identifier: timeZone)!)
        spec.container = .bundle
        return (format, SourceReader().read(spec))
    }

    /// Runs a document parser with a manifest column mapping in its context.
    static func parse(
        _ text: String, as format: InputFormat, columns: [String: String]?, timeZone: String = "UTC"
    ) throws
        -> ParseRun
    {
        let context = ParseContext(path: "chat.csv", timeZone: TimeZone(identifier: timeZone)!, columns: columns)
        var sink = EventSink(context: context)
        guard case .document(let parser) = format.makeParser() else {
            throw DebriefError("\(format.rawValue) is not a document format")
        }
        try parser.parse(document: Array(text.utf8), into: &sink)
        let events = sink.finish()
        return ParseRun(events: events, sink: sink)
    }

    /// The format detection picks for inline text.
    static func detect(_ text: String) -> InputFormat? {
        FormatSniffer.detect(SniffSample(bytes: Array(text.utf8), isComplete: true)).format
    }
}
