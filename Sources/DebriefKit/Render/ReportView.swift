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
    public var conflicts: [TextView]
    public var hasConflicts: Bool
    public var metrics: [MetricView]
    public var targets: [TargetView]
    public var hasTargets: Bool
    public var cadence: CadenceView
    public var hasCadence: Bool
    public var dueTime: String
    public var hasDueTime: Bool
    public var flaggedTemplates: [FlaggedView]
    public var hasFlaggedTemplates: Bool
    public var skew: [TextView]
    public var hasSkew: Bool
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

    public struct TextView: Sendable {
        public var text: String
    }

    public struct MilestoneView: Sendable {
        public var name: String
        public var time: String
        public var known: Bool
        public var basis: String
        public var confidence: String
        public var evidence: String
        public var eventID: String
        public var lowConfidence: Bool
    }

    public struct MetricView: Sendable {
        public var name: String
        public var value: String
        public var known: Bool
    }

    public struct TargetView: Sendable {
        public var name: String
        public var target: String
        public var actual: String
        public var outcome: String
        public var met: Bool
        public var missed: Bool
        public var basis: String
    }

    public struct CadenceView: Sendable {
        public var interval: String
        public var basis: String
        public var updates: String
        public var gaps: [TextView]
        public var hasGaps: Bool
        public var summary: String
    }

    public struct FlaggedView: Sendable {
        public var template: String
        public var source: String
        public var reason: String
        public var first: String
        public var last: String
        public var count: String
        public var evidence: String
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
        public var alsoIn: String
        public var hasAlsoIn: Bool
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
                return MilestoneView(
                    name: kind.title, time: "unknown", known: false, basis: "", confidence: "", evidence: "", eventID: "",
                    lowConfidence: false)
            }
            if let id = milestone.eventID {
                milestoneByEvent[id] = [milestoneByEvent[id], kind.title].compactMap { $0 }.joined(separator: ", ")
            }
            return MilestoneView(
                name: kind.title, time: TextFormatting.dateTime(milestone.time), known: true, basis: milestone.basis,
                confidence: milestone.confidence.rawValue, evidence: milestone.evidence.rawValue,
                eventID: milestone.eventID ?? "", lowConfidence: milestone.confidence == .low)
        }
        conflicts = review.milestones.conflicts.map { TextView(text: $0.message) }
        hasConflicts = !conflicts.isEmpty

        let metricValues: [(String, Int64?)] = [
            ("Time to detect", review.metrics.timeToDetect),
            ("Time to acknowledge", review.metrics.timeToAcknowledge),
            ("Time to mitigate", review.metrics.timeToMitigate),
            ("Time to resolve", review.metrics.timeToResolve),
            ("Impact duration", review.metrics.impactDuration),
        ]
        metrics = metricValues.map { name, value in
            MetricView(name: name, value: value.map(TextFormatting.duration) ?? "unknown", known: value != nil)
        }
        targets = review.targets.map { target in
            let outcome = target.met.map { $0 ? "met" : "missed" } ?? "not yet known"
            return TargetView(
                name: target.name.prefix(1).uppercased() + target.name.dropFirst(), target: "within \(target.target)",
                actual: target.actualSeconds.map(TextFormatting.duration) ?? "unknown", outcome: outcome,
                met: target.met == true, missed: target.met == false, basis: target.basis)
        }
        hasTargets = !targets.isEmpty
        if let audit = review.cadence {
            let gaps = audit.gaps.map { gap in
                TextView(
                    text:
                        "\(TextFormatting.clock(gap.start)) – \(TextFormatting.clock(gap.end)): \(TextFormatting.duration(gap.seconds)) without an update")
            }
            cadence = CadenceView(
                interval: TextFormatting.duration(audit.intervalSeconds), basis: audit.basis,
                updates: String(audit.updates.count), gaps: gaps, hasGaps: !gaps.isEmpty,
                summary:
                    "\(audit.updates.count) status update\(audit.updates.count == 1 ? "" : "s") between \(TextFormatting.clock(audit.windowStart)) and \(TextFormatting.clock(audit.windowEnd)); expected every \(TextFormatting.duration(audit.intervalSeconds)) (\(audit.basis)); \(gaps.isEmpty ? "no gaps" : "\(gaps.count) gap\(gaps.count == 1 ? "" : "s")").")
            hasCadence = true
        } else {
            cadence = CadenceView(interval: "", basis: "", updates: "", gaps: [], hasGaps: false, summary: "")
            hasCadence = false
        }
        dueTime = review.dueTime.map(TextFormatting.dateTime) ?? "unknown (no resolution time yet)"
        hasDueTime = review.dueTime != nil
        flaggedTemplates = review.flaggedTemplates.prefix(20).map { template in
            FlaggedView(
                template: TextFormatting.truncate(template.template, 160), source: template.source,
                reason: template.reason == "new" ? "new" : "spike (×\(template.count) vs \(template.baselineCount) before)",
                first: TextFormatting.clock(template.firstSeen), last: TextFormatting.clock(template.lastSeen),
                count: TextFormatting.grouped(template.count), evidence: template.firstEventID)
        }
        hasFlaggedTemplates = !flaggedTemplates.isEmpty
        skew = review.skew.map { suggestion in
            TextView(
                text:
                    "\(suggestion.source) runs \(DurationText.text(abs(suggestion.offsetSeconds))) \(suggestion.offsetSeconds > 0 ? "behind" : "ahead of") \(suggestion.reference) (\(suggestion.pairs) matching records): add offset: \(DurationText.text(suggestion.offsetSeconds)) to its entry in incident.yml")
        }
        hasSkew = !skew.isEmpty

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

        let inFocus = { (entry: TimelineEntry) -> Bool in
            guard let start = review.focusStart, let end = review.focusEnd else { return true }
            return (entry.lastTime ?? entry.time) >= start && entry.time <= end
        }
        let notable = entries.filter { entry in
            entry.duplicateOf == nil && inFocus(entry) && (milestoneByEvent[entry.id] != nil || Self.isNotable(entry))
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
                isMilestone: !milestone.isEmpty, alsoIn: entry.alsoIn.joined(separator: ", "),
                hasAlsoIn: !entry.alsoIn.isEmpty,
                rowClass: "kind-\(event.kind.rawValue) sev-\(event.severity?.rawValue ?? "none")")
        }
        var note = "Showing \(TextFormatting.grouped(shown.count)) of \(TextFormatting.grouped(entries.count)) timeline entries"
        if let start = review.focusStart, let end = review.focusEnd {
            note += " from \(TextFormatting.dateTime(start)) to \(TextFormatting.dateTime(end)) (impact start and resolution with margins)"
        }
        note += ": everything but routine log records below warning level"
        if notable.count > shown.count { note += ", cut at \(Self.maxRows) rows" }
        note += ". Duplicates from several sources are one row; report.json has all \(TextFormatting.grouped(review.timeline.recordCount)) records."
        timelineNote = note

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
