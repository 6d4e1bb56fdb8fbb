/// Finds the incident's milestones in the timeline.
///
/// Paging records are the strongest evidence: their state transitions (`triggered`,
/// `acknowledged`, `escalated`, `resolved`) are explicit. Impact start is the earliest error-level
/// record in the hour before detection (user-facing errors precede the page).
public struct MilestoneDetector: Sendable {
    /// How far before detection to look for the first error.
    public var impactLookback: Int64 = 3600

    /// Creates a detector.
    public init() {}

    /// Finds the milestones in `timeline`.
    public func detect(in timeline: Timeline) -> Milestones {
        var milestones = Milestones()
        for entry in timeline.entries where entry.event.kind == .alert {
            guard let transition = entry.event.attributes["transition"] else { continue }
            let system = entry.event.attributes["pagerduty.type"] != nil ? "PagerDuty" : "paging"
            switch transition {
            case "triggered":
                if milestones[.detected] == nil {
                    milestones[.detected] = milestone(entry, "\(system): first 'triggered' entry")
                }
            case "acknowledged":
                if milestones[.acknowledged] == nil {
                    milestones[.acknowledged] = milestone(entry, "\(system): first 'acknowledged' entry")
                }
            case "escalated":
                if milestones[.escalated] == nil {
                    milestones[.escalated] = milestone(entry, "\(system): first 'escalated' entry")
                }
            case "resolved":
                milestones[.resolved] = milestone(entry, "\(system): last 'resolved' entry")
            default:
                break
            }
        }
        if let detected = milestones[.detected] {
            let windowStart = detected.time.adding(seconds: -impactLookback)
            let firstError = timeline.entries.first { entry in
                entry.event.kind == .log && (entry.event.severity ?? .info) >= .error
                    && entry.time >= windowStart && entry.time <= detected.time
            }
            if let firstError {
                milestones[.impactStart] = Milestone(
                    time: firstError.time, eventID: firstError.id,
                    basis: "logs: first error-level record in the hour before detection", confidence: .medium)
            }
        }
        return milestones
    }

    private func milestone(_ entry: TimelineEntry, _ basis: String) -> Milestone {
        Milestone(time: entry.time, eventID: entry.id, basis: basis, confidence: .high)
    }
}
