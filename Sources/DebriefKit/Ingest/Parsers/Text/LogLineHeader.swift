/// The fields plain-text logs write between the timestamp and the message, found by position:
/// process and thread ids, a level, a `[thread]`, and a logger or tag.
///
/// Recognised after the timestamp, in this order (each optional): `,` or `|` separators; up to two
/// numbers (`148`, `1702  2395`, `[12345]`) and `-` dashes; a `[thread]`; the level as `INFO`,
/// `WARN:`, `[error]`, `[core:error]`, `<E>`, `Info` (followed by `,`, `:` or a column gap), a single
/// logcat letter after the ids (`D`), or logcat's `E/Tag(pid):`; then a `[thread]` and a logger that
/// ends in `:`, precedes ` : ` or ` - `, is followed by a column gap, or is a dotted name. Nothing is
/// taken unless a level is found, so free text after a timestamp stays whole. Pipe-separated lines
/// (`|component|pid|message`) give the component and pid.
struct LogLineHeader {
    /// The level the line states.
    var severity: Severity?
    /// The logger, tag or component.
    var actor: Range<Int>?
    /// The first number before the level (a process id).
    var pid: Range<Int>?
    /// The second number before the level (a thread id).
    var tid: Range<Int>?
    /// A bracketed thread name.
    var thread: Range<Int>?
    /// Where the message starts.
    var messageStart: Int

    /// Reads the header of `line` from `start` (the byte after the timestamp).
    static func read(_ line: UnsafeRawBufferPointer, from start: Int) -> LogLineHeader {
        var i = start
        let n = line.count
        while i < n, line[i] == 0x2C || isSpace(line[i]) { i += 1 }
        let afterStamp = i
        if i < n, line[i] == 0x7C { return pipeSeparated(line, from: i) }
        var header = LogLineHeader(messageStart: afterStamp)
        var numbers: [Range<Int>] = []
        var thread: Range<Int>?
        for _ in 0..<4 {
            let end = tokenEnd(line, i)
            guard end > i else { break }
            if end - i <= 10, (i..<end).allSatisfy({ TimestampParser.isDigit(line[$0]) }) {
                if numbers.count < 2 { numbers.append(i..<end) }
            } else if end - i == 1, line[i] == 0x2D {
                // A dash between columns (`- INFO`).
            } else if line[i] == 0x5B, let inner = bracket(line, i), level(bracketed: line, inner) == nil {
                let trimmed = trim(line, inner)
                if !trimmed.isEmpty, trimmed.allSatisfy({ TimestampParser.isDigit(line[$0]) }) {
                    if numbers.count < 2 { numbers.append(trimmed) }
                } else if thread == nil {
                    thread = trimmed
                } else {
                    break
                }
                i = inner.upperBound + 1
                skipSpaces(line, &i)
                continue
            } else {
                break
            }
            i = end
            skipSpaces(line, &i)
        }
        guard let (severity, afterLevel, tag) = level(line, at: i, afterNumbers: !numbers.isEmpty) else {
            return header
        }
        header.severity = severity
        header.pid = numbers.first
        header.tid = numbers.count > 1 ? numbers[1] : nil
        header.thread = thread
        i = afterLevel
        if let tag {
            header.actor = tag.actor
            if let pid = tag.pid { header.pid = pid }
            header.messageStart = tag.messageStart
            return header
        }
        skipSpaces(line, &i)
        skipDash(line, &i)
        if header.thread == nil, i < n, line[i] == 0x5B, let inner = bracket(line, i) {
            header.thread = trim(line, inner)
            i = inner.upperBound + 1
            skipSpaces(line, &i)
            skipDash(line, &i)
        }
        if let (actor, afterActor) = logger(line, at: i) {
            header.actor = actor
            i = afterActor
        }
        skipSpaces(line, &i)
        header.messageStart = i
        return header
    }

    // MARK: - Levels

