import Foundation

/// Finds status updates and checks they came often enough.
///
/// A status update is a `status` event, or a chat message that reads like one (`status update`,
/// `update:`, `sitrep`, `状态更新`, `进展`, … or the manifest's `statusUpdates.pattern`); such chat
/// messages are re-filed as `status`. The expected interval is the manifest's, else 30 minutes for
/// P0 and P1 (lower severities are audited only when the manifest asks). The audit runs from
/// detection (or impact start) to resolution; every stretch longer than the interval is a gap.
public struct CadenceAuditor: Sendable {
    /// Creates an auditor.
    public init() {}

    /// Re-files chat messages that are status updates as `status` events (in place).
    public func classify(_ timeline: inout Timeline, settings: AnalysisSettings) {
        let pattern = settings.statusUpdatePattern.flatMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
        for index in timeline.entries.indices where timeline.entries[index].event.kind == .chat {
            let text = timeline.entries[index].event.text
            var basis: String?
            if let pattern, pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                basis = "manifest pattern"
            } else if Phrases.isStatusUpdate(text) {
                basis = "status-update phrasing"
            }
            if let basis {
                timeline.entries[index].event.kind = .status
                timeline.entries[index].event.attributes["kind-basis"] = basis
            }
        }
    }

    /// The audit, or nil when no cadence applies or the window is unknown.
    public func audit(_ timeline: Timeline, milestones: Milestones, severity: IncidentSeverity?, settings: AnalysisSettings)
        -> CadenceAudit?
    {
        let interval: Int64
        let basis: String
        if let configured = settings.statusUpdateInterval {
            interval = configured
            basis = "manifest"
        } else if let severity, severity <= .p1 {
            interval = 30 * 60
            basis = "\(severity.rawValue) default"
        } else {
            return nil
        }
        guard let start = milestones[.detected]?.time ?? milestones[.impactStart]?.time,
            let end = milestones[.resolved]?.time, start < end
        else { return nil }
        let updates = timeline.entries.filter {
            $0.event.kind == .status && $0.duplicateOf == nil && $0.time >= start && $0.time <= end
        }
        var gaps: [CadenceGap] = []
        var previous = (time: start, id: String?.none)
        for update in updates {
            if previous.time.seconds(to: update.time) > interval {
                gaps.append(
                    CadenceGap(
                        start: previous.time, end: update.time, seconds: previous.time.seconds(to: update.time),
                        startEventID: previous.id, endEventID: update.id))
            }
            previous = (update.time, update.id)
        }
        if previous.time.seconds(to: end) > interval {
            gaps.append(
                CadenceGap(
                    start: previous.time, end: end, seconds: previous.time.seconds(to: end), startEventID: previous.id,
                    endEventID: nil))
        }
        return CadenceAudit(
            intervalSeconds: interval, basis: basis, updates: updates.map(\.id), windowStart: start, windowEnd: end,
            gaps: gaps)
    }
}
