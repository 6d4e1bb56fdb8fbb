/// Reads JSON-lines logs: one JSON object per line (structured application logs, Bunyan, pino,
/// zap, logrus, Serilog compact, ECS, journald `-o json`, …).
///
/// ## Fields
/// - time: the first present of `@timestamp`, `timestamp`, `ts`, `time`, `date`, `datetime`,
///   `eventTime`, `__REALTIME_TIMESTAMP`, `@t`, `t`, … as ISO 8601 (any fraction, `Z`, `±hh:mm` or
///   `±hhmm`), RFC 2822, or an epoch number (s/ms/µs/ns, number or string); zone-less times use the
///   source's zone.
/// - level: `level`, `severity`, `lvl`, `levelname`, `log.level`, `@l`, or journald's `PRIORITY`.
/// - message: `msg`, `message`, `MESSAGE`, `@m`, `@mt`, `text`, `log`, `event`, `body`.
/// - actor: `service`, `service.name`, `app`, `application`, `logger`, `component`, `SYSLOG_IDENTIFIER`.
/// Other scalar members (and those of directly nested objects, as `parent.child`) become attributes.
///
/// ## Leniency
/// A line that is not a JSON object, or has no recognisable time, is kept raw with a warning.
public struct JSONLinesParser: LineEventParser {
    /// Names that hold the time, most specific first.
    static let timeKeys: [StaticString] = [
        "@timestamp", "timestamp", "ts", "time", "date", "datetime", "eventTime", "event_time",
        "__REALTIME_TIMESTAMP", "@t", "t", "asctime", "time_local", "logtime", "log_time", "timeGenerated",
        "created_at", "createdAt", "EdgeStartTimestamp",
    ]
    static let levelKeys: [StaticString] = [
        "level", "severity", "lvl", "levelname", "loglevel", "log_level", "log.level", "@l", "severity_text",
        "PRIORITY",
    ]
    static let messageKeys: [StaticString] = [
        "msg", "message", "MESSAGE", "@m", "@mt", "text", "log", "event", "body", "short_message",
    ]
    static let actorKeys: [StaticString] = [
        "service", "service.name", "app", "application", "logger", "logger_name", "component",
        "SYSLOG_IDENTIFIER", "_COMM",
    ]
    /// At most this many attributes are kept per line, each value cut to `maxAttributeLength`.
    static let maxAttributes = 32
    static let maxAttributeLength = 512

    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "JSON lines",
        summary: "one JSON object per line; time from ts/time/timestamp/@timestamp/date/… (ISO 8601 or epoch s/ms/µs/ns), level and message fields by common names",
        eventKind: .log, makeParser: { .lines(JSONLinesParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        parse(line, adding: Attributes(), into: &sink)
    }

    /// Reads one object like `parse(_:into:)`, its attributes starting with `extra` (the facts of a
    /// wrapper around the record, such as an Elasticsearch hit's `_index` and `_id`).
    mutating func parse(_ line: Line, adding extra: Attributes, into sink: inout EventSink) {
        if line.isBlank { return }
        if absorbIfBurst(line, into: &sink) { return }
        parseFully(line, adding: extra, into: &sink)
    }

    /// The roles a top-level member can play, found by a length-bucketed key table.
    enum Role: Equatable {
        case time(Int), level(Int), message(Int), actor(Int), status
    }

    static let roleTable: [[(key: [UInt8], role: Role)]] = {
        var table = [[(key: [UInt8], role: Role)]](repeating: [], count: 33)
        func add(_ keys: [StaticString], _ make: (Int) -> Role) {
            for (rank, key) in keys.enumerated() {
                let bytes = Array(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)).map { $0 | 0x20 }
                if bytes.count < table.count, !table[bytes.count].contains(where: { $0.key == bytes }) {
                    table[bytes.count].append((bytes, make(rank)))
                }
            }
        }
        add(timeKeys, Role.time)
        add(levelKeys, Role.level)
        add(messageKeys, Role.message)
        add(actorKeys, Role.actor)
        add(["status"], { _ in .status })
        return table
    }()

    @inline(__always)
    static func role(of key: UnsafeRawBufferPointer) -> Role? {
        guard key.count < roleTable.count else { return nil }
        for candidate in roleTable[key.count] {
            var equal = true
            for index in 0..<key.count where key[index] | 0x20 != candidate.key[index] {
                equal = false
                break
            }
            if equal { return candidate.role }
        }
        return nil
    }

