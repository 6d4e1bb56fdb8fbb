import Foundation

/// Response and resolution targets by severity, and whether an incident met them.
///
/// Defaults follow common practice: P0 — respond immediately (taken as acknowledged within 5 minutes)
/// and contain within 30 minutes; P1 — respond within 2 hours, resolve within 4; P2 — 4 hours and 24
/// hours; P3 — 24 hours and 3 working days (weekends skipped, in the incident's zone). The manifest's
/// `targets:` replaces any of them.
public enum TargetPolicy {
    /// One severity's targets.
    public struct Targets: Sendable, Hashable {
        /// Detected → acknowledged.
        public var acknowledge: Int64?
        /// Impact start → mitigated.
        public var mitigate: Int64?
        /// Impact start → resolved, as a span.
        public var resolve: Int64?
        /// Impact start → resolved, in working days (when `resolve` is nil).
        public var resolveWorkingDays: Int?
    }

    /// The default targets for a severity.
    public static func defaults(for severity: IncidentSeverity) -> Targets {
        switch severity {
        case .p0: Targets(acknowledge: 5 * 60, mitigate: 30 * 60, resolve: nil, resolveWorkingDays: nil)
        case .p1: Targets(acknowledge: 2 * 3600, mitigate: nil, resolve: 4 * 3600, resolveWorkingDays: nil)
        case .p2: Targets(acknowledge: 4 * 3600, mitigate: nil, resolve: 24 * 3600, resolveWorkingDays: nil)
        case .p3: Targets(acknowledge: 24 * 3600, mitigate: nil, resolve: nil, resolveWorkingDays: 3)
        }
    }

    /// The targets that apply, and how the incident fared against each.
    public static func evaluate(
        _ milestones: Milestones, severity: IncidentSeverity?, overrides: AnalysisSettings.TargetOverrides,
        timeZone: TimeZone
    ) -> [TargetResult] {
        var targets = severity.map(defaults(for:)) ?? Targets()
        let defaultBasis = severity.map { "\($0.rawValue) default" } ?? "manifest"
        var bases = ["acknowledge": defaultBasis, "mitigate": defaultBasis, "resolve": defaultBasis]
        if let value = overrides.acknowledgeSeconds {
            targets.acknowledge = value
            bases["acknowledge"] = "manifest"
        }
        if let value = overrides.mitigateSeconds {
            targets.mitigate = value
            bases["mitigate"] = "manifest"
        }
        if let value = overrides.resolveSeconds {
            targets.resolve = value
            targets.resolveWorkingDays = nil
            bases["resolve"] = "manifest"
        }
        var results: [TargetResult] = []
        func span(_ name: String, _ from: MilestoneKind, _ to: MilestoneKind, _ seconds: Int64) {
            let start = milestones[from]?.time
            let end = milestones[to]?.time
            let actual = start.flatMap { s in end.map { s.seconds(to: $0) } }
            let deadline = start?.adding(seconds: seconds)
            var met: Bool?
            if let actual { met = actual <= seconds }
            results.append(
                TargetResult(
                    name: name, target: TextFormatting.duration(seconds), targetSeconds: seconds, deadline: deadline,
                    actualSeconds: actual, met: met, basis: bases[name] ?? defaultBasis))
        }
        if let seconds = targets.acknowledge { span("acknowledge", .detected, .acknowledged, seconds) }
        if let seconds = targets.mitigate { span("mitigate", .impactStart, .mitigated, seconds) }
        if let seconds = targets.resolve {
            span("resolve", .impactStart, .resolved, seconds)
        } else if let days = targets.resolveWorkingDays {
            let start = milestones[.impactStart]?.time
            let deadline = start.map { addWorkingDays(days, to: $0, in: timeZone) }
            let resolved = milestones[.resolved]?.time
            let actual = start.flatMap { s in resolved.map { s.seconds(to: $0) } }
            var met: Bool?
            if let resolved, let deadline { met = resolved <= deadline }
            results.append(
                TargetResult(
                    name: "resolve", target: "\(days) working days", targetSeconds: nil, deadline: deadline,
                    actualSeconds: actual, met: met, basis: bases["resolve"] ?? defaultBasis))
        }
        return results
    }

    /// `instant` moved forward by `days` working days (Monday–Friday) in `zone`, same wall time.
    public static func addWorkingDays(_ days: Int, to instant: Instant, in zone: TimeZone) -> Instant {
        var resolver = LocalTimeResolver(zone: zone)
        let offset = resolver.offset(at: instant)
        var local = instant.adding(seconds: Int64(offset))
        var remaining = days
        while remaining > 0 {
            local = local.adding(seconds: 86_400)
            let weekday = CivilDate.weekday(daysSinceEpoch: Int(floorDivide(local.secondsSinceEpoch, 86_400).quotient))
            if weekday != 0 && weekday != 6 { remaining -= 1 }
        }
        return resolver.instant(for: local.civil) ?? local.adding(seconds: -Int64(offset))
    }
}
