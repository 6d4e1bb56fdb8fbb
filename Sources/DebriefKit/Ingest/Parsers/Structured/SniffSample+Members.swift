extension SniffSample {
    /// The top-level member names and value kinds of a sample line holding one JSON object (an
    /// optional leading RFC 7464 record separator is skipped); nil when the line is not one.
    /// For detection only: it makes a string of every name.
    static func members(ofObjectLine line: String) -> [(name: String, kind: JSONScanner.Kind)]? {
        var text = line
        return text.withUTF8 { utf8 in
            var bytes = UnsafeRawBufferPointer(utf8)
            if bytes.first == 0x1E { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst()) }
            var members: [(name: String, kind: JSONScanner.Kind)] = []
            do {
                try JSONScanner.forEachMember(in: bytes) { members.append(($0.keyString, $0.kind)) }
            } catch {
                return nil
            }
            return members
        }
    }
}
