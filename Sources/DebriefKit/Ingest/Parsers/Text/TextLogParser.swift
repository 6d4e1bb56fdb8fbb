/// Reads plain-text application logs whose lines start with (or carry near the start) a timestamp:
/// the fallback for logs no specific format claims (Hadoop, HDFS, Spark, Zookeeper, Android
/// logcat, OpenStack, Windows CBS, BGL, HPC, Thunderbird, HealthApp, Proxifier, PostgreSQL, Java
/// and Python application logs, …).
///
/// ## Timestamps
/// The layout is learned once per file from its first 24 non-blank lines (`TextLogLayout`): which
/// timestamp shape (`TextTimestampShape`) sits at which token. Every later line is read with that
/// one fixed test. Offsets in the text (`Z`, `+02:00`, `+0200`) and known zone abbreviations (`PDT`,
/// `UTC`) are used; zone-less stamps use the source's zone; year-less stamps (`03-17 16:13:38`,
/// `[10.30 16:49:06]`, syslog) get their year from the manifest or the incident's other sources,
/// rolling over at a new year; two-digit years are 20yy unless that is more than a year after the
/// incident's reference year. An epoch column before a wall-clock stamp is the time (it is UTC);
/// the wall-clock stamp then only adds its sub-second digits when both agree to a whole quarter hour.
///
/// ## Fields
/// After the timestamp, `LogLineHeader` picks out the level, process and thread ids, a `[thread]`
/// and a logger or tag (the actor); after a syslog stamp, the host and `tag[pid]:`. Text before the
/// timestamp (a file name, an alert tag) is kept as the `prefix` attribute. Without a level token,
/// severity is guessed from the text (`severity-basis: text`).
///
/// ## Leniency
/// A line without the learned timestamp continues the record before it (stack traces, wrapped
/// messages); a line whose timestamp has the learned shape but does not parse, and lines before the
/// first record, are kept raw. A second timestamp shape at the start of a line (a rotated file with
/// another format appended) is learned as an alternate layout. Terminal colour escapes are removed.
public struct TextLogParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Timestamped text log",
        summary: "application logs whose lines start with a timestamp (ISO 8601, `yyMMdd HHmmss`, `yy/MM/dd`, `MM-dd`, ctime, epoch columns, …), shape learned from the first lines; stack traces join their record; offsets and zone abbreviations used, else the source zone; year-less stamps inferred",
        eventKind: .log, mayLackYear: true, makeParser: { .lines(TextLogParser()) }, confidence: confidence(for:))

    /// Lines (and bytes) held back to learn the layout from.
    static let learningLines = 24
    static let learningBytes = 64 << 10

    private struct HeldLine {
        var bytes: [UInt8]
        var number: Int
        var offset: Int64
    }

    private var learned = false
    private var held: [HeldLine] = []
    private var heldBytes = 0
    private var layout: TextLogLayout?
    private var alternate: TextLogLayout?
    private var years = TwoDigitYears(latestYear: 2100)

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        guard learned else {
            held.append(HeldLine(bytes: Self.clean(line.bytes), number: line.number, offset: line.offset))
            heldBytes += line.bytes.count
            if held.count >= Self.learningLines || heldBytes >= Self.learningBytes { learn(into: &sink) }
            return
        }
        if ANSIEscapes.contains(line.bytes) {
            Self.clean(line.bytes).withUnsafeBytes { read($0, number: line.number, offset: line.offset, into: &sink) }
        } else {
            read(line.bytes, number: line.number, offset: line.offset, into: &sink)
        }
    }

    public mutating func finish(into sink: inout EventSink) {
        if !learned { learn(into: &sink) }
    }

    private mutating func learn(into sink: inout EventSink) {
        learned = true
        years = TwoDigitYears(context: sink.context)
        layout = TextLogLayout.learn(from: held.map(\.bytes), years: years)
        let lines = held
        held = []
        heldBytes = 0
        for line in lines {
            line.bytes.withUnsafeBytes { read($0, number: line.number, offset: line.offset, into: &sink) }
        }
    }

    private mutating func read(_ bytes: UnsafeRawBufferPointer, number: Int, offset: Int64, into sink: inout EventSink) {
        if let layout, let match = layout.match(bytes, years: years) {
            emit(bytes, match, layout, number: number, offset: offset, into: &sink)
            return
        }
        if let alternate, let match = alternate.match(bytes, years: years) {
            emit(bytes, match, alternate, number: number, offset: offset, into: &sink)
            return
        }
        let first = bytes.first ?? 0x20
        if first != 0x20, first != 0x09, let relearned = TextLogLayout.learn(from: [Array(bytes)], years: years),
            relearned.primary.token <= 1, relearned.secondary == nil, !relearned.primary.shape.isEpoch,
            let match = relearned.match(bytes, years: years)
        {
            alternate = relearned
            if layout == nil { layout = relearned }
            emit(bytes, match, relearned, number: number, offset: offset, into: &sink)
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if layout?.looksStamped(bytes) == true || alternate?.looksStamped(bytes) == true {
            sink.keepRaw(text: text, line: number, offset: offset, reason: "malformed timestamp", kind: "malformed timestamp")
        } else if !sink.appendContinuation(text) {
            sink.keepRaw(text: text, line: number, offset: offset, reason: "no timestamp", kind: "no timestamp")
        }
    }

    private func emit(
        _ bytes: UnsafeRawBufferPointer, _ match: (primary: TextLogLayout.Stamp, secondary: TextLogLayout.Stamp?),
        _ layout: TextLogLayout, number: Int, offset: Int64, into sink: inout EventSink
    ) {
        let primary = match.primary
        let timeText = LogLineHeader.text(bytes, primary.start..<(primary.start + primary.parsed.length))
        let time: Instant?
        if layout.primary.shape.isEpoch {
            time = Self.epochTime(primary.parsed, refinedBy: match.secondary?.parsed)
        } else {
            time = sink.instant(for: primary.parsed, line: number)
        }
        guard let time else {
            sink.keepRaw(
                text: String(decoding: bytes, as: UTF8.self), line: number, offset: offset,
                reason: "timestamp '\(timeText)' cannot be placed in time", kind: "unplaceable timestamp")
            return
        }
        var attributes = Attributes()
        var prefixEnd = primary.tokenStart
        while prefixEnd > 0, bytes[prefixEnd - 1] == 0x20 || bytes[prefixEnd - 1] == 0x09 { prefixEnd -= 1 }
        if prefixEnd > 0, !(prefixEnd == 1 && bytes[0] == 0x2D) {
            attributes["prefix"] = LogLineHeader.text(bytes, 0..<prefixEnd)
        }
        let last = match.secondary ?? primary
        let lastShape = match.secondary != nil ? layout.secondary?.shape : layout.primary.shape
        var actor: String?
        var severity: Severity?
        var message: UnsafeRawBufferPointer
        if lastShape == .syslog {
            var fields = FieldCursor(bytes: bytes, index: last.end)
            if let host = fields.next() { attributes["host"] = host }
            (actor, message) = fields.tag(into: &attributes)
        } else {
            let header = LogLineHeader.read(bytes, from: last.end)
            severity = header.severity
            actor = header.actor.map { LogLineHeader.text(bytes, $0) }
            if let pid = header.pid { attributes["pid"] = LogLineHeader.text(bytes, pid) }
            if let tid = header.tid { attributes["tid"] = LogLineHeader.text(bytes, tid) }
            if let thread = header.thread, !thread.isEmpty { attributes["thread"] = LogLineHeader.text(bytes, thread) }
            message = UnsafeRawBufferPointer(rebasing: bytes[min(header.messageStart, bytes.count)...])
        }
        if severity == nil, let guessed = SeverityGuess.guess(message) {
            severity = guessed
            attributes["severity-basis"] = "text"
        }
        let text = message.isEmpty ? String(decoding: bytes, as: UTF8.self) : String(decoding: message, as: UTF8.self)
        sink.emit(
            time: time, timeText: timeText, line: number, offset: offset, kind: .log, actor: actor, severity: severity,
            text: text, attributes: attributes)
    }

    /// The epoch's instant, with the sub-second digits of a wall-clock stamp written beside it when the
    /// two differ by a whole number of quarter hours (a zone offset); a wall-clock stamp with its own
    /// offset wins outright.
    static func epochTime(_ epoch: ParsedTimestamp, refinedBy wall: ParsedTimestamp?) -> Instant? {
        guard let instant = epoch.instant else { return nil }
        guard let wall, wall.hasYear else { return instant }
        if let exact = wall.instant { return exact }
        guard wall.civil.nanosecond > 0, let asUTC = wall.civil.instant() else { return instant }
        let difference = asUTC.secondsSinceEpoch - instant.secondsSinceEpoch
        guard difference % 900 == 0, abs(difference) <= 18 * 3600 else { return instant }
        return instant.adding(nanoseconds: Int64(wall.civil.nanosecond) - instant.nanosecondFraction)
    }

    /// The line without terminal escapes, as an array.
    private static func clean(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        ANSIEscapes.contains(bytes) ? ANSIEscapes.stripped(bytes) : Array(bytes)
    }

    // MARK: - Detection

    /// Confident (at most 0.6, below every specific format, chat logs with timestamps included) when
    /// at least 30 % of the lines that do not start with white space carry a timestamp at the same
    /// token; BSD syslog is left to the syslog format.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first != 0x7B, first != 0x3C else { return 0 }
        let lines = sample.lines.prefix(40).map { line -> [UInt8] in
            var text = line
            return text.withUTF8 { clean(UnsafeRawBufferPointer($0)) }
        }
        let years = TwoDigitYears(latestYear: 2100)
        guard let layout = TextLogLayout.learn(from: lines, years: years) else { return 0 }
        var considered = 0
        var matched = 0
        for line in lines {
            line.withUnsafeBytes { bytes in
                guard let head = bytes.first, head != 0x20, head != 0x09 else { return }
                considered += 1
                if layout.match(bytes, years: years) != nil { matched += 1 }
            }
        }
        guard considered > 0, matched >= min(2, lines.count) else { return 0 }
        let share = Double(matched) / Double(considered)
        guard share >= 0.3 else { return 0 }
        let confidence = 0.48 + 0.12 * share
        return layout.primary.shape == .syslog && layout.primary.token == 0 ? confidence * 0.5 : confidence
    }
}
