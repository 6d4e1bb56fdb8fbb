/// Suggests clock corrections: when one happening appears in two sources again and again with the
/// same lag, one of the clocks is probably off.
///
/// Pairs are records (alerts, tickets, chat, status updates and deploys) from two different sources, at most fifteen minutes apart, that say the same
/// thing: they share an identifier that is rare in both sources (an incident number mentioned once,
/// a version, a ticket key) and the same transition or most of their words. With at least three
/// pairs between the same two sources, a median lag of at least ten seconds and a spread (median
/// absolute deviation) under a fifth of it, Debrief suggests `offset:` for the source of weaker
/// evidence (logs before chat, chat before tickets, tickets before paging).
public struct SkewDetector: Sendable {
    /// How far apart paired records may be.
    public var window: Int64 = 900
    /// The smallest lag worth a suggestion.
    public var minimumLag: Int64 = 10
    /// How many pairs a suggestion needs.
    public var minimumPairs = 3

    /// Creates a detector.
    public init() {}

    struct SourcePair: Hashable {
        var reference: Int
        var skewed: Int
    }

    /// The suggestions, strongest evidence first.
    public func suggest(_ input: AnalysisInput) -> [SkewSuggestion] {
        // Log records are too many and too alike to pair by identifiers; deploys among them are kept.
        let entries = input.timeline.entries.filter { $0.event.kind != .note && $0.event.kind != .log }
        let signatures = entries.map { Deduplicator.Signature($0.event) }
        // An identifier many records of one source mention (the incident number in every chat
        // message) says nothing about which happening a record is.
        var frequency: [Int: [String: Int]] = [:]
        for (entry, signature) in zip(entries, signatures) {
            for identifier in signature.identifiers { frequency[entry.sourceIndex, default: [:]][identifier, default: 0] += 1 }
        }
        let identifiers = zip(entries, signatures).map { entry, signature in
            signature.identifiers.filter { (frequency[entry.sourceIndex]?[$0] ?? 0) <= 2 }
        }
        var lags: [SourcePair: [Int64]] = [:]
        var lower = 0
        for index in entries.indices where !identifiers[index].isEmpty {
            while entries[lower].time < entries[index].time.adding(seconds: -window) { lower += 1 }
            var seen: Set<Int> = []
            for other in lower..<index where entries[other].sourceIndex != entries[index].sourceIndex {
                guard !identifiers[other].isDisjoint(with: identifiers[index]),
                    signatures[other].sameHappening(as: signatures[index]),
                    seen.insert(entries[other].sourceIndex).inserted
                else { continue }
                // Orient the pair: the stronger evidence is the reference clock.
                let a = entries[other]
                let b = entries[index]
                let aTier = input.tier(of: a)
                let bTier = input.tier(of: b)
                let (reference, skewed) = aTier < bTier || (aTier == bTier && a.sourceIndex < b.sourceIndex) ? (a, b) : (b, a)
                let lag = (reference.time.nanosecondsSinceEpoch - skewed.time.nanosecondsSinceEpoch) / 1_000_000_000
                lags[SourcePair(reference: reference.sourceIndex, skewed: skewed.sourceIndex), default: []].append(lag)
            }
        }
        var suggestions: [SkewSuggestion] = []
        for (pair, values) in lags where values.count >= minimumPairs {
            let median = Self.median(values)
            let spread = Self.median(values.map { abs($0 - median) })
            guard abs(median) >= minimumLag, spread * 5 <= abs(median),
                input.sources.indices.contains(pair.skewed), input.sources.indices.contains(pair.reference)
            else { continue }
            suggestions.append(
                SkewSuggestion(
                    source: input.sources[pair.skewed].path, reference: input.sources[pair.reference].path,
                    offsetSeconds: median, pairs: values.count, spreadSeconds: spread))
        }
        return suggestions.sorted { $0.pairs != $1.pairs ? $0.pairs > $1.pairs : $0.source < $1.source }
    }

    static func median(_ values: [Int64]) -> Int64 {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
