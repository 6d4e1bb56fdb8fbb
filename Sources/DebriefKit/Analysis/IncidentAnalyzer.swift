import Foundation

/// Everything the analysis concludes about an incident.
public struct IncidentAnalysis: Sendable {
    /// The milestones, their alternatives and conflicts.
    public var milestones: Milestones
    /// Durations between milestones.
    public var metrics: IncidentMetrics
    /// Response and resolution targets and whether they were met.
    public var targets: [TargetResult]
    /// The status-update audit, when a cadence applies.
    public var cadence: CadenceAudit?
    /// When the written review is due.
    public var dueTime: Instant?
    /// Error templates new or spiking during the incident.
    public var flaggedTemplates: [FlaggedTemplate]
    /// Suggested clock corrections.
    public var skew: [SkewSuggestion]
    /// The stretch of time reports show: impact start − margin to resolution + margin.
    public var focusStart: Instant?
    /// See `focusStart`.
    public var focusEnd: Instant?
}

/// Runs the analysis stages over a merged timeline: status updates, de-duplication, error
/// templates, milestones, metrics, targets, cadence, review deadline, clock skew and focus window.
/// Returns the timeline with status updates re-filed and duplicates marked (nothing removed).
public struct IncidentAnalyzer: Sendable {
    /// Finds milestones.
    public var detector = MilestoneDetector()

    /// Creates an analyzer.
    public init() {}

    /// Analyses `input`, returning the annotated timeline and the findings.
    public func analyze(_ input: consuming AnalysisInput) -> (Timeline, IncidentAnalysis) {
        var input = input
        // Take the timeline out so it is uniquely referenced and is annotated in place, not copied.
        var timeline = input.timeline
        input.timeline = Timeline()
        CadenceAuditor().classify(&timeline, settings: input.settings)
        Deduplicator().deduplicate(&timeline, input: input)
        input.timeline = timeline

        let (windowStart, windowEnd) = incidentWindow(input)
        let flagged =
            windowStart.flatMap { start in windowEnd.map { TemplateFlagger().flag(input, windowStart: start, windowEnd: $0) } } ?? []
        let milestones = detector.detect(input, flagged: flagged)
        let metrics = IncidentMetrics(milestones)
        let targets = TargetPolicy.evaluate(
            milestones, severity: input.severity, overrides: input.settings.targets, timeZone: input.timeZone)
        let cadence = CadenceAuditor().audit(
            timeline, milestones: milestones, severity: input.severity, settings: input.settings)
        let due = milestones[.resolved]?.time.adding(seconds: input.settings.reviewDueSeconds)
        let start = milestones[.impactStart]?.time ?? milestones[.detected]?.time
        let end = milestones[.resolved]?.time ?? milestones[.mitigated]?.time
        let analysis = IncidentAnalysis(
            milestones: milestones, metrics: metrics, targets: targets, cadence: cadence, dueTime: due,
            flaggedTemplates: flagged, skew: SkewDetector().suggest(input),
            focusStart: start?.adding(seconds: -input.settings.focusBeforeSeconds),
            focusEnd: (end ?? start)?.adding(seconds: input.settings.focusAfterSeconds))
        return (timeline, analysis)
    }

    /// The window in which error templates are judged: from two hours before the first page or alert
    /// to the last resolution (or six hours on); the whole timeline when nothing paged.
    func incidentWindow(_ input: AnalysisInput) -> (Instant?, Instant?) {
        let paging = input.timeline.entries.filter { input.tier(of: $0) <= .alerting }
        let triggers = paging.filter { $0.event.attributes["transition"] == Transition.triggered }
        guard let first = triggers.first?.time else {
            return (input.timeline.entries.first?.time, input.timeline.entries.last.map { $0.lastTime ?? $0.time })
        }
        let resolved = paging.last { $0.event.attributes["transition"] == Transition.resolved }?.time
        return (first.adding(seconds: -detector.impactLookback), max(resolved ?? first, first.adding(seconds: 3600)))
    }
}
