import Foundation

/// One evidence file to read, with everything known about it before reading.
public struct SourceSpec: Sendable, Hashable {
    /// Where the file is.
    public var url: URL
    /// The path shown to the user and used in event ids (relative to the incident folder).
    public var displayPath: String
    /// The format, when the manifest fixes it; nil means detect.
    public var format: InputFormat?
    /// The zone for zone-less timestamps.
    public var timeZone: TimeZone
    /// The year for year-less timestamps, when the manifest fixes it.
    public var year: Int?
    /// The manifest line naming this source, for diagnostics about it.
    public var manifestLine: Int?
    /// The manifest's column mapping for this source (`chat-csv`), if any.
    public var columns: [String: String]?
    /// A clock correction added to every timestamp, in seconds (the manifest's `offset:`).
    public var offsetSeconds: Int64 = 0
    /// How the path is read: a file, a member of a zip archive, or a multi-file bundle.
    public var container: Container = .file

    /// How a source's bytes are reached.
    public enum Container: Sendable, Hashable {
        /// `url` is a plain (possibly gzip-compressed) file.
        case file
        /// `url` is a zip archive; the source is one member, inflated into memory.
        case zipMember(String)
        /// `url` is a folder or zip archive read whole by a bundle format (a Slack export).
        case bundle
    }

    /// Creates a source specification.
    public init(
        url: URL, displayPath: String, format: InputFormat? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        year: Int? = nil, manifestLine: Int? = nil, columns: [String: String]? = nil, offsetSeconds: Int64 = 0
    ) {
        self.url = url
        self.displayPath = displayPath
        self.format = format
        self.timeZone = timeZone
        self.year = year
        self.manifestLine = manifestLine
        self.columns = columns
        self.offsetSeconds = offsetSeconds
    }
}

/// What reading one source produced: its summary, its timeline entries (sorted by time) and its
/// problems.
public struct IngestedSource: Sendable {
    /// Counts, format and time range.
    public var summary: SourceSummary
    /// The events, sorted by time (ties keep reading order); only when read without collapsing.
    public var events: [Event]
    /// The timeline entries, sorted by time: bursts collapsed when reading with collapse settings.
    public var entries: [TimelineEntry]
    /// Problems found while reading.
    public var diagnostics: Diagnostics

    /// Creates a result.
    public init(summary: SourceSummary, events: [Event] = [], entries: [TimelineEntry] = [], diagnostics: Diagnostics) {
        self.summary = summary
        self.events = events
        self.entries = entries
        self.diagnostics = diagnostics
    }
}

/// The account of one source in the report: what it was, how much was read, and its time range.
public struct SourceSummary: Sendable, Hashable, Codable {
    /// The path shown to the user.
    public var path: String
    /// The format read (`unrecognized` or `unreadable` when nothing could be read).
    public var format: String
    /// How sure detection was (1 when the manifest named the format).
    public var confidence: Double
    /// Records read: every one is an event on the timeline.
    public var records: Int
    /// Records that could not be parsed and were kept raw.
    public var skipped: Int
    /// Records that could not be placed on the timeline at all.
    public var unplaced: Int
    /// The earliest event.
    public var firstTime: Instant?
    /// The latest event.
    public var lastTime: Instant?
    /// The file's size on disk.
    public var bytes: Int64
    /// Whether the file was gzip-compressed.
    public var compressed: Bool
    /// Events that arrived out of time order and were re-sorted.
    public var reordered: Int
    /// The clock correction applied to this source, in seconds.
    public var offsetSeconds: Int64 = 0
}
