/// A parsed JSON value that keeps numbers as written and object members in document order.
///
/// Numbers stay text because exports carry integers beyond 2^53 (Opsgenie's nanosecond stamps,
/// Slack's `ts`) that a `Double` would corrupt. Accessors convert on demand.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member `key` of an object; nil for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }

    /// The value at a dotted path of object keys (`"agent.summary"`).
    public func value(at path: String) -> JSONValue? {
        var current: JSONValue? = self
        for key in path.split(separator: ".") {
            current = current?[String(key)]
        }
        return current
    }

    /// The string, or nil for other values.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A string, or a number or bool rendered as text; nil for null, arrays and objects.
    public var text: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    /// The string if non-empty after trimming white space.
    public var nonEmptyString: String? {
        guard let value = string?.trimmingWhitespace, !value.isEmpty else { return nil }
        return value
    }

    /// An integer from a number, or from a string of digits.
    public var int64: Int64? {
        switch self {
        case .number(let value), .string(let value): Int64(value)
        default: nil
        }
    }

    /// A floating-point value from a number or a numeric string.
    public var double: Double? {
        switch self {
        case .number(let value), .string(let value): Double(value)
        default: nil
        }
    }

    /// The boolean, or nil for other values.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements of an array; nil for other values.
    public var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object; nil for other values.
    public var object: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// A JSON object with its members in document order.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// The members, in document order (duplicates kept; lookups see the last).
    public var members: [(key: String, value: JSONValue)]

    /// Creates an object from members.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The last member named `key`.
    public subscript(key: String) -> JSONValue? {
        for member in members.reversed() where member.key == key {
            return member.value
        }
        return nil
    }

    /// The member names in document order.
    public var keys: [String] { members.map(\.key) }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}

extension String {
    /// The string without leading and trailing white space and newlines.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
