/// Builds the timeline from ingested sources: classify, collapse bursts (per source, in parallel),
/// then merge.
public struct TimelineBuilder: Sendable {
    /// Burst-collapse settings.
    public var collapse: BurstCollapser.Settings
    /// How many sources to process at once.
    public var parallelism: Int

    /// Creates a builder.
    public init(collapse: BurstCollapser.Settings = BurstCollapser.Settings(), parallelism: Int = 2) {
        self.collapse = collapse
        self.parallelism = parallelism
    }

    /// The merged timeline of `sources` (in ingest order; the order breaks ties).
    public func build(_ sources: [IngestedSource]) -> Timeline {
        let collapser = BurstCollapser(settings: collapse)
        let indexed = Array(sources.enumerated()).map { IndexedEvents(index: $0.offset, events: $0.element.events) }
        let perSource = Ingester(parallelism: parallelism).parallelMap(indexed) { item -> [TimelineEntry] in
            var events = item.events
            EventClassifier.classify(&events)
            return collapser.collapse(events, sourceIndex: item.index)
        }
        return Timeline(entries: TimelineMerger().merge(perSource))
    }

    struct IndexedEvents: Sendable {
        var index: Int
        var events: [Event]
    }
}
