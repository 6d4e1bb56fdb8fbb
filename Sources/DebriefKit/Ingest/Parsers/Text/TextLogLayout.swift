/// Where the timestamp sits in the lines of one plain-text log, learned once from its first lines.
///
/// Lines are split into tokens at runs of spaces and tabs. Learning tries every timestamp shape at
/// the start of each of the first tokens (also just inside a `[`), and keeps the shape and token
/// position that match the most lines. When an epoch column comes before a wall-clock stamp (BGL,
/// Thunderbird), the epoch is the time (it is UTC) and the wall-clock stamp after it only supplies
/// sub-second digits and marks where the message starts. Afterwards every line is checked against
/// the one learned position and shape: a fixed, cheap test instead of a search.
struct TextLogLayout: Sendable, Hashable {
    /// A shape at a token position.
    struct Locator: Sendable, Hashable {
        /// The 0-based token index where the stamp starts.
        var token: Int
        /// The shape of the stamp.
        var shape: TextTimestampShape
        /// Whether the stamp is wrapped in `[…]`.
        var bracketed: Bool
    }

    /// A stamp found in one line.
    struct Stamp {
        var parsed: ParsedTimestamp
        /// The first byte of the stamp (inside the bracket, if any).
        var start: Int
        /// The byte after the stamp (and after its closing bracket).
        var end: Int
        /// The byte where the token holding the stamp starts (the bracket, if any).
        var tokenStart: Int
    }

    /// The stamp that gives the time.
    var primary: Locator
    /// A zone-less wall-clock stamp after an epoch primary.
    var secondary: Locator?
    /// The byte classes (`d` digit, `a` letter, others as written) of the primary stamp's first bytes,
    /// to tell a line whose stamp is malformed from a continuation line.
    var skeleton: [UInt8]

    /// How many tokens learning looks at, and how far into a line.
    static let maxTokens = 12
    static let maxScan = 256

    /// Learns the layout from sample lines; nil when no line has a timestamp.
    static func learn(from lines: [[UInt8]], years: TwoDigitYears) -> TextLogLayout? {
        var votes: [Locator: Int] = [:]
        var skeletons: [Locator: [UInt8]] = [:]
        for line in lines {
            line.withUnsafeBytes { bytes in
                for (locator, stamp) in candidates(in: bytes, years: years) {
                    votes[locator, default: 0] += 1
                    if skeletons[locator] == nil {
                        skeletons[locator] = skeleton(of: bytes, from: stamp.start, count: min(8, stamp.parsed.length))
                    }
                }
            }
        }
        // Most votes wins, then the earliest token, then the earlier shape: deterministic whatever the
        // dictionary's order.
        func rank(_ entry: (key: Locator, value: Int)) -> (Int, Int, Int, Int) {
            (entry.value, -entry.key.token, -(TextTimestampShape.allCases.firstIndex(of: entry.key.shape) ?? 0),
             entry.key.bracketed ? 0 : 1)
        }
        func best(_ epoch: Bool) -> (Locator, Int)? {
            votes.filter { $0.key.shape.isEpoch == epoch }
                .max { rank($0) < rank($1) }
                .map { ($0.key, $0.value) }
        }
        let clock = best(false)
        let primary: Locator
        var secondary: Locator?
        if let (epochLocator, epochVotes) = best(true),
            clock.map({ epochLocator.token < $0.0.token && epochVotes >= $0.1 }) ?? true
        {
            primary = epochLocator
            secondary = clock?.0
        } else if let (clockLocator, _) = clock {
            primary = clockLocator
        } else {
            return nil
        }
        return TextLogLayout(primary: primary, secondary: secondary, skeleton: skeletons[primary] ?? [])
    }

    /// Every shape found at the start of the first tokens of `line` (the first match per token).
    static func candidates(in line: UnsafeRawBufferPointer, years: TwoDigitYears) -> [(Locator, Stamp)] {
        var result: [(Locator, Stamp)] = []
        var token = 0
        var i = 0
        let limit = min(line.count, maxScan)
        while token < maxTokens {
            while i < limit, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
            guard i < limit else { break }
            for shape in TextTimestampShape.allCases {
                if let stamp = stamp(shape, in: line, tokenStart: i, bracketed: false, years: years) {
                    result.append((Locator(token: token, shape: shape, bracketed: false), stamp))
                    break
                }
                if line[i] == 0x5B, let stamp = stamp(shape, in: line, tokenStart: i, bracketed: true, years: years) {
                    result.append((Locator(token: token, shape: shape, bracketed: true), stamp))
                    break
                }
            }
            while i < limit, line[i] != 0x20 && line[i] != 0x09 { i += 1 }
            token += 1
        }
        return result
    }

    /// Reads the primary stamp (and the secondary, when there is one) of a line; nil when the line
    /// does not carry the learned stamp.
    func match(_ line: UnsafeRawBufferPointer, years: TwoDigitYears) -> (primary: Stamp, secondary: Stamp?)? {
        guard let start = Self.tokenStart(primary.token, in: line),
            let stamp = Self.stamp(primary.shape, in: line, tokenStart: start, bracketed: primary.bracketed, years: years)
        else { return nil }
        guard let secondary, let secondStart = Self.tokenStart(secondary.token, in: line) else { return (stamp, nil) }
        return (stamp, Self.stamp(secondary.shape, in: line, tokenStart: secondStart, bracketed: secondary.bracketed, years: years))
    }

    /// Whether the line has the learned stamp's first bytes where the stamp belongs, though it did not
    /// parse: a record with a malformed time rather than a continuation line.
    func looksStamped(_ line: UnsafeRawBufferPointer) -> Bool {
        guard !skeleton.isEmpty, var start = Self.tokenStart(primary.token, in: line) else { return false }
        if primary.bracketed {
            guard TimestampParser.byte(line, start) == 0x5B else { return false }
            start += 1
        }
        return start + skeleton.count <= line.count
            && Self.skeleton(of: line, from: start, count: skeleton.count) == skeleton
    }

    private static func stamp(
        _ shape: TextTimestampShape, in line: UnsafeRawBufferPointer, tokenStart: Int, bracketed: Bool, years: TwoDigitYears
    ) -> Stamp? {
        var start = tokenStart
        if bracketed {
            guard TimestampParser.byte(line, start) == 0x5B else { return nil }
            start += 1
        }
        guard let parsed = shape.parse(line, at: start, years: years) else { return nil }
        var end = start + parsed.length
        if bracketed {
            guard TimestampParser.byte(line, end) == 0x5D else { return nil }
            end += 1
        }
        return Stamp(parsed: parsed, start: start, end: end, tokenStart: tokenStart)
    }

    /// The byte where token `index` starts, or nil when the line has fewer tokens.
    static func tokenStart(_ index: Int, in line: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        var token = 0
        let n = line.count
        while true {
            while i < n, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
            guard i < n else { return nil }
            if token == index { return i }
            while i < n, line[i] != 0x20 && line[i] != 0x09 { i += 1 }
            token += 1
        }
    }

    private static func skeleton(of line: UnsafeRawBufferPointer, from start: Int, count: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        for index in start..<min(line.count, start + count) {
            let byte = line[index]
            if TimestampParser.isDigit(byte) {
                result.append(0x64)  // d
            } else if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
                result.append(0x61)  // a
            } else {
                result.append(byte)
            }
        }
        return result
    }
}
