/// Reads container output saved with timestamps: `docker logs -t` and `docker compose logs -t`.
///
/// - `docker logs -t`: `2026-11-17T13:58:31.123456789Z message`
/// - `docker compose logs -t`: `service-1  | 2026-11-17T13:58:31.123456789Z message`
///
/// Docker writes the time in UTC (RFC 3339 with nanoseconds and `Z`); any RFC 3339 offset is
/// accepted. Terminal escapes (colours, erase-line) are removed from the service name and the
/// message. The compose service (`web-1`) is the actor; severity is guessed from the message
/// (`severity-basis: text`). A line without a timestamp (`docker compose logs` without `-t`, an
/// `Attaching to …` banner) is kept raw.
public struct DockerLogParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Docker container logs",
        summary: "`docker logs -t` and `docker compose logs -t` (`service  | timestamp message`), colour escapes removed; RFC 3339 UTC timestamps",
        eventKind: .log, makeParser: { .lines(DockerLogParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        if ANSIEscapes.contains(line.bytes) {
            ANSIEscapes.stripped(line.bytes).withUnsafeBytes { read($0, line, into: &sink) }
        } else {
            read(line.bytes, line, into: &sink)
        }
    }

    private func read(_ bytes: UnsafeRawBufferPointer, _ line: Line, into sink: inout EventSink) {
        guard let record = Self.record(bytes) else {
            sink.keepRaw(
                text: String(decoding: bytes, as: UTF8.self), line: line.number, offset: line.offset,
                reason: "no docker timestamp (save logs with -t)", kind: "no docker timestamp")
            return
        }
        guard let time = sink.instant(for: record.timestamp, line: line.number) else {
            sink.keepRaw(line, reason: "timestamp cannot be placed in time", kind: "unplaceable timestamp")
            return
        }
        let message = UnsafeRawBufferPointer(rebasing: bytes[record.messageStart...])
        var attributes = Attributes()
        let severity = SeverityGuess.guess(message)
        if severity != nil { attributes["severity-basis"] = "text" }
        sink.emit(
            time: time, timeText: LogLineHeader.text(bytes, record.timeRange), line: line.number, offset: line.offset,
            kind: .log, actor: record.service.map { LogLineHeader.text(bytes, $0) }, severity: severity,
            text: String(decoding: message, as: UTF8.self), attributes: attributes)
    }

    struct Record {
        var service: Range<Int>?
        var timestamp: ParsedTimestamp
        var timeRange: Range<Int>
        var messageStart: Int
    }

    /// `[service  | ]timestamp message` in bytes already free of escapes.
    static func record(_ bytes: UnsafeRawBufferPointer) -> Record? {
        var service: Range<Int>?
        var start = 0
        if let prefix = composePrefix(bytes) {
            service = prefix.service
            start = prefix.end
        }
        guard let timestamp = TimestampParser.iso8601(bytes, at: start), timestamp.offsetSeconds != nil,
            TimestampParser.byte(bytes, start + 10) == 0x54
        else { return nil }
        let end = start + timestamp.length
        let next = TimestampParser.byte(bytes, end)
        guard next == 0x20 || next == 0 else { return nil }
        return Record(
            service: service, timestamp: timestamp, timeRange: start..<end, messageStart: min(end + 1, bytes.count))
    }

    /// `name<spaces>| ` at the start: the service name and where the rest starts.
    static func composePrefix(_ bytes: UnsafeRawBufferPointer) -> (service: Range<Int>, end: Int)? {
        var i = 0
        while i < bytes.count, i < 128, isNameByte(bytes[i]) { i += 1 }
        guard i > 0 else { return nil }
        let name = 0..<i
        while TimestampParser.byte(bytes, i) == 0x20 { i += 1 }
        guard TimestampParser.byte(bytes, i) == 0x7C else { return nil }
        i += 1
        if TimestampParser.byte(bytes, i) == 0x20 { i += 1 }
        return (name, i)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        TimestampParser.isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x2D
            || byte == 0x5F || byte == 0x2E
    }

    /// Share of lines with a docker timestamp: nearly certain behind a compose prefix or with
    /// docker's fixed nine fraction digits and `Z`.
    public static func confidence(for sample: SniffSample) -> Double {
        var score = 0.0
        for line in sample.lines {
            var text = line
            text.withUTF8 { utf8 in
                let raw = UnsafeRawBufferPointer(utf8)
                let cleaned = ANSIEscapes.contains(raw) ? ANSIEscapes.stripped(raw) : Array(raw)
                cleaned.withUnsafeBytes { bytes in
                    guard let record = record(bytes) else { return }
                    if record.service != nil {
                        score += 0.95
                    } else if record.timeRange.count == 30, bytes[record.timeRange.upperBound - 1] == 0x5A {
                        score += 0.93
                    }
                }
            }
        }
        return sample.lines.isEmpty ? 0 : score / Double(sample.lines.count)
    }
}
