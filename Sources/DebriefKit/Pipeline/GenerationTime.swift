import Foundation

/// The time a report says it was generated: `SOURCE_DATE_EPOCH` when set (the reproducible-builds
/// convention, so two runs over the same inputs are byte-identical), else the clock.
public enum GenerationTime {
    /// Resolves the generation time from `environment`, falling back to `clock`.
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: () -> Date = Date.init
    ) -> Instant {
        if let text = environment["SOURCE_DATE_EPOCH"]?.trimmingCharacters(in: .whitespaces),
            let seconds = Int64(text), let instant = Instant(secondsSinceEpoch: seconds)
        {
            return instant
        }
        return Instant(secondsSinceEpoch: Int64(clock().timeIntervalSince1970)) ?? Instant(nanosecondsSinceEpoch: 0)
    }
}
