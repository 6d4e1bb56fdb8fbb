import Dispatch
import Foundation

/// The report's JSON contract, `schemaVersion: 1` (documented in README.md).
///
/// Built as an explicit tree rather than through `Codable` so the member order is designed, absent
/// values are `null` rather than missing, and nothing depends on the encoder's platform quirks.
public enum ReportJSON {
    /// The schema version written into every report.
    public static let schemaVersion = 1

    /// The JSON tree of `review` for `audience`.
    public static func value(for review: Review, audience: Audience) -> JSONValue {
        value(for: review, audience: audience, timeline: .array(review.timeline.entries.map(entry)))
    }

    /// The tree with `timeline` as given (a placeholder when the entries are written separately).
    static func value(for review: Review, audience: Audience, timeline: JSONValue) -> JSONValue {
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
        root.set("timeline", timeline)

        var milestones = JSONObjectBuilder()
        for kind in MilestoneKind.allCases {
            guard let chosen = review.milestones[kind] else {
                milestones.set(kind.rawValue, .null)
                continue
            }
            var object = milestoneBuilder(chosen)
            object.set("alternatives", .array((review.milestones.alternatives[kind] ?? []).map(milestone)))
            milestones.set(kind.rawValue, object.value)
        }
        root.set("milestones", milestones.value)
        root.set("conflicts", .array(review.milestones.conflicts.map(conflict)))

        var metrics = JSONObjectBuilder()
        metrics.set("timeToDetectSeconds", review.metrics.timeToDetect)
        metrics.set("timeToAcknowledgeSeconds", review.metrics.timeToAcknowledge)
        metrics.set("timeToMitigateSeconds", review.metrics.timeToMitigate)
        metrics.set("timeToResolveSeconds", review.metrics.timeToResolve)
        metrics.set("impactDurationSeconds", review.metrics.impactDuration)
        root.set("metrics", metrics.value)
        root.set("targets", .array(review.targets.map(target)))
        root.set("cadence", review.cadence.map(cadence) ?? .null)

        var reviewInfo = JSONObjectBuilder()
        reviewInfo.set("dueTime", review.dueTime)
        root.set("review", reviewInfo.value)

        var focus = JSONObjectBuilder()
        focus.set("start", review.focusStart)
        focus.set("end", review.focusEnd)
        root.set("focus", focus.value)
        root.set("flaggedTemplates", .array(review.flaggedTemplates.map(flaggedTemplate)))
        root.set("clockSkew", .array(review.skew.map(skew)))

        root.set("whys", .array(review.whys.map(why)))
        root.set("actionItems", .array(review.actionItems.map(actionItem)))
        root.set("diagnostics", .array(review.diagnostics.map(diagnostic)))
        return root.value
    }

    /// The report as JSON text. The timeline, which holds nearly all of it, is written in slices on
    /// all cores and joined in order, so the output is the same whatever the core count.
    public static func render(_ review: Review, audience: Audience) -> String {
        let marker = "\u{0}timeline\u{0}"
        let skeleton = JSONWriter.string(value(for: review, audience: audience, timeline: .string(marker)))
        let quotedMarker = "\"\\u0000timeline\\u0000\""
        guard let range = skeleton.range(of: quotedMarker) else { return skeleton }
        let entries = review.timeline.entries
        // Entries are written in slices, a batch of slices on all cores at a time, and each batch is
        // appended before the next is made: the report is the largest thing in memory, so only one
        // copy of it (plus a batch) exists at once.
        var result = String()
        var reserved = false
        result += skeleton[..<range.lowerBound]
        if entries.isEmpty {
            result += "[]"
        } else {
            result += "[\n"
            let sliceSize = 512
            let batch = max(2, ProcessInfo.processInfo.activeProcessorCount)
            var lower = 0
            while lower < entries.count {
                let slots = ResultSlots<[UInt8]>(count: batch)
                let start = lower
                DispatchQueue.concurrentPerform(iterations: batch) { slice in
                    var output: [UInt8] = []
                    let from = start + slice * sliceSize
                    let to = min(entries.count, from + sliceSize)
                    if from < to {
                        for index in from..<to {
                            JSONWriter.indentation(2, into: &output)
                            var object = JSONObjectStream(indent: 2)
                            write(entries[index], into: &object)
                            output.append(contentsOf: object.finish())
                            output.append(contentsOf: index == entries.count - 1 ? [0x0A] : [0x2C, 0x0A])
                        }
                    }
                    slots.set(slice, output)
                }
                let parts = slots.values()
                if !reserved {
                    // Size the report from the first batch, with a margin, so it is never copied to grow.
                    reserved = true
                    let written = parts.reduce(0) { $0 + $1.count }
                    let done = min(entries.count, batch * sliceSize)
                    result.reserveCapacity(skeleton.utf8.count + written / max(1, done) * entries.count * 5 / 4 + 4096)
                }
                for part in parts { result += String(decoding: part, as: UTF8.self) }
                lower += batch * sliceSize
            }
            result += "  ]"
        }
        result += skeleton[range.upperBound...]
        return result
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
        object.set("offsetSeconds", summary.offsetSeconds)
        object.set("confidence", .number(String(format2(summary.confidence))))
        return object.value
    }