    /// A level at `index`: returns it, the byte after it, and logcat's `X/Tag(pid):` when that was the form.
    private static func level(
        _ line: UnsafeRawBufferPointer, at index: Int, afterNumbers: Bool
    ) -> (Severity, Int, (actor: Range<Int>, pid: Range<Int>?, messageStart: Int)?)? {
        let n = line.count
        guard index < n else { return nil }
        let first = line[index]
        if first == 0x5B, let inner = bracket(line, index), let severity = level(bracketed: line, inner) {
            return (severity, inner.upperBound + 1, nil)
        }
        if first == 0x3C, TimestampParser.byte(line, index + 2) == 0x3E || TimestampParser.byte(line, index + 3) == 0x3E {
            let close = TimestampParser.byte(line, index + 2) == 0x3E ? index + 2 : index + 3
            if let severity = Severity(levelName: text(line, (index + 1)..<close)) { return (severity, close + 1, nil) }
            return nil
        }
        var end = index
        while end < n, isLetter(line[end]) || (end > index && TimestampParser.isDigit(line[end])) { end += 1 }
        let length = end - index
        guard length > 0 else { return nil }
        let next = TimestampParser.byte(line, end)
        if length == 1 {
            // logcat: `D Tag: msg` after the pid and tid, or `E/Tag( 123): msg`.
            guard isUpper(first), let severity = logcatLevel(first) else { return nil }
            if next == 0x2F { return (severity, end + 1, logcatTag(line, from: end + 1)) }
            guard afterNumbers, next == 0x20 else { return nil }
            return (severity, end, nil)
        }
        let upper = (index..<end).allSatisfy { isUpper(line[$0]) || TimestampParser.isDigit(line[$0]) }
        let punctuated = next == 0x3A || next == 0x2C || next == 0x5D
        guard upper || (length >= 4 && (punctuated || (next == 0x20 && TimestampParser.byte(line, end + 1) == 0x20))),
            isSpace(next) || punctuated || next == 0,
            let severity = Severity(levelName: text(line, index..<end))
        else { return nil }
        return (severity, punctuated ? end + 1 : end, nil)
    }

    /// The level inside `[…]`: `error`, `WARN`, or the part after the last `:` (`core:error`).
    private static func level(bracketed line: UnsafeRawBufferPointer, _ inner: Range<Int>) -> Severity? {
        guard inner.count <= 24 else { return nil }
        var start = inner.lowerBound
        for index in inner where line[index] == 0x3A { start = index + 1 }
        let word = start..<inner.upperBound
        guard !word.isEmpty, word.allSatisfy({ isLetter(line[$0]) || TimestampParser.isDigit(line[$0]) }) else {
            return nil
        }
        return Severity(levelName: text(line, word))
    }

    private static func logcatLevel(_ letter: UInt8) -> Severity? {
        switch letter {
        case 0x56: .trace  // V
        case 0x44: .debug  // D
        case 0x49: .info  // I
        case 0x57: .warning  // W
        case 0x45: .error  // E
        case 0x46, 0x41: .critical  // F, A
        default: nil
        }
    }

    /// `Tag( 123): ` after `X/`.
    private static func logcatTag(
        _ line: UnsafeRawBufferPointer, from start: Int
    ) -> (actor: Range<Int>, pid: Range<Int>?, messageStart: Int)? {
        var i = start
        while i < line.count, line[i] != 0x28, line[i] != 0x3A { i += 1 }
        guard i < line.count, i > start else { return nil }
        let tag = trim(line, start..<i)
        var pid: Range<Int>?
        if line[i] == 0x28 {
            guard let close = (i..<min(line.count, i + 16)).first(where: { line[$0] == 0x29 }) else { return nil }
            pid = trim(line, (i + 1)..<close)
            i = close + 1
        }
        guard TimestampParser.byte(line, i) == 0x3A else { return nil }
        i += 1
        skipSpaces(line, &i)
        return (tag, pid, i)
    }

