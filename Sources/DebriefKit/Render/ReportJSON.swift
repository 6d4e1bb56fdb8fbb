/// The report's JSON contract, `schemaVersion: 1` (documented in README.md).
///
/// Built as an explicit tree rather than through `Codable` so the member order is designed, absent
/// values are `null` rather than missing, and nothing depends on the encoder's platform quirks.
public enum ReportJSON {
    /// The schema version written into every report.
    public static let schemaVersion = 1

    /// The JSON tree of `review` for `audience`.
    public static func value(for review: Review, audience: Audience) -> JSONValue {
        var root = JSONObjectBuilder()
        root.set("schemaVersion", schemaVersion)
        root.set("audience", audience.rawValue)
        var generator = JSONObjectBuilder()
        generator.set("name", "debrief")
        generator.set("version", review.toolVersion)
        generator.set("generatedAt", review.generatedAt)
        root.set("generator", generator.value)

        var incident = JSONObjectBuilder()
        incident.set("id", review.incident.id)
        incident.set("title", review.incident.title)
        incident.set("severity", review.incident.severity?.rawValue)
        root.set("incident", incident.value)

        root.set("sources", .array(review.sources.map(source)))
        root.set("timeline", .array(review.timeline.entries.map(entry)))

        var milestones = JSONObjectBuilder()
        for kind in MilestoneKind.allCases {
            milestones.set(kind.rawValue, review.milestones[kind].map(milestone) ?? .null)
        }
        root.set("milestones", milestones.value)

        var metrics = JSONObjectBuilder()
        metrics.set("timeToDetectSeconds", review.metrics.timeToDetect)
        metrics.set("timeToAcknowledgeSeconds", review.metrics.timeToAcknowledge)
        metrics.set("timeToMitigateSeconds", review.metrics.timeToMitigate)
        metrics.set("timeToResolveSeconds", review.metrics.timeToResolve)
        root.set("metrics", metrics.value)

        var reviewInfo = JSONObjectBuilder()
        reviewInfo.set("dueTime", review.dueTime)
        root.set("review", reviewInfo.value)

        root.set("whys", .array(review.whys.map(why)))
        root.set("actionItems", .array(review.actionItems.map(actionItem)))
        root.set("diagnostics", .array(review.diagnostics.map(diagnostic)))
        return root.value
    }

    /// The report as JSON text.
    public static func render(_ review: Review, audience: Audience) -> String {
        JSONWriter.string(value(for: review, audience: audience))
    }

    static func source(_ summary: SourceSummary) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("path", summary.path)
        object.set("format", summary.format)
        object.set("records", summary.records)
        object.set("skipped", summary.skipped)
        object.set("unplaced", summary.unplaced)
        object.set("firstTime", summary.firstTime)
        object.set("lastTime", summary.lastTime)
        object.set("bytes", summary.bytes)
        object.set("compressed", summary.compressed)
        object.set("reordered", summary.reordered)
        object.set("confidence", .number(String(format2(summary.confidence))))
        return object.value
    }

    static func entry(_ entry: TimelineEntry) -> JSONValue {
        let event = entry.event
        var object = JSONObjectBuilder()
        object.set("id", entry.id)
        object.set("time", event.time)
        object.set("source", event.source.path)
        object.setIfPresent("line", event.source.line)
        object.set("kind", event.kind.rawValue)
        object.setIfPresent("actor", event.actor)
        object.setIfPresent("severity", event.severity?.rawValue)
        object.set("text", event.text)
        if entry.count > 1 {
            object.set("count", entry.count)
            object.set("lastTime", entry.lastTime)
        }
        object.setIfPresent("template", entry.template)
        if !entry.examples.isEmpty { object.set("examples", .array(entry.examples.map(JSONValue.string))) }
        if !event.attributes.isEmpty {
            object.set("attributes", .object(JSONObject(event.attributes.sorted.map { ($0.key, .string($0.value)) })))
        }
        return object.value
    }

    static func milestone(_ milestone: Milestone) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("time", milestone.time)
        object.set("eventId", milestone.eventID)
        object.set("basis", milestone.basis)
        object.set("confidence", milestone.confidence.rawValue)
        return object.value
    }

    static func why(_ node: WhyNode) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("question", node.question)
        object.set("answer", node.answer)
        object.set("evidence", .array(node.evidence.map(JSONValue.string)))
        object.set("children", .array(node.children.map(why)))
        return object.value
    }

    static func actionItem(_ item: ActionItem) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("title", item.title)
        object.set("owner", item.owner)
        object.set("due", item.due)
        object.set("rootCause", item.rootCause)
        return object.value
    }

    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("severity", diagnostic.severity.rawValue)
        object.set("message", diagnostic.message)
        object.set("path", diagnostic.path)
        object.set("line", diagnostic.line)
        return object.value
    }

    /// A number with at most two decimals, written without platform-dependent float formatting.
    static func format2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        return fraction == 0 ? "\(whole)" : "\(whole).\(pad(fraction, 2))"
    }
}
