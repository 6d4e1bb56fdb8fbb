/// The points in time every review states: when impact began, when we knew, when we acted, when it ended.
public enum MilestoneKind: String, Sendable, Hashable, Codable, CaseIterable {
    case impactStart
    case detected
    case acknowledged
    case escalated
    case mitigated
    case resolved

    /// A label for reports.
    public var title: String {
        switch self {
        case .impactStart: "Impact started"
        case .detected: "Detected"
        case .acknowledged: "Acknowledged"
        case .escalated: "Escalated"
        case .mitigated: "Mitigated"
        case .resolved: "Resolved"
        }
    }
}

/// One milestone: when, which event shows it, and why Debrief believes it.
public struct Milestone: Sendable, Hashable, Codable {
    /// When it happened.
    public var time: Instant
    /// The timeline event that shows it (nil when it comes from the manifest).
    public var eventID: String?
    /// The rule and evidence, in words (`PagerDuty: first 'triggered' log entry`).
    public var basis: String
    /// How much the evidence supports it.
    public var confidence: Confidence
    /// Which kind of evidence it rests on, strongest first: manifest, paging, alerting, ticket, chat, logs.
    public var evidence: EvidenceTier

    /// Creates a milestone.
    public init(time: Instant, eventID: String?, basis: String, confidence: Confidence, evidence: EvidenceTier = .logs) {
        self.time = time
        self.eventID = eventID
        self.basis = basis
        self.confidence = confidence
        self.evidence = evidence
    }

    /// How strongly evidence supports a finding.
    public enum Confidence: String, Sendable, Hashable, Codable, Comparable {
        case low, medium, high

        private var rank: Int { self == .low ? 0 : self == .medium ? 1 : 2 }
        public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
    }
}

/// The kinds of evidence a milestone can rest on, in the order Debrief prefers them.
public enum EvidenceTier: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The team wrote it in the manifest.
    case manifest
    /// A paging system's state change (PagerDuty, Opsgenie).
    case paging
    /// An alerting system's state (Alertmanager, Grafana firing/resolved).
    case alerting
    /// A ticket's transition.
    case ticket
    /// Something said in chat.
    case chat
    /// Log records.
    case logs

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: EvidenceTier, rhs: EvidenceTier) -> Bool { lhs.rank < rhs.rank }
}

/// Two pieces of evidence that disagree about a milestone.
public struct MilestoneConflict: Sendable, Hashable {
    /// The milestone.
    public var kind: MilestoneKind
    /// The evidence Debrief chose.
    public var chosen: Milestone
    /// The evidence that disagrees.
    public var other: Milestone
    /// `other.time - chosen.time` in seconds.
    public var differenceSeconds: Int64
    /// The disagreement in words (`the ticket was resolved 9m after the page`).
    public var message: String
}

/// The incident's milestones; any may be unknown.
public struct Milestones: Sendable, Hashable {
    /// The milestones found, by kind.
    public var values: [MilestoneKind: Milestone] = [:]
    /// The best evidence of other kinds that was not chosen, by milestone.
    public var alternatives: [MilestoneKind: [Milestone]] = [:]
    /// Evidence that disagrees with the chosen milestone, or milestones out of order.
    public var conflicts: [MilestoneConflict] = []

    /// Creates an empty set.
    public init() {}

    /// The milestone of `kind`, if known.
    public subscript(kind: MilestoneKind) -> Milestone? {
        get { values[kind] }
        set { values[kind] = newValue }
    }
}

/// Durations between milestones, in seconds.
public struct IncidentMetrics: Sendable, Hashable {
    /// Impact start → detected.
    public var timeToDetect: Int64?
    /// Detected → acknowledged.
    public var timeToAcknowledge: Int64?
    /// Impact start → mitigated.
    public var timeToMitigate: Int64?
    /// Impact start → resolved.
    public var timeToResolve: Int64?
    /// Impact start → mitigated (or resolved when mitigation is unknown): how long users were hurt.
    public var impactDuration: Int64?

    /// Computes the metrics from milestones; a metric is nil when either end is unknown or the order is reversed.
    public init(_ milestones: Milestones) {
        func span(_ from: MilestoneKind, _ to: MilestoneKind) -> Int64? {
            guard let start = milestones[from]?.time, let end = milestones[to]?.time, start <= end else { return nil }
            return start.seconds(to: end)
        }
        timeToDetect = span(.impactStart, .detected)
        timeToAcknowledge = span(.detected, .acknowledged)
        timeToMitigate = span(.impactStart, .mitigated)
        timeToResolve = span(.impactStart, .resolved)
        impactDuration = span(.impactStart, .mitigated) ?? span(.impactStart, .resolved)
    }
}
