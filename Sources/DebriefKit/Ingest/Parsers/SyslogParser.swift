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

    /// Guessed severities by template hash (see `parse`).
    private var guessedSeverity: [UInt64: Severity?] = [:]

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
        let timeRange = i..<(i + parsed.length)
        i += parsed.length
        guard let time = sink.instant(for: parsed, line: line.number) else {
            sink.keepRaw(line, reason: "timestamp cannot be placed in time", kind: "unplaceable timestamp")
            return
        }

        // Header fields as byte ranges; strings are made only if the record is kept.
        var fields = FieldCursor(bytes: bytes, index: i)
        let host = fields.nextRange()
        let header: Header
        if isRFC5424 || fields.looksLikeRFC5424Rest() {
            let app = fields.nextRange()
            let procID = fields.nextRange()
            let messageID = fields.nextRange()
            let structured = fields.structuredDataRange()
            var message = fields.restRange()
            if bytes[message].starts(with: [0xEF, 0xBB, 0xBF]) { message = (message.lowerBound + 3)..<message.upperBound }
            header = Header(
                actor: fields.nonNil(app), pid: fields.nonNil(procID), messageID: fields.nonNil(messageID),
                structured: structured, message: message)
        } else {
            let (tag, pid, message) = fields.tagRanges()
            header = Header(actor: tag, pid: pid, messageID: nil, structured: nil, message: message)
        }
        let message = UnsafeRawBufferPointer(rebasing: bytes[header.message])
        var severity = priority.map { Severity(syslogSeverity: $0 & 7) }
        if severity == nil, let structured = header.structured {
            severity = FieldCursor.levelParameter(in: UnsafeRawBufferPointer(rebasing: bytes[structured]))
        }
        var guessed = false
        let template = TemplateMasker.templateHash(of: message)
        if severity == nil {
            // A guessed severity depends only on the literal words of the message, which its template
            // keeps, so it is worked out once per template rather than once per line.
            let guess: Severity?
            if let cached = guessedSeverity[template] {
                guess = cached
            } else {
                guess = SeverityGuess.guess(message)
                if guessedSeverity.count < 100_000 { guessedSeverity[template] = guess }
            }
            if let guess {
                severity = guess
                guessed = true
            }
        }
        let key = BurstKey(
            template: template, severity: severity,
            actor: header.actor.map { BurstKey.hash(UnsafeRawBufferPointer(rebasing: bytes[$0])) } ?? 0, status: 0)
        if sink.absorb(key, time: time, line: line.number, offset: line.offset) { return }

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        var attributes = Attributes()
        if let priority { attributes["facility"] = Self.facilityNames[min(priority >> 3, 23)] }
        if let host, let value = fields.nonNil(host) { attributes["host"] = text(value) }
        if let pid = header.pid { attributes["pid"] = text(pid) }
        if let messageID = header.messageID { attributes["msgid"] = text(messageID) }
        if let structured = header.structured {
            var cursor = FieldCursor(bytes: bytes, index: structured.lowerBound)
            for (name, value) in cursor.structuredData().prefix(16) where name != "level" || priority != nil {
                attributes[name] = value
            }
        }
        if guessed { attributes["severity-basis"] = "text" }
        sink.emit(
            time: time, timeText: text(timeRange), line: line.number, offset: line.offset, kind: .log,
            actor: header.actor.map(text), severity: severity, text: String(decoding: message, as: UTF8.self),
            attributes: attributes)
    }

    /// Where a line's header fields are.
    struct Header {
        var actor: Range<Int>?
        var pid: Range<Int>?
        var messageID: Range<Int>?
        var structured: Range<Int>?
        var message: Range<Int>
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

/// Reads space-separated syslog header fields as byte ranges.
struct FieldCursor {
    let bytes: UnsafeRawBufferPointer
    var index: Int

    /// The next space-delimited token's range, or nil at the end.
    mutating func nextRange() -> Range<Int>? {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        guard index < bytes.count else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != 0x20 { index += 1 }
        return start..<index
    }

    /// The next space-delimited token, or nil at the end.
    mutating func next() -> String? {
        nextRange().map { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
    }

    /// `range` unless it is the RFC 5424 nil value `-`.
    func nonNil(_ range: Range<Int>?) -> Range<Int>? {
        guard let range, !(range.count == 1 && bytes[range.lowerBound] == 0x2D) else { return nil }
        return range
    }

    /// Whether the rest reads as `APP PROCID MSGID (-|[…])`, i.e. an RFC 5424 header.
    func looksLikeRFC5424Rest() -> Bool {
        var probe = self
        for _ in 0..<3 {
            guard let token = probe.nextRange(), token.count <= 128, bytes[token.upperBound - 1] != 0x3A else {
                return false
            }
        }
        while probe.index < bytes.count, bytes[probe.index] == 0x20 { probe.index += 1 }
        guard probe.index < bytes.count else { return false }
        let next = bytes[probe.index]
        let after = probe.index + 1 < bytes.count ? bytes[probe.index + 1] : 0x20
        return (next == 0x2D && after == 0x20) || next == 0x5B
    }

    /// The range of `-` or of `[id k="v" …][…]` (nil for `-`), leaving the cursor after it.
    mutating func structuredDataRange() -> Range<Int>? {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == 0x2D {
            index += 1
            return nil
        }
        let start = index
        while index < bytes.count, bytes[index] == 0x5B {
            index += 1
            var inQuotes = false
            while index < bytes.count {
                let byte = bytes[index]
                if inQuotes {
                    if byte == 0x5C {
                        index += 1
                    } else if byte == 0x22 {
                        inQuotes = false
                    }
                } else if byte == 0x22 {
                    inQuotes = true
                } else if byte == 0x5D {
                    break
                }
                index += 1
            }
            if index < bytes.count { index += 1 }  // ']'
        }
        return start == index ? nil : start..<index
    }

    /// Parses `[id k="v" …][…]` at the cursor; returns the parameters as key–value pairs.
    mutating func structuredData() -> [(String, String)] {
        guard index < bytes.count, bytes[index] == 0x5B else { return [] }
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

    /// The severity named by a `level="…"` structured-data parameter, without building strings.
    static func levelParameter(in structured: UnsafeRawBufferPointer) -> Severity? {
        let needle: [UInt8] = Array(" level=\"".utf8)
        guard structured.count > needle.count else { return nil }
        var i = 0
        while i + needle.count <= structured.count {
            if structured[i] == 0x20, structured[i + 1] == 0x6C, zip(needle.indices, needle).allSatisfy({ structured[i + $0] == $1 }) {
                let start = i + needle.count
                var end = start
                while end < structured.count, structured[end] != 0x22 { end += 1 }
                return Severity(levelBytes: UnsafeRawBufferPointer(rebasing: structured[start..<end]))
            }
            i += 1
        }
        return nil
    }

    /// Parses a BSD `TAG[PID]: ` prefix (if present): the tag's and pid's ranges and the message's.
    mutating func tagRanges() -> (tag: Range<Int>?, pid: Range<Int>?, message: Range<Int>) {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        let start = index
        var i = index
        // A tag is up to 64 printable bytes ending in ':' or '[pid]:'.
        while i < bytes.count, i - start < 64, bytes[i] != 0x20, bytes[i] != 0x3A, bytes[i] != 0x5B { i += 1 }
        guard i > start, i < bytes.count else { return (nil, nil, restRange()) }
        let tag = start..<i
        var pid: Range<Int>?
        if bytes[i] == 0x5B {
            let pidStart = i + 1
            var j = pidStart
            while j < bytes.count, bytes[j] != 0x5D, j - pidStart < 32 { j += 1 }
            guard j < bytes.count, bytes[j] == 0x5D else { return (nil, nil, restRange()) }
            pid = pidStart..<j
            i = j + 1
            if i < bytes.count, bytes[i] == 0x3A { i += 1 }
        } else if bytes[i] == 0x3A {
            i += 1
        } else {
            return (nil, nil, restRange())
        }
        if i < bytes.count, bytes[i] == 0x20 { i += 1 }
        index = i
        return (tag, pid, restRange())
    }

    /// Parses a BSD `TAG[PID]: ` prefix (if present), storing the pid as an attribute; returns the
    /// tag and the message after it.
    mutating func tag(into attributes: inout Attributes) -> (String?, UnsafeRawBufferPointer) {
        let (tag, pid, message) = tagRanges()
        if let pid { attributes["pid"] = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[pid]), as: UTF8.self) }
        return (
            tag.map { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self) },
            UnsafeRawBufferPointer(rebasing: bytes[message])
        )
    }

    /// Everything after the cursor, without leading spaces.
    mutating func restRange() -> Range<Int> {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return index..<bytes.count
    }

    /// Everything after the cursor, without leading spaces.
    mutating func rest() -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[restRange()])
    }
}