    static func entry(_ entry: TimelineEntry) -> JSONValue {
        var object = JSONObjectBuilder()
        write(entry, into: &object)
        return object.value
    }

    /// The members of a timeline entry, written to a tree or to bytes.
    static func write<Members: JSONMembers>(_ entry: TimelineEntry, into object: inout Members) {
        let event = entry.event
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
        if !entry.examples.isEmpty { object.set("examples", strings: entry.examples) }
        if !entry.alsoIn.isEmpty { object.set("alsoIn", strings: entry.alsoIn) }
        object.setIfPresent("duplicateOf", entry.duplicateOf)
        if !event.attributes.isEmpty { object.set("attributes", pairs: event.attributes.sorted) }
    }

    static func milestoneBuilder(_ milestone: Milestone) -> JSONObjectBuilder {
        var object = JSONObjectBuilder()
        object.set("time", milestone.time)
        object.set("eventId", milestone.eventID)
        object.set("basis", milestone.basis)
        object.set("confidence", milestone.confidence.rawValue)
        object.set("evidence", milestone.evidence.rawValue)
        return object
    }

    static func milestone(_ milestone: Milestone) -> JSONValue { milestoneBuilder(milestone).value }

    static func conflict(_ conflict: MilestoneConflict) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("milestone", conflict.kind.rawValue)
        object.set("message", conflict.message)
        object.set("chosen", milestone(conflict.chosen))
        object.set("other", milestone(conflict.other))
        object.set("differenceSeconds", conflict.differenceSeconds)
        return object.value
    }

    static func target(_ target: TargetResult) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("name", target.name)
        object.set("target", target.target)
        object.set("targetSeconds", target.targetSeconds)
        object.set("deadline", target.deadline)
        object.set("actualSeconds", target.actualSeconds)
        object.set("met", target.met.map(JSONValue.bool) ?? .null)
        object.set("basis", target.basis)
        return object.value
    }

    static func cadence(_ audit: CadenceAudit) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("intervalSeconds", audit.intervalSeconds)
        object.set("basis", audit.basis)
        object.set("windowStart", audit.windowStart)
        object.set("windowEnd", audit.windowEnd)
        object.set("updates", .array(audit.updates.map(JSONValue.string)))
        object.set(
            "gaps",
            .array(
                audit.gaps.map { gap in
                    var item = JSONObjectBuilder()
                    item.set("start", gap.start)
                    item.set("end", gap.end)
                    item.set("seconds", gap.seconds)
                    item.set("startEventId", gap.startEventID)
                    item.set("endEventId", gap.endEventID)
                    return item.value
                }))
        return object.value
    }

    static func flaggedTemplate(_ template: FlaggedTemplate) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("source", template.source)
        object.set("template", template.template)
        object.set("reason", template.reason)
        object.set("firstSeen", template.firstSeen)
        object.set("firstEventId", template.firstEventID)
        object.set("lastSeen", template.lastSeen)
        object.set("lastEventId", template.lastEventID)
        object.set("count", template.count)
        object.set("baselineCount", template.baselineCount)
        return object.value
    }

    static func skew(_ suggestion: SkewSuggestion) -> JSONValue {
        var object = JSONObjectBuilder()
        object.set("source", suggestion.source)
        object.set("reference", suggestion.reference)
        object.set("offsetSeconds", suggestion.offsetSeconds)
        object.set("pairs", suggestion.pairs)
        object.set("spreadSeconds", suggestion.spreadSeconds)
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
