/// Reads Apache httpd error logs, 2.2 and 2.4 style.
///
/// - 2.2: `[Sun Dec 04 04:47:44 2005] [error] [client 1.2.3.4] message`
/// - 2.4: `[Wed Oct 11 14:32:52.123456 2023] [core:error] [pid 1234:tid 5678] [client 1.2.3.4:5678] AH00124: message`
///
/// The timestamp has no zone: it is read in the source's zone. The level (`emerg` … `debug`,
/// `trace1`–`trace8`) is the severity; the module is the actor; pid, tid, client and the `AHnnnnn`
/// message code become attributes. Lines that do not start with `[` continue the record before them
/// (a CGI script's stderr, a wrapped message); a line that starts with `[` but has no readable
/// timestamp is kept raw.
public struct ApacheErrorLogParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Apache error log",
        summary: "httpd 2.2/2.4 error log (`[Www Mmm dd hh:mm:ss[.usec] yyyy] [module:level] [pid …] [client …] message`); no zone in the stamp: the source zone is used",
        eventKind: .log, makeParser: { .lines(ApacheErrorLogParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        guard let record = Self.record(line.bytes) else {
            if line.bytes.first != 0x5B, sink.appendContinuation(line.text) { return }
            sink.keepRaw(line, reason: "not an Apache error-log line", kind: "not an Apache error-log line")
            return
        }
        let bytes = line.bytes
        guard let time = sink.instant(for: record.timestamp, line: line.number) else {
            sink.keepRaw(line, reason: "timestamp cannot be placed in time", kind: "unplaceable timestamp")
            return
        }
        var attributes = Attributes()
        var actor: String?
        var severity: Severity?
        if let level = record.level {
            let text = LogLineHeader.text(bytes, level)
            let parts = text.split(separator: ":", maxSplits: 1)
            if parts.count == 2 {
                actor = String(parts[0])
                severity = Self.severity(parts[1])
            } else {
                severity = Self.severity(Substring(text))
            }
            if severity == nil { attributes["level"] = text }
        }
        var i = record.messageStart
        // `[pid 1234:tid 5678]`, `[client 1.2.3.4:5678]` and friends, in any order.
        while TimestampParser.byte(bytes, i) == 0x5B, let inner = LogLineHeader.bracket(bytes, i),
            let (key, value) = Self.field(bytes, inner)
        {
            switch key {
            case "pid":
                let parts = value.split(separator: ":", maxSplits: 1)
                attributes["pid"] = parts.first.map(String.init) ?? value
                if parts.count == 2 { attributes["tid"] = String(parts[1].hasPrefix("tid ") ? parts[1].dropFirst(4) : parts[1]) }
            case "client", "remote":
                attributes["client"] = value
            default:
                attributes[key] = value
            }
            i = inner.upperBound + 1
            while TimestampParser.byte(bytes, i) == 0x20 { i += 1 }
        }
        var message = LogLineHeader.text(bytes, i..<bytes.count)
        if message.hasPrefix("AH"), let colon = message.firstIndex(of: ":"),
            message.distance(from: message.startIndex, to: colon) == 7,
            message.utf8.dropFirst(2).prefix(5).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        {
            attributes["code"] = String(message[..<colon])
            message = String(message[message.index(after: colon)...].drop { $0 == " " })
        }
        sink.emit(
            time: time, timeText: record.timeText, line: line.number, offset: line.offset, kind: .log, actor: actor,
            severity: severity, text: message, attributes: attributes)
    }

    struct Record {
        var timestamp: ParsedTimestamp
        var timeText: String
        var level: Range<Int>?
        var messageStart: Int
    }

    /// `[ctime] [level]` at the start of the line.
    static func record(_ bytes: UnsafeRawBufferPointer) -> Record? {
        guard bytes.first == 0x5B, let timestamp = TextTimestampShape.ctime(bytes, at: 1),
            TimestampParser.byte(bytes, 1 + timestamp.length) == 0x5D
        else { return nil }
        let timeText = LogLineHeader.text(bytes, 1..<(1 + timestamp.length))
        var i = timestamp.length + 2
        while TimestampParser.byte(bytes, i) == 0x20 { i += 1 }
        var level: Range<Int>?
        if let inner = LogLineHeader.bracket(bytes, i), inner.count <= 40,
            !inner.contains(where: { bytes[$0] == 0x20 })
        {
            level = inner
            i = inner.upperBound + 1
            while TimestampParser.byte(bytes, i) == 0x20 { i += 1 }
        }
        return Record(timestamp: timestamp, timeText: timeText, level: level, messageStart: i)
    }

    /// `[key value]` as a key and value (`client 1.2.3.4:5678` → `client`, `1.2.3.4:5678`).
    private static func field(_ bytes: UnsafeRawBufferPointer, _ inner: Range<Int>) -> (String, String)? {
        guard let space = inner.first(where: { bytes[$0] == 0x20 }), space > inner.lowerBound else { return nil }
        let key = LogLineHeader.text(bytes, inner.lowerBound..<space)
        guard key.utf8.count <= 16, key.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return nil }
        return (key, LogLineHeader.text(bytes, (space + 1)..<inner.upperBound))
    }

    /// httpd's level names: `emerg`, `alert`, `crit`, `error`, `warn`, `notice`, `info`, `debug`, `trace1`–`trace8`.
    static func severity(_ name: Substring) -> Severity? {
        name.hasPrefix("trace") ? .trace : Severity(levelName: name)
    }

    /// Share of lines that start with `[ctime] [level]`.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x5B else { return 0 }
        return sample.share { line in
            var text = line
            return text.withUTF8 { record(UnsafeRawBufferPointer($0))?.level != nil }
        } * 0.95
    }
}
