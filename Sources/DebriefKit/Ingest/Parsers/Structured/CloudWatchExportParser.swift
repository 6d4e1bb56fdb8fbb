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
            time: time,
            timeText: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<parsed.length]), as: UTF8.self),
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

    /// Confident when at least half the sample's lines start with a timestamp and every such stamp
    /// is exactly the export's (milliseconds, `Z`, then a space). That shape beats the syslog
    /// readers, which would take the message's first word for a host; RFC 5424 lines are left alone.
    public static func confidence(for sample: SniffSample) -> Double {
        var stamped = 0
        for line in sample.lines {
            var text = line
            let matches: Bool? = text.withUTF8 { utf8 in
                let bytes = UnsafeRawBufferPointer(utf8)
                guard TimestampParser.iso8601(bytes, at: 0) != nil else { return nil }
                guard stamp(bytes) != nil else { return false }
                var fields = FieldCursor(bytes: bytes, index: 24)
                return !(fields.next() != nil && fields.looksLikeRFC5424Rest())
            }
            guard let matches else { continue }
            guard matches else { return 0 }
            stamped += 1
        }
        return stamped > 0 && stamped * 2 >= sample.lines.count ? 0.91 : 0
    }
}
