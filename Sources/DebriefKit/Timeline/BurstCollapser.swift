/// Collapses bursts of similar log records into single timeline entries.
///
/// Within each time bucket (aligned to the epoch, so the result does not depend on where a source
/// starts), log records of one source that share a template, severity, actor and HTTP status (a
/// `BurstKey`) are a group; a group of at least `minimumCount` records becomes one entry carrying the
/// count, the first and last time, the template and a few example ids. Smaller groups stay as single
/// entries. Only log records collapse (including those recognised as deploys); chat, tickets,
/// alerts and raw notes never do.
///
/// The work is streaming (`StreamingCollapser`): it holds the open buckets only, so memory follows the
/// entries kept, not the records read, and once a group is a burst, parsers can count further
/// records into it without building them (`EventSink.absorb`). The sum of counts always equals the
/// number of records.
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

        /// Collapsing turned off: every record is its own entry.
        public static let disabled = Settings(windowSeconds: 1, minimumCount: Int.max, examples: 1)

        /// Whether collapsing is on.
        public var isEnabled: Bool { minimumCount != Int.max }
    }

    /// The settings in use.
    public var settings: Settings

    /// Creates a collapser.
    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Collapses a list of events (any order) into time-sorted timeline entries.
    public func collapse(_ events: [Event], sourceIndex: Int) -> [TimelineEntry] {
        var streaming = StreamingCollapser(settings: settings, sourceIndex: sourceIndex)
        for event in events { streaming.add(event) }
        return streaming.finish()
    }
}

/// What makes log records "the same" for collapsing: template, severity, actor and HTTP status.
///
/// Built from a materialised event, or by a parser straight from its bytes (so a record that joins a
/// burst never becomes a `String`). Both ways must hash the same bytes: the event's text (masked),
/// its actor and its `status` attribute.
public struct BurstKey: Hashable, Sendable {
    /// The hash of the masked text.
    public var template: UInt64
    /// The severity.
    public var severity: Severity?
    /// The hash of the actor's UTF-8 (0 when there is none).
    public var actor: UInt64
    /// The hash of the `status` attribute's UTF-8 (0 when there is none).
    public var status: UInt64

    /// Creates a key from its parts.
    public init(template: UInt64, severity: Severity?, actor: UInt64, status: UInt64) {
        self.template = template
        self.severity = severity
        self.actor = actor
        self.status = status
    }

    /// The key of a materialised event.
    public init(event: Event) {
        template = TemplateMasker.templateHash(of: event.text)
        severity = event.severity
        actor = event.actor.map(Self.hash) ?? 0
        status = event.attributes["status"].map(Self.hash) ?? 0
    }

    /// One word of hash input: the dictionary of open groups is probed for every log record, and
    /// hashing a single mixed word is several times cheaper than hashing four fields.
    public func hash(into hasher: inout Hasher) {
        var mixed = template ^ (actor &* 0x9E37_79B9_7F4A_7C15) ^ (status &* 0xC2B2_AE3D_27D4_EB4F)
        mixed ^= UInt64(severity.map { Severity.allCases.firstIndex(of: $0) ?? 0 } ?? 7) &* 0x1656_67B1_9E37_79F9
        hasher.combine(mixed)
    }

    /// FNV-1a of bytes (never 0, so 0 can mean "none").
    @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash == 0 ? 1 : hash
    }

    /// FNV-1a of a string's UTF-8.
    public static func hash(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }
}

/// The streaming engine behind `BurstCollapser`, fed one event (or absorbed record) at a time.
public struct StreamingCollapser {
    /// The settings in use.
    public let settings: BurstCollapser.Settings
    let sourceIndex: Int
    /// Open buckets, newest last; with time-ordered input there are at most two.
    private var open: [Bucket] = []
    private var newestBucket = Int64.min
    private var output: [(entry: TimelineEntry, sequence: Int)] = []
    private var sequence = 0
    private let keptMembers: Int

    struct Group {
        var members: [Event]
        var sequences: [Int]
        var count: Int
        var lastTime: Instant
    }

    struct Bucket {
        var number: Int64
        var index: [BurstKey: Int] = [:]
        var groups: [Group] = []
    }

