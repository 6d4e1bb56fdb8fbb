/// Reads Redmine REST issues: `issues/{id}.json?include=journals` (`{"issue": …}`) and issue lists
/// (`{"issues": […]}`).
///
/// An issue yields `opened` at `created_on` (actor: the author). Each journal yields one change per
/// `details[]` entry and a `commented` event for its `notes`; a journal with neither is an "updated"
/// event. Journal values are ids (`status_id` 1 → 3): they are shown by name when the document
/// names them (the issue's own status, priority, tracker, project and the people it mentions), else
/// as the id. Status transitions use the name when it is a known status word, else Redmine's
/// default statuses (1 New, 2 In Progress, 3 Resolved, 4 Feedback, 5 Closed, 6 Rejected). Without
/// journals, `closed_on` gives a status event. Times are ISO 8601 UTC. A journal without a usable
/// `created_on` is kept raw.
public struct RedmineIssuesParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Redmine issues with journals",
        summary:
            "Redmine REST issues (`include=journals`) and issue lists; journal details become field changes, ids shown by name when the document names them; times ISO 8601 UTC",
        eventKind: .ticket, makeParser: { .document(RedmineIssuesParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    /// Redmine's default statuses, for transitions when a document names a status by id only.
    static let defaultStatuses = [
        "1": "New", "2": "In Progress", "3": "Resolved", "4": "Feedback", "5": "Closed", "6": "Rejected",
    ]

    /// The objects that name ids, by the journal attribute that refers to them.
    static let namedObjects = [
        "status_id": "status", "priority_id": "priority", "tracker_id": "tracker", "project_id": "project",
        "category_id": "category", "fixed_version_id": "fixed_version",
    ]

    /// Names for ids found in the document, per journal attribute (`status_id`; people under `assigned_to_id`).
    struct Names {
        var byKind: [String: [String: String]] = [:]

        mutating func learn(_ kind: String, from object: JSONValue?) {
            guard let id = object?["id"]?.text, let name = object?["name"]?.nonEmptyString else { return }
            byKind[kind, default: [:]][id] = name
        }

        func name(_ kind: String, _ id: String?) -> String? {
            guard let id else { return nil }
            return byKind[kind]?[id] ?? id
        }
    }

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        guard let issues = root["issues"]?.array ?? root["issue"].map({ [$0] }) else {
            throw DebriefError("expected a Redmine 'issue' or 'issues'", path: sink.path)
        }
        var names = Names()
        for issue in issues {
            for (attribute, member) in Self.namedObjects { names.learn(attribute, from: issue[member]) }
            for member in ["author", "assigned_to"] { names.learn("assigned_to_id", from: issue[member]) }
            for journal in issue["journals"]?.array ?? [] { names.learn("assigned_to_id", from: journal["user"]) }
        }
        for issue in issues {
            read(issue, names: names, into: &sink)
        }
    }

    func read(_ issue: JSONValue, names: Names, into sink: inout EventSink) {
        let ticket = TicketSubject(key: issue["id"]?.text.map { "#\($0)" }, title: issue["subject"]?.nonEmptyString)
        var facts = Attributes()
        if let status = issue["status"]?.personName { facts["current-status"] = status }
        if let tracker = issue["tracker"]?.personName { facts["tracker"] = tracker }
        if let priority = issue["priority"]?.personName { facts["priority"] = priority }
        if let project = issue["project"]?.personName { facts["project"] = project }
        sink.emitTicket(
            .opened, on: ticket, timeText: issue["created_on"]?.string, actor: issue["author"]?.personName,
            attributes: facts, rawReason: "Redmine issue without a usable created_on")
        guard let journals = issue["journals"]?.array else {
            if let closed = issue["closed_on"]?.nonEmptyString {
                let id = issue["status"]?["id"]?.text
                sink.emitTicket(
                    .change(field: "status", from: nil, to: names.name("status_id", id)), on: ticket, timeText: closed,
                    actor: nil, transition: statusTransition(from: nil, to: id, names: names) ?? Transition.closed,
                    rawReason: "Redmine issue with an unusable closed_on")
            }
            return
        }
        for journal in journals {
            readJournal(journal, on: ticket, names: names, into: &sink)
        }
    }

    func readJournal(_ journal: JSONValue, on ticket: TicketSubject, names: Names, into sink: inout EventSink) {
        let timeText = journal["created_on"]?.string
        let actor = journal["user"]?.personName
        var details = Attributes()
        if let id = journal["id"]?.text { details["journal-id"] = id }
        let changes = journal["details"]?.array ?? []
        for change in changes {
            let property = change["property"]?.string ?? "attr"
            let name = change["name"]?.text ?? "field"
            let old = change["old_value"]?.ticketValueText
            let new = change["new_value"]?.ticketValueText
            var transition: String?
            var field: String
            switch property {
            case "attr":
                field = TicketHappening.canonicalField(name)
                if field == name, name.hasSuffix("_id") { field = String(name.dropLast(3)) }
                if name == "status_id" { transition = statusTransition(from: old, to: new, names: names) }
            case "cf": field = "custom field \(name)"
            default: field = property
            }
            let kind = property == "attr" ? name : property
            sink.emitTicket(
                .change(field: field, from: names.name(kind, old), to: names.name(kind, new)),
                on: ticket, timeText: timeText, actor: actor, transition: transition, attributes: details,
                rawReason: "Redmine journal without a usable created_on")
        }
        let notes = journal["notes"]?.nonEmptyString
        if let notes {
            sink.emitTicket(
                .comment(notes), on: ticket, timeText: timeText, actor: actor, attributes: details,
                rawReason: "Redmine journal without a usable created_on")
        }
        if changes.isEmpty && notes == nil {
            sink.emitTicket(
                .other("updated", transition: Transition.changed), on: ticket, timeText: timeText, actor: actor,
                attributes: details, rawReason: "Redmine journal without a usable created_on")
        }
    }

    /// The transition of a status change given as ids: by the document's names when they are
    /// status words, else by Redmine's default statuses.
    func statusTransition(from old: String?, to new: String?, names: Names) -> String? {
        func word(_ id: String?) -> String? {
            guard let id else { return nil }
            if let name = names.byKind["status_id"]?[id], Transition.forTicketStatus(name) != nil { return name }
            return Self.defaultStatuses[id] ?? names.byKind["status_id"]?[id]
        }
        guard let target = word(new), Transition.forTicketStatus(target) != nil else { return nil }
        return TicketHappening.transition(field: "status", from: word(old), to: target)
    }

    /// Confident for Redmine journals or issues (`tracker`, `created_on`).
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B else { return 0 }
        if sample.contains("\"journals\"") && sample.contains("\"created_on\"") { return 0.95 }
        if sample.contains("\"tracker\"") && sample.contains("\"created_on\"") && sample.contains("\"subject\"") {
            return 0.93
        }
        return 0
    }
}
