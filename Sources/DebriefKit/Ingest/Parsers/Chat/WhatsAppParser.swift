/// Reads WhatsApp's "Export chat" text: `12/9/20, 23:55 - Name: text` (Android) and
/// `[12/9/20, 11:55:03 PM] Name: text` (iOS), with `/`, `.` or `-` between date numbers, two- or
/// four-digit years, 24- or 12-hour clocks, and the invisible marks newer exports add.
///
/// Whether dates are day/month or month/day is decided for the whole file from the values seen: a
/// number above 12 can only be a day; when none is, a 12-hour clock means month first and a
/// 24-hour clock day first. A note diagnostic says which order was used and why. Times carry no
/// zone and are read in the source's zone. Lines that do not start with a date continue the message
/// before them; lines without `Name:` (group created, member added, encryption notice) are notes.
/// "This message was deleted" marks a deleted message. Lines before the first message are kept raw.
public struct WhatsAppParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "WhatsApp chat export",
        summary: "\"Export chat\" text (`12/9/20, 23:55 - Name: text`, `[12/9/20, 11:55:03 PM] Name: text`); D/M or M/D decided per file; no zone (source zone)",
        eventKind: .chat, makeParser: { .lines(WhatsAppParser()) }, confidence: confidence(for:))

    /// A message read but not yet emitted (its date order may be unsettled, more lines may follow).
    struct Pending {
        var stamp: NumericDateTime
        var timeText: String
        var line: Int
        var offset: Int64
        var author: String?
        var text: String
    }

    /// Texts WhatsApp writes in place of a deleted message.
    static let deletedTexts: Set<String> = ["This message was deleted", "You deleted this message"]
    /// How many messages may wait for the date order before the default is taken.
    static let maxUndecided = 50_000

    var pending: [Pending] = []
    var order = NumericDateTime.Order()
    var explained = false

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        guard let (stamp, start, bodyStart) = Self.header(line.bytes) else {
            if pending.isEmpty {
                if !line.isBlank {
                    sink.keepRaw(line, reason: "not a WhatsApp message line", kind: "not a message line")
                }
            } else if pending[pending.count - 1].text.utf8.count < sink.context.limits.maxRawTextLength * 16 {
                pending[pending.count - 1].text += "\n" + line.text
            }
            return
        }
        order.observe(stamp, at: line.number)
        let body = String(decoding: UnsafeRawBufferPointer(rebasing: line.bytes[bodyStart...]), as: UTF8.self)
        let (author, text) = Self.split(body)
        pending.append(
            Pending(
                stamp: stamp,
                timeText: String(
                    decoding: UnsafeRawBufferPointer(rebasing: line.bytes[start..<(start + stamp.length)]),
                    as: UTF8.self),
                line: line.number, offset: line.offset, author: author, text: text))
        if order.dayFirst != nil || pending.count > Self.maxUndecided { flush(keepingLast: true, into: &sink) }
    }

    public mutating func finish(into sink: inout EventSink) {
        flush(keepingLast: false, into: &sink)
    }

    /// Emits the pending messages (all but the last, which more lines may continue, if asked).
    mutating func flush(keepingLast: Bool, into sink: inout EventSink) {
        let count = keepingLast ? pending.count - 1 : pending.count
        guard count > 0 else { return }
        if !explained {
            explained = true
            sink.diagnostics.note(order.explanation, path: sink.path)
        }
        let dayFirst = order.resolvedDayFirst
        for message in pending.prefix(count) {
            guard let civil = message.stamp.civil(dayFirst: dayFirst),
                let time = sink.instant(
                    for: ParsedTimestamp(civil: civil, offsetSeconds: nil, length: message.stamp.length),
                    line: message.line)
            else {
                sink.keepRaw(
                    text: message.timeText + " " + message.text, line: message.line, offset: message.offset,
                    reason: "'\(message.timeText)' is not a valid date when read \(dayFirst ? "day" : "month") first",
                    kind: "invalid date")
                continue
            }
            let text = message.text.trimmingWhitespace
            var chat = ChatMessage(
                time: time, timeText: message.timeText, line: message.line, offset: message.offset,
                author: message.author, text: text)
            if message.author == nil {
                chat.isSystem = true
                chat.subtype = "system"
            }
            chat.deleted = Self.deletedTexts.contains(text)
            sink.emit(chat)
        }
        pending.removeFirst(count)
    }

    /// The date and time at the start of a message line, where it starts, and where the body starts.
    static func header(_ bytes: UnsafeRawBufferPointer) -> (NumericDateTime, Int, Int)? {
        var i = skipMarks(bytes, 0)
        let bracketed = TimestampParser.byte(bytes, i) == 0x5B
        if bracketed { i += 1 }
        guard let stamp = NumericDateTime.parse(bytes, at: i) else { return nil }
        let start = i
        i += stamp.length
        if bracketed {
            guard TimestampParser.byte(bytes, i) == 0x5D, TimestampParser.byte(bytes, i + 1) == 0x20 else { return nil }
            return (stamp, start, skipMarks(bytes, i + 2))
        }
        guard TimestampParser.byte(bytes, i) == 0x20 else { return nil }
        if TimestampParser.byte(bytes, i + 1) == 0x2D, TimestampParser.byte(bytes, i + 2) == 0x20 {
            return (stamp, start, skipMarks(bytes, i + 3))
        }
        // An en dash, as some locales write it.
        if TimestampParser.byte(bytes, i + 1) == 0xE2, TimestampParser.byte(bytes, i + 2) == 0x80,
            TimestampParser.byte(bytes, i + 3) == 0x93, TimestampParser.byte(bytes, i + 4) == 0x20
        {
            return (stamp, start, skipMarks(bytes, i + 5))
        }
        return nil
    }

    /// Skips left-to-right marks (U+200E) WhatsApp puts before dates and system texts.
    static func skipMarks(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Int {
        var i = index
        while TimestampParser.byte(bytes, i) == 0xE2, TimestampParser.byte(bytes, i + 1) == 0x80,
            TimestampParser.byte(bytes, i + 2) == 0x8E
        {
            i += 3
        }
        return i
    }

    /// The author and text of a message body, or no author for a system line.
    static func split(_ body: String) -> (String?, String) {
        guard let colon = body.firstRange(of: ": ") else { return (nil, body) }
        let name = body[..<colon.lowerBound]
        guard !name.isEmpty, name.count <= 80, !name.contains("\"") else { return (nil, body) }
        return (String(name), String(body[colon.upperBound...]))
    }

    /// The share of sample lines that start like a WhatsApp message.
    public static func confidence(for sample: SniffSample) -> Double {
        let share = sample.share(ofLineBytes: { header($0) != nil })
        return share >= 0.3 ? 0.5 + share * 0.45 : 0
    }
}
