/// Reads CloudWatch Logs exported to S3 (`aws logs create-export-task`): one event per line as
/// `2026-11-17T13:58:31.000Z message`, usually gzip-compressed (read transparently).
///
/// The timestamp is ISO 8601 in UTC with milliseconds; the message follows one space. The severity
/// is guessed from the message (attribute `severity-basis: text`). Lines that do not start with a
/// timestamp continue the message before them (a multi-line event).
///
/// ## Leniency
/// Text before the first timestamped line is kept raw with a warning.
public struct CloudWatchExportParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "CloudWatch Logs export to S3",
        summary: "CloudWatch Logs S3 export text, `2026-11-17T13:58:31.000Z message` per line (ISO 8601 UTC); lines without a stamp continue the message; severity guessed from the text",
        eventKind: .log, makeParser: { .lines(CloudWatchExportParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        let bytes = line.bytes
        guard let parsed = Self.stamp(bytes), let time = sink.instant(for: parsed, line: line.number) else {
            if line.isBlank { return }
            if !sink.appendContinuation(line.text) {
                sink.keepRaw(line, reason: "no timestamp at the start of the line", kind: "no timestamp")
            }
            return
        }
        let message = UnsafeRawBufferPointer(rebasing: bytes[min(parsed.length + 1, bytes.count)...])
        var attributes = Attributes()
        let severity = SeverityGuess.guess(message, noting: &attributes)
        sink.emit(
            time: time, timeText: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<parsed.length]), as: UTF8.self),
            line: line.number, offset: line.offset, kind: .log, severity: severity,
            text: String(decoding: message, as: UTF8.self), attributes: attributes)
    }

    /// The leading `YYYY-MM-DDThh:mm:ss.fffZ` followed by a space (or the end of the line).
    static func stamp(_ bytes: UnsafeRawBufferPointer) -> ParsedTimestamp? {
        guard let parsed = TimestampParser.iso8601(bytes, at: 0), parsed.length == 24, parsed.offsetSeconds == 0,
            TimestampParser.byte(bytes, 23) == 0x5A, parsed.length == bytes.count || bytes[parsed.length] == 0x20
        else { return nil }
        return parsed
    }

    /// The share of sample lines shaped exactly as the export writes them. Kept modest: any log
    /// that starts lines with a millisecond UTC stamp looks the same, and more specific formats win.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.lines.first, first.utf8.count > 25 else { return 0 }
        return sample.share { line in
            var text = line
            return text.withUTF8 { stamp(UnsafeRawBufferPointer($0)) != nil }
        } * 0.6
    }
}
