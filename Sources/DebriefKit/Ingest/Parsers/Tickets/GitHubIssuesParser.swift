import Foundation

/// Reads GitHub issue history: REST issues (one, or a list), issue comments,
/// `/issues/{n}/events`, `/issues/{n}/timeline`, GraphQL `timelineItems` pages
/// (`data.repository.issue.timelineItems.nodes` or `edges`, typed by `__typename` or `eventType`),
/// and `issues` / `issue_comment` webhook deliveries (`action`, `issue`, `sender`).
///
/// An issue yields `opened` at `created_at` and a status change to `closed` at `closed_at`; comments
/// (including timeline items with `event: commented`) become `commented` events; `closed`,
/// `reopened`, `assigned`, `unassigned`, `labeled`, `unlabeled`, `renamed`, `milestoned` events
/// become field changes, and other events (`subscribed`, `locked`, `cross-referenced`, …) are kept
/// as told. The ticket key (`owner/repo#28`) comes from the item's links, else from any item of the
/// same document; event links name only the repository, so a document of events alone has no key. Times are ISO 8601 UTC. An item without
/// a usable time is kept raw.
public struct GitHubIssuesParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "GitHub issues, comments, events and timelines",
        summary:
            "GitHub REST issues, comments, issue events and timelines, and GraphQL `timelineItems` pages; times ISO 8601 UTC",
        eventKind: .ticket, makeParser: { .document(GitHubIssuesParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        let items: [JSONValue]
        var issue: JSONValue?
        if let list = root.array {
            items = list
        } else if let data = root["data"] {
            guard let owner = Self.timelineOwner(in: data), let timeline = owner["timelineItems"] else {
                throw DebriefError("expected a GraphQL issue with 'timelineItems'", path: sink.path)
            }
            issue = owner
            items = timeline["nodes"]?.array ?? timeline["edges"]?.array?.compactMap { $0["node"] } ?? []
        } else if let action = root["action"]?.string, let subject = root["issue"] ?? root["pull_request"] {
            issue = subject
            items = [Self.item(ofWebhook: root, action: action, issue: subject)]
        } else if root["number"] != nil || root["event"] != nil || root["body"] != nil {
            items = [root]
        } else {
            throw DebriefError(
                "expected a GitHub issue, a list of issues, comments or events, or GraphQL 'data'", path: sink.path)
        }
        var fallback = TicketSubject(name: "issue")
        if let issue {
            fallback.key =
                Self.key(of: issue).flatMap { $0.contains("#") ? $0 : nil }
                ?? issue["number"]?.text.map { "#\($0)" }
            fallback.title = issue["title"]?.nonEmptyString
            fallback.url = issue["html_url"]?.nonEmptyString ?? issue["url"]?.nonEmptyString
        }
        if fallback.key == nil {
            let keys = items.lazy.compactMap(Self.key(of:))
            if let key = keys.first(where: { $0.contains("#") }) {
                fallback.key = key
            } else if let repository = keys.first {
                fallback.name = "\(repository) issue"
            }
        }
        for item in items {
            read(item, fallback: fallback, into: &sink)
        }
    }

    func read(_ item: JSONValue, fallback: TicketSubject, into sink: inout EventSink) {
        var ticket = fallback
        if let key = Self.key(of: item), key.contains("#") { ticket.key = key }
        let kind = item["event"]?.string ?? item["__typename"]?.string ?? item["eventType"]?.string
        if item["number"] != nil, item["title"] != nil, kind == nil {
            readIssue(item, key: ticket.key, into: &sink)
            return
        }
        let actor = item["actor"]?.personName ?? item["user"]?.personName ?? item["author"]?.personName
        let timeText = item["created_at"]?.string ?? item["createdAt"]?.string
        var details = Attributes()
        if let kind { details["github.event"] = kind }
        let happening: TicketHappening
        switch kind.map(Self.normalised) {
        case "opened":
            happening = .opened
        case nil, "commented", "issuecomment":
            // REST `url` is the API address; GraphQL `url` is the page people open.
            let page = item["html_url"]?.string ?? item["url"]?.string.flatMap { $0.contains("/repos/") ? nil : $0 }
            if let page { ticket.url = page }
            happening = .comment(item["body"]?.string ?? item["bodyText"]?.string ?? "")
        case "closed":
            happening = .change(field: "status", from: "open", to: "closed")
        case "reopened":
            happening = .change(field: "status", from: "closed", to: "open")
        case "assigned":
            happening = .change(field: "assignee", from: nil, to: item["assignee"]?.personName)
        case "unassigned":
            happening = .change(field: "assignee", from: item["assignee"]?.personName, to: nil)
        case "labeled":
            happening = .change(field: "labels", from: nil, to: item["label"]?.ticketValueText)
        case "unlabeled":
            happening = .change(field: "labels", from: item["label"]?.ticketValueText, to: nil)
        case "renamed", "renamedtitle":
            happening = .change(
                field: "title", from: item["rename"]?["from"]?.string ?? item["previousTitle"]?.string,
                to: item["rename"]?["to"]?.string ?? item["currentTitle"]?.string)
        case "milestoned":
            happening = .change(field: "milestone", from: nil, to: item["milestone"]?.ticketValueText)
        case "demilestoned":
            happening = .change(field: "milestone", from: item["milestone"]?.ticketValueText, to: nil)
        case "movedcolumnsinproject":
            happening = .change(
                field: "project column", from: item["previousProjectColumnName"]?.string,
                to: item["projectColumnName"]?.string)
        case "crossreferenced":
            let source = item["source"]?["issue"] ?? item["source"]
            let reference =
                source?["html_url"]?.string.flatMap(Self.key(fromLink:))
                ?? source?["url"]?.string.flatMap(Self.key(fromLink:))
            happening = .other(reference.map { "cross-referenced from \($0)" } ?? "cross-referenced", transition: nil)
        default:
            happening = .other(Self.phrase(kind ?? "event"), transition: nil)
        }
        sink.emitTicket(
            happening, on: ticket, timeText: timeText, actor: actor, attributes: details,
            rawReason: "GitHub item without a usable created_at")
    }

    func readIssue(_ issue: JSONValue, key: String?, into sink: inout EventSink) {
        let ticket = TicketSubject(
            key: key, title: issue["title"]?.nonEmptyString, url: issue["html_url"]?.nonEmptyString)
        var facts = Attributes()
        if let state = issue["state"]?.string { facts["current-status"] = state }
        if issue["pull_request"] != nil { facts["pull-request"] = "true" }
        sink.emitTicket(
            .opened, on: ticket, timeText: issue["created_at"]?.string, actor: issue["user"]?.personName,
            attributes: facts, rawReason: "GitHub issue without a usable created_at")
        if let closed = issue["closed_at"]?.nonEmptyString {
            sink.emitTicket(
                .change(field: "status", from: "open", to: "closed"), on: ticket, timeText: closed,
                actor: issue["closed_by"]?.personName, rawReason: "GitHub issue with an unusable closed_at")
        }
    }

    // MARK: - Pieces

    /// A webhook delivery (`issues` or `issue_comment`: `action`, `issue`, `sender`) as the timeline
    /// item it reports, timed by the comment or by the issue's `created_at`, `closed_at` or `updated_at`.
    static func item(ofWebhook root: JSONValue, action: String, issue: JSONValue) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("actor", root["sender"] ?? .null)]
        if let comment = root["comment"] {
            let created = action == "created"
            members += [
                ("event", .string(created ? "commented" : "comment_\(action)")),
                ("created_at", (created ? comment["created_at"] : comment["updated_at"]) ?? .null),
                ("body", comment["body"] ?? .null), ("html_url", comment["html_url"] ?? .null),
            ]
        } else {
            let time = action == "opened" ? issue["created_at"] : action == "closed" ? issue["closed_at"] : nil
            members += [
                ("event", .string(action)), ("created_at", time ?? issue["updated_at"] ?? .null),
                ("html_url", issue["html_url"] ?? .null), ("assignee", root["assignee"] ?? .null),
                ("label", root["label"] ?? .null), ("milestone", root["milestone"] ?? issue["milestone"] ?? .null),
            ]
        }
        return .object(JSONObject(members))
    }

    /// The GraphQL object holding `timelineItems`: the repository's issue or pull request, or a node.
    static func timelineOwner(in data: JSONValue) -> JSONValue? {
        let candidates = [
            data["repository"]?["issue"], data["repository"]?["pullRequest"], data["node"], data["issue"],
        ]
        return candidates.lazy.compactMap { $0 }.first { $0["timelineItems"] != nil }
    }

    /// `owner/repo#28` (or `owner/repo` when the links name no issue) from an item's links.
    static func key(of item: JSONValue) -> String? {
        let links = ["html_url", "issue_url", "url"].compactMap { item[$0]?.string }
        let keys = links.compactMap(key(fromLink:))
        return keys.first { $0.contains("#") } ?? keys.first
    }

    /// The key in a GitHub link: `https://github.com/o/r/issues/28#…`, `https://api.github.com/repos/o/r/issues/28`.
    static func key(fromLink link: String) -> String? {
        var path = Substring(link)
        if let range = path.range(of: "/repos/") {
            path = path[range.upperBound...]
        } else if let range = path.range(of: "://") {
            path = path[range.upperBound...].drop { $0 != "/" }.dropFirst()
        } else {
            return nil
        }
        let parts = path.split(separator: "/", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        let repository = "\(parts[0])/\(parts[1])"
        if parts.count >= 4, parts[2] == "issues" || parts[2] == "pull" || parts[2] == "pulls" {
            let number = parts[3].prefix { $0.isNumber }
            if !number.isEmpty { return "\(repository)#\(number)" }
        }
        return repository
    }

    /// An event name without separators or the GraphQL `Event` suffix, lower-cased.
    static func normalised(_ kind: String) -> String {
        var name = kind.hasSuffix("Event") ? String(kind.dropLast(5)) : kind
        name = name.lowercased()
        name.removeAll { $0 == "-" || $0 == "_" }
        return name
    }

    /// `head_ref_deleted`, `HeadRefDeletedEvent` → "head ref deleted".
    static func phrase(_ kind: String) -> String {
        TicketHappening.words(kind.hasSuffix("Event") ? String(kind.dropLast(5)) : kind)
    }

    /// Confident for GitHub API links to issues, or a GraphQL `timelineItems` page.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        if sample.contains("\"timelineItems\"") { return 0.95 }
        let api = sample.contains("api.github.com/repos/") || sample.contains("/api/v3/repos/")
        if api && sample.contains("/issues") { return 0.95 }
        return 0
    }
}
