/// Reads logfmt logs: `key=value` pairs separated by spaces, values quoted when they hold spaces
/// (`time=2026-11-17T13:58:31Z level=error msg="pool exhausted" waited=5000ms`), as written by Go
/// kit, logrus's text formatter, Heroku's router and many Go services.
///
/// ## Fields
/// - time: `time`, `ts`, `timestamp`, `t`, `@timestamp`, `date`, `datetime` (ISO 8601, RFC 2822 or
///   an epoch number); else a leading ISO 8601 timestamp before the pairs, as `heroku logs` prints
///   (`2026-11-17T13:58:31.123456+00:00 heroku[router]: at=error code=H12 …`), whose `source[dyno]:`
///   token becomes the actor. Zone-less times use the source's zone.
/// - level: `level`, `lvl`, `severity`, `loglevel`, `log.level`, or Heroku's `at`.
/// - message: `msg`, `message`; lines without one show their pairs as the text.
/// - actor: `service`, `app`, `component`, `logger`, `svc`.
/// Other pairs become attributes (at most 32). Quoted values understand `\"`, `\\`, `\n`, `\t`, `\r`;
/// a key without `=` is kept with an empty value.
///
/// ## Leniency
/// A line without pairs or without a recognisable time is kept raw with a warning.
public struct LogfmtParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "logfmt",
        summary: "logfmt `key=value` lines (Go kit, logrus text, Heroku); time from time/ts/timestamp/t or a leading ISO 8601 stamp, level from level/lvl/severity/at, message from msg/message",
        eventKind: .log, makeParser: { .lines(LogfmtParser()) }, confidence: confidence(for:))

    static let timeKeys: [StaticString] = ["time", "ts", "timestamp", "t", "@timestamp", "date", "datetime"]
    static let levelKeys: [StaticString] = ["level", "lvl", "severity", "loglevel", "log.level", "at"]
    static let messageKeys: [StaticString] = ["msg", "message"]
    static let actorKeys: [StaticString] = ["service", "app", "component", "logger", "svc"]

    /// One `key=value` pair, as byte ranges of the line.
    struct Pair {
        var key: UnsafeRawBufferPointer
        var value: UnsafeRawBufferPointer
        var valueHasEscapes: Bool

        /// The value, with escapes decoded when it was quoted.
        var text: String {
            valueHasEscapes ? LogfmtParser.unescape(value) : String(decoding: value, as: UTF8.self)
        }

        func keyIs(_ names: [StaticString]) -> Int? {
            names.firstIndex { JSONScanner.equalsIgnoringCase(key, $0) }
        }
    }

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        let bytes = line.bytes
        let (prefixTime, source, start) = Self.prefix(bytes)
        var timeRank = Int.max
        var timeText: String?
        var levelRank = Int.max
        var levelText: String?
        var message: String?
        var actorRank = Int.max
        var actor: String?
        var attributes = Attributes()
        let (pairs, _) = Self.forEachPair(in: bytes, from: start) { pair in
            if let rank = pair.keyIs(Self.timeKeys), rank < timeRank {
                timeRank = rank
                timeText = pair.text
            } else if let rank = pair.keyIs(Self.levelKeys), rank < levelRank {
                levelRank = rank
                levelText = pair.text
            } else if message == nil, pair.keyIs(Self.messageKeys) != nil {
                message = pair.text
            } else if let rank = pair.keyIs(Self.actorKeys), rank < actorRank {
                actorRank = rank
                actor = pair.text
            } else if attributes.count < JSONLinesParser.maxAttributes {
                JSONLinesParser.keep(String(decoding: pair.key, as: UTF8.self), pair.text, in: &attributes)
            }
        }
        guard pairs > 0 else {
            sink.keepRaw(line, reason: "no key=value pairs", kind: "not logfmt")
            return
        }
        let time: Instant?
        let stamp: String
        if let timeText {
            stamp = timeText
            time = sink.instant(text: timeText, line: line.number)
        } else if let prefixTime {
            stamp = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<prefixTime.length]), as: UTF8.self)
            time = sink.instant(for: prefixTime, line: line.number)
        } else {
            sink.keepRaw(line, reason: "no time field", kind: "no timestamp field")
            return
        }
        guard let time else {
            sink.keepRaw(line, reason: "unrecognised timestamp '\(stamp.prefix(40))'", kind: "unrecognised timestamp")
            return
        }
        var severity: Severity?
        if let levelText {
            severity = Severity(levelName: levelText)
            if severity == nil { attributes["level"] = levelText }
        }
        if let source { attributes["source"] = source }
        let text = message ?? String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        sink.emit(
            time: time, timeText: stamp, line: line.number, offset: line.offset, kind: .log, actor: actor ?? source,
            severity: severity, text: text, attributes: attributes)
    }

    /// A leading `timestamp [source:]` before the pairs: the timestamp, the source token without its
    /// colon, and where the pairs start.
    static func prefix(_ bytes: UnsafeRawBufferPointer) -> (ParsedTimestamp?, String?, Int) {
        guard let parsed = TimestampParser.iso8601(bytes, at: 0), TimestampParser.byte(bytes, parsed.length) == 0x20
        else { return (nil, nil, 0) }
        var start = parsed.length + 1
        var end = start
        while end < bytes.count, bytes[end] != 0x20, bytes[end] != 0x3D { end += 1 }
        if end > start + 1, end <= bytes.count, TimestampParser.byte(bytes, end) == 0x20, bytes[end - 1] == 0x3A {
            let source = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(end - 1)]), as: UTF8.self)
            start = end + 1
            return (parsed, source, start)
        }
        return (parsed, nil, start)
    }

    /// Calls `body` for each pair from `start`; returns how many pairs had an `=` and how many words
    /// had none.
    @discardableResult
    static func forEachPair(
        in bytes: UnsafeRawBufferPointer, from start: Int, _ body: (Pair) -> Void
    ) -> (pairs: Int, bareWords: Int) {
        var i = start
        var count = 0
        var bare = 0
        let n = bytes.count
        while i < n {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i < n else { break }
            let keyStart = i
            while i < n, bytes[i] != 0x3D, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x22 { i += 1 }
            let key = UnsafeRawBufferPointer(rebasing: bytes[keyStart..<i])
            guard i < n, bytes[i] == 0x3D, !key.isEmpty else {
                // A bare word (or a stray quote): keep it as a key without a value.
                bare += 1
                if key.isEmpty {
                    i += 1
                } else {
                    body(Pair(key: key, value: UnsafeRawBufferPointer(rebasing: bytes[i..<i]), valueHasEscapes: false))
                }
                continue
            }
            i += 1
            count += 1
            if i < n, bytes[i] == 0x22 {
                let valueStart = i + 1
                var escapes = false
                i = valueStart
                while i < n, bytes[i] != 0x22 {
                    if bytes[i] == 0x5C {
                        escapes = true
                        i += 1
                    }
                    i += 1
                }
                let valueEnd = min(i, n)
                let value = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd])
                body(Pair(key: key, value: value, valueHasEscapes: escapes))
                i = valueEnd + 1
            } else {
                let valueStart = i
                while i < n, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
                body(
                    Pair(
                        key: key, value: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<i]), valueHasEscapes: false
                    ))
            }
        }
        return (count, bare)
    }

    /// Decodes `\"`, `\\`, `\n`, `\t` and `\r`; other escapes are kept as written.
    static func unescape(_ value: UnsafeRawBufferPointer) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(value.count)
        var i = 0
        while i < value.count {
            let byte = value[i]
            if byte == 0x5C, i + 1 < value.count {
                switch value[i + 1] {
                case 0x6E: result.append(0x0A)
                case 0x74: result.append(0x09)
                case 0x72: result.append(0x0D)
                case 0x22, 0x5C: result.append(value[i + 1])
                default: result.append(contentsOf: [byte, value[i + 1]])
                }
                i += 2
            } else {
                result.append(byte)
                i += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The share of sample lines made only of pairs (at least two) with a time (a time key or a
    /// leading stamp); free text with a `key=value` in it does not count.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first != 0x7B, first != 0x5B, first != 0x3C else { return 0 }
        return sample.share { line in
            var text = line
            return text.withUTF8 { utf8 in
                let bytes = UnsafeRawBufferPointer(utf8)
                let (prefixTime, _, start) = prefix(bytes)
                var hasTime = prefixTime != nil
                let (pairs, bareWords) = forEachPair(in: bytes, from: start) { pair in
                    if pair.keyIs(timeKeys) != nil, TimestampParser.any(pair.value) != nil { hasTime = true }
                }
                return pairs >= 2 && bareWords == 0 && hasTime
            }
        } * 0.92
    }
}
