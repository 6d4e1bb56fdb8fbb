/// Reads Splunk search exports in JSON, one result per line:
/// `{"preview":false,"offset":0,"result":{"_time":…,"_raw":…,"host":…,…}}`, as written by
/// `splunk search '…' -output json` and the REST `search/jobs/export?output_mode=json` endpoint.
///
/// Results are read as `SplunkResult` describes (`_time`, `_raw`, `host`, `source`, `sourcetype`,
/// level fields). Preview rows (`"preview":true`, superseded by the final results) are skipped and
/// counted in a note; lines carrying only `lastrow` or `messages` are not records (messages become
/// notes).
///
/// ## Leniency
/// A line that is not JSON, or a result without a usable `_time`, is kept raw with a warning.
public struct SplunkExportParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Splunk JSON export (one result per line)",
        summary: "`splunk search … -output json` / REST export, `{\"result\":{…}}` per line; time from _time (its offset or zone name; else the source zone), text _raw, host/source/sourcetype attributes",
        eventKind: .log, makeParser: { .lines(SplunkExportParser()) }, confidence: confidence(for:))

    private var previews = 0

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        var result: UnsafeRawBufferPointer?
        var preview = false
        var messages: UnsafeRawBufferPointer?
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: line.bytes) { member in
                if member.kind == .object, member.keyEquals("result") {
                    result = member.value
                } else if member.kind == .bool, member.keyEquals("preview") {
                    preview = member.value.first == 0x74
                } else if member.kind == .array, member.keyEquals("messages") {
                    messages = member.value
                }
            }
        } catch {
            sink.keepRaw(line, reason: "not a Splunk result line (\(error.message))", kind: "malformed JSON line")
            return
        }
        if let messages { Self.note(messages: messages, line: line.number, into: &sink) }
        guard let result else { return }
        if preview {
            previews += 1
            return
        }
        var fields = SplunkResult()
        _ = fields.add(json: result)
        fields.emit(line: line.number, offset: line.offset, into: &sink) { line.text }
    }

    public mutating func finish(into sink: inout EventSink) {
        if previews > 0 {
            sink.diagnostics.note(
                "skipped \(previews) preview result(s) superseded by the final results", path: sink.path)
        }
    }

    /// Reports Splunk's own messages (`{"type": "WARN", "text": "…"}`) as notes.
    static func note(messages: UnsafeRawBufferPointer, line: Int?, into sink: inout EventSink) {
        try? JSONScanner.forEachElement(in: messages) { message in
            guard message.kind == .object else { return }
            var type = "INFO"
            var text = ""
            try? JSONScanner.forEachMember(in: message.value) { member in
                if member.keyEquals("type") { type = member.stringValue }
                if member.keyEquals("text") { text = member.stringValue }
            }
            if !text.isEmpty { sink.diagnostics.note("Splunk \(type): \(text)", path: sink.path, line: line) }
        }
    }

    /// The share of sample lines that are objects with a `result` object, or export markers made
    /// only of `preview`, `offset`, `lastrow` and `messages`.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B else { return 0 }
        let markers: Set = ["preview", "offset", "lastrow", "messages"]
        return sample.share { line in
            guard let members = SniffSample.members(ofObjectLine: line) else { return false }
            return members.contains { $0.name == "result" && $0.kind == .object }
                || members.allSatisfy { markers.contains($0.name) }
        } * 0.96
    }
}
