/// A recoverable problem found while reading inputs or rendering: printed, counted, and the run goes on.
///
/// Printed compiler-style, `path:line: warning: message`, so editors and CI annotate the right line.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case note, warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            let order: [Severity] = [.note, .warning, .error]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    /// How serious the problem is.
    public var severity: Severity
    /// A lower-case sentence fragment saying what is wrong and, when known, what to do.
    public var message: String
    /// The file the problem is in, when there is one.
    public var path: String?
    /// The 1-based line, when known.
    public var line: Int?

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, path: String? = nil, line: Int? = nil) {
        self.severity = severity
        self.message = message
        self.path = path
        self.line = line
    }

    /// `path:line: severity: message`.
    public var description: String {
        var location = path ?? "debrief"
        if let line { location += ":\(line)" }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// An ordered collection of diagnostics with a cap on how many of one kind are kept.
///
/// A corrupt file can produce a warning for every one of millions of lines; the first few of each
/// message kind are kept verbatim and the rest are counted, so memory stays bounded.
public struct Diagnostics: Sendable, Hashable {
    /// A kind of message in one file, for the cap.
    struct Kind: Hashable, Sendable, Comparable {
        var path: String
        var kind: String

        static func < (lhs: Kind, rhs: Kind) -> Bool { (lhs.path, lhs.kind) < (rhs.path, rhs.kind) }
    }

    /// The diagnostics kept, in the order they were reported.
    public private(set) var items: [Diagnostic] = []
    private var suppressed: [Kind: Int] = [:]
    private var perKind: [Kind: Int] = [:]
    /// How many of one kind per path are kept before the rest are only counted.
    public var limitPerKind: Int

    /// Creates an empty collection.
    public init(limitPerKind: Int = 20) {
        self.limitPerKind = limitPerKind
    }

    /// Adds a diagnostic. `kind` groups messages that differ only in detail (for the cap).
    public mutating func report(_ diagnostic: Diagnostic, kind: String? = nil) {
        let key = Kind(path: diagnostic.path ?? "", kind: kind ?? diagnostic.message)
        let seen = perKind[key, default: 0]
        perKind[key] = seen + 1
        if seen < limitPerKind || diagnostic.severity == .error {
            items.append(diagnostic)
        } else {
            suppressed[key, default: 0] += 1
        }
    }

    /// Adds a warning.
    public mutating func warn(_ message: String, path: String? = nil, line: Int? = nil, kind: String? = nil) {
        report(Diagnostic(.warning, message, path: path, line: line), kind: kind)
    }

    /// Adds a note.
    public mutating func note(_ message: String, path: String? = nil, line: Int? = nil) {
        report(Diagnostic(.note, message, path: path, line: line))
    }

    /// Adds an error (a problem that invalidates part of the output but not the run).
    public mutating func error(_ message: String, path: String? = nil, line: Int? = nil) {
        report(Diagnostic(.error, message, path: path, line: line))
    }

    /// Appends all of another collection's diagnostics.
    public mutating func append(contentsOf other: Diagnostics) {
        items.append(contentsOf: other.items)
        for (key, count) in other.suppressed { suppressed[key, default: 0] += count }
    }

    /// Diagnostics kept plus one summary note per suppressed kind, in a deterministic order.
    public var all: [Diagnostic] {
        var result = items
        for key in suppressed.keys.sorted() {
            guard let count = suppressed[key] else { continue }
            result.append(
                Diagnostic(
                    .note, "\(count) more like '\(key.kind)' not shown", path: key.path.isEmpty ? nil : key.path))
        }
        return result
    }

    /// The number of warnings and errors counted, shown or not.
    public var problemCount: Int {
        items.filter { $0.severity >= .warning }.count + suppressed.values.reduce(0, +)
    }

    /// Whether any error was reported.
    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Whether nothing was reported.
    public var isEmpty: Bool { items.isEmpty && suppressed.isEmpty }
}
