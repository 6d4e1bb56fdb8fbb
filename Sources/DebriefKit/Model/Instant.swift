/// A point in time in UTC, exact to the nanosecond.
///
/// Log sources write anything from whole seconds to nanoseconds; an integer count keeps every digit
/// they wrote and gives a total order without floating-point noise. The range covers 1678–2262.
public struct Instant: Sendable, Hashable, Comparable, Codable {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanosecondsSinceEpoch: Int64

    /// Creates an instant from nanoseconds since the Unix epoch.
    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// Creates an instant from whole seconds and a nanosecond fraction, or nil when out of range.
    public init?(secondsSinceEpoch seconds: Int64, nanoseconds: Int64 = 0) {
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (sum, overflow2) = product.addingReportingOverflow(nanoseconds)
        guard !overflow2 else { return nil }
        self.nanosecondsSinceEpoch = sum
    }

    /// Creates an instant from a UTC calendar date and time, or nil when a field is out of range.
    public init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        nanosecond: Int = 0, offsetSeconds: Int = 0
    ) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (0..<1_000_000_000).contains(nanosecond), (1600...2250).contains(year)
        else { return nil }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        self.init(secondsSinceEpoch: seconds, nanoseconds: Int64(nanosecond))
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// Whole seconds since the epoch, rounded towards negative infinity.
    public var secondsSinceEpoch: Int64 {
        let (q, r) = nanosecondsSinceEpoch.quotientAndRemainder(dividingBy: 1_000_000_000)
        return r < 0 ? q - 1 : q
    }

    /// The sub-second part in nanoseconds, 0 ..< 1e9.
    public var nanosecondFraction: Int64 {
        nanosecondsSinceEpoch - secondsSinceEpoch * 1_000_000_000
    }

    /// This instant moved by a number of seconds.
    public func adding(seconds: Int64) -> Instant {
        Instant(nanosecondsSinceEpoch: nanosecondsSinceEpoch &+ seconds &* 1_000_000_000)
    }

    /// This instant moved by a number of nanoseconds.
    public func adding(nanoseconds: Int64) -> Instant {
        Instant(nanosecondsSinceEpoch: nanosecondsSinceEpoch &+ nanoseconds)
    }

    /// Seconds from `self` to `other`, rounded towards zero.
    public func seconds(to other: Instant) -> Int64 {
        (other.nanosecondsSinceEpoch - nanosecondsSinceEpoch) / 1_000_000_000
    }

    /// The UTC calendar fields of this instant.
    public var civil: CivilDateTime {
        let seconds = secondsSinceEpoch
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let date = CivilDate.civilFromDays(Int(days))
        let sod = Int(secondOfDay)
        return CivilDateTime(
            year: date.year, month: date.month, day: date.day,
            hour: sod / 3600, minute: sod / 60 % 60, second: sod % 60,
            nanosecond: Int(nanosecondFraction))
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-12-31T15:41:12.000Z` (the report contract).
    /// Written digit by digit into one buffer: reports format hundreds of thousands of these.
    public var iso8601: String {
        let c = civil
        guard (0...9999).contains(c.year) else {
            return Self.dateAndTime(c) + "." + pad(c.nanosecond / 1_000_000, 3) + "Z"
        }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(0x30 + value % 10)
                    value /= 10
                }
            }
            for (offset, byte) in [(4, UInt8(0x2D)), (7, 0x2D), (10, 0x54), (13, 0x3A), (16, 0x3A), (19, 0x2E), (23, 0x5A)] {
                buffer[offset] = byte
            }
            for (value, width, offset) in [
                (c.year, 4, 0), (c.month, 2, 5), (c.day, 2, 8), (c.hour, 2, 11), (c.minute, 2, 14), (c.second, 2, 17),
                (c.nanosecond / 1_000_000, 3, 20),
            ] {
                put(value, width, at: offset)
            }
            return 24
        }
    }

    /// `YYYY-MM-DDThh:mm:ss` of civil fields.
    static func dateAndTime(_ c: CivilDateTime) -> String {
        "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
    }

    /// ISO 8601 in UTC with as many fraction digits as needed (none, 3, 6 or 9).
    public var iso8601Exact: String {
        let c = civil
        var text = Self.dateAndTime(c)
        if c.nanosecond != 0 {
            if c.nanosecond % 1_000_000 == 0 {
                text += "." + pad(c.nanosecond / 1_000_000, 3)
            } else if c.nanosecond % 1000 == 0 {
                text += "." + pad(c.nanosecond / 1000, 6)
            } else {
                text += "." + pad(c.nanosecond, 9)
            }
        }
        return text + "Z"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601Exact)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = TimestampParser.iso8601(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an ISO 8601 UTC time")
        }
        self = parsed
    }
}

/// A calendar date and time of day, without a zone.
public struct CivilDateTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int

    /// Creates a civil date-time from its fields.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// The instant these fields denote when read as UTC shifted by `offsetSeconds` east of UTC.
    public func instant(offsetSeconds: Int = 0) -> Instant? {
        Instant(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            nanosecond: nanosecond, offsetSeconds: offsetSeconds)
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms).
public enum CivilDate {
    /// Days since 1970-01-01 for a calendar date.
    @inlinable
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar date for a count of days since 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Whether `year` is a Gregorian leap year.
    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month, 28–31 (0 for an invalid month).
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// The day of the week, 0 = Sunday … 6 = Saturday.
    public static func weekday(daysSinceEpoch days: Int) -> Int {
        let w = (days + 4) % 7
        return w < 0 ? w + 7 : w
    }
}

@inline(__always)
func floorDivide(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
    let (q, r) = a.quotientAndRemainder(dividingBy: b)
    return r < 0 ? (q - 1, r + b) : (q, r)
}

/// Zero-pads a non-negative number to `width` digits.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
