/// Reads Splunk search results as one JSON document: the REST
/// `search/jobs/{sid}/results?output_mode=json` response (`{"preview", "init_offset", "fields",
/// "results": […]}`), pages appended to one file, or a bare array of results.
///
/// Results are read as `SplunkResult` describes (`_time`, `_raw`, `host`, `source`, `sourcetype`,
/// level fields); Splunk's `messages` become notes.
///
/// ## Leniency
/// A result without a usable `_time`, or that is not an object, is kept raw with a warning; a
/// document without `results` is an error.
public struct SplunkResultsParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Splunk JSON results (results[] document)",
        summary: "Splunk REST `results?output_mode=json` documents (`results[]`); time from _time (its offset or zone name; else the source zone), text _raw, host/source/sourcetype attributes",
        eventKind: .log, makeParser: { .document(SplunkResultsParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        try document.withUnsafeBytes { bytes in
            var found = false
            try JSONDocument.forEachValue(in: bytes, path: sink.path) { value, line in
                var results: UnsafeRawBufferPointer? = value.first == 0x5B ? value : nil
                try? JSONScanner.forEachMember(in: value) { member in
                    if member.kind == .array, member.keyEquals("results") { results = member.value }
                    if member.kind == .array, member.keyEquals("messages") {
                        SplunkExportParser.note(messages: member.value, line: nil, into: &sink)
                    }
                }
                guard let results else {
                    throw DebriefError("expected Splunk 'results'", path: sink.path, line: line)
                }
                found = true
                do throws(JSONScanner.Failure) {
                    try JSONScanner.forEachElement(in: results) { element in
                        var fields = SplunkResult()
                        guard element.kind == .object, fields.add(json: element.value) else {
                            sink.keepRaw(
                                text: String(decoding: element.value, as: UTF8.self), line: nil, offset: nil,
                                reason: "not a Splunk result", kind: "not a Splunk result")
                            return
                        }
                        fields.emit(line: nil, offset: nil, into: &sink) {
                            String(decoding: element.value, as: UTF8.self)
                        }
                    }
                } catch {
                    throw DebriefError("invalid JSON in results: \(error.message)", path: sink.path, line: line)
                }
            }
            if !found { throw DebriefError("expected Splunk 'results'", path: sink.path) }
        }
    }

    /// Confident when the sample is a Splunk results document.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        guard sample.contains("\"results\""), sample.contains("\"_time\"") else { return 0 }
        return sample.contains("\"init_offset\"") || sample.contains("\"preview\"") ? 0.95 : 0
    }
}
