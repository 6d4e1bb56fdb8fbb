/// Reads IRC channel logs in the common bouncer and bot formats.
///
/// ## Accepted lines
/// - Supybot/Limnoria ChannelLogger: `2005-01-08T23:33:54  <nick> text`, `*** nick has joined #pov`,
///   `*** a is now known as b`, `* nick waves`.
/// - WeeChat: `2009-01-14 10:36:00<TAB>nick<TAB>text`, with `-->`, `<--`, `--` and ` *` prefixes.
/// - dircproxy: `[14 Jan 10:36] <nick!user@host> text` (no year: taken from the manifest or the
///   incident's other sources), `--> nick (user@host) joined the channel`, `*** You disconnected`.
///   The `+`/`-` some networks put before the text (identified or not) becomes the `identified` attribute.
/// - irssi: `10:36 <@nick> text`, `10:36 -!- nick [user@host] has joined #chan`, dated by the
///   `--- Log opened Wed Jan 14 10:36:00 2009` and `--- Day changed Thu Jan 15 2009` lines.
///
/// Times carry no zone and are read in the source's zone. Messages and actions (`/me`, subtype
/// `action`) and notices are chat events; joins, parts, quits, nick and topic changes and
/// connection notices are notes with that subtype. Nick mode prefixes and `!user@host` are dropped.
///
/// ## Leniency
/// Bytes that are not UTF-8 are read as Windows-1252, so logs mixing encodings stay readable.
/// Date lines are not events. A line without a timestamp, or an irssi time before any date line,
/// is kept raw.
public struct IRCLogParser: LineEventParser {
    /// The registry entry for dated logs (Supybot/Limnoria, WeeChat, irssi).
    public static let descriptor = FormatDescriptor(
        title: "IRC log",
        summary: "Supybot/Limnoria (`2005-01-08T23:33:54  <nick> text`), WeeChat and irssi (`--- Day changed` dated) logs; no zone (source zone)",
        eventKind: .chat, makeParser: { .lines(IRCLogParser()) }, confidence: confidence(for:))

    /// The registry entry for dircproxy logs, whose timestamps have no year.
    public static let dircproxyDescriptor = FormatDescriptor(
        title: "IRC log (dircproxy)",
        summary: "dircproxy logs (`[14 Jan 10:36] <nick!user@host> text`); no year (inferred) and no zone (source zone)",
        eventKind: .chat, mayLackYear: true, makeParser: { .lines(IRCLogParser()) },
        confidence: dircproxyConfidence(for:))

    /// How the timestamp was written, which says how the rest of the line is laid out.
    enum Style {
        case bot, weechat, dircproxy, irssi
    }

