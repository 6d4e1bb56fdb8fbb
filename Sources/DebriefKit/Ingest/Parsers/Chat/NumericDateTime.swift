/// A date and time written with numbers in a locale's order, as chat apps export them:
/// `12/9/20, 23:55`, `[12/9/20, 11:55:03 PM]`, `9.12.2020 23:55`, `2/5/2023 7:05 PM`.
///
/// Whether the first number is the day or the month cannot be told from one value; `Order` decides
/// per file from all the values seen (a number above 12 settles it). Two-digit years are 20xx.
struct NumericDateTime: Sendable, Hashable {
    /// The first and second date numbers, in the order written.
    var first: Int
    var second: Int
    /// The four-digit year.
    var year: Int
    var hour: Int
    var minute: Int
    var seconds: Int
    /// Whether the time had an AM/PM marker (a 12-hour clock).
    var hasMeridiem: Bool
    /// How many bytes the date and time took.
    var length: Int

    /// Parses `d/m/yy[,] h:mm[:ss][ AM|PM]` at `index` (separators `/`, `.` or `-`; the space may be
    /// a no-break or narrow no-break space, as newer WhatsApp exports write).
    static func parse(_ bytes: UnsafeRawBufferPointer, at index: Int = 0) -> NumericDateTime? {
        var i = index
        guard let (first, afterFirst) = number(bytes, i, maxDigits: 2) else { return nil }
        let separator = TimestampParser.byte(bytes, afterFirst)
        guard separator == 0x2F || separator == 0x2E || separator == 0x2D,
            let (second, afterSecond) = number(bytes, afterFirst + 1, maxDigits: 2),
            TimestampParser.byte(bytes, afterSecond) == separator,
            let (rawYear, afterYear) = number(bytes, afterSecond + 1, maxDigits: 4),
            afterYear - afterSecond - 1 == 2 || afterYear - afterSecond - 1 == 4
        else { return nil }
        i = afterYear
        if TimestampParser.byte(bytes, i) == 0x2E { i += 1 }  // `9.12.20.` in some locales
        if TimestampParser.byte(bytes, i) == 0x2C { i += 1 }
        guard let afterSpace = space(bytes, i) else { return nil }
        i = afterSpace
        guard let (hour, afterHour) = number(bytes, i, maxDigits: 2), TimestampParser.byte(bytes, afterHour) == 0x3A,
            let minute = TimestampParser.digits(bytes, afterHour + 1, 2)
        else { return nil }
        i = afterHour + 3
        var seconds = 0
        if TimestampParser.byte(bytes, i) == 0x3A, let s = TimestampParser.digits(bytes, i + 1, 2) {
            seconds = s
            i += 3
        }
        var hour24 = hour
        var hasMeridiem = false
        if let afterSpace = space(bytes, i), let (isPM, length) = meridiem(bytes, afterSpace) {
            guard (1...12).contains(hour) else { return nil }
            hasMeridiem = true
            hour24 = hour % 12 + (isPM ? 12 : 0)
            i = afterSpace + length
        }
        guard first >= 1, second >= 1, first <= 31, second <= 31, hour24 < 24, minute < 60, seconds < 60 else {
            return nil
        }
        return NumericDateTime(
            first: first, second: second, year: rawYear < 100 ? 2000 + rawYear : rawYear, hour: hour24,
            minute: minute, seconds: seconds, hasMeridiem: hasMeridiem, length: i - index)
    }

    /// A numeric date and time filling all of `text`.
    static func parse(_ text: String) -> NumericDateTime? {
        var text = text
        return text.withUTF8 { utf8 in
            guard let parsed = parse(UnsafeRawBufferPointer(utf8)), parsed.length == utf8.count else { return nil }
            return parsed
        }
    }

    /// The calendar fields, reading the first number as the day when `dayFirst`; nil if invalid.
    func civil(dayFirst: Bool) -> CivilDateTime? {
        let civil = CivilDateTime(
            year: year, month: dayFirst ? second : first, day: dayFirst ? first : second, hour: hour, minute: minute,
            second: seconds)
        return civil.instant() == nil ? nil : civil
    }

    /// Up to `maxDigits` digits at `index`: the value and the index after them.
    static func number(_ bytes: UnsafeRawBufferPointer, _ index: Int, maxDigits: Int) -> (Int, Int)? {
        var i = index
        var value = 0
        while i < bytes.count, i - index < maxDigits, TimestampParser.isDigit(bytes[i]) {
            value = value * 10 + Int(bytes[i] &- 0x30)
            i += 1
        }
        return i > index ? (value, i) : nil
    }

    /// One space, no-break space (U+00A0) or narrow no-break space (U+202F): the index after it.
    static func space(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Int? {
        switch TimestampParser.byte(bytes, index) {
        case 0x20: return index + 1
        case 0xC2 where TimestampParser.byte(bytes, index + 1) == 0xA0: return index + 2
        case 0xE2
        where TimestampParser.byte(bytes, index + 1) == 0x80 && TimestampParser.byte(bytes, index + 2) == 0xAF:
            return index + 3
        default: return nil
        }
    }

    /// `AM`, `PM`, `am`, `pm`, `a.m.` or `p.m.` at `index`: whether PM and the length.
    static func meridiem(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (Bool, Int)? {
        let letter = TimestampParser.byte(bytes, index) | 0x20
        guard letter == 0x61 || letter == 0x70 else { return nil }
        if TimestampParser.byte(bytes, index + 1) | 0x20 == 0x6D { return (letter == 0x70, 2) }
        if TimestampParser.byte(bytes, index + 1) == 0x2E, TimestampParser.byte(bytes, index + 2) | 0x20 == 0x6D,
            TimestampParser.byte(bytes, index + 3) == 0x2E
        {
            return (letter == 0x70, 4)
        }
        return nil
    }

    /// Decides, for one file, whether dates are written day first or month first.
    struct Order: Sendable {
        /// Settled: true for day/month/year, false for month/day/year; nil while undecided.
        private(set) var dayFirst: Bool?
        /// The line (or record) whose value settled the order.
        private(set) var settledBy: Int?
        /// Whether the times seen use a 12-hour clock (the default then is month first).
        private(set) var usesMeridiem = false

        /// Takes a value into account; returns true when it settled the order.
        @discardableResult
        mutating func observe(_ value: NumericDateTime, at line: Int?) -> Bool {
            if value.hasMeridiem { usesMeridiem = true }
            guard dayFirst == nil else { return false }
            if value.first > 12 && value.second <= 12 {
                dayFirst = true
            } else if value.second > 12 && value.first <= 12 {
                dayFirst = false
            } else {
                return false
            }
            settledBy = line
            return true
        }

        /// The order to read with: the settled one, else month first for 12-hour clocks and day first
        /// for 24-hour clocks.
        var resolvedDayFirst: Bool { dayFirst ?? !usesMeridiem }

        /// A sentence for the note diagnostic saying which order was used and why.
        var explanation: String {
            let order = resolvedDayFirst ? "day/month/year" : "month/day/year"
            if dayFirst != nil {
                let place = settledBy.map { " (line or record \($0))" } ?? ""
                return
                    "dates read as \(order): a \(resolvedDayFirst ? "first" : "second") number above 12 can only be a day\(place)"
            }
            return
                "dates read as \(order): no number above 12 tells day from month, so the \(usesMeridiem ? "12-hour clock (US style)" : "24-hour clock") decided"
        }
    }
}
