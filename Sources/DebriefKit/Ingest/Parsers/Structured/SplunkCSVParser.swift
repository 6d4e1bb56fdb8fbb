/// Reads Splunk search results exported as CSV (Splunk Web "Export → CSV", `splunk search '…'
/// -output csv`, REST `output_mode=csv`): a header row naming the fields (`_time`, `_raw`, `host`,
/// `source`, `sourcetype`, …), then one row per result; `_raw` may span lines inside quotes.
///
/// Rows are read as `SplunkResult` describes; the event's line is the line the row starts on.
///
/// ## Leniency
/// A row without a usable `_time` is kept raw with a warning; an unterminated quote at the end is
/// reported and its row still read; a header without `_time` is an error.
public struct SplunkCSVParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Splunk CSV export",
        summary: "Splunk results as CSV with a `_time,…,_raw` header; time from _time (its offset or zone name; else the source zone), text _raw, host/source/sourcetype attributes",
        eventKind: .log, makeParser: { .document(SplunkCSVParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let (records, unterminated) = CSVParser().parse(document)
        guard let header = records.first, header.fields.contains("_time") else {
            throw DebriefError("expected a Splunk CSV header naming _time", path: sink.path, line: 1)
        }
        if let unterminated {
            sink.diagnostics.warn(
                "unterminated quoted field; read to the end of the file", path: sink.path, line: unterminated)
        }
        for record in records.dropFirst() {
            var fields = SplunkResult()
            for (index, name) in header.fields.enumerated() where index < record.fields.count {
                fields.add(name) { record.fields[index] }
            }
            fields.emit(line: record.line, offset: nil, into: &sink) { record.fields.joined(separator: ",") }
        }
    }

    /// Confident when the first line is a CSV header naming `_time` and `_raw` (or host/sourcetype).
    public static func confidence(for sample: SniffSample) -> Double {
        guard let header = sample.lines.first else { return 0 }
        let names = Set(header.split(separator: ",").map { String($0.filter { $0 != "\"" && $0 != " " }) })
        guard names.contains("_time") else { return 0 }
        if names.contains("_raw") { return 0.95 }
        return names.contains("sourcetype") || names.contains("_serial") ? 0.85 : 0
    }
}