    /// Creates a collapser for the source at `sourceIndex` (the merge's tie-breaker).
    public init(settings: BurstCollapser.Settings, sourceIndex: Int) {
        self.settings = settings
        self.sourceIndex = sourceIndex
        keptMembers = settings.isEnabled ? max(settings.minimumCount, settings.examples) : 1
    }

    @inline(__always)
    private func bucketNumber(of time: Instant) -> Int64 {
        floorDivide(time.secondsSinceEpoch, settings.windowSeconds).quotient
    }

    @inline(__always)
    private func openIndex(_ number: Int64) -> Int? {
        var i = open.count - 1
        while i >= 0 {
            if open[i].number == number { return i }
            i -= 1
        }
        return nil
    }

    /// Adds a materialised event.
    public mutating func add(_ event: Event) {
        add(event, key: BurstKey(event: event))
    }

    /// Adds a materialised event whose key the caller already computed.
    public mutating func add(_ event: Event, key: BurstKey) {
        sequence += 1
        guard settings.isEnabled, event.kind == .log || event.kind == .deploy else {
            output.append((TimelineEntry(event: event, sourceIndex: sourceIndex), sequence))
            return
        }
        let number = bucketNumber(of: event.time)
        advance(to: number)
        let slot: Int
        if let existing = openIndex(number) {
            slot = existing
        } else {
            open.append(Bucket(number: number))
            slot = open.count - 1
        }
        if let index = open[slot].index[key] {
            open[slot].groups[index].count += 1
            if event.time > open[slot].groups[index].lastTime { open[slot].groups[index].lastTime = event.time }
            if open[slot].groups[index].members.count < keptMembers {
                open[slot].groups[index].members.append(event)
                open[slot].groups[index].sequences.append(sequence)
            }
        } else {
            open[slot].index[key] = open[slot].groups.count
            open[slot].groups.append(Group(members: [event], sequences: [sequence], count: 1, lastTime: event.time))
        }
    }

    /// Counts a record into an existing burst without materialising it. Returns false (and counts
    /// nothing) unless the record's group in its bucket is already a burst.
    public mutating func absorb(_ key: BurstKey, time: Instant) -> Bool {
        guard settings.isEnabled, let slot = openIndex(bucketNumber(of: time)),
            let index = open[slot].index[key], open[slot].groups[index].count >= settings.minimumCount
        else { return false }
        sequence += 1
        open[slot].groups[index].count += 1
        if time > open[slot].groups[index].lastTime { open[slot].groups[index].lastTime = time }
        return true
    }

    /// Closes buckets more than one bucket behind `number` (one bucket of lag absorbs small disorder).
    private mutating func advance(to number: Int64) {
        guard number > newestBucket else { return }
        newestBucket = number
        guard open.contains(where: { $0.number < number - 1 }) else { return }
        var kept: [Bucket] = []
        for bucket in open {
            if bucket.number < number - 1 { close(bucket) } else { kept.append(bucket) }
        }
        open = kept
    }

    private mutating func close(_ bucket: Bucket) {
        for group in bucket.groups {
            if group.count >= settings.minimumCount, let first = group.members.first {
                var entry = TimelineEntry(event: first, sourceIndex: sourceIndex)
                entry.count = group.count
                entry.lastTime = group.lastTime
                entry.template = TemplateMasker.template(of: first.text)
                entry.examples = group.members.prefix(settings.examples).map(\.id)
                output.append((entry, group.sequences[0]))
            } else {
                for (member, sequence) in zip(group.members, group.sequences) {
                    output.append((TimelineEntry(event: member, sourceIndex: sourceIndex), sequence))
                }
            }
        }
    }

    /// Closes every bucket and returns the entries sorted by time (ties in reading order).
    public mutating func finish() -> [TimelineEntry] {
        for bucket in open.sorted(by: { $0.number < $1.number }) { close(bucket) }
        open = []
        var result = output
        output = []
        result.sort { lhs, rhs in
            lhs.entry.time != rhs.entry.time ? lhs.entry.time < rhs.entry.time : lhs.sequence < rhs.sequence
        }
        return result.map(\.entry)
    }
}
