/// The view model templates render: plain stored strings, flags and lists.
///
/// swift-mustache looks keys up by reflection, which sees only stored properties and renders a
/// missing key as nothing, silently. So every value a template may use is stored here, already
/// formatted; escaping is left to the template's content type (HTML or MARKDOWN).
public struct ReportView: Sendable {
    public var title: String
    public var incidentID: String
    public var severity: String
    public var hasSeverity: Bool
    public var audience: String
    public var generatedAt: String
    public var toolVersion: String
    public var window: String
    public var milestones: [MilestoneView]
    public var metrics: [MetricView]
    public var dueTime: String
    public var hasDueTime: Bool
    public var sources: [SourceView]
    public var sourceTotals: String
    public var timeline: [TimelineRowView]
    public var timelineNote: String
    public var whys: [WhyView]
    public var hasWhys: Bool
    public var actionItems: [ActionItemView]
    public var hasActionItems: Bool
    public var diagnostics: [DiagnosticView]
    public var hasDiagnostics: Bool
    /// The SVG timeline (HTML only), built with every input string escaped; insert with `{{{svgTimeline}}}`.
    public var svgTimeline: String

    public struct MilestoneView: Sendable {
        public var name: String
        public var time: String
        public var known: Bool
        public var basis: String
        public var confidence: String
        public var eventID: String
    }

    public struct MetricView: Sendable {
        public var name: String
        public var value: String
        public var known: Bool
    }

    public struct SourceView: Sendable {
        public var path: String
        public var format: String
        public var records: String
        public var skipped: String
        public var hasSkipped: Bool
        public var firstTime: String
        public var lastTime: String
    }

    public struct TimelineRowView: Sendable {
        public var id: String
        public var anchor: String
        public var date: String
        public var time: String
        public var kind: String
        public var actor: String
        public var hasActor: Bool
        public var severity: String
        public var hasSeverity: Bool
        public var text: String
        public var source: String
        public var count: String
        public var isBurst: Bool
        public var until: String
        public var milestone: String
        public var isMilestone: Bool
        public var rowClass: String
    }

    public struct WhyView: Sendable {
        public var depth: Int
        public var indent: String
        public var question: String
        public var answer: String
        public var hasAnswer: Bool
        public var evidence: String
        public var hasEvidence: Bool
    }

    public struct ActionItemView: Sendable {
        public var title: String
        public var owner: String
        public var due: String
        public var rootCause: String
    }

    public struct DiagnosticView: Sendable {
        public var text: String
        public var severity: String
    }
}

extension ReportView {
    /// Rows above this count are left to the JSON report.
    static let maxRows = 400

