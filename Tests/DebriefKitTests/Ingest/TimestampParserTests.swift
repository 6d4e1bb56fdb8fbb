import Testing
@testable import DebriefKit

@Suite struct TimestampParserTests {
    @Test(arguments: [
        ("2026-12-31T15:41:12Z", "2026-12-31T15:41:12.000Z"),
        ("2026-12-31T15:41:12.5Z", "2026-12-31T15:41:12.500Z"),
        ("2026-12-31T16:41:12.123+01:00", "2026-12-31T15:41:12.123Z"),
        ("2026-12-31T16:41:12.123+0100", "2026-12-31T15:41:12.123Z"),
        ("2026-12-31T16:41:12+01", "2026-12-31T15:41:12.000Z"),
        ("2026-12-31 10:41:12,978-05:00", "2026-12-31T15:41:12.978Z"),
        ("2018-03-07T06:33:21.873077559-05:00", "2018-03-07T11:33:21.873Z"),
        ("2019-08-13T06:14:23.580+0800", "2019-08-12T22:14:23.580Z"),
        ("2020-02-01T10:11:12.1234567Z", "2020-02-01T10:11:12.123Z"),
    ])
    func iso8601WithOffsets(text: String, expected: String) {
        #expect(TimestampParser.iso8601(text)?.iso8601 == expected)
    }

    @Test func keepsNanoseconds() {
        let parsed = TimestampParser.iso8601("2018-03-07T06:33:21.873077559-05:00")
        #expect(parsed?.nanosecondFraction == 873_077_559)
        #expect(parsed?.iso8601Exact == "2018-03-07T11:33:21.873077559Z")
    }

    @Test(arguments: ["2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", "not a time", "2026-01-01T10"])
    func rejectsInvalidISO(text: String) {
        #expect(TimestampParser.iso8601(text) == nil)
    }

    @Test func zoneLessISOIsNotAnInstant() {
        #expect(TimestampParser.iso8601("2025-01-24T07:00:30,139") == nil)
        #expect(TimestampParser.any("2025-01-24T07:00:30,139")?.offsetSeconds == nil)
        #expect(TimestampParser.any("2025-01-24T07:00:30,139")?.civil.nanosecond == 139_000_000)
    }

    @Test(arguments: [
        ("1458949481", "2016-03-25T23:44:41.000Z"),
        ("1458949481.000002", "2016-03-25T23:44:41.000Z"),
        ("1458949481123", "2016-03-25T23:44:41.123Z"),
        ("1534860261221373", "2018-08-21T14:04:21.221Z"),
        ("1551000000123456789", "2019-02-24T09:20:00.123Z"),
    ])
    func epochUnitsByMagnitude(text: String, expected: String) {
        #expect(TimestampParser.any(text)?.instant?.iso8601 == expected)
    }

    @Test func syslogHasNoYear() throws {
        let parsed = try #require(TimestampParser.any("Nov  3 01:59:14"))
        #expect(!parsed.hasYear)
        #expect(parsed.civil.month == 11 && parsed.civil.day == 3 && parsed.civil.hour == 1 && parsed.civil.second == 14)
        #expect(TimestampParser.any("Jun 14 15:16:01")?.civil.day == 14)
    }

    @Test func commonLogFormat() {
        #expect(TimestampParser.any("20/Jul/2009:22:59:26 +0000")?.instant?.iso8601 == "2009-07-20T22:59:26.000Z")
        #expect(TimestampParser.any("17/Nov/2026:14:30:09 +0330")?.instant?.iso8601 == "2026-11-17T11:00:09.000Z")
    }

    @Test func rfc2822() {
        #expect(TimestampParser.any("Sat, 15 Jul 2023 20:07:23 +0000")?.instant?.iso8601 == "2023-07-15T20:07:23.000Z")
        #expect(TimestampParser.any("Sat, 15 Jul 2023 20:07:23 GMT")?.instant?.iso8601 == "2023-07-15T20:07:23.000Z")
        #expect(TimestampParser.any("5 Jan 2024 08:00 -0800")?.instant?.iso8601 == "2024-01-05T16:00:00.000Z")
    }

    @Test func zoneAbbreviationAfterISO() {
        let parsed = TimestampParser.any("2025-08-13 01:45:01.123 PDT")
        #expect(parsed?.zoneAbbreviation == "PDT")
        #expect(parsed?.instant?.iso8601 == "2025-08-13T08:45:01.123Z")
    }

    @Test func civilRoundTrip() {
        for days in stride(from: -800_000, through: 100_000, by: 997) {
            let date = CivilDate.civilFromDays(days)
            #expect(CivilDate.daysFromCivil(year: date.year, month: date.month, day: date.day) == days)
        }
    }
}
