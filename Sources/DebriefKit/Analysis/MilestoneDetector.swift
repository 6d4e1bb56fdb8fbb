/// Finds the incident's milestones in the timeline and says why.
///
/// Evidence is ranked: a manifest override beats paging and alerting states (PagerDuty, Opsgenie;
/// Alertmanager and Grafana firing/resolved), which beat ticket transitions, chat phrasing
/// (English and Chinese) and, last, the logs (the first record of an error template that is new or
/// spikes in the incident, the last such record before recovery). Impact start is the exception:
/// it is the *earliest* user-facing error evidence (an alert's start or the logs' first error), never
/// the page. The best evidence of every other kind is kept as an alternative. Alternatives that
/// disagree by more than five minutes are reported as conflicts (for impact start, detection,
/// acknowledgement and escalation only when they are earlier: later evidence is the usual lag), and
/// so are milestones out of order.
public struct MilestoneDetector: Sendable {
    /// How far before detection the first error may lie and still count as impact start.
    public var impactLookback: Int64 = 2 * 3600
    /// How far apart two pieces of evidence must be to be reported as a conflict.
    public var conflictThreshold: Int64 = 300

    /// Creates a detector.
    public init() {}

    /// A candidate with the order it was found in, so ties resolve deterministically.
    struct Candidate {
        var milestone: Milestone
        var order: Int
    }

    /// Finds the milestones. `flagged` are the incident's error templates (from `TemplateFlagger`).
    public func detect(_ input: AnalysisInput, flagged: [FlaggedTemplate]) -> Milestones {
        var found: [MilestoneKind: [EvidenceTier: [Candidate]]] = [:]
        var order = 0
        func add(_ kind: MilestoneKind, _ tier: EvidenceTier, _ time: Instant, _ id: String?, _ basis: String,
                 _ confidence: Milestone.Confidence) {
            order += 1
            let milestone = Milestone(time: time, eventID: id, basis: basis, confidence: confidence, evidence: tier)
            found[kind, default: [:]][tier, default: []].append(Candidate(milestone: milestone, order: order))
        }
        for (kind, time) in input.settings.milestoneOverrides.sorted(by: { $0.value < $1.value }) {
            add(kind, .manifest, time, nil, "manifest: milestones.\(kind.rawValue)", .high)
        }
        let anchor = self.anchor(input, flagged: flagged)
        for entry in input.timeline.entries where entry.duplicateOf == nil {
            let event = entry.event
            let tier = input.tier(of: entry)
            let system = input.system(of: entry)
            let transition = event.attributes["transition"]
            switch tier {
            case .paging, .alerting:
                guard let transition else { continue }
                switch transition {
                case Transition.triggered:
                    add(.detected, tier, entry.time, entry.id, "\(system): '\(transition)'", .high)
                    if tier == .alerting {
                        add(.impactStart, tier, entry.time, entry.id, "\(system): alert condition began", .medium)
                    }
                case Transition.acknowledged:
                    add(.acknowledged, tier, entry.time, entry.id, "\(system): '\(transition)'", .high)
                case Transition.escalated:
                    add(.escalated, tier, entry.time, entry.id, "\(system): '\(transition)'", .high)
                case Transition.resolved:
                    // An alert that clears says the symptom stopped (mitigation); a page that
                    // resolves says the responders closed the incident.
                    if tier == .alerting {
                        add(.mitigated, tier, entry.time, entry.id, "\(system): alert resolved (condition cleared)", .medium)
                    } else {
                        add(.resolved, tier, entry.time, entry.id, "\(system): '\(transition)'", .high)
                    }
                default:
                    break
                }
            case .ticket:
                guard let transition, plausible(entry.time, anchor: anchor) else { continue }
                let ticket = event.attributes["ticket"].map { " \($0)" } ?? ""
                let target = event.attributes["to"] ?? ""
                let change = target.isEmpty ? transition : "moved to '\(target)'"
                switch transition {
                case Transition.opened:
                    add(.detected, tier, entry.time, entry.id, "\(system)\(ticket) opened", .medium)
                case Transition.inProgress:
                    add(.acknowledged, tier, entry.time, entry.id, "\(system)\(ticket) \(change)", .medium)
                case Transition.assigned:
                    add(.acknowledged, tier, entry.time, entry.id, "\(system)\(ticket) assigned", .low)
                case Transition.priorityChanged:
                    add(.escalated, tier, entry.time, entry.id, "\(system)\(ticket) priority changed", .low)
                case Transition.resolved, Transition.closed:
                    if target.lowercased().contains("mitigat") {
                        add(.mitigated, tier, entry.time, entry.id, "\(system)\(ticket) \(change)", .medium)
                    } else {
                        let confidence: Milestone.Confidence = transition == Transition.resolved ? .medium : .low
                        add(.resolved, tier, entry.time, entry.id, "\(system)\(ticket) \(change)", confidence)
                    }
                default:
                    break
                }
            case .chat:
                guard plausible(entry.time, anchor: anchor) else { continue }
                for (kind, phrase) in Phrases.milestones(in: event.text) {
                    let who = event.actor.map { " by \($0)" } ?? ""
                    add(kind, .chat, entry.time, entry.id, "\(system) message\(who) says '\(phrase)'", .low)
                }
            case .logs, .manifest:
                break
            }
        }
        // The logs: the incident's error templates.
        let detectedHint = best(.detected, in: found)?.milestone.time
        let lookbackStart = detectedHint?.adding(seconds: -impactLookback)
        let relevant = flagged.filter { template in
            guard let detectedHint, let lookbackStart else { return true }
            return template.firstSeen >= lookbackStart && template.firstSeen <= detectedHint
        }
        if let first = relevant.min(by: { $0.firstSeen < $1.firstSeen }) {
            add(.impactStart, .logs, first.firstSeen, first.firstEventID,
                "logs: first '\(TextFormatting.truncate(first.template, 80))' in \(first.source) (\(first.reason) error template)",
                .medium)
        }
        if let last = relevant.max(by: { $0.lastSeen < $1.lastSeen }), recovered(after: last, input) {
            add(.mitigated, .logs, last.lastSeen, last.lastEventID,
                "logs: last record of the incident's error templates (\(relevant.count) flagged)", .low)
        }
        return choose(found)
    }

