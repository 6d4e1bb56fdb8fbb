/// Serialises `JSONValue`s deterministically: members in the order given, two-space indentation,
/// integers as written, strings escaped per RFC 8259 (and `<`, `>`, `&` as `\u` escapes, so the JSON
/// can be embedded in HTML safely).
public enum JSONWriter {
    /// The value as pretty-printed JSON text, ending with a newline.
    public static func string(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 16)
        write(value, indent: 0, into: &output)
        output.append(0x0A)
        return String(decoding: output, as: UTF8.self)
    }

    static func write(_ value: JSONValue, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .null: append("null", to: &output)
        case .bool(let flag): append(flag ? "true" : "false", to: &output)
        case .number(let number): append(number, to: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                append("[]", to: &output)
                return
            }
            append("[\n", to: &output)
            for (index, element) in elements.enumerated() {
                indentation(indent + 1, into: &output)
                write(element, indent: indent + 1, into: &output)
                append(index == elements.count - 1 ? "\n" : ",\n", to: &output)
            }
            indentation(indent, into: &output)
            output.append(0x5D)
        case .object(let object):
            if object.members.isEmpty {
                append("{}", to: &output)
                return
            }
            append("{\n", to: &output)
            for (index, member) in object.members.enumerated() {
                indentation(indent + 1, into: &output)
                writeString(member.key, into: &output)
                append(": ", to: &output)
                write(member.value, indent: indent + 1, into: &output)
                append(index == object.members.count - 1 ? "\n" : ",\n", to: &output)
            }
            indentation(indent, into: &output)
            output.append(0x7D)
        }
    }

    @inline(__always)
    static func append(_ text: String, to output: inout [UInt8]) {
        output.append(contentsOf: text.utf8)
    }

    @inline(__always)
    static func indentation(_ level: Int, into output: inout [UInt8]) {
        for _ in 0..<(level * 2) { output.append(0x20) }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(0x22)
        var copy = text
        copy.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            func flush(_ end: Int) {
                if end > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<end])) }
            }
            while i < utf8.count {
                let byte = utf8[i]
                var escape: StaticString?
                var unicode: UInt32?
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x3C, 0x3E, 0x26: unicode = UInt32(byte)
                case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    unicode = utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029
                default:
                    if byte < 0x20 { unicode = UInt32(byte) }
                }
                if escape == nil && unicode == nil {
                    i += 1
                    continue
                }
                flush(i)
                if let escape {
                    output.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
                    i += 1
                } else if let unicode {
                    output.append(contentsOf: [0x5C, 0x75])
                    for shift in stride(from: 12, through: 0, by: -4) {
                        output.append(hexDigits[Int((unicode >> UInt32(shift)) & 0xF)])
                    }
                    i += unicode > 0xFF ? 3 : 1
                }
                runStart = i
            }
            flush(utf8.count)
        }
        output.append(0x22)
    }
}

/// Something JSON object members can be written to: a tree (`JSONObjectBuilder`) or bytes
/// (`JSONObjectStream`). Report sections are written once against this, so the tree and the fast
/// byte form cannot drift apart.
protocol JSONMembers {
    mutating func set(_ key: String, _ value: JSONValue)
    mutating func set(_ key: String, _ value: String?)
    mutating func set(_ key: String, _ value: Int?)
    mutating func set(_ key: String, _ value: Instant?)
    mutating func setIfPresent(_ key: String, _ value: String?)
    mutating func setIfPresent(_ key: String, _ value: Int?)
    /// A member holding an array of strings.
    mutating func set(_ key: String, strings: [String])
    /// A member holding an object of string values, in the order given.
    mutating func set(_ key: String, pairs: [(key: String, value: String)])
}

/// Writes one JSON object straight to bytes, formatted exactly as `JSONWriter` formats the tree.
struct JSONObjectStream: JSONMembers {
    private var output: [UInt8] = [0x7B]
    let indent: Int
    private var empty = true

