/// Shared steps for document formats (JSON and XML exports).
public enum JSONDocument {
    /// Parses a JSON document, turning a syntax error into a `DebriefError` naming file and line.
    public static func parse(_ document: [UInt8], path: String) throws -> JSONValue {
        do {
            return try JSONParser().parse(document)
        } catch {
            throw DebriefError(error.description, path: path, line: error.line)
        }
    }
}

extension EventSink {
    /// The instant for timestamp text in any supported shape, using this source's zone and year rules.
    /// Nil when the text is not a timestamp (or is a sentinel such as `0001-01-01T00:00:00Z`).
    public mutating func instant(text: String, line: Int? = nil) -> Instant? {
        guard let parsed = TimestampParser.any(text) else { return nil }
        if parsed.hasYear && parsed.civil.year < 1900 { return nil }
        return instant(for: parsed, line: line)
    }

    /// The instant for a JSON value: a timestamp string, or an epoch number (s/ms/µs/ns by magnitude).
    public mutating func instant(json value: JSONValue?, line: Int? = nil) -> Instant? {
        guard let value, let text = value.text else { return nil }
        return instant(text: text, line: line)
    }
}
