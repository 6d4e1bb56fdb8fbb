import Foundation

/// Reads GitLab API v4 issue history: an issue or a list of issues, issue notes, and resource
/// state events (`/resource_state_events`).
///
/// An issue yields `opened` at `created_at` (actor: the author) and a status change to `closed` at
/// `closed_at`. A note by a person becomes a `commented` event; a system note (`system: true`) is
/// GitLab's record of a change and is read as one: "closed", "reopened", "assigned to @x", "added ~bug
/// label", "changed milestone to %x", "changed title from … to …", "changed the description"; others
/// ("moved to …", "mentioned in …") are kept as told. Notes come newest first; the timeline sorts
/// them. Times are ISO 8601 UTC. A note without a usable `created_at` is kept raw.
public struct GitLabIssuesParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "GitLab issues and notes",
        summary:
            "GitLab API v4 issues, issue notes (system notes read as changes) and resource state events; times ISO 8601 UTC",
        eventKind: .ticket, makeParser: { .document(GitLabIssuesParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        guard let items = root.array ?? (root.object != nil ? [root] : nil) else {
            throw DebriefError("expected a GitLab issue, or a list of issues or notes", path: sink.path)
        }
        for item in items {
            if item["noteable_type"] != nil || item["system"] != nil {
                readNote(item, into: &sink)
            } else if item["resource_type"] != nil, let state = item["state"]?.string {
                readStateEvent(item, state: state, into: &sink)
            } else {
                readIssue(item, into: &sink)
            }
        }
    }

    func readIssue(_ issue: JSONValue, into sink: inout EventSink) {
        let url = issue["web_url"]?.nonEmptyString
        let key = url.flatMap(Self.key(fromWebURL:)) ?? issue["iid"]?.text.map { "#\($0)" }
        let ticket = TicketSubject(key: key, title: issue["title"]?.nonEmptyString, url: url)
        var facts = Attributes()
        if let state = issue["state"]?.string { facts["current-status"] = state }
        if let assignee = issue["assignee"]?.personName { facts["assignee"] = assignee }
        sink.emitTicket(
            .opened, on: ticket, timeText: issue["created_at"]?.string, actor: issue["author"]?.personName,
            attributes: facts, rawReason: "GitLab issue without a usable created_at")
        if let closed = issue["closed_at"]?.nonEmptyString {
            sink.emitTicket(
                .change(field: "status", from: "opened", to: "closed"), on: ticket, timeText: closed,
                actor: issue["closed_by"]?.personName, rawReason: "GitLab issue with an unusable closed_at")
        }
    }

    func readNote(_ note: JSONValue, into sink: inout EventSink) {
        let ticket = TicketSubject(key: note["noteable_iid"]?.text.map { "#\($0)" })
        let body = note["body"]?.string ?? ""
        var details = Attributes()
        if let id = note["id"]?.text { details["note-id"] = id }
        let happening: TicketHappening
        if note["system"]?.bool == true {
            details["system"] = "true"
            happening = Self.systemHappening(body)
        } else {
            happening = .comment(body)
        }
        sink.emitTicket(
            happening, on: ticket, timeText: note["created_at"]?.string, actor: note["author"]?.personName,
            attributes: details, rawReason: "GitLab note without a usable created_at")
    }

    func readStateEvent(_ event: JSONValue, state: String, into sink: inout EventSink) {
        let ticket = TicketSubject(key: event["resource_id"]?.text.map { "#\($0)" })
        sink.emitTicket(
            .change(field: "status", from: nil, to: state), on: ticket, timeText: event["created_at"]?.string,
            actor: event["user"]?.personName,
            rawReason: "GitLab state event without a usable created_at")
    }

    /// What a system note's sentence records.
    static func systemHappening(_ body: String) -> TicketHappening {
        let text = body.trimmingWhitespace
        let lowered = text.lowercased()
        if lowered == "closed" || lowered.hasPrefix("closed via") {
            return .change(field: "status", from: nil, to: "closed")
        }
        if lowered == "reopened" {
            return .change(field: "status", from: "closed", to: "reopened")
        }
        if lowered.hasPrefix("assigned to ") {
            let who = text.dropFirst("assigned to ".count).prefix { $0 != " " && $0 != "," }
            return .change(field: "assignee", from: nil, to: String(who))
        }
        if lowered.hasPrefix("unassigned ") {
            return .change(field: "assignee", from: String(text.dropFirst("unassigned ".count)), to: nil)
        }
        if lowered.hasPrefix("set status to ") {
            return .change(field: "status", from: nil, to: String(text.dropFirst("set status to ".count)).strippingBold)
        }
        if lowered.hasPrefix("changed title from ") {
            let titles = text.dropFirst("changed title from ".count)
            if let range = titles.range(of: " to ", options: .backwards) {
                return .change(
                    field: "title", from: String(titles[..<range.lowerBound]).strippingBold,
                    to: String(titles[range.upperBound...]).strippingBold)
            }
        }
        if lowered.hasPrefix("changed milestone to ") {
            return .change(field: "milestone", from: nil, to: String(text.dropFirst("changed milestone to ".count)))
        }
        if lowered.hasPrefix("added "), lowered.hasSuffix(" label") || lowered.hasSuffix(" labels") {
            let labels = text.dropFirst("added ".count).split(separator: " ").dropLast().joined(separator: " ")
            return .change(field: "labels", from: nil, to: labels)
        }
        if lowered.hasPrefix("removed "), lowered.hasSuffix(" label") || lowered.hasSuffix(" labels") {
            let labels = text.dropFirst("removed ".count).split(separator: " ").dropLast().joined(separator: " ")
            return .change(field: "labels", from: labels, to: nil)
        }
        if lowered.hasPrefix("changed the description") {
            return .change(field: "description", from: nil, to: nil)
        }
        return .other(text, transition: nil)
    }

    /// `group/project#639` from `https://gitlab.com/group/project/-/issues/639`.
    static func key(fromWebURL url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let path = url[scheme.upperBound...].drop { $0 != "/" }.dropFirst()
        guard let marker = path.range(of: "/issues/") else { return nil }
        var project = path[..<marker.lowerBound]
        if project.hasSuffix("/-") { project = project.dropLast(2) }
        let number = path[marker.upperBound...].prefix { $0.isNumber }
        guard !project.isEmpty, !number.isEmpty else { return nil }
        return "\(project)#\(number)"
    }

    /// Confident for GitLab notes (`noteable_type`) or issues (`iid`, `project_id`, `web_url`).
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        if sample.contains("\"noteable_type\"") && sample.contains("\"system\"") { return 0.95 }
        if sample.contains("\"iid\"") && sample.contains("\"project_id\"") && sample.contains("\"web_url\"") {
            return 0.93
        }
        if sample.contains("\"resource_type\"") && sample.contains("\"resource_id\"") && sample.contains("\"state\"") {
            return 0.9
        }
        return 0
    }
}

extension String {
    /// The text without Markdown bold markers and GitLab's `{+ +}` / `{- -}` diff marks.
    fileprivate var strippingBold: String {
        var text = self
        for marker in ["**", "{+", "+}", "{-", "-}"] {
            text = text.replacingOccurrences(of: marker, with: "")
        }
        return text.trimmingWhitespace
    }
}