    /// The date irssi's date lines announced.
    var day: CivilDateTime?
    /// The channel, once a join line named it.
    var channel: String?

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        let bytes = line.bytes
        if let date = Self.dateLine(bytes) {
            day = date
            return
        }
        guard let (parsed, timeRange, bodyStart, style) = stamp(bytes) else {
            let reason =
                Self.clock(bytes, 0) != nil
                ? "time of day before any '--- Log opened' or '--- Day changed' line" : "not an IRC log line"
            sink.keepRaw(line, reason: reason, kind: reason)
            return
        }
        let timeText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[timeRange]), as: UTF8.self)
        guard let time = sink.instant(for: parsed, line: line.number) else {
            sink.keepRaw(
                line, reason: "timestamp '\(timeText)' cannot be placed in time", kind: "unplaceable timestamp")
            return
        }
        let body = MixedEncodingText.decode(UnsafeRawBufferPointer(rebasing: bytes[bodyStart...]))
        var message = style == .weechat ? Self.weechatMessage(body) : Self.message(body, style: style)
        message.time = time
        message.timeText = timeText
        message.line = line.number
        message.offset = line.offset
        if message.subtype == "join", let joined = message.text.split(separator: " ").last(where: { $0.hasPrefix("#") })
        {
            channel = String(joined)
        }
        message.channel = channel
        sink.emit(message)
    }

    /// The timestamp at the start of a line: its fields, its bytes, where the text starts, and the style.
    func stamp(_ bytes: UnsafeRawBufferPointer) -> (ParsedTimestamp, Range<Int>, Int, Style)? {
        if let iso = TimestampParser.iso8601(bytes, at: 0), iso.offsetSeconds == nil {
            let next = TimestampParser.byte(bytes, iso.length)
            if next == 0x09 { return (iso, 0..<iso.length, iso.length + 1, .weechat) }
            if next == 0x20 { return (iso, 0..<iso.length, Self.skipSpaces(bytes, iso.length), .bot) }
            return nil
        }
        if bytes.first == 0x5B, let (parsed, end) = Self.dircproxyStamp(bytes),
            TimestampParser.byte(bytes, end) == 0x5D, TimestampParser.byte(bytes, end + 1) == 0x20
        {
            return (parsed, 1..<end, end + 2, .dircproxy)
        }
        if let day, let (hour, minute, second, end) = Self.clock(bytes, 0), TimestampParser.byte(bytes, end) == 0x20 {
            var civil = day
            (civil.hour, civil.minute, civil.second) = (hour, minute, second)
            return (
                ParsedTimestamp(civil: civil, offsetSeconds: nil, length: end), 0..<end, Self.skipSpaces(bytes, end),
                .irssi
            )
        }
        return nil
    }

    // MARK: - Message bodies

    /// Reads `<nick> text`, `* nick action`, `-nick- notice` and system lines (`***`, `-!-`, `-->`).
    static func message(_ body: String, style: Style) -> ChatMessage {
        var message = ChatMessage(time: Instant(nanosecondsSinceEpoch: 0), timeText: "", author: nil, text: body)
        if body.hasPrefix("<"), let close = body.firstIndex(of: ">") {
            message.author = nick(body[body.index(after: body.startIndex)..<close])
            var text = body[body.index(after: close)...].drop { $0 == " " }
            if style == .dircproxy, let marker = text.first, marker == "+" || marker == "-" {
                message.extra["identified"] = marker == "+" ? "true" : "false"
                text = text.dropFirst()
            }
            message.text = String(text)
            return message
        }
        for marker in ["*** ", "-!- ", "--> ", "<-- ", "-- "] where body.hasPrefix(marker) {
            return system(String(body.dropFirst(marker.count)), marker: marker)
        }
        if body.hasPrefix("* ") {
            message.text = String(body.dropFirst(2))
            message.author = message.text.split(separator: " ").first.map { nick($0) }
            message.subtype = "action"
            return message
        }
        if body.hasPrefix("-"), let close = body.dropFirst().firstIndex(of: "-"),
            body[body.index(after: close)...].hasPrefix(" ")
        {
            message.author = nick(body[body.index(after: body.startIndex)..<close])
            message.text = String(body[body.index(close, offsetBy: 2)...])
            message.subtype = "notice"
            return message
        }
        return system(body, marker: "")
    }

    /// Reads WeeChat's `prefix<TAB>text`: a nick, or `-->`, `<--`, `--`, `*` and `=!=` for events.
    static func weechatMessage(_ body: String) -> ChatMessage {
        guard let tab = body.firstIndex(of: "\t") else { return system(body, marker: "") }
        let prefix = body[..<tab].trimmingPrefix(" ")
        let text = String(body[body.index(after: tab)...])
        switch prefix {
        case "-->", "<--", "--", "=!=", "":
            return system(text, marker: String(prefix) + " ")
        case "*":
            var message = ChatMessage(
                time: Instant(nanosecondsSinceEpoch: 0), timeText: "",
                author: text.split(separator: " ").first.map { nick($0) }, text: text)
            message.subtype = "action"
            return message
        default:
            return ChatMessage(time: Instant(nanosecondsSinceEpoch: 0), timeText: "", author: nick(prefix), text: text)
        }
    }

    /// A join, part, quit, nick change, topic, mode or connection event, as a note.
    static func system(_ text: String, marker: String) -> ChatMessage {
        let lowered = text.lowercased()
        let kinds: [(String, String)] = [
            ("is now known as", "nick"), ("disconnected", "disconnect"), ("connected", "connect"),
            ("joined", "join"), ("has left", "part"), ("left the channel", "part"), ("parted", "part"),
            ("quit", "quit"), ("kicked", "kick"), ("topic", "topic"), ("mode", "mode"),
        ]
        var subtype = kinds.first { lowered.contains($0.0) }?.1
        if subtype == nil { subtype = marker == "--> " ? "join" : marker == "<-- " ? "quit" : "system" }
        let first = text.split(separator: " ").first.map { nick($0) }
        var message = ChatMessage(
            time: Instant(nanosecondsSinceEpoch: 0), timeText: "", author: first == "You" ? nil : first, text: text)
        message.isSystem = true
        message.subtype = subtype
        return message
    }

    /// A nick without mode prefix (`@`, `+`, `%`, `&`, `~`) and `!user@host`.
    static func nick(_ raw: Substring) -> String {
        let bare = raw.drop { "@+%&~".contains($0) }
        return String(bare.prefix { $0 != "!" })
    }

    // MARK: - Timestamps

    /// `[d Mon hh:mm[:ss]` (dircproxy): the year-less timestamp and the index after it.
    static func dircproxyStamp(_ bytes: UnsafeRawBufferPointer) -> (ParsedTimestamp, Int)? {
        guard let (day, afterDay) = NumericDateTime.number(bytes, 1, maxDigits: 2),
            TimestampParser.byte(bytes, afterDay) == 0x20,
            let month = TimestampParser.monthName(bytes, afterDay + 1),
            TimestampParser.byte(bytes, afterDay + 4) == 0x20,
            let (hour, minute, second, end) = clock(bytes, afterDay + 5), (1...31).contains(day)
        else { return nil }
        let civil = CivilDateTime(year: 0, month: month, day: day, hour: hour, minute: minute, second: second)
        return (ParsedTimestamp(civil: civil, offsetSeconds: nil, hasYear: false, length: end - 1), end)
    }

    /// `hh:mm` or `hh:mm:ss` at `index`: the fields and the index after them.
    static func clock(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (Int, Int, Int, Int)? {
        if let (hour, minute, second, end) = TimestampParser.clock(bytes, index), hour < 24, minute < 60, second < 61 {
            return (hour, minute, second, end)
        }
        guard let hour = TimestampParser.digits(bytes, index, 2), TimestampParser.byte(bytes, index + 2) == 0x3A,
            let minute = TimestampParser.digits(bytes, index + 3, 2), hour < 24, minute < 60,
            !TimestampParser.isDigit(TimestampParser.byte(bytes, index + 5))
        else { return nil }
        return (hour, minute, 0, index + 5)
    }

    /// The date of an irssi `--- Log opened Www Mmm dd hh:mm:ss yyyy` or `--- Day changed Www Mmm dd
    /// yyyy` line; nil for other lines (`--- Log closed` also yields its date).
    static func dateLine(_ bytes: UnsafeRawBufferPointer) -> CivilDateTime? {
        let prefixes: [[UInt8]] = [
            Array("--- Log opened ".utf8), Array("--- Log closed ".utf8), Array("--- Day changed ".utf8),
        ]
        guard let prefix = prefixes.first(where: { bytes.starts(with: $0) }) else { return nil }
        var i = prefix.count
        if TimestampParser.weekdayName(bytes, i), TimestampParser.byte(bytes, i + 3) == 0x20 { i += 4 }
        guard let month = TimestampParser.monthName(bytes, i), TimestampParser.byte(bytes, i + 3) == 0x20 else {
            return nil
        }
        i += 4
        guard let (day, afterDay) = NumericDateTime.number(bytes, i, maxDigits: 2),
            TimestampParser.byte(bytes, afterDay) == 0x20
        else { return nil }
        i = afterDay + 1
        if let (_, _, _, end) = clock(bytes, i), TimestampParser.byte(bytes, end) == 0x20 { i = end + 1 }
        guard let year = TimestampParser.digits(bytes, i, 4) else { return nil }
        let civil = CivilDateTime(year: year, month: month, day: day)
        return civil.instant() == nil ? nil : civil
    }

    static func skipSpaces(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Int {
        var i = index
        while TimestampParser.byte(bytes, i) == 0x20 { i += 1 }
        return i
    }

    // MARK: - Detection

    /// The share of lines shaped like Supybot, WeeChat or irssi log lines.
    public static func confidence(for sample: SniffSample) -> Double {
        var parser = IRCLogParser()
        return sample.share(ofLineBytes: { bytes in
            if let date = dateLine(bytes) {
                parser.day = date
                return true
            }
            guard let (_, _, bodyStart, style) = parser.stamp(bytes), style != .dircproxy else { return false }
            return style == .weechat ? bytes[bodyStart...].contains(0x09) : looksLikeIRC(bytes, bodyStart)
        }) * 0.92
    }

    /// The share of lines shaped like dircproxy log lines.
    public static func dircproxyConfidence(for sample: SniffSample) -> Double {
        sample.share(ofLineBytes: { bytes in
            guard bytes.first == 0x5B, let (_, end) = dircproxyStamp(bytes), TimestampParser.byte(bytes, end) == 0x5D
            else {
                return false
            }
            return looksLikeIRC(bytes, end + 2)
        }) * 0.92
    }

    /// Whether an IRC message or event starts at `index`: `<nick> `, `* nick`, `*** `, `-!- `,
    /// `--> `, `<-- ` or `-nick- ` (a nick has no spaces).
    static func looksLikeIRC(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Bool {
        let rest = UnsafeRawBufferPointer(rebasing: bytes[min(index, bytes.count)...])
        for marker in ["*** ", "* ", "-!- ", "--> ", "<-- "] where rest.starts(with: marker.utf8) {
            return rest.count > marker.utf8.count
        }
        guard let open = rest.first, open == 0x3C || open == 0x2D else { return false }
        let close: UInt8 = open == 0x3C ? 0x3E : 0x2D
        guard let end = rest.dropFirst().prefix(64).firstIndex(of: close), end > 1 else { return false }
        return !rest[1..<end].contains(0x20) && TimestampParser.byte(rest, end + 1) == 0x20
    }
}