    /// Starts an object at nesting level `indent`.
    init(indent: Int) {
        self.indent = indent
    }

    private mutating func key(_ key: String) {
        output.append(contentsOf: empty ? [0x0A] : [0x2C, 0x0A])
        empty = false
        JSONWriter.indentation(indent + 1, into: &output)
        JSONWriter.writeString(key, into: &output)
        output.append(contentsOf: [0x3A, 0x20])
    }

    mutating func set(_ key: String, _ value: JSONValue) {
        self.key(key)
        JSONWriter.write(value, indent: indent + 1, into: &output)
    }

    mutating func set(_ key: String, _ value: String?) {
        self.key(key)
        if let value { JSONWriter.writeString(value, into: &output) } else { JSONWriter.append("null", to: &output) }
    }

    mutating func set(_ key: String, _ value: Int?) {
        self.key(key)
        JSONWriter.append(value.map(String.init) ?? "null", to: &output)
    }

    mutating func set(_ key: String, _ value: Instant?) { set(key, value?.iso8601) }
    mutating func setIfPresent(_ key: String, _ value: String?) { if let value { set(key, value) } }
    mutating func setIfPresent(_ key: String, _ value: Int?) { if let value { set(key, value) } }

    mutating func set(_ key: String, strings: [String]) {
        self.key(key)
        guard !strings.isEmpty else { return JSONWriter.append("[]", to: &output) }
        output.append(contentsOf: [0x5B, 0x0A])
        for (index, value) in strings.enumerated() {
            JSONWriter.indentation(indent + 2, into: &output)
            JSONWriter.writeString(value, into: &output)
            output.append(contentsOf: index == strings.count - 1 ? [0x0A] : [0x2C, 0x0A])
        }
        JSONWriter.indentation(indent + 1, into: &output)
        output.append(0x5D)
    }

    mutating func set(_ key: String, pairs: [(key: String, value: String)]) {
        self.key(key)
        var object = JSONObjectStream(indent: indent + 1)
        for pair in pairs { object.set(pair.key, pair.value) }
        output.append(contentsOf: object.finish())
    }

    /// Closes the object and returns the bytes.
    mutating func finish() -> [UInt8] {
        if empty {
            output.append(0x7D)
        } else {
            output.append(0x0A)
            JSONWriter.indentation(indent, into: &output)
            output.append(0x7D)
        }
        return output
    }
}

/// Builds `JSONValue` objects member by member, leaving out nothing: nil becomes `null`.
struct JSONObjectBuilder: JSONMembers {
    private(set) var members: [(key: String, value: JSONValue)] = []

    mutating func set(_ key: String, strings: [String]) { set(key, .array(strings.map(JSONValue.string))) }
    mutating func set(_ key: String, pairs: [(key: String, value: String)]) {
        set(key, .object(JSONObject(pairs.map { ($0.key, JSONValue.string($0.value)) })))
    }

    mutating func set(_ key: String, _ value: JSONValue) { members.append((key, value)) }
    mutating func set(_ key: String, _ value: String?) { members.append((key, value.map(JSONValue.string) ?? .null)) }
    mutating func set(_ key: String, _ value: Int?) { members.append((key, value.map { .number(String($0)) } ?? .null)) }
    mutating func set(_ key: String, _ value: Int64?) { members.append((key, value.map { .number(String($0)) } ?? .null)) }
    mutating func set(_ key: String, _ value: Bool) { members.append((key, .bool(value))) }
    mutating func set(_ key: String, _ value: Instant?) { set(key, value?.iso8601) }

    /// Adds the member only when the value is present.
    mutating func setIfPresent(_ key: String, _ value: String?) { if let value { set(key, value) } }
    mutating func setIfPresent(_ key: String, _ value: Int?) { if let value { set(key, value) } }

    var value: JSONValue { .object(JSONObject(members)) }
}
