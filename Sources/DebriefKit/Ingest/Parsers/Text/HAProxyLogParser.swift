/// Reads HAProxy logs: the HTTP and TCP log formats and HAProxy's own messages, as syslog writes
/// them (`Mmm dd hh:mm:ss host haproxy[pid]: …`, rsyslog's ISO variant, RFC 5424) or raw on stdout.
///
/// ## Accepted lines
/// - HTTP: `client:port [dd/Mmm/yyyy:hh:mm:ss.mmm] frontend[~] backend/server TR/Tw/Tc/Tr/Ta status bytes
///   cookie cookie term actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue [{headers} {headers}] ["request"]`
/// - TCP: `client:port [accept date] frontend backend/server Tw/Tc/Tt bytes term actconn/…/retries srv_queue/backend_queue`
/// - connection errors: `client:port [accept date] frontend/bind: message` (`SSL handshake failure`)
/// - anything else behind a syslog header (`Proxy web started.`, `Server be/s1 is DOWN …`).
///
/// The event time is the request's accept date (when HAProxy accepted the connection), not the
/// syslog clock; it has no zone, so the source zone is used. HAProxy's own messages carry only the
/// year-less syslog stamp: they take the year of the accept dates around them (or the manifest's).
/// 5xx is an error, 4xx a notice, a server-side termination (`S`, `P`, `R`, `I`) or an aborted
/// request a warning. Lines too short or garbled to read are kept raw, a line truncated after the
/// termination state is still read.
public struct HAProxyLogParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "HAProxy log",
        summary: "HTTP/TCP request logs and HAProxy messages, behind a syslog header or raw; time is the request's accept date (`[dd/Mmm/yyyy:hh:mm:ss.mmm]`, no zone: source zone); 5xx are errors",
        eventKind: .log, mayLackYear: true, makeParser: { .lines(HAProxyLogParser()) }, confidence: confidence(for:))

    /// Year-less lines held until an accept date gives their year, at most this many.
    static let maxWaiting = 1000

    private struct WaitingLine {
        var bytes: [UInt8]
        var number: Int
        var offset: Int64
    }

    private var waiting: [WaitingLine] = []
    private var latestDate: CivilDateTime?

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        let header = Self.header(line.bytes)
        guard let request = Self.request(line.bytes, from: header.messageStart) else {
            if let stamp = header.stamp, !stamp.hasYear, latestDate == nil,
                !sink.years.canResolve || sink.years.isFallback,
                waiting.count < Self.maxWaiting
            {
                waiting.append(WaitingLine(bytes: Array(line.bytes), number: line.number, offset: line.offset))
            } else {
                readOwnMessage(line.bytes, header, number: line.number, offset: line.offset, into: &sink)
            }
            return
        }
        latestDate = request.accepted.civil
        flushWaiting(into: &sink)
        read(request, header, line: line, into: &sink)
    }

    public mutating func finish(into sink: inout EventSink) {
        flushWaiting(into: &sink)
    }

    private mutating func flushWaiting(into sink: inout EventSink) {
        let lines = waiting
        waiting = []
        for line in lines {
            line.bytes.withUnsafeBytes { readOwnMessage($0, Self.header($0), number: line.number, offset: line.offset, into: &sink) }
        }
    }

    private func read(_ request: Request, _ header: Header, line: Line, into sink: inout EventSink) {
        let number = line.number
        let offset = line.offset
        guard let time = sink.instant(for: request.accepted, line: number) else {
            sink.keepRaw(line, reason: "accept date cannot be placed in time", kind: "unplaceable timestamp")
            return
        }
        var attributes = header.attributes
        attributes["client"] = request.client
        attributes["frontend"] = request.frontend
        if request.tls { attributes["tls"] = "true" }
        if let backend = request.backend { attributes["backend"] = backend }
        if let server = request.server { attributes["server"] = server }
        if let timers = request.timers { attributes["timers"] = timers }
        if let status = request.status { attributes["status"] = String(status) }
        if let size = request.bytes { attributes["bytes"] = size }
        if let termination = request.termination { attributes["termination"] = termination }
        if let connections = request.connections { attributes["connections"] = connections }
        if let queues = request.queues { attributes["queues"] = queues }
        if let method = request.method { attributes["method"] = method }
        if let path = request.path { attributes["path"] = path }
        let target = [request.backend, request.server].compactMap { $0 }.joined(separator: "/")
        let text: String
        if let message = request.message {
            text = "\(request.frontend): \(message)"
        } else if let method = request.method, let path = request.path {
            text = "\(method) \(path) \(request.status.map(String.init) ?? "-")"
        } else if let status = request.status {
            text = "\(request.frontend) → \(target) \(status)"
        } else {
            text = "\(request.frontend) → \(target) TCP \(request.termination ?? "")"
        }
        sink.emit(
            time: time, timeText: request.timeText, line: number, offset: offset, kind: .log,
            actor: header.tag ?? "haproxy", severity: Self.severity(request), text: text, attributes: attributes)
    }

    /// A line that is not a request: HAProxy's own message behind a syslog header, timed by that header.
    private func readOwnMessage(
        _ bytes: UnsafeRawBufferPointer, _ header: Header, number: Int, offset: Int64, into sink: inout EventSink
    ) {
        guard var stamp = header.stamp, header.messageStart <= bytes.count else {
            sink.keepRaw(
                text: String(decoding: bytes, as: UTF8.self), line: number, offset: offset,
                reason: "not a HAProxy log line", kind: "not a HAProxy log line")
            return
        }
        if !stamp.hasYear, let latestDate {
            // The year of the nearest accept date, across a new year if the months say so.
            stamp.civil.year = latestDate.year
            if stamp.civil.month - latestDate.month > 6 {
                stamp.civil.year -= 1
            } else if latestDate.month - stamp.civil.month > 6 {
                stamp.civil.year += 1
            }
            stamp.hasYear = true
        }
        guard let time = sink.instant(for: stamp, line: number) else {
            sink.keepRaw(
                text: String(decoding: bytes, as: UTF8.self), line: number, offset: offset,
                reason: "syslog timestamp cannot be placed in time", kind: "unplaceable timestamp")
            return
        }
        var attributes = header.attributes
        let message = UnsafeRawBufferPointer(rebasing: bytes[header.messageStart...])
        var severity = header.severity
        if severity == nil, let guessed = SeverityGuess.guess(message) {
            severity = guessed
            attributes["severity-basis"] = "text"
        }
        sink.emit(
            time: time, timeText: header.timeText ?? "", line: number, offset: offset, kind: .log, actor: header.tag,
            severity: severity, text: String(decoding: message, as: UTF8.self), attributes: attributes)
    }

    static func severity(_ request: Request) -> Severity {
        if request.message != nil { return .warning }
        if let status = request.status {
            if status >= 400 { return HTTPStatus.severity(status) }
            if status < 100 { return .warning }
        }
        if let first = request.termination?.first, "SPRI".contains(first) { return .warning }
        return .info
    }

    // MARK: - Syslog header

    struct Header {
        var stamp: ParsedTimestamp?
        var timeText: String?
        var tag: String?
        var severity: Severity?
        var attributes = Attributes()
        var messageStart = 0
    }

    /// An optional `<PRI>`, timestamp (BSD or ISO), host and `tag[pid]:`, or RFC 5424's header.
    static func header(_ bytes: UnsafeRawBufferPointer) -> Header {
        var header = Header()
        var i = 0
        if let (priority, end) = SyslogParser.priority(bytes) {
            header.severity = Severity(syslogSeverity: priority & 7)
            i = end
            if TimestampParser.byte(bytes, i) == 0x31, TimestampParser.byte(bytes, i + 1) == 0x20 { i += 2 }
        }
        guard let stamp = TimestampParser.iso8601(bytes, at: i) ?? TimestampParser.syslog(bytes, at: i) else {
            header.messageStart = i
            return header
        }
        header.stamp = stamp
        header.timeText = LogLineHeader.text(bytes, i..<(i + stamp.length))
        var fields = FieldCursor(bytes: bytes, index: i + stamp.length)
        if let host = fields.next(), host != "-" { header.attributes["host"] = host }
        let message: UnsafeRawBufferPointer
        if fields.looksLikeRFC5424Rest() {
            let app = fields.next()
            let procID = fields.next()
            _ = fields.next()
            if let app, app != "-" { header.tag = app }
            if let procID, procID != "-" { header.attributes["pid"] = procID }
            _ = fields.structuredData()
            message = fields.rest()
        } else {
            (header.tag, message) = fields.tag(into: &header.attributes)
        }
        header.messageStart = bytes.count - message.count
        return header
    }

    // MARK: - Request log

    struct Request {
        var client: String
        var accepted: ParsedTimestamp
        var timeText: String
        var frontend: String
        var tls = false
        var backend: String?
        var server: String?
        var timers: String?
        var status: Int?
        var bytes: String?
        var termination: String?
        var connections: String?
        var queues: String?
        var method: String?
        var path: String?
        /// The text of a connection error (`SSL handshake failure`).
        var message: String?
    }

    /// A request (HTTP or TCP) or connection-error log starting at `start`, or nil.
    static func request(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Request? {
        var cursor = FieldCursor(bytes: bytes, index: start)
        guard let client = cursor.next(), let colon = client.utf8.lastIndex(of: 0x3A),
            !client.utf8[client.utf8.index(after: colon)...].isEmpty,
            client.utf8[client.utf8.index(after: colon)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        var i = cursor.index
        while TimestampParser.byte(bytes, i) == 0x20 { i += 1 }
        guard TimestampParser.byte(bytes, i) == 0x5B, let accepted = TimestampParser.commonLog(bytes, at: i + 1),
            TimestampParser.byte(bytes, i + 1 + accepted.length) == 0x5D
        else { return nil }
        let timeText = LogLineHeader.text(bytes, (i + 1)..<(i + 1 + accepted.length))
        cursor.index = i + accepted.length + 2
        guard var frontend = cursor.next() else { return nil }
        var request = Request(client: client, accepted: accepted, timeText: timeText, frontend: frontend)
        if frontend.hasSuffix(":") {
            frontend.removeLast()
            request.frontend = frontend
            request.message = String(decoding: cursor.rest(), as: UTF8.self)
            return request
        }
        if frontend.hasSuffix("~") {
            request.frontend = String(frontend.dropLast())
            request.tls = true
        }
        guard let route = cursor.next(), let timers = cursor.next() else { return nil }
        let routeParts = route.split(separator: "/", maxSplits: 1)
        request.backend = routeParts.first.map(String.init)
        request.server = routeParts.count > 1 ? String(routeParts[1]) : nil
        let timerParts = timers.split(separator: "/", omittingEmptySubsequences: false)
        guard timerParts.count == 3 || timerParts.count == 5,
            timerParts.allSatisfy({ part in Int(part.drop { $0 == "+" }) != nil })
        else { return nil }
        request.timers = timers
        if timerParts.count == 5 {
            guard let statusText = cursor.next(), let status = Int(statusText) else { return nil }
            request.status = status
            request.bytes = cursor.next()
            _ = cursor.next()  // captured request cookie
            _ = cursor.next()  // captured response cookie
        } else {
            request.bytes = cursor.next()
        }
        request.termination = cursor.next()
        request.connections = cursor.next()
        request.queues = cursor.next()
        let rest = cursor.rest()
        // Captured headers come first, in braces, and may hold quotes of their own.
        var start = 0
        for _ in 0..<2 where TimestampParser.byte(rest, start) == 0x7B {
            while start < rest.count, rest[start] != 0x7D { start += 1 }
            start += 1
            while TimestampParser.byte(rest, start) == 0x20 { start += 1 }
        }
        if start < rest.count, let quote = rest[start...].firstIndex(of: 0x22) {
            var end = quote + 1
            while end < rest.count, rest[end] != 0x22 { end += 1 }
            let line = LogLineHeader.text(rest, (quote + 1)..<end)
            let parts = line.split(separator: " ", maxSplits: 2)
            if parts.count >= 2 {
                request.method = String(parts[0])
                request.path = String(parts[1])
            }
        }
        return request
    }

    // MARK: - Detection

    /// Confident when at least a third of the lines are HAProxy request logs and the rest come from
    /// HAProxy too; a syslog file with a few HAProxy lines among other daemons stays syslog.
    public static func confidence(for sample: SniffSample) -> Double {
        var requests = 0
        var fromHAProxy = 0
        for line in sample.lines {
            var text = line
            text.withUTF8 { utf8 in
                let bytes = UnsafeRawBufferPointer(utf8)
                let header = header(bytes)
                if request(bytes, from: header.messageStart) != nil {
                    requests += 1
                    fromHAProxy += 1
                } else if header.tag == "haproxy" {
                    fromHAProxy += 1
                }
            }
        }
        guard requests > 0, requests * 3 >= sample.lines.count else { return 0 }
        return 0.95 * Double(fromHAProxy) / Double(sample.lines.count)
    }
}
