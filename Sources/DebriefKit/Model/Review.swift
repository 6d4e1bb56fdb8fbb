/// Who and what the incident is.
public struct IncidentInfo: Sendable, Hashable, Codable {
    /// The identifier (`INC-2041`), or the folder name when the manifest gives none.
    public var id: String
    /// The title.
    public var title: String
    /// The severity, when known.
    public var severity: IncidentSeverity?

    /// Creates incident information.
    public init(id: String, title: String, severity: IncidentSeverity?) {
        self.id = id
        self.title = title
        self.severity = severity
    }
}

/// One node of the five-whys tree: a question, its answer, the evidence, and deeper whys.
public struct WhyNode: Sendable, Hashable, Codable {
    /// The question (`Why did checkout return 502s?`).
    public var question: String
    /// The answer, once the team has written it.
    public var answer: String?
    /// Ids of timeline events that support the answer.
    public var evidence: [String]
    /// The next level of whys.
    public var children: [WhyNode]

    /// Creates a node.
    public init(question: String, answer: String? = nil, evidence: [String] = [], children: [WhyNode] = []) {
        self.question = question
        self.answer = answer
        self.evidence = evidence
        self.children = children
    }
}

/// A follow-up the team commits to.
public struct ActionItem: Sendable, Hashable, Codable {
    /// What will be done.
    public var title: String
    /// Who owns it.
    public var owner: String?
    /// When it is due (ISO date).
    public var due: String?
    /// The root cause it addresses (a why-node question or id).
    public var rootCause: String?

    /// Creates an action item.
    public init(title: String, owner: String? = nil, due: String? = nil, rootCause: String? = nil) {
        self.title = title
        self.owner = owner
        self.due = due
        self.rootCause = rootCause
    }
}

/// Everything a report shows: the finished review as values, before any rendering.
public struct Review: Sendable {
    /// The incident.
    public var incident: IncidentInfo
    /// What was read.
    public var sources: [SourceSummary]
    /// The merged timeline.
    public var timeline: Timeline
    /// The milestones found.
    public var milestones: Milestones
    /// Durations between milestones.
    public var metrics: IncidentMetrics
    /// When the written review is due (resolution + 24 h).
    public var dueTime: Instant?
    /// Response and resolution targets and whether they were met.
    public var targets: [TargetResult] = []
    /// The status-update audit, when a cadence applies.
    public var cadence: CadenceAudit?
    /// Error templates new or spiking during the incident.
    public var flaggedTemplates: [FlaggedTemplate] = []
    /// Suggested clock corrections.
    public var skew: [SkewSuggestion] = []
    /// The stretch of time the human-readable reports show.
    public var focusStart: Instant?
    /// See `focusStart`.
    public var focusEnd: Instant?
    /// The five-whys tree.
    public var whys: [WhyNode]
    /// Follow-up actions.
    public var actionItems: [ActionItem]
    /// Problems found while building.
    public var diagnostics: [Diagnostic]
    /// When the report was generated (`SOURCE_DATE_EPOCH` when set).
    public var generatedAt: Instant
    /// The Debrief version that generated it.
    public var toolVersion: String
}
