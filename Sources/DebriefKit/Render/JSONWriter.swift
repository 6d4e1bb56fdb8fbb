/// Serialises `JSONValue`s deterministically: members in the order given, two-space indentation,
/// integers as written, strings escaped per RFC 8259 (and `<`, `>`, `&` as `\u` escapes, so the JSON
/// can be embedded in HTML safely).
public enum JSONWriter {
    /// The value as pretty-printed JSON text, ending with a newline.
    public static func string(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        output += "\n"
        return output
    }

    static func write(_ value: JSONValue, indent: Int, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += number
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                write(element, indent: indent + 1, into: &output)
                output += index == elements.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "]"
        case .object(let object):
            if object.members.isEmpty {
                output += "{}"
                return
            }
            output += "{\n"
            for (index, member) in object.members.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                writeString(member.key, into: &output)
                output += ": "
                write(member.value, indent: indent + 1, into: &output)
                output += index == object.members.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        }
    }

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    output += "\\u" + pad16(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func pad16(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }
}

/// Builds `JSONValue` objects member by member, leaving out nothing: nil becomes `null`.
struct JSONObjectBuilder {
    private(set) var members: [(key: String, value: JSONValue)] = []

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
