import Foundation

/// Reads Zendesk Support API v2 ticket data: a ticket (`{"ticket": …}`), ticket lists and the
/// incremental export (`{"tickets": […], "after_cursor", "end_of_stream"}`), ticket audits
/// (`{"audits": […]}` or `{"audit": …}`) and ticket comments (`{"comments": […]}`).
///
/// A ticket yields `opened` at `created_at` (the list view holds no history). An audit is one update
/// by `author_id` at `created_at`: its `Create` events together are the `opened` event; each
/// `Change` is a field change (`status`, `priority`, `assignee_id`, …); each `Comment` a
/// `commented` event (plain body, else the HTML body as text); other events (`Notification`, `Cc`,
/// …) are kept as told. People are named from sideloaded `users` when present, else shown as
/// `user <id>`. Times are ISO 8601 UTC. A record without a usable time is kept raw.
public struct ZendeskParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Zendesk tickets and audits",
        summary:
            "Zendesk API v2 tickets, ticket lists and incremental exports, audits (Create/Change/Comment events) and comments; times ISO 8601 UTC",
        eventKind: .ticket, makeParser: { .document(ZendeskParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        var users: [String: String] = [:]
        for user in root["users"]?.array ?? [] {
            if let id = user["id"]?.text, let name = user["name"]?.nonEmptyString { users[id] = name }
        }
        var titles: [String: TicketSubject] = [:]
        let tickets = root["tickets"]?.array ?? root["ticket"].map { [$0] } ?? []
        for ticket in tickets {
            if let id = ticket["id"]?.text { titles[id] = Self.subject(of: ticket) }
        }
        if let audits = root["audits"]?.array ?? root["audit"].map({ [$0] }) {
            for audit in audits {
                let id = audit["ticket_id"]?.text
                let ticket = id.flatMap { titles[$0] } ?? TicketSubject(key: id.map { "#\($0)" })
                readAudit(audit, on: ticket, users: users, into: &sink)
            }
        } else if root["tickets"] != nil || root["ticket"] != nil {
            for ticket in tickets { readTicket(ticket, users: users, into: &sink) }
        } else if let comments = root["comments"]?.array {
            for comment in comments {
                readComment(comment, on: TicketSubject(), timeText: nil, author: nil, users: users, into: &sink)
            }
        } else {
            throw DebriefError("expected Zendesk 'ticket', 'tickets', 'audits' or 'comments'", path: sink.path)
        }
    }

    func readTicket(_ ticket: JSONValue, users: [String: String], into sink: inout EventSink) {
        var facts = Attributes()
        for name in ["status", "priority", "type"] {
            if let value = ticket[name]?.nonEmptyString { facts[name == "status" ? "current-status" : name] = value }
        }
        if let channel = ticket["via"]?["channel"]?.nonEmptyString { facts["channel"] = channel }
        if let assignee = Self.person(ticket["assignee_id"], users) { facts["assignee"] = assignee }
        sink.emitTicket(
            .opened, on: Self.subject(of: ticket), timeText: ticket["created_at"]?.string,
            actor: Self.person(ticket["submitter_id"] ?? ticket["requester_id"], users), attributes: facts,
            rawReason: "Zendesk ticket without a usable created_at")
    }

    func readAudit(_ audit: JSONValue, on ticket: TicketSubject, users: [String: String], into sink: inout EventSink) {
        let timeText = audit["created_at"]?.string
        let actor = Self.person(audit["author_id"], users)
        let events = audit["events"]?.array ?? []
        if events.isEmpty {
            sink.keepRaw(
                text: "\(ticket.label) audit without events", line: nil, offset: nil,
                reason: "Zendesk audit without events")
            return
        }
        var subject = ticket
        var created = Attributes()
        for event in events where event["type"]?.string == "Create" {
            guard let field = event["field_name"]?.string, let value = event["value"]?.ticketValueText else { continue }
            if field == "subject" { subject.title = subject.title ?? value }
            created[field == "status" ? "current-status" : field] = value
        }
        if events.contains(where: { $0["type"]?.string == "Create" }) {
            sink.emitTicket(
                .opened, on: subject, timeText: timeText, actor: actor, attributes: created,
                rawReason: "Zendesk audit without a usable created_at")
        }
        for event in events {
            let type = event["type"]?.string ?? "event"
            switch type {
            case "Create":
                continue
            case "Change":
                let name = event["field_name"]?.string ?? "field"
                let field = TicketHappening.canonicalField(name)
                let isPerson = name.hasSuffix("_id") && name != "group_id"
                let from =
                    isPerson ? Self.person(event["previous_value"], users) : event["previous_value"]?.ticketValueText
                let to = isPerson ? Self.person(event["value"], users) : event["value"]?.ticketValueText
                sink.emitTicket(
                    .change(field: field, from: from, to: to), on: subject, timeText: timeText, actor: actor,
                    rawReason: "Zendesk audit without a usable created_at")
            case "Comment", "VoiceComment":
                readComment(
                    event, on: subject, timeText: timeText, author: event["author_id"] ?? audit["author_id"],
                    users: users,
                    into: &sink)
            default:
                let about = event["subject"]?.nonEmptyString ?? event["value"]?.ticketValueText
                let phrase = TicketHappening.words(type) + (about.map { ": \($0)" } ?? "")
                sink.emitTicket(
                    .other(phrase, transition: type.contains("Notification") ? Transition.notified : nil), on: subject,
                    timeText: timeText, actor: actor, attributes: ["zendesk.event": type],
                    rawReason: "Zendesk audit without a usable created_at")
            }
        }
    }

    func readComment(
        _ comment: JSONValue, on ticket: TicketSubject, timeText: String?, author: JSONValue?, users: [String: String],
        into sink: inout EventSink
    ) {
        let body =
            comment["plain_body"]?.string ?? comment["body"]?.string
            ?? comment["html_body"]?.string.map(HTMLText.plainText) ?? ""
        var details = Attributes()
        if let id = comment["id"]?.text { details["comment-id"] = id }
        if comment["public"]?.bool == false { details["visibility"] = "internal" }
        sink.emitTicket(
            .comment(body), on: ticket, timeText: comment["created_at"]?.string ?? timeText,
            actor: Self.person(comment["author_id"] ?? author, users), attributes: details,
            rawReason: "Zendesk comment without a usable created_at")
    }

    /// The ticket: `#10`, its subject, and the agent link derived from the API `url`.
    static func subject(of ticket: JSONValue) -> TicketSubject {
        let id = ticket["id"]?.text
        var link: String?
        if let id, let api = ticket["url"]?.string, let range = api.range(of: "/api/v2/") {
            link = api[..<range.lowerBound] + "/agent/tickets/" + id
        }
        return TicketSubject(key: id.map { "#\($0)" }, title: ticket["subject"]?.nonEmptyString, url: link)
    }

    /// A person by id: the sideloaded user's name, else `user <id>`.
    static func person(_ id: JSONValue?, _ users: [String: String]) -> String? {
        guard let id = id?.text else { return nil }
        return users[id] ?? "user \(id)"
    }

    /// Confident for Zendesk ticket fields (`requester_id`, `via`) or audit events.
    public static func confidence(for sample: SniffSample) -> Double {
        // The incremental ticket-events export (`ticket_events`) is not read; leave it unrecognised.
        guard sample.firstSignificantByte == 0x7B, !sample.contains("\"ticket_events\"") else { return 0 }
        if sample.contains("zendesk.com/api/v2/") { return 0.96 }
        let container = ["\"ticket\"", "\"tickets\"", "\"audits\"", "\"audit\"", "\"comments\""].contains(
            where: sample.contains)
        guard container else { return 0 }
        if sample.contains("\"requester_id\"") && sample.contains("\"via\"") { return 0.93 }
        if sample.contains("\"author_id\"") && sample.contains("\"events\"") && sample.contains("\"field_name\"") {
            return 0.93
        }
        if sample.contains("\"author_id\"") && sample.contains("\"html_body\"") { return 0.9 }
        return 0
    }
}
