/// A timestamp read from bytes: calendar fields, the zone offset if the text had one, and its length.
public struct ParsedTimestamp: Sendable, Hashable {
    /// The calendar fields as written (local to `offsetSeconds`, or to the source's zone if nil).
    public var civil: CivilDateTime
    /// Seconds east of UTC the text declared (`Z` is 0); nil when the text has no zone.
    public var offsetSeconds: Int?
    /// Whether the text carried a year; false for syslog-style `Mmm dd hh:mm:ss`.
    public var hasYear: Bool
    /// How many bytes the timestamp took.
    public var length: Int
    /// A zone abbreviation that followed the time (`PDT`, `UTC`), when there was one and no offset.
    public var zoneAbbreviation: String?

    /// Creates a parsed timestamp.
    public init(
        civil: CivilDateTime, offsetSeconds: Int?, hasYear: Bool = true, length: Int,
        zoneAbbreviation: String? = nil
    ) {
        self.civil = civil
        self.offsetSeconds = offsetSeconds
        self.hasYear = hasYear
        self.length = length
        self.zoneAbbreviation = zoneAbbreviation
    }

    /// The instant, when the text carried its own offset.
    public var instant: Instant? {
        offsetSeconds.flatMap { civil.instant(offsetSeconds: $0) }
    }
}

/// Hand-written, allocation-free timestamp parsers over bytes.
///
/// These run once per log line, so they avoid `String`, `DateFormatter` and `ISO8601FormatStyle`
/// (about 1,500× and 15× slower here). Each returns nil unless the whole shape matches.
public enum TimestampParser {
    // MARK: - ISO 8601 / RFC 3339

    /// Parses `YYYY-MM-DD[T| ]hh:mm[:ss][.fff…|,fff…][Z|±hh:mm|±hhmm|±hh]` at `index`.
    ///
    /// Accepts any number of fraction digits (keeps nine), `,` or `.` before the fraction, and an
    /// optional space before the zone. The date alone (`YYYY-MM-DD`) is accepted only if
    /// `allowDateOnly` is set.
    public static func iso8601(
        _ bytes: UnsafeRawBufferPointer, at index: Int = 0, allowDateOnly: Bool = false
    ) -> ParsedTimestamp? {
        let n = bytes.count
        var i = index
        guard let year = digits(bytes, i, 4), byte(bytes, i + 4) == 0x2D,
            let month = digits(bytes, i + 5, 2), byte(bytes, i + 7) == 0x2D,
            let day = digits(bytes, i + 8, 2)
        else { return nil }
        i += 10
        let separator = byte(bytes, i)
        guard separator == 0x54 || separator == 0x20 || separator == 0x74 || separator == 0x5F,
            let hour = digits(bytes, i + 1, 2), byte(bytes, i + 3) == 0x3A,
            let minute = digits(bytes, i + 4, 2)
        else {
            guard allowDateOnly else { return nil }
            let civil = CivilDateTime(year: year, month: month, day: day)
            guard civil.instant() != nil else { return nil }
            return ParsedTimestamp(civil: civil, offsetSeconds: nil, length: i - index)
        }
        i += 6
        var second = 0
        if byte(bytes, i) == 0x3A, let s = digits(bytes, i + 1, 2) {
            second = s
            i += 3
        }
        var nanosecond = 0
        if i < n, bytes[i] == 0x2E || bytes[i] == 0x2C, i + 1 < n, isDigit(bytes[i + 1]) {
            i += 1
            (nanosecond, i) = fraction(bytes, i)
        }
        let civil = CivilDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        guard civil.instant() != nil else { return nil }
        var offset: Int?
        var end = i
        if let (zone, length) = zoneOffset(bytes, i) {
            offset = zone
            end = i + length
        } else if byte(bytes, i) == 0x20, let (zone, length) = zoneOffset(bytes, i + 1), length > 1 {
            offset = zone
            end = i + 1 + length
        }
        return ParsedTimestamp(civil: civil, offsetSeconds: offset, length: end - index)
    }

