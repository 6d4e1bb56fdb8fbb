/// The timestamp shapes that open (or sit near the start of) lines in plain-text logs, each read
/// from bytes without allocating.
///
/// ISO 8601, BSD syslog and the common log format come from `TimestampParser`; the rest are the
/// shapes application logs write in the wild (Hadoop, HDFS, Spark, Android, Apache, HealthApp,
/// Proxifier, BGL, nginx error logs, epoch columns). A match must end at a boundary: the end of the
/// line or a byte that is neither a letter nor a digit.
enum TextTimestampShape: CaseIterable, Hashable, Sendable {
    /// `2015-10-18 18:01:47,978`, `2025-01-24T07:00:30.139Z`, `2025-08-13 01:45:01.123 PDT`: ISO 8601
    /// with either separator, `,` or `.` fractions, an offset with or without colon, or a known zone
    /// abbreviation after a space.
    case iso
    /// `2026/11/17 13:58:31[.fff]` (nginx error log, Go's log package).
    case slashed
    /// `2005-06-03-15.42.50.363779` (IBM/BGL).
    case dashedDotted
    /// `20171223-22:15:29:606`: hour, minute and second may be unpadded; the last field is milliseconds.
    case compactDashed
    /// `17/06/09 20:10:40` (yy/MM/dd, Spark and log4j `yy/MM/dd`).
    case shortYearSlashed
    /// `081109 203615` (yyMMdd HHmmss, HDFS).
    case shortYearCompact
    /// `Sun Dec 04 04:47:44[.123456] 2005` (C `ctime`, Apache error log).
    case ctime
    /// `Dec  4 04:47:44` (BSD syslog; no year).
    case syslog
    /// `04/Dec/2005:04:47:44[.fff] [+0000]` (common log format).
    case commonLog
    /// `03-17 16:13:38.811` (Android logcat; no year).
    case monthDay
    /// `10.30 16:49:06` (Proxifier; no year).
    case dottedMonthDay
    /// `1117838570[.123]`: ten digits of epoch seconds, 2001–2100.
    case epochSeconds
    /// `1117838570123`: thirteen digits of epoch milliseconds, 2001–2100.
    case epochMillis

    /// Whether this shape is an epoch count (absolute, but usually a column rather than the stamp people read).
    var isEpoch: Bool { self == .epochSeconds || self == .epochMillis }

    /// Reads this shape at `index`. Two-digit years are expanded with `years`.
    func parse(_ bytes: UnsafeRawBufferPointer, at index: Int, years: TwoDigitYears) -> ParsedTimestamp? {
        guard let parsed = read(bytes, at: index, years: years),
            Self.isBoundary(TimestampParser.byte(bytes, index + parsed.length))
        else { return nil }
        return parsed
    }

