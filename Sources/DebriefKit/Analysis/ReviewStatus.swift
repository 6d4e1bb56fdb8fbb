/// Where a review stands: time left before it is due, and what is still missing.
public struct ReviewStatus: Sendable {
    /// When the review is due, if the incident is resolved.
    public var dueTime: Instant?
    /// The time the status was taken at.
    public var now: Instant
    /// Sections still missing (`no five whys yet`, `2 action items; at least 3 are needed`, …).
    public var missing: [String]
    /// Milestones Debrief is unsure of (low confidence or unknown), with why.
    public var uncertain: [String]
    /// Conflicting evidence the team should settle.
    public var conflicts: [String]

    /// The minimum number of action items a finished review has.
    public static let minimumActionItems = 3

    /// Works out the status of `review` at `now`.
    public init(review: Review, now: Instant) {
        self.now = now
        dueTime = review.dueTime
        var missing: [String] = []
        if review.whys.isEmpty {
            missing.append("no five whys yet (add 'whys:' to \(ReviewFile.fileName))")
        } else if review.whys.contains(where: { Self.unanswered($0) }) {
            missing.append("some whys have no answer yet")
        }
        if review.actionItems.count < Self.minimumActionItems {
            missing.append(
                "\(review.actionItems.count) action item\(review.actionItems.count == 1 ? "" : "s"); at least \(Self.minimumActionItems) are needed")
        }
        for item in review.actionItems {
            if item.owner == nil { missing.append("action item '\(item.title)' has no owner") }
            if item.due == nil { missing.append("action item '\(item.title)' has no due date") }
        }
        self.missing = missing
        uncertain = MilestoneKind.allCases.compactMap { kind in
            guard let milestone = review.milestones[kind] else {
                return "\(kind.title.lowercased()): unknown (set milestones.\(kind.rawValue) in incident.yml if you know it)"
            }
            guard milestone.confidence == .low else { return nil }
            return "\(kind.title.lowercased()): \(TextFormatting.dateTime(milestone.time)), low confidence (\(milestone.basis))"
        }
        conflicts = review.milestones.conflicts.map(\.message)
    }

    /// Seconds until the review is due (negative when overdue), if known.
    public var secondsLeft: Int64? { dueTime.map { now.seconds(to: $0) } }

    /// Whether the review is past due.
    public var isOverdue: Bool { (secondsLeft ?? 0) < 0 }

    /// Whether nothing is missing.
    public var isComplete: Bool { missing.isEmpty }

    static func unanswered(_ node: WhyNode) -> Bool {
        node.answer == nil || node.children.contains(where: unanswered)
    }

    /// The status as text for the terminal.
    public var text: String {
        var lines: [String] = []
        if let dueTime, let left = secondsLeft {
            let when = TextFormatting.dateTime(dueTime)
            lines.append(
                left >= 0
                    ? "due \(when): \(TextFormatting.duration(left)) left"
                    : "due \(when): overdue by \(TextFormatting.duration(-left))")
        } else {
            lines.append("due: unknown until the incident is resolved")
        }
        lines.append(missing.isEmpty ? "sections: complete" : "missing:")
        lines += missing.map { "  - \($0)" }
        if !uncertain.isEmpty {
            lines.append("uncertain milestones:")
            lines += uncertain.map { "  - \($0)" }
        }
        if !conflicts.isEmpty {
            lines.append("conflicting evidence:")
            lines += conflicts.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