    /// Parses a zone designator at `index`: `Z`, `±hh:mm`, `±hhmm` or `±hh`. Returns seconds east of UTC.
    public static func zoneOffset(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (Int, Int)? {
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        if first == 0x5A || first == 0x7A { return (0, 1) }  // Z
        guard first == 0x2B || first == 0x2D, let hours = digits(bytes, index + 1, 2), hours <= 18 else {
            return nil
        }
        let sign = first == 0x2D ? -1 : 1
        if byte(bytes, index + 3) == 0x3A, let minutes = digits(bytes, index + 4, 2), minutes < 60 {
            return (sign * (hours * 3600 + minutes * 60), 6)
        }
        if let minutes = digits(bytes, index + 3, 2), minutes < 60 {
            return (sign * (hours * 3600 + minutes * 60), 5)
        }
        if !isDigit(byte(bytes, index + 3)) { return (sign * hours * 3600, 3) }
        return nil
    }

    // MARK: - BSD syslog and friends

    /// Parses `Mmm dd hh:mm:ss[.ffffff]` (RFC 3164; day padded with a space or zero) at `index`.
    /// The result has no year; `Mmm dd yyyy hh:mm:ss` (with a year) is also accepted.
    public static func syslog(_ bytes: UnsafeRawBufferPointer, at index: Int = 0) -> ParsedTimestamp? {
        guard let month = monthName(bytes, index), byte(bytes, index + 3) == 0x20 else { return nil }
        var i = index + 4
        if byte(bytes, i) == 0x20 { i += 1 }
        guard let day = dayOfMonth(bytes, &i), byte(bytes, i) == 0x20 else { return nil }
        i += 1
        var year = 0
        var hasYear = false
        if let y = digits(bytes, i, 4), byte(bytes, i + 4) == 0x20 {
            year = y
            hasYear = true
            i += 5
        }
        guard let (hour, minute, second, afterTime) = clock(bytes, i) else { return nil }
        i = afterTime
        var nanosecond = 0
        if byte(bytes, i) == 0x2E, isDigit(byte(bytes, i + 1)) {
            (nanosecond, i) = fraction(bytes, i + 1)
        }
        guard (1...31).contains(day), hour < 24, minute < 60, second <= 60 else { return nil }
        let civil = CivilDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        return ParsedTimestamp(civil: civil, offsetSeconds: nil, hasYear: hasYear, length: i - index)
    }

    // MARK: - Common Log Format

    /// Parses `dd/Mmm/yyyy:hh:mm:ss[.fff] ±hhmm` (nginx, Apache, HAProxy) at `index`.
    public static func commonLog(_ bytes: UnsafeRawBufferPointer, at index: Int = 0) -> ParsedTimestamp? {
        guard let day = digits(bytes, index, 2), byte(bytes, index + 2) == 0x2F,
            let month = monthName(bytes, index + 3), byte(bytes, index + 6) == 0x2F,
            let year = digits(bytes, index + 7, 4), byte(bytes, index + 11) == 0x3A,
            let (hour, minute, second, afterTime) = clock(bytes, index + 12)
        else { return nil }
        var i = afterTime
        var nanosecond = 0
        if byte(bytes, i) == 0x2E, isDigit(byte(bytes, i + 1)) {
            (nanosecond, i) = fraction(bytes, i + 1)
        }
        var offset: Int?
        if byte(bytes, i) == 0x20, let (zone, length) = zoneOffset(bytes, i + 1), length >= 5 {
            offset = zone
            i += 1 + length
        }
        let civil = CivilDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        guard civil.instant() != nil else { return nil }
        return ParsedTimestamp(civil: civil, offsetSeconds: offset, length: i - index)
    }

    // MARK: - RFC 2822 (e-mail, RSS, Jira XML)

    /// Parses `[Www, ]d Mmm yyyy hh:mm[:ss] (±hhmm|GMT|UT|Z)` at `index`.
    public static func rfc2822(_ bytes: UnsafeRawBufferPointer, at index: Int = 0) -> ParsedTimestamp? {
        var i = index
        if weekdayName(bytes, i) {
            i += 3
            if byte(bytes, i) == 0x2C { i += 1 }
            while byte(bytes, i) == 0x20 { i += 1 }
        }
        guard let day = dayOfMonth(bytes, &i), byte(bytes, i) == 0x20, let month = monthName(bytes, i + 1),
            byte(bytes, i + 4) == 0x20,
            let year = digits(bytes, i + 5, 4), byte(bytes, i + 9) == 0x20
        else { return nil }
        i += 10
        guard let hour = digits(bytes, i, 2), byte(bytes, i + 2) == 0x3A, let minute = digits(bytes, i + 3, 2) else {
            return nil
        }
        i += 5
        var second = 0
        if byte(bytes, i) == 0x3A, let s = digits(bytes, i + 1, 2) {
            second = s
            i += 3
        }
        var offset: Int?
        if byte(bytes, i) == 0x20 {
            if let (zone, length) = zoneOffset(bytes, i + 1) {
                offset = zone
                i += 1 + length
            } else if let (zone, length) = namedZone(bytes, i + 1) {
                offset = zone
                i += 1 + length
            }
        }
        let civil = CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard civil.instant() != nil else { return nil }
        return ParsedTimestamp(civil: civil, offsetSeconds: offset, length: i - index)
    }

    // MARK: - Epoch numbers

    /// Reads an epoch number (`1458949481`, `1458949481.000002`, `1534860261221373`), choosing the
    /// unit by magnitude: up to 11 integer digits are seconds, 12–14 milliseconds, 15–17 microseconds,
    /// 18–19 nanoseconds. The whole buffer must be the number.
    public static func epoch(_ bytes: UnsafeRawBufferPointer) -> Instant? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == 0x2D {
            negative = true
            i += 1
        }
        let integerStart = i
        var integer: Int64 = 0
        while i < n, isDigit(bytes[i]) {
            guard i - integerStart < 19 else { return nil }
            integer = integer * 10 + Int64(bytes[i] &- 0x30)
            i += 1
        }
        let integerDigits = i - integerStart
        guard integerDigits > 0 else { return nil }
        var fractionNanos: Int64 = 0
        if i < n, bytes[i] == 0x2E {
            i += 1
            var scale: Int64 = 100_000_000
            let fractionStart = i
            while i < n, isDigit(bytes[i]) {
                fractionNanos += Int64(bytes[i] &- 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > fractionStart else { return nil }
        }
        // JSON numbers may carry an exponent (1.458949481E9); rare in logs, so not accepted here.
        guard i == n else { return nil }
        let sign: Int64 = negative ? -1 : 1
        switch integerDigits {
        case ...11:
            return Instant(secondsSinceEpoch: sign * integer, nanoseconds: sign * fractionNanos)
        case 12...14:
            return Instant(nanosecondsSinceEpoch: sign * (integer * 1_000_000 + fractionNanos / 1000))
        case 15...17:
            return Instant(nanosecondsSinceEpoch: sign * (integer * 1000 + fractionNanos / 1_000_000))
        default:
            return Instant(nanosecondsSinceEpoch: sign * integer)
        }
    }

    // MARK: - Strings

    /// Parses an ISO 8601 string that carries its own offset (convenience for documents, not hot paths).
    public static func iso8601(_ text: String) -> Instant? {
        var text = text
        return text.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            guard let parsed = iso8601(bytes, at: 0), parsed.length == bytes.count else { return nil }
            return parsed.instant
        }
    }

    /// Recognises any supported timestamp shape filling the whole string; the zone may be missing.
    public static func any(_ text: String) -> ParsedTimestamp? {
        var text = text
        return text.withUTF8 { any(UnsafeRawBufferPointer($0)) }
    }

    /// Recognises any supported timestamp shape filling the whole buffer (after trimming spaces).
    public static func any(_ raw: UnsafeRawBufferPointer) -> ParsedTimestamp? {
        var lower = 0
        var upper = raw.count
        while lower < upper, raw[lower] == 0x20 { lower += 1 }
        while upper > lower, raw[upper - 1] == 0x20 { upper -= 1 }
        let bytes = UnsafeRawBufferPointer(rebasing: raw[lower..<upper])
        guard !bytes.isEmpty else { return nil }
        if isDigit(bytes[0]) || bytes[0] == 0x2D {
            if let instant = epoch(bytes) {
                return ParsedTimestamp(civil: instant.civil, offsetSeconds: 0, length: raw.count)
            }
            if let parsed = iso8601(bytes, at: 0, allowDateOnly: true), parsed.length == bytes.count {
                return parsed
            }
            if let parsed = iso8601(bytes, at: 0), let abbreviation = zoneAbbreviation(bytes, parsed.length) {
                var result = parsed
                result.zoneAbbreviation = abbreviation.name
                if let offset = abbreviation.offset { result.offsetSeconds = offset }
                return result
            }
            if let parsed = commonLog(bytes, at: 0), parsed.length == bytes.count { return parsed }
        }
        if let parsed = rfc2822(bytes, at: 0), parsed.length == bytes.count { return parsed }
        if let parsed = syslog(bytes, at: 0), parsed.length == bytes.count { return parsed }
        return nil
    }

    // MARK: - Pieces

    @inline(__always)
    static func byte(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Exactly `count` ASCII digits at `index` as a number.
    @inline(__always)
    static func digits(_ bytes: UnsafeRawBufferPointer, _ index: Int, _ count: Int) -> Int? {
        guard index >= 0, index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let digit = bytes[index + offset] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// A day of month written with one or two digits at `index`; advances `index` past it.
    @inline(__always)
    static func dayOfMonth(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> Int? {
        if let day = digits(bytes, index, 2) {
            index += 2
            return day
        }
        if let day = digits(bytes, index, 1) {
            index += 1
            return day
        }
        return nil
    }

    /// `hh:mm:ss` at `index`; returns the fields and the index after them.
    @inline(__always)
    static func clock(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (Int, Int, Int, Int)? {
        guard let hour = digits(bytes, index, 2), byte(bytes, index + 2) == 0x3A,
            let minute = digits(bytes, index + 3, 2), byte(bytes, index + 5) == 0x3A,
            let second = digits(bytes, index + 6, 2)
        else { return nil }
        return (hour, minute, second, index + 8)
    }

    /// Fraction digits from `index`; keeps nine, skips the rest. Returns nanoseconds and the end index.
    @inline(__always)
    static func fraction(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (Int, Int) {
        var i = index
        var value = 0
        var scale = 100_000_000
        while i < bytes.count, isDigit(bytes[i]) {
            value += Int(bytes[i] &- 0x30) * scale
            scale /= 10
            i += 1
        }
        return (value, i)
    }

    /// A three-letter English month abbreviation (any case) at `index`, as 1–12.
    @inline(__always)
    static func monthName(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Int? {
        guard index + 3 <= bytes.count else { return nil }
        let a = bytes[index] | 0x20
        let b = bytes[index + 1] | 0x20
        let c = bytes[index + 2] | 0x20
        switch (a, b, c) {
        case (0x6A, 0x61, 0x6E): return 1  // jan
        case (0x66, 0x65, 0x62): return 2  // feb
        case (0x6D, 0x61, 0x72): return 3  // mar
        case (0x61, 0x70, 0x72): return 4  // apr
        case (0x6D, 0x61, 0x79): return 5  // may
        case (0x6A, 0x75, 0x6E): return 6  // jun
        case (0x6A, 0x75, 0x6C): return 7  // jul
        case (0x61, 0x75, 0x67): return 8  // aug
        case (0x73, 0x65, 0x70): return 9  // sep
        case (0x6F, 0x63, 0x74): return 10  // oct
        case (0x6E, 0x6F, 0x76): return 11  // nov
        case (0x64, 0x65, 0x63): return 12  // dec
        default: return nil
        }
    }

    /// Whether a three-letter English weekday abbreviation (any case) is at `index`.
    static func weekdayName(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Bool {
        guard index + 3 <= bytes.count else { return false }
        let name = (UInt32(bytes[index] | 0x20) << 16) | (UInt32(bytes[index + 1] | 0x20) << 8)
            | UInt32(bytes[index + 2] | 0x20)
        switch name {
        case 0x6D6F6E, 0x747565, 0x776564, 0x746875, 0x667269, 0x736174, 0x73756E: return true
        default: return false
        }
    }

    /// `GMT`, `UT`, `UTC` or a US zone name (RFC 2822 obsolete zones) at `index`.
    static func namedZone(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (Int, Int)? {
        guard let (name, length) = word(bytes, index) else { return nil }
        guard let offset = knownZoneAbbreviations[name] else { return nil }
        return (offset, length)
    }

    /// A zone abbreviation after a space at `index` (`PDT`, `UTC`); offset nil when the name is unknown.
    static func zoneAbbreviation(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (name: String, offset: Int?)? {
        guard byte(bytes, index) == 0x20, let (name, length) = word(bytes, index + 1),
            index + 1 + length == bytes.count, (2...5).contains(length)
        else { return nil }
        return (name, knownZoneAbbreviations[name])
    }

    private static func word(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (String, Int)? {
        var i = index
        while i < bytes.count, (bytes[i] >= 0x41 && bytes[i] <= 0x5A) { i += 1 }
        guard i > index else { return nil }
        return (String(decoding: UnsafeRawBufferPointer(rebasing: bytes[index..<i]), as: UTF8.self), i - index)
    }

    /// Zone abbreviations whose offset is unambiguous enough to trust (RFC 2822 plus common ones).
    static let knownZoneAbbreviations: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CDT": -5 * 3600,  // CST is left out: US Central or China?
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
        "AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
        "CET": 3600, "CEST": 7200, "EET": 7200, "EEST": 10800, "WET": 0, "WEST": 3600,
        "BST": 3600, "JST": 9 * 3600, "KST": 9 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600,
    ]
}
