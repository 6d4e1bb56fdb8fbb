import Foundation

/// Turns wall-clock times without a zone into UTC instants, using an IANA time zone.
///
/// Handles the two daylight-saving traps: a wall time that occurs twice (the fall-back hour) is read
/// as the first occurrence until the source's clock steps backwards within that hour, then as the
/// second; a wall time that does not exist (the spring-forward gap) is read with the offset in force
/// before the gap. Offsets are cached per local hour, so a line costs a dictionary lookup at most.
public struct LocalTimeResolver: Sendable {
    /// The zone wall-clock times are read in.
    public let zone: TimeZone
    private let fixedOffset: Int?
    private var cache: [Int64: Resolution] = [:]
    private var lastHour: (key: Int64, resolution: Resolution)?
    private var lastInstant: Instant?

    private enum Resolution: Sendable {
        case unique(Int)
        case ambiguous(first: Int, second: Int)
        case gap(Int)
    }

    /// Creates a resolver for `zone`.
    public init(zone: TimeZone) {
        self.zone = zone
        if zone.identifier == "UTC" || zone.identifier == "GMT" || zone.identifier == "Etc/UTC" {
            fixedOffset = 0
        } else if zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 0)) == nil,
            zone.identifier.hasPrefix("GMT") || zone.identifier.hasPrefix("Etc/")
        {
            fixedOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0))
        } else {
            fixedOffset = nil
        }
    }

    /// The UTC instant for wall-clock `civil` in this zone, or nil if the fields are invalid.
    public mutating func instant(for civil: CivilDateTime) -> Instant? {
        guard let wall = civil.instant() else { return nil }
        if let fixedOffset { return wall.adding(seconds: -Int64(fixedOffset)) }
        let hourKey = floorDivide(wall.secondsSinceEpoch, 3600).quotient
        let resolution: Resolution
        if let last = lastHour, last.key == hourKey {
            // Consecutive lines nearly always fall in the same hour: skip the dictionary.
            resolution = last.resolution
        } else if let cached = cache[hourKey] {
            resolution = cached
        } else {
            resolution = resolve(wallSeconds: hourKey * 3600)
            if cache.count > 4096 { cache.removeAll(keepingCapacity: true) }
            cache[hourKey] = resolution
        }
        lastHour = (hourKey, resolution)
        let result: Instant
        switch resolution {
        case .unique(let offset), .gap(let offset):
            result = wall.adding(seconds: -Int64(offset))
        case .ambiguous(let first, let second):
            let early = wall.adding(seconds: -Int64(first))
            if let lastInstant, early < lastInstant {
                result = wall.adding(seconds: -Int64(second))
            } else {
                result = early
            }
        }
        lastInstant = result
        return result
    }

    /// The offset in force at a UTC instant, in seconds east of UTC.
    public func offset(at instant: Instant) -> Int {
        if let fixedOffset { return fixedOffset }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch)))
    }

    private func resolve(wallSeconds: Int64) -> Resolution {
        func offset(_ utc: Int64) -> Int {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        }
        // Offsets in force well before and well after this wall hour; transitions are far apart.
        let before = offset(wallSeconds - 86_400)
        let after = offset(wallSeconds + 86_400)
        // The hour's first and last second are checked so a transition inside the hour is seen.
        var valid: [Int] = []
        for candidate in before == after ? [before] : [before, after] {
            let start = wallSeconds - Int64(candidate)
            if offset(start) == candidate || offset(start + 3599) == candidate { valid.append(candidate) }
        }
        if valid.count == 2 {
            // Both readings exist: the fall-back hour. The larger offset is the earlier instant.
            return .ambiguous(first: max(valid[0], valid[1]), second: min(valid[0], valid[1]))
        }
        if let only = valid.first { return .unique(only) }
        return .gap(before)
    }
}

/// Supplies years for timestamps written without one (RFC 3164 syslog, `MM-dd` stamps, IRC logs).
///
/// The first timestamp takes the year that puts it closest to a reference instant (the incident's
/// other, fully dated sources, or the manifest's `year`); after that the year advances when the
/// month steps back by more than half a year (December → January) and retreats in the rare
/// opposite case.
public struct YearResolver: Sendable {
    private var year: Int?
    private var lastMonth = 0
    private let reference: Instant?
    private let referenceBasis: String?
    private let fixedYear: Int?
    /// How the first year was chosen, for the diagnostic that explains it.
    public private(set) var basis: String?

    /// Creates a resolver that anchors on `fixedYear` if given, else on `reference` (described by
    /// `referenceBasis`, by default "the incident's other sources").
    public init(fixedYear: Int?, reference: Instant?, referenceBasis: String? = nil) {
        self.fixedYear = fixedYear
        self.reference = reference
        self.referenceBasis = referenceBasis
    }

    /// Creates a resolver that continues from a known year and month (a later chunk of a file).
    public init(continuingFrom year: Int, month: Int) {
        fixedYear = nil
        reference = nil
        referenceBasis = nil
        self.year = year
        lastMonth = month
    }

    /// Whether the only anchor is a last-resort guess (the file's modification time), so a parser
    /// with better evidence of its own (a full date elsewhere in the line) should prefer that.
    public var isFallback: Bool { fixedYear == nil && year == nil && referenceBasis != nil }

    /// Whether a year can be supplied at all.
    public var canResolve: Bool { fixedYear != nil || reference != nil || year != nil }

    /// The year to use for a timestamp in `month`.
    public mutating func year(month: Int, day: Int) -> Int? {
        if let current = year {
            if month < lastMonth - 6 {
                year = current + 1
            } else if month > lastMonth + 6 {
                year = current - 1
            }
            lastMonth = month
            return year
        }
        if let fixedYear {
            year = fixedYear
            basis = "the manifest's year \(fixedYear)"
        } else if let reference {
            let civil = reference.civil
            var best = civil.year
            var bestDistance = Int64.max
            for candidate in (civil.year - 1)...(civil.year + 1) {
                let safeDay = min(day, CivilDate.daysInMonth(year: candidate, month: month))
                guard let instant = Instant(year: candidate, month: month, day: max(1, safeDay)) else { continue }
                let distance = abs(instant.seconds(to: reference))
                if distance < bestDistance {
                    bestDistance = distance
                    best = candidate
                }
            }
            year = best
            basis = "\(referenceBasis ?? "the incident's other sources") (nearest to \(reference.iso8601))"
        } else {
            return nil
        }
        lastMonth = month
        return year
    }
}
