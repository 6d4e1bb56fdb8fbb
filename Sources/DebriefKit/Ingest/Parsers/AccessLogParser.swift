#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let bytes = line.bytes
        guard let record = Self.record(bytes) else {
            sink.keepRaw(line, reason: "not an access-log line", kind: "not an access-log line")
            return
        }
        guard let time = sink.instant(for: record.timestamp, line: line.number) else {
            sink.keepRaw(line, reason: "timestamp cannot be placed in time", kind: "unplaceable timestamp")
            return
        }
        let severity: Severity =
            switch record.status {
            case 500...599: .error
            case 400...499: .notice
            default: .info
            }
        func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[range]) }
        // The text is `METHOD PATH STATUS`; key the record from those bytes before building anything.
        if let method = record.method, let path = record.path {
            var template = TemplateHasher()
            template.feed(slice(method))
            template.feed(byte: 0x20)
            template.feed(slice(path))
            template.feed(byte: 0x20)
            template.feed(slice(record.statusRange))
            let key = BurstKey(
                template: template.value, severity: severity, actor: 0, status: BurstKey.hash(slice(record.statusRange)))
            if sink.absorb(key, time: time, line: line.number, offset: line.offset) { return }
        }
        func text(_ range: Range<Int>) -> String { String(decoding: slice(range), as: UTF8.self) }
        var attributes = Attributes()
        attributes["client"] = text(record.client)
        if !Self.isDash(slice(record.user)) { attributes["user"] = text(record.user) }
        let status = text(record.statusRange)
        let eventText: String
        if let method = record.method, let path = record.path {
            attributes["method"] = text(method)
            attributes["path"] = text(path)
            eventText = "\(text(method)) \(text(path)) \(status)"
        } else {
            eventText = "\(text(record.request)) \(status)"
        }
        attributes["status"] = status
        attributes["bytes"] = text(record.size)
        if let referer = record.referer, !Self.isDash(slice(referer)) { attributes["referer"] = text(referer) }
        if let agent = record.agent, !Self.isDash(slice(agent)) { attributes["user-agent"] = text(agent) }
        sink.emit(
            time: time, timeText: text(record.time), line: line.number, offset: line.offset, kind: .log,
            severity: severity, text: eventText, attributes: attributes)
    }

    /// Where a record's fields are.
    struct Record {
        var client: Range<Int>
        var user: Range<Int>
        var timestamp: ParsedTimestamp
        var time: Range<Int>
        var request: Range<Int>
        var method: Range<Int>?
        var path: Range<Int>?
        var statusRange: Range<Int>
        var status: Int
        var size: Range<Int>
        var referer: Range<Int>?
        var agent: Range<Int>?
    }

    static func isDash(_ bytes: UnsafeRawBufferPointer) -> Bool { bytes.count == 1 && bytes[0] == 0x2D }

    static func record(_ bytes: UnsafeRawBufferPointer) -> Record? {
        var cursor = FieldCursor(bytes: bytes, index: 0)
        guard let client = cursor.nextRange(), cursor.nextRange() != nil, let user = cursor.nextRange() else {
            return nil
        }
        var i = cursor.index
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        guard i < bytes.count, bytes[i] == 0x5B, let timestamp = TimestampParser.commonLog(bytes, at: i + 1),
            timestamp.offsetSeconds != nil, TimestampParser.byte(bytes, i + 1 + timestamp.length) == 0x5D
        else { return nil }
        let time = (i + 1)..<(i + 1 + timestamp.length)
        i += timestamp.length + 2
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        guard let (request, afterRequest) = quoted(bytes, i) else { return nil }
        cursor.index = afterRequest
        guard let statusRange = cursor.nextRange(), statusRange.count == 3,
            let status = TimestampParser.digits(bytes, statusRange.lowerBound, 3), status >= 100,
            let size = cursor.nextRange()
        else { return nil }
        var referer: Range<Int>?
        var agent: Range<Int>?
        var j = cursor.index
        while j < bytes.count, bytes[j] == 0x20 { j += 1 }
        if let (value, next) = quoted(bytes, j) {
            referer = value
            j = next
            while j < bytes.count, bytes[j] == 0x20 { j += 1 }
            if let (value, _) = quoted(bytes, j) { agent = value }
        }
        // "METHOD PATH PROTOCOL": method and path when the request has at least two words.
        var method: Range<Int>?
        var path: Range<Int>?
        var requestCursor = FieldCursor(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<request.upperBound]), index: request.lowerBound)
        if let first = requestCursor.nextRange(), let second = requestCursor.nextRange() {
            method = first
            path = second
        }
        return Record(
            client: client, user: user, timestamp: timestamp, time: time, request: request, method: method, path: path,
            statusRange: statusRange, status: status, size: size, referer: referer, agent: agent)
    }

    /// A double-quoted field at `index` (backslash escapes kept as written): the range inside the
    /// quotes and the index after the closing quote.
    static func quoted(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (Range<Int>, Int)? {
        guard index < bytes.count, bytes[index] == 0x22, let base = bytes.baseAddress else { return nil }
        var i = index + 1
        while i < bytes.count {
            // User agents and URLs are long: find the next quote with memchr, then check that it is
            // not escaped (an even number of backslashes before it).
            guard let found = memchr(base + i, 0x22, bytes.count - i) else { return nil }
            let quote = base.distance(to: UnsafeRawPointer(found))
            var backslashes = 0
            var k = quote - 1
            while k > index, bytes[k] == 0x5C {
                backslashes += 1
                k -= 1
            }
            if backslashes % 2 == 0 { return ((index + 1)..<quote, quote + 1) }
            i = quote + 1
        }
        return nil
    }

    /// Share of sample lines that parse as access-log records.
    public static func confidence(for sample: SniffSample) -> Double {
        sample.share { line in
            var text = line
            return text.withUTF8 { record(UnsafeRawBufferPointer($0)) != nil }
        } * 0.95
    }
}
