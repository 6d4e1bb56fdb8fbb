/// Reads web server access logs in the common and combined log formats (nginx, Apache, and the
/// many proxies that copy them), including extra fields after the user agent.
///
/// `HOST IDENT USER [dd/Mmm/yyyy:hh:mm:ss ±hhmm] "METHOD PATH PROTO" STATUS BYTES ["REFERER" "AGENT" …]`
///
/// The zone comes from the timestamp. Status 5xx is an error, 4xx a notice, anything else info; the
/// text is `METHOD PATH STATUS` so bursts of the same failing request collapse together.
public struct AccessLogParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "nginx / Apache access log",
        summary: "common and combined log format (`host ident user [dd/Mmm/yyyy:hh:mm:ss ±hhmm] \"request\" status bytes …`); 5xx are errors",
        eventKind: .log, makeParser: { .lines(AccessLogParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        guard let record = Self.record(line.bytes) else {
            sink.keepRaw(line, reason: "not an access-log line", kind: "not an access-log line")
            return
        }
        guard let time = sink.instant(for: record.timestamp, line: line.number) else {
            sink.keepRaw(line, reason: "timestamp cannot be placed in time", kind: "unplaceable timestamp")
            return
        }
        var attributes = Attributes()
        attributes["client"] = record.client
        if record.user != "-" { attributes["user"] = record.user }
        attributes["method"] = record.method
        attributes["path"] = record.path
        attributes["status"] = String(record.status)
        attributes["bytes"] = record.bytes
        if let referer = record.referer, referer != "-" { attributes["referer"] = referer }
        if let agent = record.agent, agent != "-" { attributes["user-agent"] = agent }
        let severity: Severity =
            switch record.status {
            case 500...599: .error
            case 400...499: .notice
            default: .info
            }
        let text = record.method.isEmpty ? "\(record.request) \(record.status)" : "\(record.method) \(record.path) \(record.status)"
        sink.emit(
            time: time, timeText: record.timeText, line: line.number, offset: line.offset, kind: .log,
            severity: severity, text: text, attributes: attributes)
    }

    struct Record {
        var client: String
        var user: String
        var timestamp: ParsedTimestamp
        var timeText: String
        var request: String
        var method: String
        var path: String
        var status: Int
        var bytes: String
        var referer: String?
        var agent: String?
    }

    static func record(_ bytes: UnsafeRawBufferPointer) -> Record? {
        var cursor = FieldCursor(bytes: bytes, index: 0)
        guard let client = cursor.next(), cursor.next() != nil, let user = cursor.next() else { return nil }
        var i = cursor.index
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        guard i < bytes.count, bytes[i] == 0x5B, let timestamp = TimestampParser.commonLog(bytes, at: i + 1),
            timestamp.offsetSeconds != nil, TimestampParser.byte(bytes, i + 1 + timestamp.length) == 0x5D
        else { return nil }
        let timeText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<(i + 1 + timestamp.length)]), as: UTF8.self)
        i += timestamp.length + 2
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        guard let (request, afterRequest) = quoted(bytes, i) else { return nil }
        cursor.index = afterRequest
        guard let statusText = cursor.next(), let status = Int(statusText), (100...999).contains(status),
            let size = cursor.next()
        else { return nil }
        var referer: String?
        var agent: String?
        var j = cursor.index
        while j < bytes.count, bytes[j] == 0x20 { j += 1 }
        if let (value, next) = quoted(bytes, j) {
            referer = value
            j = next
            while j < bytes.count, bytes[j] == 0x20 { j += 1 }
            if let (value, _) = quoted(bytes, j) { agent = value }
        }
        let parts = request.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        let method = parts.count >= 2 ? String(parts[0]) : ""
        let path = parts.count >= 2 ? String(parts[1]) : request
        return Record(
            client: client, user: user, timestamp: timestamp, timeText: timeText, request: request, method: method,
            path: path, status: status, bytes: size, referer: referer, agent: agent)
    }

    /// A double-quoted field at `index` (backslash escapes kept as written); returns it and the index after it.
    static func quoted(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (String, Int)? {
        guard index < bytes.count, bytes[index] == 0x22 else { return nil }
        var i = index + 1
        while i < bytes.count, bytes[i] != 0x22 {
            if bytes[i] == 0x5C { i += 1 }
            i += 1
        }
        guard i < bytes.count else { return nil }
        return (String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<i]), as: UTF8.self), i + 1)
    }

    /// Share of sample lines that parse as access-log records.
    public static func confidence(for sample: SniffSample) -> Double {
        sample.share { line in
            var text = line
            return text.withUTF8 { record(UnsafeRawBufferPointer($0)) != nil }
        } * 0.95
    }
}
