/// Builds the timeline from ingested sources: each source's entries (already collapsed while
/// reading) are merged by time.
public struct TimelineBuilder: Sendable {
    /// Creates a builder.
    public init() {}

    /// The merged timeline of `sources` (in ingest order; the order breaks ties).
    public func build(_ sources: [IngestedSource]) -> Timeline {
        Timeline(entries: TimelineMerger().merge(sources.map(\.entries)))
    }
}
