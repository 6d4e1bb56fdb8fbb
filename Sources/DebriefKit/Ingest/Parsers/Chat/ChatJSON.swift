/// Steps shared by the JSON chat exports: byte-order marks, detection probes, small lookups.
enum ChatJSON {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Parses a JSON export, tolerating the UTF-8 byte-order mark some exporters write (Messenger).
    static func parse(_ document: [UInt8], path: String) throws -> JSONValue {
        if document.starts(with: byteOrderMark) {
            return try JSONDocument.parse(Array(document.dropFirst(byteOrderMark.count)), path: path)
        }
        return try JSONDocument.parse(document, path: path)
    }

    /// The first significant byte of a sample after any byte-order mark.
    static func firstByte(_ sample: SniffSample) -> UInt8? {
        firstByte(sample.bytes)
    }

    /// The first byte of `bytes` that is not white space, after any byte-order mark.
    static func firstByte(_ bytes: [UInt8]) -> UInt8? {
        let body = bytes.starts(with: byteOrderMark) ? bytes.dropFirst(3) : bytes[...]
        return body.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    /// Whether the sample is a JSON object or array (after any byte-order mark) naming every key
    /// in `keys` (written as `"key"`).
    static func mentions(_ sample: SniffSample, keys: [String]) -> Bool {
        guard let first = firstByte(sample), first == 0x7B || first == 0x5B else { return false }
        return keys.allSatisfy { sample.contains("\"\($0)\"") }
    }

    /// The instant of an epoch count in milliseconds (number or digit string).
    static func instant(milliseconds value: JSONValue?) -> Instant? {
        guard let milliseconds = value?.int64, milliseconds > 0 else { return nil }
        let (product, overflow) = milliseconds.multipliedReportingOverflow(by: 1_000_000)
        return overflow ? nil : Instant(nanosecondsSinceEpoch: product)
    }

    /// The array of `key` in an object, or the value itself when it is an array.
    static func list(_ value: JSONValue, key: String) -> [JSONValue]? {
        value[key]?.array ?? value.array
    }

    /// "(photo, file)" for a message without text that carries the media fields named in `fields`.
    static func mediaText(_ message: JSONValue, fields: [String]) -> String? {
        let media = fields.filter { message[$0] != nil }.map { $0.replacing("_", with: " ") }
        return media.isEmpty ? nil : "(\(media.joined(separator: ", ")))"
    }

    /// The text of a message attachment (Slack and Mattermost webhook style): pretext, title and
    /// text, else the fallback; `transform` turns markup into plain text.
    static func attachmentText(_ attachment: JSONValue, transform: (String) -> String = { $0 }) -> String? {
        let pieces = ["pretext", "title", "text"].compactMap { attachment[$0]?.nonEmptyString }.map(transform)
        if !pieces.isEmpty { return pieces.joined(separator: "\n") }
        return attachment["fallback"]?.nonEmptyString.map(transform)
    }
}