    /// Builds the view of `review` for `audience`.
    public init(review: Review, audience: Audience, includeSVG: Bool) {
        let incident = review.incident
        title = incident.title
        incidentID = incident.id
        severity = incident.severity?.rawValue ?? "unknown"
        hasSeverity = incident.severity != nil
        self.audience = audience.rawValue
        generatedAt = TextFormatting.dateTime(review.generatedAt)
        toolVersion = review.toolVersion

        let entries = review.timeline.entries
        if let first = entries.first?.time, let last = entries.map({ $0.lastTime ?? $0.time }).max() {
            window = "\(TextFormatting.dateTime(first)) – \(TextFormatting.dateTime(last)) (\(TextFormatting.duration(first.seconds(to: last))))"
        } else {
            window = "no events"
        }

        var milestoneByEvent: [String: String] = [:]
        milestones = MilestoneKind.allCases.map { kind in
            guard let milestone = review.milestones[kind] else {
                return MilestoneView(name: kind.title, time: "unknown", known: false, basis: "", confidence: "", eventID: "")
            }
            if let id = milestone.eventID { milestoneByEvent[id, default: ""] += (milestoneByEvent[id]?.isEmpty == false ? ", " : "") + kind.title }
            return MilestoneView(
                name: kind.title, time: TextFormatting.dateTime(milestone.time), known: true, basis: milestone.basis,
                confidence: milestone.confidence.rawValue, eventID: milestone.eventID ?? "")
        }
        let metricValues: [(String, Int64?)] = [
            ("Time to detect", review.metrics.timeToDetect),
            ("Time to acknowledge", review.metrics.timeToAcknowledge),
            ("Time to mitigate", review.metrics.timeToMitigate),
            ("Time to resolve", review.metrics.timeToResolve),
        ]
        metrics = metricValues.map { name, value in
            MetricView(name: name, value: value.map(TextFormatting.duration) ?? "unknown", known: value != nil)
        }
        dueTime = review.dueTime.map(TextFormatting.dateTime) ?? "unknown (no resolution time yet)"
        hasDueTime = review.dueTime != nil

        sources = review.sources.map { summary in
            SourceView(
                path: summary.path, format: summary.format, records: TextFormatting.grouped(summary.records),
                skipped: TextFormatting.grouped(summary.skipped), hasSkipped: summary.skipped > 0,
                firstTime: summary.firstTime.map(TextFormatting.dateTime) ?? "–",
                lastTime: summary.lastTime.map(TextFormatting.dateTime) ?? "–")
        }
        let totalRecords = review.sources.reduce(0) { $0 + $1.records }
        let totalSkipped = review.sources.reduce(0) { $0 + $1.skipped }
        sourceTotals =
            "\(review.sources.count) sources, \(TextFormatting.grouped(totalRecords)) records, \(TextFormatting.grouped(totalSkipped)) kept raw"

        let notable = entries.filter { entry in
            milestoneByEvent[entry.id] != nil || Self.isNotable(entry)
        }
        let shown = notable.prefix(Self.maxRows)
        timeline = shown.map { entry in
            let event = entry.event
            let milestone = milestoneByEvent[entry.id] ?? ""
            return TimelineRowView(
                id: entry.id, anchor: "e-" + Self.anchor(entry.id), date: TextFormatting.date(entry.time),
                time: TextFormatting.clock(entry.time), kind: event.kind.rawValue, actor: event.actor ?? "",
                hasActor: event.actor != nil, severity: event.severity?.rawValue ?? "", hasSeverity: event.severity != nil,
                text: TextFormatting.truncate(event.text, 300), source: entry.id,
                count: TextFormatting.grouped(entry.count), isBurst: entry.count > 1,
                until: entry.lastTime.map(TextFormatting.clock) ?? "", milestone: milestone,
                isMilestone: !milestone.isEmpty,
                rowClass: "kind-\(event.kind.rawValue) sev-\(event.severity?.rawValue ?? "none")")
        }
        let shownRecords = shown.reduce(0) { $0 + $1.count }
        let omitted = review.timeline.recordCount - shownRecords
        if omitted > 0 {
            timelineNote =
                "Showing \(TextFormatting.grouped(shown.count)) of \(TextFormatting.grouped(entries.count)) timeline entries: everything but routine log records (below warning level); all \(TextFormatting.grouped(review.timeline.recordCount)) records are in report.json."
        } else {
            timelineNote = "All \(TextFormatting.grouped(entries.count)) timeline entries are shown."
        }

        var flattened: [WhyView] = []
        func flatten(_ nodes: [WhyNode], depth: Int) {
            for node in nodes {
                flattened.append(
                    WhyView(
                        depth: depth, indent: String(repeating: "  ", count: depth), question: node.question,
                        answer: node.answer ?? "", hasAnswer: node.answer != nil,
                        evidence: node.evidence.joined(separator: ", "), hasEvidence: !node.evidence.isEmpty))
                flatten(node.children, depth: depth + 1)
            }
        }
        flatten(review.whys, depth: 0)
        whys = flattened
        hasWhys = !flattened.isEmpty
        actionItems = review.actionItems.map {
            ActionItemView(title: $0.title, owner: $0.owner ?? "unassigned", due: $0.due ?? "no date", rootCause: $0.rootCause ?? "")
        }
        hasActionItems = !actionItems.isEmpty
        diagnostics = review.diagnostics.map { DiagnosticView(text: $0.description, severity: $0.severity.rawValue) }
        hasDiagnostics = !diagnostics.isEmpty
        svgTimeline = includeSVG ? TimelineSVG.render(review: review, rows: Array(shown)) : ""
    }

    /// Whether an entry belongs in the human-readable timeline: anything but routine (below
    /// warning) log records, which stay in the JSON report.
    static func isNotable(_ entry: TimelineEntry) -> Bool {
        let event = entry.event
        if event.kind != .log { return true }
        return (event.severity ?? .info) >= .warning
    }

    /// An HTML-id-safe form of an event id; a hash of the id keeps distinct ids distinct.
    static func anchor(_ id: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in id.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let safe = String(id.unicodeScalars.map { scalar -> Character in
            let value = scalar.value
            let ok = (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            return ok ? Character(scalar) : "-"
        }.suffix(48))
        return safe + "-" + String(hash, radix: 16)
    }
}
