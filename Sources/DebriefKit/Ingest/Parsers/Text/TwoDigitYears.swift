import Foundation

/// Expands two-digit years: `yy` is 20yy unless that lies more than a year after the incident's
/// reference year, then 19yy.
struct TwoDigitYears: Sendable, Hashable {
    /// The last year a two-digit year may expand to in the 2000s.
    var latestYear: Int

    /// Takes the reference year from the context: its reference instant, else its manifest year,
    /// else the current year.
    init(context: ParseContext) {
        let reference = context.referenceInstant?.civil.year ?? context.year
            ?? Instant(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970) * 1_000_000_000).civil.year
        latestYear = reference + 1
    }

    /// A pivot set directly.
    init(latestYear: Int) { self.latestYear = latestYear }

    /// The four-digit year for `yy` (0–99).
    func year(_ yy: Int) -> Int { 2000 + yy <= latestYear ? 2000 + yy : 1900 + yy }
}
