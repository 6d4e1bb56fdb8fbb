/// Reads syslog files: BSD syslog (RFC 3164) and RFC 5424, with or without the `<PRI>` header.
///
/// ## Accepted lines
/// - RFC 3164: `[<PRI>]Mmm dd hh:mm:ss HOST TAG[PID]: MESSAGE` (day padded with a space or zero).
///   The timestamp has no year (taken from the manifest or the incident's other sources, rolling
///   over at a new year) and no zone (the source's or manifest's `timezone`).
/// - rsyslog's high-precision variant: an ISO 8601 timestamp in place of `Mmm dd hh:mm:ss`.
/// - RFC 5424: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID STRUCTURED-DATA [MESSAGE]`, and the same
///   without `<PRI>1 ` as rsyslog writes it to files. PRI may be up to 191; structured data may hold
///   several elements with quoted, escaped values.
///
/// Severity comes from PRI, else from a `level` structured-data parameter, else it is guessed from
/// the text (attribute `severity-basis: text`). Lines that match nothing are kept raw.
public struct SyslogParser: LineEventParser {
    /// The registry entry for BSD syslog.
    public static let descriptor3164 = FormatDescriptor(
        title: "BSD syslog (RFC 3164)",
        summary: "`Mmm dd hh:mm:ss host tag[pid]: message`, optional <PRI>; no year (inferred) and no zone (manifest zone)",
        eventKind: .log, mayLackYear: true, makeParser: { .lines(SyslogParser()) }, confidence: confidence3164(for:))

    /// The registry entry for RFC 5424 syslog.
    public static let descriptor5424 = FormatDescriptor(
        title: "Syslog (RFC 5424)",
        summary: "`<PRI>1 timestamp host app procid msgid [SD] message` (also without <PRI>, as rsyslog writes files); zone from the timestamp",
        eventKind: .log, makeParser: { .lines(SyslogParser()) }, confidence: confidence5424(for:))

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        let bytes = line.bytes
        if line.isBlank { return }
        var i = 0
        var priority: Int?
        if let (value, end) = Self.priority(bytes) {
            priority = value
            i = end
        }
        var isRFC5424 = false
        if priority != nil, TimestampParser.byte(bytes, i) == 0x31, TimestampParser.byte(bytes, i + 1) == 0x20 {
            isRFC5424 = true
            i += 2
        }
        let parsed: ParsedTimestamp
        if let iso = TimestampParser.iso8601(bytes, at: i) {
            parsed = iso
        } else if !isRFC5424, let bsd = TimestampParser.syslog(bytes, at: i) {
            parsed = bsd
        } else if isRFC5424, TimestampParser.byte(bytes, i) == 0x2D {
            sink.keepRaw(line, reason: "RFC 5424 line without a timestamp ('-')", kind: "no timestamp")
            return
        } else {
            if bytes.first == 0x20 || bytes.first == 0x09, sink.appendContinuation(line.text) {
                return  // a wrapped message
            }
            sink.keepRaw(line, reason: "not a syslog line", kind: "not a syslog line")
            return
        }
        let timeText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + parsed.length)]), as: UTF8.self)
        i += parsed.length
        guard let time = sink.instant(for: parsed, line: line.number) else {
            sink.keepRaw(line, reason: "timestamp '\(timeText)' cannot be placed in time", kind: "unplaceable timestamp")
            return
        }
        var attributes = Attributes()
        var severity = priority.map { Severity(syslogSeverity: $0 & 7) }
        if let priority { attributes["facility"] = Self.facilityNames[min(priority >> 3, 23)] }

        var fields = FieldCursor(bytes: bytes, index: i)
        let host = fields.next()
        if let host, host != "-" { attributes["host"] = host }

        var actor: String?
        var message: UnsafeRawBufferPointer
        if isRFC5424 || fields.looksLikeRFC5424Rest() {
            let app = fields.next()
            let procID = fields.next()
            let messageID = fields.next()
            if let app, app != "-" { actor = app }
            if let procID, procID != "-" { attributes["pid"] = procID }
            if let messageID, messageID != "-" { attributes["msgid"] = messageID }
            let structured = fields.structuredData()
            for (key, value) in structured.prefix(16) {
                if key == "level", severity == nil, let level = Severity(levelName: value) {
                    severity = level
                } else {
                    attributes[key] = value
                }
            }
            message = fields.rest()
            if message.starts(with: [0xEF, 0xBB, 0xBF]) { message = UnsafeRawBufferPointer(rebasing: message[3...]) }
        } else {
            (actor, message) = fields.tag(into: &attributes)
        }
        if severity == nil, let guessed = SeverityGuess.guess(message) {
            severity = guessed
            attributes["severity-basis"] = "text"
        }
        sink.emit(
            time: time, timeText: timeText, line: line.number, offset: line.offset, kind: .log, actor: actor,
            severity: severity, text: String(decoding: message, as: UTF8.self), attributes: attributes)
    }

    /// `<PRI>` at the start: 1–3 digits, at most 191.
    static func priority(_ bytes: UnsafeRawBufferPointer) -> (Int, Int)? {
        guard bytes.first == 0x3C else { return nil }
        var value = 0
        var i = 1
        while i < bytes.count, i <= 4, TimestampParser.isDigit(bytes[i]) {
            value = value * 10 + Int(bytes[i] - 0x30)
            i += 1
        }
        guard i > 1, i < bytes.count, bytes[i] == 0x3E, value <= 191 else { return nil }
        return (value, i + 1)
    }

    static let facilityNames = [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5",
        "local6", "local7",
    ]

    // MARK: - Detection

    /// Share of lines shaped like BSD syslog (`Mmm dd hh:mm:ss host …`, optional PRI).
    public static func confidence3164(for sample: SniffSample) -> Double {
        sample.share { line in
            var text = line
            return text.withUTF8 { utf8 in
                let bytes = UnsafeRawBufferPointer(utf8)
                let start = priority(bytes)?.1 ?? 0
                if let parsed = TimestampParser.syslog(bytes, at: start) {
                    return TimestampParser.byte(bytes, start + parsed.length) == 0x20
                }
                // rsyslog high-precision files: ISO timestamp, host, then a tag with ':'.
                if let parsed = TimestampParser.iso8601(bytes, at: start), parsed.offsetSeconds != nil {
                    var fields = FieldCursor(bytes: bytes, index: start + parsed.length)
                    guard fields.next() != nil, !fields.looksLikeRFC5424Rest() else { return false }
                    let rest = fields.rest()
                    return rest.prefix(48).contains(0x3A)
                }
                return false
            }
        } * 0.9
    }

    /// Share of lines shaped like RFC 5424 (with `<PRI>1` it is nearly certain).
    public static func confidence5424(for sample: SniffSample) -> Double {
        var strong = 0
        var weak = 0
        for line in sample.lines.prefix(40) {
            var text = line
            text.withUTF8 { utf8 in
                let bytes = UnsafeRawBufferPointer(utf8)
                if let (_, end) = priority(bytes), TimestampParser.byte(bytes, end) == 0x31,
                    TimestampParser.byte(bytes, end + 1) == 0x20
                {
                    strong += 1
                } else if let parsed = TimestampParser.iso8601(bytes, at: 0), parsed.offsetSeconds != nil {
                    var fields = FieldCursor(bytes: bytes, index: parsed.length)
                    if fields.next() != nil, fields.looksLikeRFC5424Rest() { weak += 1 }
                }
            }
        }
        let total = min(sample.lines.count, 40)
        guard total > 0 else { return 0 }
        return (Double(strong) * 0.97 + Double(weak) * 0.85) / Double(total)
    }
}

