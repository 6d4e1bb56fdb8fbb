/// Structured fields of an event, kept in the order the source gave them.
///
/// Most log records have none, so this stays a small array rather than a dictionary; lookups scan.
/// Encoded as a JSON object with sorted keys so output is deterministic.
public struct Attributes: Sendable, Hashable, Codable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields, in insertion order.
    public private(set) var pairs: [(key: String, value: String)]

    /// Creates an empty set of attributes.
    public init() { pairs = [] }

    /// Creates attributes from key–value pairs; later duplicates replace earlier ones.
    public init(dictionaryLiteral elements: (String, String)...) {
        pairs = []
        for (key, value) in elements { self[key] = value }
    }

    /// The value for `key`; setting nil removes it.
    public subscript(key: String) -> String? {
        get { pairs.first(where: { $0.key == key })?.value }
        set {
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    /// Whether there are no attributes.
    public var isEmpty: Bool { pairs.isEmpty }

    /// The number of attributes.
    public var count: Int { pairs.count }

    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> {
        pairs.makeIterator()
    }

    /// The attributes sorted by key, for deterministic output.
    public var sorted: [(key: String, value: String)] {
        pairs.sorted { $0.key < $1.key }
    }

    public static func == (lhs: Attributes, rhs: Attributes) -> Bool {
        lhs.pairs.count == rhs.pairs.count && zip(lhs.pairs, rhs.pairs).allSatisfy { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pairs.count)
        for pair in pairs {
            hasher.combine(pair.key)
            hasher.combine(pair.value)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for pair in sorted {
            try container.encode(pair.value, forKey: AnyCodingKey(pair.key))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        pairs = []
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
            self[key.stringValue] = try container.decode(String.self, forKey: key)
        }
    }
}

/// A coding key for arbitrary strings.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
