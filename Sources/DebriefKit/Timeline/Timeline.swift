/// One row of the merged timeline: a single event, or a burst of similar records collapsed into one.
public struct TimelineEntry: Sendable, Hashable {
    /// The event shown for this row (the first record of a burst).
    public var event: Event
    /// How many records this row stands for (1 unless collapsed).
    public var count: Int
    /// The time of the last record of a burst (nil for a single event).
    public var lastTime: Instant?
    /// The masked template shared by a burst's records.
    public var template: String?
    /// Ids of a few records from a burst, to look them up in the source.
    public var examples: [String]
    /// The index of the event's source in the ingest order (a tie-breaker for ordering).
    public var sourceIndex: Int
    /// Ids of entries from other sources that record the same happening (shown as one row).
    public var alsoIn: [String] = []
    /// The id of the entry this one duplicates, when another source's record was chosen to stand for it.
    public var duplicateOf: String?

    /// Creates an entry for a single event.
    public init(event: Event, sourceIndex: Int) {
        self.event = event
        self.count = 1
        self.lastTime = nil
        self.template = nil
        self.examples = []
        self.sourceIndex = sourceIndex
    }

    /// The entry's id: its event's id.
    public var id: String { event.id }
    /// When the entry starts.
    public var time: Instant { event.time }
}

/// The merged, ordered account of everything that happened.
public struct Timeline: Sendable, Hashable {
    /// The entries in time order; ties are broken by source order, then by position in the source.
    public var entries: [TimelineEntry]

    /// Creates a timeline from ordered entries.
    public init(entries: [TimelineEntry] = []) {
        self.entries = entries
    }

    /// The number of records the timeline accounts for (the sum of `count`).
    public var recordCount: Int { entries.reduce(0) { $0 + $1.count } }

    /// The entry with id `id`.
    public func entry(withID id: String) -> TimelineEntry? {
        entries.first { $0.id == id }
    }
}