    /// When the incident announced itself: the first page, else alert, else flagged error, else ticket.
    func anchor(_ input: AnalysisInput, flagged: [FlaggedTemplate]) -> Instant? {
        let alerts = input.timeline.entries.filter {
            $0.event.attributes["transition"] == Transition.triggered && input.tier(of: $0) <= .alerting
        }
        return alerts.first?.time ?? flagged.first?.firstSeen
    }

    /// Chat and ticket evidence counts only near the incident (an hour before its anchor to two days after).
    func plausible(_ time: Instant, anchor: Instant?) -> Bool {
        guard let anchor else { return true }
        return time >= anchor.adding(seconds: -3600) && time <= anchor.adding(seconds: 2 * 86_400)
    }

    /// Whether the error templates stop well before their sources end (otherwise errors never stopped).
    func recovered(after template: FlaggedTemplate, _ input: AnalysisInput) -> Bool {
        guard let source = input.sources.first(where: { $0.path == template.source }), let end = source.lastTime else {
            return false
        }
        return template.lastSeen.seconds(to: end) >= 120
    }

    /// The chosen candidate for `kind`: the strongest tier; within it the earliest, except that
    /// resolution takes the last resolve and alerting mitigation the last alert to clear.
    func best(_ kind: MilestoneKind, in found: [MilestoneKind: [EvidenceTier: [Candidate]]]) -> Candidate? {
        guard let tiers = found[kind] else { return nil }
        if kind == .impactStart {
            // Earliest user-facing evidence wins, unless the team fixed it in the manifest.
            if let manual = tiers[.manifest]?.first { return manual }
            return tiers.values.flatMap { $0 }.min(by: earlier)
        }
        guard let tier = tiers.keys.min(), let candidates = tiers[tier] else { return nil }
        if tier == .paging || tier == .alerting {
            // Paging and alerting states are one rank of evidence: an Alertmanager alert firing
            // before the page is when monitoring detected the incident.
            return pick(kind, tier, (tiers[.paging] ?? []) + (tiers[.alerting] ?? []))
        }
        return pick(kind, tier, candidates)
    }

    func pick(_ kind: MilestoneKind, _ tier: EvidenceTier, _ candidates: [Candidate]) -> Candidate? {
        let latest = kind == .resolved || (kind == .mitigated && tier == .alerting)
        return latest ? candidates.max(by: earlier) : candidates.min(by: earlier)
    }

    func earlier(_ a: Candidate, _ b: Candidate) -> Bool {
        a.milestone.time != b.milestone.time ? a.milestone.time < b.milestone.time : a.order < b.order
    }

    func choose(_ found: [MilestoneKind: [EvidenceTier: [Candidate]]]) -> Milestones {
        var milestones = Milestones()
        for kind in MilestoneKind.allCases {
            guard let chosen = best(kind, in: found)?.milestone else { continue }
            milestones[kind] = chosen
            var alternatives: [Milestone] = []
            for tier in EvidenceTier.allCases {
                guard let candidates = found[kind]?[tier], let other = pick(kind, tier, candidates)?.milestone,
                    other != chosen
                else { continue }
                alternatives.append(other)
                let difference = chosen.time.seconds(to: other.time)
                // Later evidence that something started (a ticket opened after the page) is the
                // usual lag, not a disagreement; evidence that it started earlier, or ended at a
                // different time, is.
                let startsSomething = kind != .mitigated && kind != .resolved
                let disagrees = startsSomething ? difference < -conflictThreshold : abs(difference) > conflictThreshold
                if disagrees {
                    let direction = difference > 0 ? "after" : "before"
                    milestones.conflicts.append(
                        MilestoneConflict(
                            kind: kind, chosen: chosen, other: other, differenceSeconds: difference,
                            message:
                                "\(kind.title.lowercased()): \(other.basis) at \(TextFormatting.clock(other.time)), \(TextFormatting.duration(abs(difference))) \(direction) \(chosen.basis) (\(TextFormatting.clock(chosen.time)))"
                        ))
                }
            }
            if !alternatives.isEmpty { milestones.alternatives[kind] = alternatives }
        }
        let ordered: [(MilestoneKind, MilestoneKind)] = [
            (.impactStart, .detected), (.detected, .acknowledged), (.impactStart, .mitigated), (.mitigated, .resolved),
            (.detected, .resolved),
        ]
        for (first, second) in ordered {
            guard let a = milestones[first], let b = milestones[second], b.time < a.time else { continue }
            milestones.conflicts.append(
                MilestoneConflict(
                    kind: second, chosen: b, other: a, differenceSeconds: b.time.seconds(to: a.time),
                    message:
                        "\(second.title.lowercased()) (\(TextFormatting.clock(b.time))) comes before \(first.title.lowercased()) (\(TextFormatting.clock(a.time))); check the evidence or set milestones in incident.yml"
                ))
        }
        return milestones
    }
}
