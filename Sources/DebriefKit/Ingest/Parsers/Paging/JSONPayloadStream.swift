/// The payloads of a webhook capture: one JSON document (a payload, or an array of payloads), or a
/// receiver's log of several, as JSON lines or as pretty-printed documents one after another.
///
/// A payload that is not valid JSON is returned as malformed, with its first line, and reading resumes
/// at the next line that starts (in column 1) with `{` or `[` (the next JSON line, or the next
/// pretty-printed document); only a document in which nothing at all can be read is an error.
struct JSONPayloadStream {
    /// One payload, or the text of one that could not be read.
    enum Item {
        /// A payload; `line` and `offset` are nil when the file is a single document.
        case payload(JSONValue, line: Int?, offset: Int64?)
        /// Text that is not valid JSON, with where it starts and why it was refused.
        case malformed(text: String, line: Int, offset: Int64, reason: String)
    }

    /// The payloads in `document`, in file order; top-level arrays are flattened.
    static func items(in document: [UInt8], path: String) throws -> [Item] {
        var start = 0
        if document.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let body = Array(document[start...])
        if let whole = try? JSONParser().parse(body) {
            return (whole.array ?? [whole]).map { .payload($0, line: nil, offset: nil) }
        }
        let result: Result<[Item], JSONParser.Failure> = body.withUnsafeBytes { bytes in
            do throws(JSONParser.Failure) {
                return .success(try sequence(bytes, base: start))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let items): return items
        case .failure(let failure): throw DebriefError(failure.description, path: path, line: failure.line)
        }
    }

    /// Hands each payload of `document` to `read`, which returns nil when it read the payload or the
    /// reason it could not; payloads refused that way, and text that is not JSON, are kept raw.
    static func forEachPayload(
        in document: [UInt8], into sink: inout EventSink,
        _ read: (_ payload: JSONValue, _ line: Int?, _ offset: Int64?, _ sink: inout EventSink) -> String?
    ) throws {
        for item in try items(in: document, path: sink.path) {
            switch item {
            case .malformed(let text, let line, let offset, let reason):
                sink.keepRaw(text: text, line: line, offset: offset, reason: reason, kind: "malformed JSON payload")
            case .payload(let payload, let line, let offset):
                if let refusal = read(payload, line, offset, &sink) {
                    sink.keepRaw(text: JSONWriter.string(payload), line: line, offset: offset, reason: refusal)
                }
            }
        }
    }

    /// Reads values one after another; throws the first failure when no value at all could be read.
    private static func sequence(_ bytes: UnsafeRawBufferPointer, base: Int) throws(JSONParser.Failure) -> [Item] {
        var reader = JSONParser.Reader(bytes: bytes, maxDepth: JSONParser().maxDepth)
        var items: [Item] = []
        var firstFailure: JSONParser.Failure?
        var line = 1
        var counted = 0
        func advanceLine(to index: Int) {
            while counted < index {
                if bytes[counted] == 0x0A { line += 1 }
                counted += 1
            }
        }
        while true {
            reader.skipWhitespace()
            let start = reader.index
            guard start < bytes.count else { break }
            advanceLine(to: start)
            let startLine = line
            do throws(JSONParser.Failure) {
                let value = try reader.parseValue(depth: 0)
                for element in value.array ?? [value] {
                    items.append(.payload(element, line: startLine, offset: Int64(base + start)))
                }
            } catch {
                if firstFailure == nil { firstFailure = error }
                let resume = nextRecordStart(bytes, after: start)
                var end = resume
                while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                items.append(
                    .malformed(
                        text: text, line: startLine, offset: Int64(base + start),
                        reason:
                            "malformed JSON payload (\(error.message) at line \(error.line), column \(error.column))"))
                reader.index = resume
            }
        }
        if let firstFailure, !items.contains(where: { if case .payload = $0 { true } else { false } }) {
            throw firstFailure
        }
        return items
    }

    /// The first line after the one holding `index` that starts with `{` or `[`, or the end.
    private static func nextRecordStart(_ bytes: UnsafeRawBufferPointer, after index: Int) -> Int {
        var i = index
        while i < bytes.count {
            if bytes[i] == 0x0A, i + 1 < bytes.count, bytes[i + 1] == 0x7B || bytes[i + 1] == 0x5B {
                return i + 1
            }
            i += 1
        }
        return bytes.count
    }
}