/// Reads space-separated syslog header fields.
struct FieldCursor {
    let bytes: UnsafeRawBufferPointer
    var index: Int

    /// The next space-delimited token, or nil at the end.
    mutating func next() -> String? {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        guard index < bytes.count else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != 0x20 { index += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Whether the rest reads as `APP PROCID MSGID (-|[…])`, i.e. an RFC 5424 header.
    func looksLikeRFC5424Rest() -> Bool {
        var probe = self
        for _ in 0..<3 {
            guard let token = probe.next(), !token.isEmpty, token.utf8.count <= 128 else { return false }
            if token.hasSuffix(":") { return false }
        }
        while probe.index < bytes.count, bytes[probe.index] == 0x20 { probe.index += 1 }
        guard probe.index < bytes.count else { return false }
        let next = bytes[probe.index]
        let after = probe.index + 1 < bytes.count ? bytes[probe.index + 1] : 0x20
        return (next == 0x2D && after == 0x20) || next == 0x5B
    }

    /// Parses `-` or `[id k="v" …][…]`; returns the parameters as key–value pairs.
    mutating func structuredData() -> [(String, String)] {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        guard index < bytes.count else { return [] }
        if bytes[index] == 0x2D {
            index += 1
            return []
        }
        var result: [(String, String)] = []
        while index < bytes.count, bytes[index] == 0x5B {
            index += 1
            // SD-ID
            while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x5D { index += 1 }
            while index < bytes.count, bytes[index] != 0x5D {
                while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                let nameStart = index
                while index < bytes.count, bytes[index] != 0x3D, bytes[index] != 0x5D, bytes[index] != 0x20 {
                    index += 1
                }
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
                guard index < bytes.count, bytes[index] == 0x3D else { continue }
                index += 1
                guard index < bytes.count, bytes[index] == 0x22 else { continue }
                index += 1
                var value: [UInt8] = []
                while index < bytes.count, bytes[index] != 0x22 {
                    if bytes[index] == 0x5C, index + 1 < bytes.count {
                        index += 1
                    }
                    value.append(bytes[index])
                    index += 1
                }
                index += 1
                if !name.isEmpty { result.append((name, String(decoding: value, as: UTF8.self))) }
            }
            if index < bytes.count { index += 1 }  // ']'
        }
        return result
    }

    /// Parses a BSD `TAG[PID]: ` prefix (if present) and returns the tag and the message after it.
    mutating func tag(into attributes: inout Attributes) -> (String?, UnsafeRawBufferPointer) {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        let start = index
        var i = index
        // A tag is up to 48 printable bytes ending in ':' or '[pid]:'.
        while i < bytes.count, i - start < 64, bytes[i] != 0x20, bytes[i] != 0x3A, bytes[i] != 0x5B { i += 1 }
        guard i > start, i < bytes.count else { return (nil, rest()) }
        let tag = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        if bytes[i] == 0x5B {
            let pidStart = i + 1
            var j = pidStart
            while j < bytes.count, bytes[j] != 0x5D, j - pidStart < 32 { j += 1 }
            guard j < bytes.count, bytes[j] == 0x5D else { return (nil, rest()) }
            attributes["pid"] = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[pidStart..<j]), as: UTF8.self)
            i = j + 1
            if i < bytes.count, bytes[i] == 0x3A { i += 1 }
        } else if bytes[i] == 0x3A {
            i += 1
        } else {
            return (nil, rest())
        }
        if i < bytes.count, bytes[i] == 0x20 { i += 1 }
        index = i
        return (tag, rest())
    }

    /// Everything after the cursor, without leading spaces.
    mutating func rest() -> UnsafeRawBufferPointer {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[index...])
    }
}
