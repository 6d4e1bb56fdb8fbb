extension JSONDocument {
    /// Calls `body` with the bytes of each top-level object or array in `bytes` (one, or several
    /// written one after another, as `kubectl get -w -o json` prints them or as `zcat` joins
    /// CloudTrail files) and the line it starts on. Containers are matched by brackets (strings
    /// respected, nesting bounded), not validated; an unmatched bracket or other text is an error.
    public static func forEachValue(
        in bytes: UnsafeRawBufferPointer, path: String, _ body: (UnsafeRawBufferPointer, Int) throws -> Void
    ) throws {
        var lines = LineCounter(bytes)
        var i = JSONScanner.skipSpace(bytes, 0)
        while i < bytes.count {
            guard bytes[i] == 0x7B || bytes[i] == 0x5B else {
                throw DebriefError("expected a JSON object or array", path: path, line: lines.line(at: i))
            }
            let end: Int
            do throws(JSONScanner.Failure) {
                end = try JSONScanner.containerEnd(bytes, i)
            } catch {
                throw DebriefError("invalid JSON: \(error.message)", path: path, line: lines.line(at: error.offset))
            }
            try body(UnsafeRawBufferPointer(rebasing: bytes[i..<end]), lines.line(at: i))
            i = JSONScanner.skipSpace(bytes, end)
        }
    }

    /// Parses a document holding one JSON value or several written one after another (see
    /// `forEachValue`); a syntax error names the line it is on.
    public static func parseSequence(_ document: [UInt8], path: String) throws -> [JSONValue] {
        try document.withUnsafeBytes { bytes in
            var values: [JSONValue] = []
            try forEachValue(in: bytes, path: path) { value, line in
                do throws(JSONParser.Failure) {
                    values.append(try JSONParser().parse(value))
                } catch {
                    throw DebriefError("invalid JSON: \(error.message)", path: path, line: line + error.line - 1)
                }
            }
            return values
        }
    }
}
