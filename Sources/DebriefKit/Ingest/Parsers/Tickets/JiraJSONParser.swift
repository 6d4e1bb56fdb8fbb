import Foundation

/// Reads Jira's JSON: REST `/rest/api/2|3/search` pages (`issues[]`), single issues, comment pages
/// (`comments[]`), changelog pages (`values[]` or `histories[]`), and webhook payloads
/// (`webhookEvent`: `jira:issue_created`, `jira:issue_updated`, `comment_created`, …).
///
/// An issue yields `opened` at `fields.created` (actor: reporter), one change event per
/// `changelog.histories[].items[]` when the changelog was expanded (else a `resolved` event at
/// `fields.resolutiondate`), and its embedded comments. A webhook yields only what it reports: one
/// change per `changelog.items[]` at `timestamp` (epoch ms) by `user`, a comment, or the creation.
/// Dates carry their offset (`+0800`, no colon). Comment bodies are wiki text, or Atlassian
/// Document Format (v3) whose text nodes are joined. A change or comment without a date is kept raw.
public struct JiraJSONParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Jira REST and webhook JSON",
        summary:
            "Jira REST search pages, issues (with expanded changelog), comment and changelog pages, and webhook payloads; dates with their offset, webhook `timestamp` epoch ms",
        eventKind: .ticket, makeParser: { .document(JiraJSONParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        if root["webhookEvent"] != nil {
            readWebhook(root, into: &sink)
        } else if let issues = root["issues"]?.array {
            for issue in issues { readIssue(issue, into: &sink) }
        } else if root["fields"]?.object != nil {
            readIssue(root, into: &sink)
        } else if let comments = root["comments"]?.array {
            for comment in comments { readComment(comment, on: Self.subject(ofComment: comment), into: &sink) }
        } else if let histories = root["values"]?.array ?? root["histories"]?.array {
            for history in histories { readHistory(history, on: TicketSubject(), into: &sink) }
        } else {
            throw DebriefError(
                "expected Jira 'issues', 'fields', 'comments', changelog 'values' or a 'webhookEvent'", path: sink.path)
        }
    }

    func readIssue(_ issue: JSONValue, into sink: inout EventSink) {
        let ticket = Self.subject(of: issue)
        let fields = issue["fields"]
        var facts = Attributes()
        if let type = fields?["issuetype"]?.ticketValueText { facts["issue-type"] = type }
        if let priority = fields?["priority"]?.ticketValueText { facts["priority"] = priority }
        if let status = fields?["status"]?.ticketValueText { facts["current-status"] = status }
        if let assignee = fields?["assignee"]?.personName { facts["assignee"] = assignee }
        let created = fields?["created"]?.string
        sink.emitTicket(
            .opened, on: ticket, timeText: created,
            actor: fields?["reporter"]?.personName ?? fields?["creator"]?.personName, attributes: facts,
            rawReason: "Jira issue without a usable created date")
        let histories = issue["changelog"]?["histories"]?.array ?? []
        for history in histories {
            readHistory(history, on: ticket, into: &sink)
        }
        if histories.isEmpty, let resolved = fields?["resolutiondate"]?.nonEmptyString {
            let resolution = fields?["resolution"]?.ticketValueText
            sink.emitTicket(
                .other(resolution.map { "resolved: \($0)" } ?? "resolved", transition: Transition.resolved),
                on: ticket, timeText: resolved, actor: nil,
                rawReason: "Jira resolution date is not a timestamp")
        }
        for comment in fields?["comment"]?["comments"]?.array ?? [] {
            readComment(comment, on: ticket, into: &sink)
        }
    }

    /// One changelog entry: every item is a change by the entry's author at its `created`.
    func readHistory(_ history: JSONValue, on ticket: TicketSubject, into sink: inout EventSink) {
        let items = history["items"]?.array ?? []
        if items.isEmpty {
            sink.keepRaw(
                text: "\(ticket.label) changelog entry without items", line: nil, offset: nil,
                reason: "Jira changelog entry without items")
        }
        for item in items {
            readChange(
                item, on: ticket, timeText: history["created"]?.string, actor: history["author"]?.personName,
                into: &sink)
        }
    }

    func readChange(
        _ item: JSONValue, on ticket: TicketSubject, timeText: String?, actor: String?, into sink: inout EventSink
    ) {
        let name = item["field"]?.nonEmptyString ?? item["fieldId"]?.nonEmptyString ?? "field"
        let field = TicketHappening.canonicalField(name)
        let from = item["fromString"]?.ticketValueText ?? item["from"]?.ticketValueText
        let to = item["toString"]?.ticketValueText ?? item["to"]?.ticketValueText
        sink.emitTicket(
            .change(field: field, from: from, to: to), on: ticket, timeText: timeText, actor: actor,
            rawReason: "Jira change without a usable date")
    }

    func readComment(_ comment: JSONValue, on ticket: TicketSubject, into sink: inout EventSink) {
        var details = Attributes()
        if let id = comment["id"]?.text { details["comment-id"] = id }
        let body = comment["renderedBody"]?.string.map(HTMLText.plainText) ?? Self.bodyText(comment["body"]) ?? ""
        sink.emitTicket(
            .comment(body), on: ticket, timeText: comment["created"]?.string, actor: comment["author"]?.personName,
            attributes: details, rawReason: "Jira comment without a usable created date")
    }

    // MARK: - Webhooks

    func readWebhook(_ root: JSONValue, into sink: inout EventSink) {
        let event = root["webhookEvent"]?.string ?? ""
        let ticket =
            root["issue"].map(Self.subject(of:)) ?? root["comment"].map(Self.subject(ofComment:)) ?? TicketSubject()
        let stamp = root["timestamp"]?.text
        let actor = root["user"]?.personName
        var details: Attributes = ["jira.webhook-event": event]
        if let type = root["issue_event_type_name"]?.string { details["jira.event-type"] = type }
        switch event {
        case "jira:issue_created":
            let created = root["issue"]?["fields"]?["created"]?.string
            sink.emitTicket(
                .opened, on: ticket, timeText: created ?? stamp,
                actor: actor ?? root["issue"]?["fields"]?["reporter"]?.personName, attributes: details,
                rawReason: "Jira webhook without a usable time")
        case "jira:issue_updated":
            for item in root["changelog"]?["items"]?.array ?? [] {
                readChange(item, on: ticket, timeText: stamp, actor: actor, into: &sink)
            }
            if let comment = root["comment"] {
                readComment(comment, on: ticket, into: &sink)
            }
            if root["changelog"]?["items"]?.array?.isEmpty ?? true, root["comment"] == nil {
                sink.emitTicket(
                    .other("updated", transition: Transition.changed), on: ticket, timeText: stamp, actor: actor,
                    attributes: details, rawReason: "Jira webhook without a usable time")
            }
        case let name where name.hasPrefix("comment_"):
            let comment = root["comment"] ?? .null
            if name == "comment_created" {
                readComment(comment, on: ticket, into: &sink)
            } else {
                let verb = name.dropFirst("comment_".count)
                sink.emitTicket(
                    .other("comment \(verb): \(Self.bodyText(comment["body"]) ?? "")", transition: Transition.changed),
                    on: ticket, timeText: comment["updated"]?.string ?? stamp,
                    actor: comment["updateAuthor"]?.personName ?? actor,
                    attributes: details, rawReason: "Jira webhook without a usable time")
            }
        default:
            let phrase = event.split(separator: ":").last.map { TicketHappening.words(String($0)) } ?? "event"
            sink.emitTicket(
                .other(phrase, transition: nil), on: ticket, timeText: stamp, actor: actor, attributes: details,
                rawReason: "Jira webhook without a usable time")
        }
    }

    // MARK: - Pieces

    /// The ticket of an issue object: key, summary, and the browse link derived from `self`.
    static func subject(of issue: JSONValue) -> TicketSubject {
        let key = issue["key"]?.nonEmptyString
        var url: String?
        if let key, let api = issue["self"]?.string, let range = api.range(of: "/rest/api/") {
            url = api[..<range.lowerBound] + "/browse/" + key
        }
        return TicketSubject(key: key, title: issue["fields"]?["summary"]?.nonEmptyString, url: url)
    }

    /// A comment's ticket when it stands alone: only the issue id in its `self` link is known.
    static func subject(ofComment comment: JSONValue) -> TicketSubject {
        guard let api = comment["self"]?.string, let range = api.range(of: "/issue/") else { return TicketSubject() }
        let id = api[range.upperBound...].prefix { $0 != "/" }
        return id.isEmpty ? TicketSubject() : TicketSubject(name: "issue \(id)")
    }

    /// A comment body: wiki text as is, or the text nodes of an Atlassian Document Format tree.
    static func bodyText(_ body: JSONValue?) -> String? {
        guard let body else { return nil }
        if let text = body.string { return text }
        var parts: [String] = []
        collectText(body, into: &parts, depth: 0)
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    private static func collectText(_ node: JSONValue, into parts: inout [String], depth: Int) {
        guard depth < 32, parts.count < 10_000 else { return }
        if let text = node["text"]?.string { parts.append(text) }
        for child in node["content"]?.array ?? [] {
            collectText(child, into: &parts, depth: depth + 1)
        }
    }

    /// Confident for a Jira webhook, or for REST responses whose links point into `/rest/api/`.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B else { return 0 }
        if sample.contains("\"webhookEvent\"")
            && (sample.contains("\"jira:") || sample.contains("\"comment_") || sample.contains("\"issue\""))
        {
            return 0.97
        }
        guard sample.contains("/rest/api/") else { return 0 }
        if sample.contains("\"issues\"") && sample.contains("\"fields\"") { return 0.95 }
        if sample.contains("\"fields\"") && sample.contains("\"key\"") { return 0.93 }
        if sample.contains("\"comments\"") && sample.contains("\"updateAuthor\"") { return 0.93 }
        if sample.contains("\"histories\"") || (sample.contains("\"values\"") && sample.contains("\"fromString\"")) {
            return 0.93
        }
        return 0
    }
}