    // MARK: - Logger

    /// A logger or tag at `index`; returns it and where the message starts.
    private static func logger(_ line: UnsafeRawBufferPointer, at index: Int) -> (Range<Int>, Int)? {
        let end = tokenEnd(line, index)
        guard end > index else { return nil }
        if line[end - 1] == 0x3A {
            let name = index..<(end - 1)
            return isIdentifier(line, name) ? (name, end) : nil
        }
        let name = index..<end
        guard isIdentifier(line, name) else { return nil }
        var next = end
        skipSpaces(line, &next)
        let after = TimestampParser.byte(line, next + 1)
        if (line.count > next) && (line[next] == 0x3A || line[next] == 0x2D) && (after == 0x20 || after == 0) {
            return (name, next + 1)
        }
        if next - end >= 2, next < line.count { return (name, next) }
        if isLetter(line[index]), line[name].contains(0x2E), line[end - 1] != 0x2E { return (name, end) }
        return nil
    }

    private static func isIdentifier(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.count <= 128 else { return false }
        return range.allSatisfy { index in
            let byte = line[index]
            return isLetter(byte) || TimestampParser.isDigit(byte) || byte == 0x2E || byte == 0x5F || byte == 0x24
                || byte == 0x2D || byte == 0x2F || byte == 0x40 || byte == 0x23
        }
    }

    // MARK: - Pipe-separated

    private static func pipeSeparated(_ line: UnsafeRawBufferPointer, from start: Int) -> LogLineHeader {
        var header = LogLineHeader(messageStart: start + 1)
        guard let firstEnd = pipe(line, after: start) else { return header }
        let component = (start + 1)..<firstEnd
        guard !component.isEmpty, !component.contains(where: { isSpace(line[$0]) }) else { return header }
        header.actor = component
        header.messageStart = firstEnd + 1
        if let secondEnd = pipe(line, after: firstEnd), secondEnd > firstEnd + 1,
            ((firstEnd + 1)..<secondEnd).allSatisfy({ TimestampParser.isDigit(line[$0]) })
        {
            header.pid = (firstEnd + 1)..<secondEnd
            header.messageStart = secondEnd + 1
        }
        return header
    }

    private static func pipe(_ line: UnsafeRawBufferPointer, after index: Int) -> Int? {
        var i = index + 1
        while i < line.count, i - index <= 64 {
            if line[i] == 0x7C { return i }
            i += 1
        }
        return nil
    }

    // MARK: - Bytes

    /// The inside of a `[…]` starting at `index` (nested brackets allowed, at most 160 bytes).
    static func bracket(_ line: UnsafeRawBufferPointer, _ index: Int) -> Range<Int>? {
        guard TimestampParser.byte(line, index) == 0x5B else { return nil }
        var depth = 0
        var i = index
        while i < line.count, i - index <= 160 {
            if line[i] == 0x5B { depth += 1 }
            if line[i] == 0x5D {
                depth -= 1
                if depth == 0 { return (index + 1)..<i }
            }
            i += 1
        }
        return nil
    }

    private static func tokenEnd(_ line: UnsafeRawBufferPointer, _ index: Int) -> Int {
        var i = index
        while i < line.count, !isSpace(line[i]) { i += 1 }
        return i
    }

    private static func trim(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(line[lower]) { lower += 1 }
        while upper > lower, isSpace(line[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func skipSpaces(_ line: UnsafeRawBufferPointer, _ index: inout Int) {
        while index < line.count, isSpace(line[index]) { index += 1 }
    }

    private static func skipDash(_ line: UnsafeRawBufferPointer, _ index: inout Int) {
        if TimestampParser.byte(line, index) == 0x2D, isSpace(TimestampParser.byte(line, index + 1)) {
            index += 1
            skipSpaces(line, &index)
        }
    }

    /// The bytes in `range` as a string.
    static func text(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: line[range]), as: UTF8.self)
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    @inline(__always)
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
}
