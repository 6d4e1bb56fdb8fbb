/// Where a record was read: the file, and the line, byte offset and record ordinal inside it.
public struct SourceRef: Sendable, Hashable, Codable {
    /// The source's path as shown to the user (relative to the incident folder when inside it).
    public var path: String
    /// The 1-based line the record starts on, for line-based sources.
    public var line: Int?
    /// The byte offset of the record's first byte in the (decompressed) stream.
    public var offset: Int64?
    /// The 1-based ordinal of the record in its source.
    public var record: Int
    /// Distinguishes several events read from one line (0 for the first).
    public var part: Int

    /// Creates a source reference.
    public init(path: String, line: Int? = nil, offset: Int64? = nil, record: Int, part: Int = 0) {
        self.path = path
        self.line = line
        self.offset = offset
        self.record = record
        self.part = part
    }

    /// `path:line` (or `path:line.part`) for line-based sources, `path#record` otherwise.
    public var eventID: String {
        guard let line else { return "\(path)#\(record)" }
        return part == 0 ? "\(path):\(line)" : "\(path):\(line).\(part)"
    }

    /// `path:line`, or `path` when the line is unknown: the prefix of diagnostics.
    public var label: String {
        line.map { "\(path):\($0)" } ?? path
    }
}