    private func read(_ bytes: UnsafeRawBufferPointer, at index: Int, years: TwoDigitYears) -> ParsedTimestamp? {
        switch self {
        case .iso:
            guard var parsed = TimestampParser.iso8601(bytes, at: index) else { return nil }
            if parsed.offsetSeconds == nil, let (name, offset, length) = Self.zoneName(bytes, index + parsed.length) {
                parsed.offsetSeconds = offset
                parsed.zoneAbbreviation = name
                parsed.length += length
            }
            return parsed
        case .slashed:
            guard let year = TimestampParser.digits(bytes, index, 4), TimestampParser.byte(bytes, index + 4) == 0x2F
            else { return nil }
            return Self.monthDayClock(bytes, index, from: index + 5, separator: 0x2F, year: year)
        case .dashedDotted:
            guard let year = TimestampParser.digits(bytes, index, 4), TimestampParser.byte(bytes, index + 4) == 0x2D,
                let month = TimestampParser.digits(bytes, index + 5, 2), TimestampParser.byte(bytes, index + 7) == 0x2D,
                let day = TimestampParser.digits(bytes, index + 8, 2), TimestampParser.byte(bytes, index + 10) == 0x2D,
                let hour = TimestampParser.digits(bytes, index + 11, 2), TimestampParser.byte(bytes, index + 13) == 0x2E,
                let minute = TimestampParser.digits(bytes, index + 14, 2), TimestampParser.byte(bytes, index + 16) == 0x2E,
                let second = TimestampParser.digits(bytes, index + 17, 2)
            else { return nil }
            var end = index + 19
            var nanosecond = 0
            if TimestampParser.byte(bytes, end) == 0x2E, TimestampParser.isDigit(TimestampParser.byte(bytes, end + 1)) {
                (nanosecond, end) = TimestampParser.fraction(bytes, end + 1)
            }
            let civil = CivilDateTime(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
            return Self.valid(civil, length: end - index)
        case .compactDashed:
            guard let year = TimestampParser.digits(bytes, index, 4), let month = TimestampParser.digits(bytes, index + 4, 2),
                let day = TimestampParser.digits(bytes, index + 6, 2), TimestampParser.byte(bytes, index + 8) == 0x2D
            else { return nil }
            var i = index + 9
            guard let hour = Self.number(bytes, &i, maxDigits: 2), TimestampParser.byte(bytes, i) == 0x3A else { return nil }
            i += 1
            guard let minute = Self.number(bytes, &i, maxDigits: 2), TimestampParser.byte(bytes, i) == 0x3A else { return nil }
            i += 1
            guard let second = Self.number(bytes, &i, maxDigits: 2) else { return nil }
            var nanosecond = 0
            if TimestampParser.byte(bytes, i) == 0x3A || TimestampParser.byte(bytes, i) == 0x2E {
                var j = i + 1
                // The writer prints milliseconds as an unpadded integer (`:5` is 5 ms).
                guard let millis = Self.number(bytes, &j, maxDigits: 3) else { return nil }
                nanosecond = millis * 1_000_000
                i = j
            }
            let civil = CivilDateTime(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
            return Self.valid(civil, length: i - index)
        case .shortYearSlashed:
            guard let year = TimestampParser.digits(bytes, index, 2), TimestampParser.byte(bytes, index + 2) == 0x2F else {
                return nil
            }
            return Self.monthDayClock(bytes, index, from: index + 3, separator: 0x2F, year: years.year(year))
        case .shortYearCompact:
            guard let year = TimestampParser.digits(bytes, index, 2), let month = TimestampParser.digits(bytes, index + 2, 2),
                let day = TimestampParser.digits(bytes, index + 4, 2), TimestampParser.byte(bytes, index + 6) == 0x20,
                let hour = TimestampParser.digits(bytes, index + 7, 2),
                let minute = TimestampParser.digits(bytes, index + 9, 2),
                let second = TimestampParser.digits(bytes, index + 11, 2)
            else { return nil }
            let civil = CivilDateTime(
                year: years.year(year), month: month, day: day, hour: hour, minute: minute, second: second)
            return Self.valid(civil, length: 13)
        case .ctime:
            return Self.ctime(bytes, at: index)
        case .syslog:
            guard let parsed = TimestampParser.syslog(bytes, at: index) else { return nil }
            return parsed.hasYear ? Self.valid(parsed.civil, length: parsed.length) : parsed
        case .commonLog:
            return TimestampParser.commonLog(bytes, at: index)
        case .monthDay:
            guard let month = TimestampParser.digits(bytes, index, 2), TimestampParser.byte(bytes, index + 2) == 0x2D else {
                return nil
            }
            return Self.yearlessDayClock(bytes, index, month: month, from: index + 3)
        case .dottedMonthDay:
            guard let month = TimestampParser.digits(bytes, index, 2), TimestampParser.byte(bytes, index + 2) == 0x2E else {
                return nil
            }
            return Self.yearlessDayClock(bytes, index, month: month, from: index + 3)
        case .epochSeconds, .epochMillis:
            let width = self == .epochSeconds ? 10 : 13
            guard TimestampParser.digits(bytes, index, width) != nil, !TimestampParser.isDigit(TimestampParser.byte(bytes, index + width))
            else { return nil }
            var end = index + width
            if self == .epochSeconds, TimestampParser.byte(bytes, end) == 0x2E,
                TimestampParser.isDigit(TimestampParser.byte(bytes, end + 1))
            {
                end = TimestampParser.fraction(bytes, end + 1).1
            }
            guard let instant = TimestampParser.epoch(UnsafeRawBufferPointer(rebasing: bytes[index..<end])),
                instant >= Self.earliestEpoch, instant < Self.latestEpoch
            else { return nil }
            return ParsedTimestamp(civil: instant.civil, offsetSeconds: 0, length: end - index)
        }
    }

    /// Epoch columns are believed only within 2001-09-09 … 2100: other ten-digit numbers are ids.
    static let earliestEpoch = Instant(nanosecondsSinceEpoch: 1_000_000_000 * 1_000_000_000)
    static let latestEpoch = Instant(nanosecondsSinceEpoch: 4_102_444_800 * 1_000_000_000)

    /// `Www Mmm d[d] hh:mm:ss[.ffffff] yyyy`, the day padded with a zero or a space.
    static func ctime(_ bytes: UnsafeRawBufferPointer, at index: Int) -> ParsedTimestamp? {
        guard TimestampParser.weekdayName(bytes, index), TimestampParser.byte(bytes, index + 3) == 0x20,
            let month = TimestampParser.monthName(bytes, index + 4), TimestampParser.byte(bytes, index + 7) == 0x20
        else { return nil }
        var i = index + 8
        if TimestampParser.byte(bytes, i) == 0x20 { i += 1 }
        guard let day = number(bytes, &i, maxDigits: 2), TimestampParser.byte(bytes, i) == 0x20,
            let (hour, minute, second, afterClock) = TimestampParser.clock(bytes, i + 1)
        else { return nil }
        i = afterClock
        var nanosecond = 0
        if TimestampParser.byte(bytes, i) == 0x2E, TimestampParser.isDigit(TimestampParser.byte(bytes, i + 1)) {
            (nanosecond, i) = TimestampParser.fraction(bytes, i + 1)
        }
        guard TimestampParser.byte(bytes, i) == 0x20, let year = TimestampParser.digits(bytes, i + 1, 4) else { return nil }
        let civil = CivilDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        return valid(civil, length: i + 5 - index)
    }

    /// `MM<sep>dd hh:mm:ss[.fff]` from `start`, for a year already read.
    private static func monthDayClock(
        _ bytes: UnsafeRawBufferPointer, _ index: Int, from start: Int, separator: UInt8, year: Int
    ) -> ParsedTimestamp? {
        guard let month = TimestampParser.digits(bytes, start, 2), TimestampParser.byte(bytes, start + 2) == separator,
            let day = TimestampParser.digits(bytes, start + 3, 2), TimestampParser.byte(bytes, start + 5) == 0x20,
            let (hour, minute, second, afterClock) = TimestampParser.clock(bytes, start + 6)
        else { return nil }
        let (nanosecond, end) = fractionAfter(bytes, afterClock)
        let civil = CivilDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        return valid(civil, length: end - index)
    }

    /// `dd hh:mm:ss[.fff]` from `start` for a month already read; the result has no year.
    private static func yearlessDayClock(
        _ bytes: UnsafeRawBufferPointer, _ index: Int, month: Int, from start: Int
    ) -> ParsedTimestamp? {
        guard let day = TimestampParser.digits(bytes, start, 2), TimestampParser.byte(bytes, start + 2) == 0x20,
            let (hour, minute, second, afterClock) = TimestampParser.clock(bytes, start + 3)
        else { return nil }
        let (nanosecond, end) = fractionAfter(bytes, afterClock)
        let civil = CivilDateTime(
            year: 2000, month: month, day: day, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        // 2000 is a leap year, so 02-29 passes here and is checked again once the year is known.
        guard civil.instant() != nil else { return nil }
        return ParsedTimestamp(civil: civil, offsetSeconds: nil, hasYear: false, length: end - index)
    }

    /// A `.` or `,` fraction at `index`, if any.
    private static func fractionAfter(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (Int, Int) {
        let mark = TimestampParser.byte(bytes, index)
        guard mark == 0x2E || mark == 0x2C, TimestampParser.isDigit(TimestampParser.byte(bytes, index + 1)) else {
            return (0, index)
        }
        return TimestampParser.fraction(bytes, index + 1)
    }

    private static func valid(_ civil: CivilDateTime, length: Int) -> ParsedTimestamp? {
        guard civil.instant() != nil else { return nil }
        return ParsedTimestamp(civil: civil, offsetSeconds: nil, length: length)
    }

    /// One to `maxDigits` digits at `index`, advancing it.
    private static func number(_ bytes: UnsafeRawBufferPointer, _ index: inout Int, maxDigits: Int) -> Int? {
        var value = 0
        let start = index
        while index - start < maxDigits, TimestampParser.isDigit(TimestampParser.byte(bytes, index)) {
            value = value * 10 + Int(bytes[index] &- 0x30)
            index += 1
        }
        return index > start ? value : nil
    }

    /// A known zone abbreviation after a space at `index` (` PDT`): its name, offset and length with the space.
    static func zoneName(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (String, Int, Int)? {
        guard TimestampParser.byte(bytes, index) == 0x20 else { return nil }
        var end = index + 1
        while end < bytes.count, end - index <= 5, bytes[end] >= 0x41, bytes[end] <= 0x5A { end += 1 }
        let length = end - index - 1
        guard (2...4).contains(length), isBoundary(TimestampParser.byte(bytes, end)) else { return nil }
        let word = UnsafeRawBufferPointer(rebasing: bytes[(index + 1)..<end])
        for (name, utf8, offset) in zoneNames where utf8.count == length && word.elementsEqual(utf8) {
            return (name, offset, length + 1)
        }
        return nil
    }

    /// `TimestampParser.knownZoneAbbreviations` as bytes, so a line costs no `String` to check.
    private static let zoneNames: [(String, [UInt8], Int)] = TimestampParser.knownZoneAbbreviations
        .sorted { $0.key < $1.key }
        .map { ($0.key, Array($0.key.utf8), $0.value) }

    /// Whether `byte` may follow a timestamp: the end (0) or anything but a letter or digit.
    @inline(__always)
    static func isBoundary(_ byte: UInt8) -> Bool {
        !(TimestampParser.isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A))
    }
}
