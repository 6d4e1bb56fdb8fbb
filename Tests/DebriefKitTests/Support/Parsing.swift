import Foundation
@testable import DebriefKit

/// Runs one parser over inline text, the way the source reader would.
struct ParseRun {
    var events: [Event]
    var sink: EventSink

    var diagnostics: [Diagnostic] { sink.diagnostics.all }
    var records: Int { sink.records }
    var skipped: Int { sink.skipped }
}

func parse(
    _ text: String, as format: InputFormat, path: String = "inline.log", timeZone: String = "UTC", year: Int? = nil,
    reference: Instant? = nil
) throws -> ParseRun {
    try parse(Array(text.utf8), as: format, path: path, timeZone: timeZone, year: year, reference: reference)
}

func parse(
    _ bytes: [UInt8], as format: InputFormat, path: String = "inline.log", timeZone: String = "UTC", year: Int? = nil,
    reference: Instant? = nil
) throws -> ParseRun {
    let context = ParseContext(
        path: path, timeZone: TimeZone(identifier: timeZone)!, year: year, referenceInstant: reference)
    var sink = EventSink(context: context)
    switch format.makeParser() {
    case .lines(var parser):
        var reader = LineReader(stream: MemoryByteStream(bytes))
        reader.forEachLine { parser.parse($0, into: &sink) }
        parser.finish(into: &sink)
    case .document(let parser):
        try parser.parse(document: bytes, into: &sink)
    case .bundle:
        throw DebriefError("\(format.rawValue) reads bundles; use readSource on a folder or zip")
    }
    let events = sink.finish()
    return ParseRun(events: events, sink: sink)
}

/// Reads a file through the full source reader (detection, decompression, parsing).
func readSource(_ url: URL, format: InputFormat? = nil, timeZone: String = "UTC", year: Int? = nil,
                reference: Instant? = nil) -> IngestedSource {
    let spec = SourceSpec(url: url, displayPath: url.lastPathComponent, format: format,
                          timeZone: TimeZone(identifier: timeZone)!, year: year)
    return SourceReader().read(spec, referenceInstant: reference)
}

/// `2026-11-17T13:58:31.000Z`-style text for an instant, for readable expectations.
func iso(_ instant: Instant?) -> String? { instant?.iso8601 }

/// Parses an ISO 8601 UTC instant in test expectations.
func instant(_ text: String) -> Instant { TimestampParser.iso8601(text)! }
