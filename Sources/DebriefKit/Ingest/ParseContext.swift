import Foundation

/// What a parser needs to know about its source beyond the bytes: zone, year, limits.
public struct ParseContext: Sendable {
    /// The source's path as shown to the user.
    public var path: String
    /// The zone for timestamps that carry none.
    public var timeZone: TimeZone
    /// A year fixed by the manifest for year-less timestamps.
    public var year: Int?
    /// An instant from the incident's fully dated sources, to infer years from.
    public var referenceInstant: Instant?
    /// Where `referenceInstant` came from, in words (for the note that explains an inferred year).
    public var referenceBasis: String?
    /// Limits that keep hostile inputs from exhausting memory.
    public var limits: IngestLimits
    /// The manifest's column mapping (logical name → header), for formats whose columns vary.
    public var columns: [String: String]?
    /// A clock correction added to every instant the source yields, in seconds.
    public var offsetSeconds: Int64 = 0

    /// Creates a context.
    public init(
        path: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!, year: Int? = nil,
        referenceInstant: Instant? = nil, limits: IngestLimits = IngestLimits(), columns: [String: String]? = nil
    ) {
        self.path = path
        self.timeZone = timeZone
        self.year = year
        self.referenceInstant = referenceInstant
        self.limits = limits
        self.columns = columns
    }
}

/// Bounds on what one input may cost.
public struct IngestLimits: Sendable, Hashable {
    /// Lines longer than this are cut (and the cut is reported).
    public var maxLineLength: Int
    /// Documents (JSON, XML exports) larger than this are refused.
    public var maxDocumentBytes: Int
    /// How many characters of an unparseable record are kept raw.
    public var maxRawTextLength: Int
    /// How many bytes a zip archive may inflate to in total (a zip-bomb guard).
    public var maxArchiveBytes: Int64

    /// Creates limits; the defaults suit incident evidence.
    public init(
        maxLineLength: Int = 1 << 20, maxDocumentBytes: Int = 256 << 20, maxRawTextLength: Int = 4096,
        maxArchiveBytes: Int64 = 2 << 30
    ) {
        self.maxArchiveBytes = maxArchiveBytes
        self.maxLineLength = maxLineLength
        self.maxDocumentBytes = maxDocumentBytes
        self.maxRawTextLength = maxRawTextLength
    }
}
