/// Reads Bugzilla 5 REST responses: `/rest/bug` (`{"bugs": [bug…]}`), `/rest/bug/{id}/history`
/// (`{"bugs": [{"id", "history": [{when, who, changes: [{field_name, removed, added}]}]}]}`) and
/// `/rest/bug/{id}/comment` (`{"bugs": {"id": {"comments": […]}}}`).
///
/// A bug yields `opened` at `creation_time` (actor: `creator_detail.real_name`, else the creator),
/// and a `resolved` event at `cf_last_resolved` when the server has that field; each history change
/// is one field change by `who` at `when`; each comment is a `commented` event. Times are ISO 8601
/// UTC. A record without a usable time is kept raw.
public struct BugzillaJSONParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Bugzilla REST JSON",
        summary: "Bugzilla 5 REST bugs, bug history and comments; times ISO 8601 UTC",
        eventKind: .ticket, makeParser: { .document(BugzillaJSONParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        if let bugs = root["bugs"]?.array {
            for bug in bugs {
                if let history = bug["history"]?.array {
                    let ticket = TicketSubject(key: bug["id"]?.text.map { "Bug \($0)" })
                    for entry in history { readHistory(entry, on: ticket, into: &sink) }
                } else {
                    readBug(bug, into: &sink)
                }
            }
        } else if let bugs = root["bugs"]?.object {
            for (id, bug) in bugs {
                let ticket = TicketSubject(key: "Bug \(id)")
                for comment in bug["comments"]?.array ?? [] { readComment(comment, on: ticket, into: &sink) }
            }
        } else {
            throw DebriefError("expected Bugzilla 'bugs' (a REST bug, history or comment response)", path: sink.path)
        }
    }

    func readBug(_ bug: JSONValue, into sink: inout EventSink) {
        let ticket = TicketSubject(key: bug["id"]?.text.map { "Bug \($0)" }, title: bug["summary"]?.nonEmptyString)
        var facts = Attributes()
        for (name, attribute) in [
            ("status", "current-status"), ("resolution", "resolution"), ("priority", "priority"),
            ("severity", "severity"), ("product", "product"), ("component", "component"),
        ] {
            if let value = bug[name]?.nonEmptyString { facts[attribute] = value }
        }
        if let assignee = bug["assigned_to_detail"]?["real_name"]?.nonEmptyString ?? bug["assigned_to"]?.nonEmptyString
        {
            facts["assignee"] = assignee
        }
        sink.emitTicket(
            .opened, on: ticket, timeText: bug["creation_time"]?.string,
            actor: bug["creator_detail"]?["real_name"]?.nonEmptyString ?? bug["creator"]?.personName, attributes: facts,
            rawReason: "Bugzilla bug without a usable creation_time")
        if let resolved = bug["cf_last_resolved"]?.nonEmptyString {
            let resolution = bug["resolution"]?.nonEmptyString
            sink.emitTicket(
                .other(resolution.map { "resolved: \($0)" } ?? "resolved", transition: Transition.resolved),
                on: ticket, timeText: resolved, actor: nil, rawReason: "Bugzilla cf_last_resolved is not a timestamp")
        }
    }

    func readHistory(_ entry: JSONValue, on ticket: TicketSubject, into sink: inout EventSink) {
        let changes = entry["changes"]?.array ?? []
        if changes.isEmpty {
            sink.keepRaw(
                text: "history entry without changes", line: nil, offset: nil,
                reason: "Bugzilla history entry without changes")
        }
        for change in changes {
            let field = TicketHappening.canonicalField(change["field_name"]?.nonEmptyString ?? "field")
            sink.emitTicket(
                .change(field: field, from: change["removed"]?.ticketValueText, to: change["added"]?.ticketValueText),
                on: ticket, timeText: entry["when"]?.string, actor: entry["who"]?.personName,
                rawReason: "Bugzilla history entry without a usable 'when'")
        }
    }

    func readComment(_ comment: JSONValue, on ticket: TicketSubject, into sink: inout EventSink) {
        var details = Attributes()
        if let id = comment["id"]?.text { details["comment-id"] = id }
        if let count = comment["count"]?.text { details["comment-number"] = count }
        sink.emitTicket(
            .comment(comment["text"]?.string ?? ""), on: ticket,
            timeText: comment["creation_time"]?.string ?? comment["time"]?.string,
            actor: comment["creator"]?.personName ?? comment["author"]?.personName, attributes: details,
            rawReason: "Bugzilla comment without a usable creation_time")
    }

    /// Confident for a `bugs` response with Bugzilla's field names.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B, sample.contains("\"bugs\"") else { return 0 }
        if sample.contains("\"creation_time\"") || sample.contains("\"field_name\"") { return 0.95 }
        return 0
    }
}
