import Foundation
import Testing
@testable import DebriefKit

@Suite struct LocalTimeTests {
    func civil(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> CivilDateTime {
        CivilDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    @Test func fallBackHourIsReadFirstAsDaylightThenAsStandardTime() {
        // lnav's logfile_dst.0 (America/Los_Angeles, 3 Nov 2019): 01:59:14 PDT, then 01:24:56 PST.
        var resolver = LocalTimeResolver(zone: TimeZone(identifier: "America/Los_Angeles")!)
        #expect(resolver.instant(for: civil(2019, 11, 3, 1, 1, 3))?.iso8601 == "2019-11-03T08:01:03.000Z")
        #expect(resolver.instant(for: civil(2019, 11, 3, 1, 59, 14))?.iso8601 == "2019-11-03T08:59:14.000Z")
        #expect(resolver.instant(for: civil(2019, 11, 3, 1, 24, 56))?.iso8601 == "2019-11-03T09:24:56.000Z")
        #expect(resolver.instant(for: civil(2019, 11, 3, 2, 8, 19))?.iso8601 == "2019-11-03T10:08:19.000Z")
    }

    @Test func springForwardGapUsesTheOffsetBeforeTheGap() {
        var resolver = LocalTimeResolver(zone: TimeZone(identifier: "Europe/Berlin")!)
        // 02:30 does not exist on 29 Mar 2026 in Berlin; read with CET (+01:00).
        #expect(resolver.instant(for: civil(2026, 3, 29, 2, 30))?.iso8601 == "2026-03-29T01:30:00.000Z")
        #expect(resolver.instant(for: civil(2026, 3, 29, 3, 30))?.iso8601 == "2026-03-29T01:30:00.000Z")
    }

    @Test func plainZones() {
        var berlin = LocalTimeResolver(zone: TimeZone(identifier: "Europe/Berlin")!)
        #expect(berlin.instant(for: civil(2026, 11, 17, 14, 52))?.iso8601 == "2026-11-17T13:52:00.000Z")
        #expect(berlin.instant(for: civil(2026, 7, 1, 12, 0))?.iso8601 == "2026-07-01T10:00:00.000Z")
        var utc = LocalTimeResolver(zone: TimeZone(identifier: "UTC")!)
        #expect(utc.instant(for: civil(2026, 7, 1, 12, 0))?.iso8601 == "2026-07-01T12:00:00.000Z")
    }

    @Test func yearFromReferenceAndRolloverAtNewYear() {
        var years = YearResolver(fixedYear: nil, reference: instant("2027-01-01T03:00:00Z"))
        #expect(years.year(month: 12, day: 31) == 2026)
        #expect(years.year(month: 12, day: 31) == 2026)
        #expect(years.year(month: 1, day: 1) == 2027)
        #expect(years.year(month: 1, day: 2) == 2027)
    }

    @Test func manifestYearWins() {
        var years = YearResolver(fixedYear: 2019, reference: instant("2027-01-01T03:00:00Z"))
        #expect(years.year(month: 6, day: 14) == 2019)
        #expect(years.basis?.contains("manifest") == true)
    }

    @Test func noYearSourceIsReported() throws {
        let run = try parse("Jun 14 15:16:01 combo sshd[1]: hello\n", as: .syslog)
        #expect(run.events.isEmpty)
        #expect(run.diagnostics.contains { $0.severity == .error && $0.message.contains("no year") })
    }
}
