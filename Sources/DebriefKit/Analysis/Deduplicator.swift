/// Folds the same happening seen in several sources into one timeline row that cites them all:
/// the PagerDuty trigger, the PagerDuty bot's post in Slack, the ticket comment quoting it.
///
/// Conservative on purpose. Only alerts, tickets, chat and status events take part (log records
/// never do), only across different sources, only within two minutes, and only when the two share
/// an identifier (an incident number such as `#4107`, a key such as `INC-2041` or `SERVER-123`) or
/// most of their words. The strongest evidence (paging, then alerting, tickets, chat) stands for
/// the row; the others are marked `duplicateOf` it and listed in its `alsoIn`. No entry is removed
/// and no count changes, so the nothing-lost invariant holds in the JSON as before.
public struct Deduplicator: Sendable {
    /// How far apart in time two records of one happening may be.
    public var window: Int64 = 120
    /// The share of words two texts must have in common without a shared identifier.
    public var similarity = 0.6

    /// Creates a deduplicator.
    public init() {}

    /// Marks duplicates in `timeline` (in place).
    public func deduplicate(_ timeline: inout Timeline, input: AnalysisInput) {
        markRepeats(&timeline)
        let kinds: Set<Event.Kind> = [.alert, .ticket, .chat, .status]
        let candidates = timeline.entries.indices.filter { kinds.contains(timeline.entries[$0].event.kind) }
        let signatures = candidates.map { Signature(timeline.entries[$0].event) }
        var lower = 0
        for (position, index) in candidates.enumerated() {
            let entry = timeline.entries[index]
            while timeline.entries[candidates[lower]].time < entry.time.adding(seconds: -window) { lower += 1 }
            guard timeline.entries[index].duplicateOf == nil else { continue }
            for otherPosition in lower..<position {
                let otherIndex = candidates[otherPosition]
                let other = timeline.entries[otherIndex]
                guard other.sourceIndex != entry.sourceIndex, other.duplicateOf == nil,
                    signatures[position].matches(signatures[otherPosition], similarity: similarity)
                else { continue }
                // The stronger evidence stands for the row; ties go to the earlier record.
                let (primary, secondary) =
                    input.tier(of: entry) < input.tier(of: other) ? (index, otherIndex) : (otherIndex, index)
                timeline.entries[secondary].duplicateOf = timeline.entries[primary].id
                timeline.entries[primary].alsoIn.append(timeline.entries[secondary].id)
                timeline.entries[primary].alsoIn += timeline.entries[secondary].alsoIn
                timeline.entries[secondary].alsoIn = []
                break
            }
        }
    }

    /// An alert a receiver saw again in a later notification (`repeat: true`) is the same happening as
    /// its first sighting: it is folded into that one, within its own source.
    func markRepeats(_ timeline: inout Timeline) {
        var first: [String: Int] = [:]
        for index in timeline.entries.indices where timeline.entries[index].event.kind == .alert {
            let event = timeline.entries[index].event
            let identity = [
                String(timeline.entries[index].sourceIndex), event.attributes["transition"] ?? "",
                event.attributes["fingerprint"] ?? event.attributes["alert"] ?? event.text,
            ].joined(separator: "|")
            if event.attributes["repeat"] == "true", let original = first[identity] {
                timeline.entries[index].duplicateOf = timeline.entries[original].id
                timeline.entries[original].alsoIn.append(timeline.entries[index].id)
            } else if first[identity] == nil {
                first[identity] = index
            }
        }
    }

    /// What two records are compared by: identifiers and words.
    struct Signature {
        var identifiers: Set<String>
        var words: Set<String>
        var transition: String?

        init(_ event: Event) {
            var text = event.text
            for key in ["incident", "incident.summary", "ticket", "alert", "title", "description"] {
                if let value = event.attributes[key] { text += " " + value }
            }
            identifiers = Identifiers.extract(from: text)
            words = Identifiers.words(in: event.text)
            transition = event.attributes["transition"]
        }

        func matches(_ other: Signature, similarity: Double) -> Bool {
            if let a = transition, let b = other.transition, a != b { return false }
            if !identifiers.isDisjoint(with: other.identifiers) { return true }
            return wordsOverlap(other, similarity: similarity)
        }

        /// Whether most words are shared (at least three, and `similarity` of the shorter text).
        func wordsOverlap(_ other: Signature, similarity: Double) -> Bool {
            let shared = words.intersection(other.words).count
            let smaller = min(words.count, other.words.count)
            return shared >= 3 && Double(shared) / Double(max(1, smaller)) >= similarity
        }

        /// A stricter test for clock-skew pairs: the same transition, or most words in common.
        func sameHappening(as other: Signature) -> Bool {
            if let a = transition, let b = other.transition { return a == b }
            return wordsOverlap(other, similarity: 0.5)
        }
    }
}

/// Picks out what identifies a happening across systems.
enum Identifiers {
    /// Incident numbers (`#4107`), tracker keys (`INC-2041`, `SERVER-123`), ServiceNow numbers
    /// (`INC0010042`) and versions (`2.14.0`), upper-cased.
    static func extract(from text: String) -> Set<String> {
        var result: Set<String> = []
        for token in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "#" && $0 != "-" && $0 != "." }) {
            let word = token.trimmingCharacters(in: [".", "-"])
            guard word.count >= 3, word.count <= 40 else { continue }
            if word.hasPrefix("#"), word.dropFirst().allSatisfy(\.isNumber), word.count >= 3 {
                result.insert(word)
                continue
            }
            let parts = word.split(separator: "-")
            if parts.count == 2, parts[0].count >= 2, parts[0].allSatisfy({ $0.isUppercase || $0.isNumber }),
                parts[0].first?.isLetter == true, parts[1].allSatisfy(\.isNumber), !parts[1].isEmpty
            {
                result.insert(word.uppercased())
                continue
            }
            if word.hasPrefix("INC") || word.hasPrefix("CHG") || word.hasPrefix("PRB"), word.dropFirst(3).allSatisfy(\.isNumber),
                word.count >= 7
            {
                result.insert(word)
                continue
            }
            let dots = word.split(separator: ".")
            if dots.count >= 3, dots.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
                result.insert(word)
            }
        }
        return result
    }

    /// Lower-cased words of three or more letters, minus the commonest English filler.
    static func words(in text: String) -> Set<String> {
        let stop: Set<String> = ["the", "and", "for", "with", "that", "this", "from", "are", "was", "has", "have", "you"]
        var result: Set<String> = []
        for token in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where token.count >= 3 {
            let word = String(token)
            if !stop.contains(word) { result.insert(word) }
            if result.count >= 64 { break }
        }
        return result
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var result = self
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}