    /// The fast path: finds time, level, message, actor and status as bytes and, when the record
    /// joins a burst that already exists, counts it without building anything. Returns false when the
    /// record must be built (new group, escapes, ECS nesting, anything unusual).
    func absorbIfBurst(_ line: Line, into sink: inout EventSink) -> Bool {
        var time: (rank: Int, member: JSONScanner.Member)?
        var level: (rank: Int, member: JSONScanner.Member)?
        var message: (rank: Int, member: JSONScanner.Member)?
        var actor: (rank: Int, member: JSONScanner.Member)?
        var status: JSONScanner.Member?
        var unusual = false
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: line.bytes) { member in
                if member.kind == .object {
                    // ECS puts level and service name in nested objects; leave those to the full path.
                    if member.keyEquals("log") || member.keyEquals("service") { unusual = true }
                    return
                }
                guard let role = Self.role(of: member.key) else { return }
                switch role {
                case .time(let rank) where member.kind == .string || member.kind == .number:
                    if rank < (time?.rank ?? .max) { time = (rank, member) }
                case .level(let rank) where member.kind == .string || member.kind == .number:
                    if rank < (level?.rank ?? .max) { level = (rank, member) }
                case .message(let rank) where member.kind == .string:
                    if rank < (message?.rank ?? .max) { message = (rank, member) }
                case .actor(let rank) where member.kind == .string:
                    if rank < (actor?.rank ?? .max) { actor = (rank, member) }
                case .status:
                    status = member
                default:
                    break
                }
            }
        } catch {
            return false
        }
        guard !unusual, let time, !time.member.valueHasEscapes, message?.member.valueHasEscapes != true,
            actor?.member.valueHasEscapes != true, level?.member.valueHasEscapes != true,
            status?.valueHasEscapes != true, status.map({ $0.value.count <= Self.maxAttributeLength }) ?? true,
            let parsed = TimestampParser.any(time.member.value),
            // Zone- or year-less times go through the sink's stateful resolvers on the full path.
            parsed.hasYear, let instant = parsed.instant
        else { return false }
        var severity: Severity?
        if let level {
            let value = level.member.value
            if level.rank == Self.levelKeys.count - 1, let number = Self.integer(value) {
                severity = Severity(syslogSeverity: number)
            } else if let number = Self.integer(value) {
                severity = Self.severity(numericLevel: number)
            } else {
                severity = Severity(levelBytes: value)
            }
        }
        let key = BurstKey(
            template: TemplateMasker.templateHash(of: message?.member.value ?? line.bytes), severity: severity,
            actor: actor.map { BurstKey.hash($0.member.value) } ?? 0, status: status.map { BurstKey.hash($0.value) } ?? 0)
        return sink.absorb(key, time: instant, line: line.number, offset: line.offset)
    }

    /// A non-negative decimal integer filling `bytes`, or nil.
    @inline(__always)
    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte &- 0x30 < 10 else { return nil }
            value = value * 10 + Int(byte &- 0x30)
        }
        return value
    }

    /// The full path: every member, attributes included.
    mutating func parseFully(_ line: Line, adding extra: Attributes, into sink: inout EventSink) {
        var timeRank = Int.max
        var timeMember: (kind: JSONScanner.Kind, text: String)?
        var levelRank = Int.max
        var levelText: String?
        var messageRank = Int.max
        var message: String?
        var actorRank = Int.max
        var actor: String?
        var attributes = extra
        var nested: [(prefix: String, bytes: UnsafeRawBufferPointer)] = []
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: line.bytes) { member in
                if let rank = Self.rank(of: member, in: Self.timeKeys), rank < timeRank,
                    member.kind == .string || member.kind == .number
                {
                    timeRank = rank
                    timeMember = (member.kind, member.stringValue)
                    return
                }
                if let rank = Self.rank(of: member, in: Self.levelKeys), rank < levelRank,
                    member.kind == .string || member.kind == .number
                {
                    levelRank = rank
                    levelText = member.stringValue
                    return
                }
                if let rank = Self.rank(of: member, in: Self.messageKeys), rank < messageRank, member.kind == .string {
                    messageRank = rank
                    message = member.stringValue
                    return
                }
                if let rank = Self.rank(of: member, in: Self.actorKeys), rank < actorRank, member.kind == .string {
                    actorRank = rank
                    actor = member.stringValue
                }
                switch member.kind {
                case .object:
                    if nested.count < 4 { nested.append((member.keyString, member.value)) }
                case .array, .null:
                    break
                default:
                    Self.keep(member.keyString, member.stringValue, in: &attributes)
                }
            }
        } catch {
            let reason = line.bytes.first == 0x7B ? "malformed JSON (\(error.message) at column \(error.offset + 1))" : "not a JSON object"
            sink.keepRaw(line, reason: reason, kind: "malformed JSON line")
            return
        }
        // ECS-style nested members: log.level, service.name, http.* and the like.
        for (prefix, bytes) in nested {
            try? JSONScanner.forEachMember(in: bytes) { member in
                let key = prefix + "." + member.keyString
                if levelText == nil, prefix == "log", member.keyEquals("level") {
                    levelText = member.stringValue
                } else if actor == nil, prefix == "service", member.keyEquals("name") {
                    actor = member.stringValue
                } else if member.kind != .object && member.kind != .array && member.kind != .null {
                    Self.keep(key, member.stringValue, in: &attributes)
                }
            }
        }
        guard let timeMember else {
            sink.keepRaw(line, reason: "no timestamp field", kind: "no timestamp field")
            return
        }
        let timeText = timeMember.text
        var parsed: ParsedTimestamp?
        var utf8 = timeText
        parsed = utf8.withUTF8 { TimestampParser.any(UnsafeRawBufferPointer($0)) }
        guard let parsed, let time = sink.instant(for: parsed, line: line.number) else {
            sink.keepRaw(line, reason: "unrecognised timestamp '\(timeText.prefix(40))'", kind: "unrecognised timestamp")
            return
        }
        var severity: Severity?
        if let levelText {
            if levelRank == Self.levelKeys.count - 1, let number = Int(levelText) {
                severity = Severity(syslogSeverity: number)  // journald PRIORITY
            } else if let number = Int(levelText) {
                severity = Self.severity(numericLevel: number)
            } else {
                severity = Severity(levelName: levelText)
            }
            if severity == nil { attributes["level"] = levelText }
        }
        let text = message ?? line.text
        sink.emit(
            time: time, timeText: timeText, line: line.number, offset: line.offset, kind: .log, actor: actor,
            severity: severity, text: text, attributes: attributes)
    }

    /// pino/bunyan numeric levels (10 trace … 60 fatal); small numbers are read as syslog severities.
    static func severity(numericLevel: Int) -> Severity? {
        switch numericLevel {
        case 0...7: Severity(syslogSeverity: numericLevel)
        case 10..<20: .trace
        case 20..<30: .debug
        case 30..<40: .info
        case 40..<50: .warning
        case 50..<60: .error
        case 60...: .critical
        default: nil
        }
    }

    @inline(__always)
    static func rank(of member: JSONScanner.Member, in keys: [StaticString]) -> Int? {
        for (index, key) in keys.enumerated() where member.keyEquals(key) {
            return index
        }
        return nil
    }

    static func keep(_ key: String, _ value: String, in attributes: inout Attributes) {
        guard attributes.count < maxAttributes else { return }
        if value.utf8.count > maxAttributeLength {
            attributes[key] = String(decoding: value.utf8.prefix(maxAttributeLength), as: UTF8.self) + "…"
        } else {
            attributes[key] = value
        }
    }

    /// Confidence that the sample is JSON lines: the share of lines that are objects with a time.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B else { return 0 }
        let lines = sample.lines.prefix(20)
        guard !lines.isEmpty else { return 0 }
        var good = 0
        for line in lines {
            var text = line
            let ok: Bool = text.withUTF8 { utf8 in
                var hasTime = false
                do {
                    try JSONScanner.forEachMember(in: UnsafeRawBufferPointer(utf8)) { member in
                        if rank(of: member, in: timeKeys) != nil { hasTime = true }
                    }
                } catch {
                    return false
                }
                return hasTime
            }
            if ok { good += 1 }
        }
        // A pretty-printed JSON document has a lone "{" first line: not JSON lines.
        return Double(good) / Double(lines.count) * 0.9
    }
}
