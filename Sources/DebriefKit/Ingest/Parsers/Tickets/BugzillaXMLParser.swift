/// Reads Bugzilla's `show_bug.cgi?ctype=xml` export: `<bugzilla>` with one `<bug>` per bug
/// (`bug_id`, `short_desc`, `creation_ts`, `reporter`, `bug_status`, `resolution`) and its comments
/// (`<long_desc>` with `who`, `bug_when`, `thetext`).
///
/// Each bug yields `opened` at `creation_ts` (actor: the reporter's name, else address) and one
/// `commented` event per comment; the change history is not in this view (see the
/// `bugzilla-activity` format). Times carry their offset (`2009-06-10 16:55:32 +0200`). The
/// document's DOCTYPE names an external DTD that is never fetched (`XMLTreeReader`). A bug the
/// server refused (`<bug error="NotPermitted">`) or a comment without a usable time is kept raw.
public struct BugzillaXMLParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Bugzilla bug XML",
        summary: "Bugzilla `show_bug.cgi?ctype=xml`: bug creation and comments; times with their offset",
        eventKind: .ticket, makeParser: { .document(BugzillaXMLParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try XMLTreeReader.parse(document, path: sink.path)
        guard root.name == "bugzilla" else {
            throw DebriefError("expected a <bugzilla> document, found <\(root.name)>", path: sink.path)
        }
        let base = root[attribute: "urlbase"]
        for bug in root.children("bug") {
            read(bug, base: base, into: &sink)
        }
    }

    func read(_ bug: XMLElement, base: String?, into sink: inout EventSink) {
        let id = bug.childText("bug_id")
        if let error = bug[attribute: "error"] {
            sink.keepRaw(
                text: "Bug \(id ?? "?"): \(error)", line: bug.line, offset: nil,
                reason: "Bugzilla refused this bug (\(error))")
            return
        }
        let ticket = TicketSubject(
            key: id.map { "Bug \($0)" }, title: bug.childText("short_desc"),
            url: id.flatMap { id in base.map { "\($0)show_bug.cgi?id=\(id)" } })
        var facts = Attributes()
        for (name, attribute) in [
            ("bug_status", "current-status"), ("resolution", "resolution"), ("priority", "priority"),
            ("bug_severity", "severity"), ("product", "product"), ("component", "component"),
        ] {
            if let value = bug.childText(name) { facts[attribute] = value }
        }
        if let assignee = bug.child("assigned_to") { facts["assignee"] = Self.person(assignee) }
        let created = bug.child("creation_ts")
        sink.emitTicket(
            .opened, on: ticket, timeText: created?.trimmedText, line: created?.line ?? bug.line,
            actor: bug.child("reporter").map(Self.person), attributes: facts,
            rawReason: "Bugzilla bug without a usable creation_ts")
        for comment in bug.children("long_desc") {
            var details = Attributes()
            if let id = comment.childText("commentid") { details["comment-id"] = id }
            let when = comment.child("bug_when")
            sink.emitTicket(
                .comment(comment.child("thetext")?.trimmedText ?? ""), on: ticket, timeText: when?.trimmedText,
                line: when?.line ?? comment.line, actor: comment.child("who").map(Self.person), attributes: details,
                rawReason: "Bugzilla comment without a usable bug_when")
        }
    }

    /// A person element: `<who name="Ana">ana@example.org</who>` → the name, else the address.
    static func person(_ element: XMLElement) -> String {
        if let name = element[attribute: "name"]?.trimmingWhitespace, !name.isEmpty { return name }
        return element.trimmedText
    }

    /// Confident for a `<bugzilla>` document with bugs.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x3C else { return 0 }
        if sample.contains("<bugzilla") && sample.contains("<bug") { return 0.98 }
        return 0
    }
}
