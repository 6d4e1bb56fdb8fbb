/// Reads a source line by line. The parser sees each line once, in order, as bytes.
///
/// Parsers are lenient: a line they cannot read becomes a raw record and a diagnostic in the sink;
/// they never stop the run.
public protocol LineEventParser {
    /// Reads one line into `sink`.
    mutating func parse(_ line: Line, into sink: inout EventSink)
    /// Called after the last line (to flush a pending multi-line record).
    mutating func finish(into sink: inout EventSink)
}

extension LineEventParser {
    public mutating func finish(into sink: inout EventSink) {}
}

/// Reads a source that must be seen whole: a JSON or XML export.
public protocol DocumentEventParser {
    /// Reads the document into `sink`; throws only when the document as a whole is unusable.
    func parse(document: [UInt8], into sink: inout EventSink) throws
}

/// Reads a multi-file export (a folder or zip) as one source, such as a Slack workspace export.
public protocol BundleEventParser {
    /// Reads the bundle into `sink`; call `sink.beginMember(_:)` before each member's records so ids
    /// and diagnostics name the member. Throws only when the bundle as a whole is unusable.
    func parse(bundle: any InputBundle, into sink: inout EventSink) throws
}

/// A parser for one format: line-oriented, document-oriented, or a multi-file bundle.
public enum EventParser {
    case lines(any LineEventParser)
    case document(any DocumentEventParser)
    case bundle(any BundleEventParser)
}
