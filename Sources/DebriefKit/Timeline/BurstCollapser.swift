/// Collapses bursts of similar log records into single timeline entries.
///
/// Within each time bucket (aligned to the epoch, so the result does not depend on where a source
/// starts), log records of one source that share a template, severity, actor and HTTP status are a
/// group; a group of at least `minimumCount` records becomes one entry carrying the count, the first
/// and last time, the template and a few example ids. Smaller groups stay as single entries. Only
/// `log` events collapse; chat, tickets, alerts and deploys never do.
///
/// Streams over a time-sorted source holding one bucket at a time, so memory follows the entries
/// kept, not the records read. The sum of counts always equals the number of records.
public struct BurstCollapser: Sendable {
    /// Settings for collapsing.
    public struct Settings: Sendable, Hashable {
        /// The bucket length in seconds.
        public var windowSeconds: Int64
        /// The smallest group that is collapsed.
        public var minimumCount: Int
        /// How many example ids a collapsed entry keeps.
        public var examples: Int

        /// Creates settings; the defaults suit minute-resolution incident timelines.
        public init(windowSeconds: Int64 = 300, minimumCount: Int = 3, examples: Int = 3) {
            self.windowSeconds = max(1, windowSeconds)
            self.minimumCount = max(2, minimumCount)
            self.examples = max(1, examples)
        }

        /// Collapsing turned off.
        public static let disabled = Settings(windowSeconds: 1, minimumCount: Int.max, examples: 1)
    }

    /// The settings in use.
    public var settings: Settings

    /// Creates a collapser.
    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    struct GroupKey: Hashable {
        var template: UInt64
        var severity: Severity?
        var actor: String?
        var status: String?
    }

    /// Collapses one source's time-sorted events into timeline entries (time-sorted).
    public func collapse(_ events: [Event], sourceIndex: Int) -> [TimelineEntry] {
        guard settings.minimumCount != Int.max else {
            return events.map { TimelineEntry(event: $0, sourceIndex: sourceIndex) }
        }
        var output: [TimelineEntry] = []
        output.reserveCapacity(events.count / 4)
        var bucketStart = 0
        var currentBucket: Int64?
        for (index, event) in events.enumerated() {
            let bucket = floorDivide(event.time.secondsSinceEpoch, settings.windowSeconds).quotient
            if bucket != currentBucket {
                if currentBucket != nil { flush(events[bucketStart..<index], sourceIndex: sourceIndex, into: &output) }
                currentBucket = bucket
                bucketStart = index
            }
        }
        flush(events[bucketStart..<events.count], sourceIndex: sourceIndex, into: &output)
        return output
    }

    private func flush(_ bucket: ArraySlice<Event>, sourceIndex: Int, into output: inout [TimelineEntry]) {
        guard !bucket.isEmpty else { return }
        var groups: [GroupKey: [Int]] = [:]
        var keys: [Int: GroupKey] = [:]
        for index in bucket.indices where bucket[index].kind == .log {
            let event = bucket[index]
            let key = GroupKey(
                template: TemplateMasker.templateHash(of: event.text), severity: event.severity, actor: event.actor,
                status: event.attributes["status"])
            groups[key, default: []].append(index)
            keys[index] = key
        }
        var emitted: Set<GroupKey> = []
        for index in bucket.indices {
            let event = bucket[index]
            guard let key = keys[index], let members = groups[key], members.count >= settings.minimumCount else {
                output.append(TimelineEntry(event: event, sourceIndex: sourceIndex))
                continue
            }
            guard emitted.insert(key).inserted else { continue }
            var entry = TimelineEntry(event: event, sourceIndex: sourceIndex)
            entry.count = members.count
            entry.lastTime = members.map { bucket[$0].time }.max()
            entry.template = TemplateMasker.template(of: event.text)
            entry.examples = members.prefix(settings.examples).map { bucket[$0].id }
            output.append(entry)
        }
    }
}
