import Foundation

/// What the analysis works from: the merged timeline, what each source was, and the manifest's say.
public struct AnalysisInput: Sendable {
    /// The merged timeline.
    public var timeline: Timeline
    /// The sources, in ingest order (`TimelineEntry.sourceIndex` indexes this).
    public var sources: [SourceSummary]
    /// The incident's severity.
    public var severity: IncidentSeverity?
    /// The manifest's analysis settings.
    public var settings: AnalysisSettings
    /// The incident's zone (for working-day deadlines).
    public var timeZone: TimeZone

    /// Creates an input.
    public init(
        timeline: Timeline, sources: [SourceSummary], severity: IncidentSeverity?,
        settings: AnalysisSettings = AnalysisSettings(), timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.timeline = timeline
        self.sources = sources
        self.severity = severity
        self.settings = settings
        self.timeZone = timeZone
    }

    /// The kind of evidence an entry is.
    public func tier(of entry: TimelineEntry) -> EvidenceTier {
        let format = entry.sourceIndex < sources.count ? sources[entry.sourceIndex].format : ""
        if format.hasPrefix("pagerduty") || format.hasPrefix("opsgenie") { return .paging }
        if format.hasPrefix("alertmanager") || format.hasPrefix("grafana") { return .alerting }
        switch entry.event.kind {
        case .ticket: return .ticket
        case .chat, .status: return .chat
        case .alert: return .paging
        default: return .logs
        }
    }

    /// A short name for an entry's system, for bases (`PagerDuty`, `Alertmanager`, `Jira`, …).
    public func system(of entry: TimelineEntry) -> String {
        let format = entry.sourceIndex < sources.count ? sources[entry.sourceIndex].format : ""
        let known: [(String, String)] = [
            ("pagerduty", "PagerDuty"), ("opsgenie", "Opsgenie"), ("alertmanager", "Alertmanager"),
            ("grafana", "Grafana"), ("jira", "Jira"), ("servicenow", "ServiceNow"), ("github", "GitHub"),
            ("gitlab", "GitLab"), ("zendesk", "Zendesk"), ("redmine", "Redmine"), ("bugzilla", "Bugzilla"),
            ("slack", "Slack"), ("mattermost", "Mattermost"), ("teams", "Teams"), ("discord", "Discord"),
            ("telegram", "Telegram"), ("irc", "IRC"), ("whatsapp", "WhatsApp"), ("rocketchat", "Rocket.Chat"),
            ("access-log", "access log"), ("haproxy", "HAProxy"),
        ]
        return known.first { format.hasPrefix($0.0) }?.1 ?? format
    }
}
