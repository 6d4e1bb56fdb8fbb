/// Finds the error-level log templates that belong to the incident: those that first appear, or
/// spike, in the incident window compared with an equally long baseline just before it.
///
/// "Spike" means at least five records in the window and at least three times the baseline count.
/// The first record of the earliest flagged template is the logs' evidence of impact start.
public struct TemplateFlagger: Sendable {
    /// The smallest count in the window that can be a spike.
    public var minimumSpike = 5
    /// How many times the baseline a spike must reach.
    public var spikeFactor = 3

    /// Creates a flagger.
    public init() {}

    struct Key: Hashable {
        var source: Int
        var template: String
    }

    struct Tally {
        var first: TimelineEntry?
        var last: Instant?
        var lastID: String?
        var window = 0
        var baseline = 0
    }

    /// The flagged templates for the window `[start, end]`, earliest first.
    public func flag(_ input: AnalysisInput, windowStart start: Instant, windowEnd end: Instant) -> [FlaggedTemplate] {
        let length = max(Int64(600), start.seconds(to: end))
        let baselineStart = start.adding(seconds: -length)
        var tallies: [Key: Tally] = [:]
        var order: [Key] = []
        for entry in input.timeline.entries where entry.event.kind == .log && (entry.event.severity ?? .info) >= .error {
            let last = entry.lastTime ?? entry.time
            guard last >= baselineStart, entry.time <= end else { continue }
            let key = Key(source: entry.sourceIndex, template: entry.template ?? TemplateMasker.template(of: entry.event.text))
            var tally = tallies[key] ?? Tally()
            if tallies[key] == nil { order.append(key) }
            if entry.time >= start {
                tally.window += entry.count
                if tally.first == nil { tally.first = entry }
                if last >= (tally.last ?? last) {
                    tally.last = last
                    tally.lastID = entry.id
                }
            } else {
                tally.baseline += entry.count
            }
            tallies[key] = tally
        }
        var flagged: [FlaggedTemplate] = []
        for key in order {
            guard let tally = tallies[key], let first = tally.first, let last = tally.last else { continue }
            let reason: String
            if tally.baseline == 0 {
                reason = "new"
            } else if tally.window >= minimumSpike && tally.window >= spikeFactor * tally.baseline {
                reason = "spike"
            } else {
                continue
            }
            flagged.append(
                FlaggedTemplate(
                    source: input.sources.indices.contains(key.source) ? input.sources[key.source].path : first.event.source.path,
                    template: key.template, reason: reason, firstSeen: first.time, firstEventID: first.id, lastSeen: last,
                    lastEventID: tally.lastID ?? first.id, count: tally.window, baselineCount: tally.baseline))
        }
        return flagged.sorted { $0.firstSeen != $1.firstSeen ? $0.firstSeen < $1.firstSeen : $0.firstEventID < $1.firstEventID }
    }
}
