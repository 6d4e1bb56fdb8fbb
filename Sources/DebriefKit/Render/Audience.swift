/// Who a report is for, which decides what it may show.
public enum Audience: String, Sendable, Hashable, Codable, CaseIterable {
    /// The team: everything.
    case `internal`
    /// Customers: plain language, redacted.
    case customer
    /// Auditors: everything plus provenance.
    case compliance
}

/// The output formats.
public enum ReportFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case markdown = "md"
    case html
    case json

    /// The file name written for this format.
    public var fileName: String { "report.\(rawValue)" }
}

/// A rendered report file, not yet written anywhere.
public struct RenderedFile: Sendable, Hashable {
    /// The file name (`report.html`).
    public var name: String
    /// The contents.
    public var contents: String

    /// Creates a rendered file.
    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
