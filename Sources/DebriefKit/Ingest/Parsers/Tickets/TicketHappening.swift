/// One thing that happened to a ticket.
enum TicketHappening: Sendable, Hashable {
    /// The ticket was created.
    case opened
    /// A field changed; `from` or `to` is nil when the field was empty.
    case change(field: String, from: String?, to: String?)
    /// A comment or work note (plain text).
    case comment(String)
    /// Something else, told as a phrase after the ticket's key ("locked"), with an optional
    /// `Transition` value.
    case other(String, transition: String?)

    /// The `transition` attribute for a change of `field` from `old` to `value`: a status change
    /// out of a resolved or closed status into an open one is a reopening.
    static func transition(field: String, from old: String? = nil, to value: String?) -> String {
        switch field {
        case "status":
            let before = old.flatMap(Transition.forTicketStatus)
            let after = value.flatMap(Transition.forTicketStatus)
            if before == Transition.resolved || before == Transition.closed,
                after == Transition.opened || after == Transition.inProgress
            {
                return Transition.reopened
            }
            return after ?? Transition.changed
        case "assignee": return Transition.assigned
        case "priority", "severity", "urgency", "impact": return Transition.priorityChanged
        default: return Transition.changed
        }
    }

    /// A field value fit for a sentence and an attribute: trimmed, nil when empty, long values
    /// (descriptions) cut to 300 characters.
    static func shortValue(_ value: String?) -> String? {
        guard let value = value?.trimmingWhitespace, !value.isEmpty else { return nil }
        return value.count > 300 ? String(value.prefix(300)) + "…" : value
    }

    /// An event or type name as lower-case words: `SatisfactionRating`, `head_ref_deleted` →
    /// "satisfaction rating", "head ref deleted".
    static func words(_ name: String) -> String {
        var words = ""
        for character in name {
            if character == "_" || character == "-" {
                words.append(" ")
            } else if character.isUppercase, !words.isEmpty, words.last != " " {
                words += " " + character.lowercased()
            } else {
                words += character.lowercased()
            }
        }
        return words
    }

    /// The shared name of a field trackers spell differently (`Status`, `state`, `status_id`,
    /// `incident_state`, `bug_status` → `status`; `assigned_to`, `reassign` → `assignee`); other
    /// names are kept as written.
    static func canonicalField(_ name: String) -> String {
        switch name.lowercased() {
        case "status", "state", "status_id", "incident_state", "bug_status": "status"
        case "assignee", "assigned_to", "assigned_to_id", "assignee_id", "reassign", "owner": "assignee"
        case "priority", "priority_id", "importance": "priority"
        case "severity", "bug_severity": "severity"
        case "urgency": "urgency"
        case "impact": "impact"
        case "resolution": "resolution"
        default: name
        }
    }
}

extension EventSink {
    /// Emits a `.ticket` event for `happening` on `ticket` with the shared sentence and attributes,
    /// or keeps it raw (with `rawReason`) when `timeText` is missing or not a timestamp.
    ///
    /// - Parameters:
    ///   - time: an instant already resolved by the caller; when nil, `timeText` is parsed with the
    ///     source's zone rules.
    ///   - transition: replaces the transition the happening implies (when the status name alone
    ///     cannot tell, as with Redmine statuses known only by id).
    ///   - attributes: extra attributes; they never replace the shared ones.
    mutating func emitTicket(
        _ happening: TicketHappening, on ticket: TicketSubject, timeText: String?, time: Instant? = nil,
        line: Int? = nil, actor: String?, transition: String? = nil, attributes extra: Attributes = Attributes(),
        rawReason: String
    ) {
        let text = Self.sentence(happening, on: ticket)
        guard let timeText = timeText?.trimmingWhitespace, !timeText.isEmpty,
            let time = time ?? instant(text: timeText, line: line)
        else {
            keepRaw(text: text, line: line, offset: nil, reason: rawReason)
            return
        }
        var attributes = extra
        for (key, value) in ticket.attributes { attributes[key] = value }
        switch happening {
        case .opened:
            attributes["transition"] = Transition.opened
        case .change(let field, let from, let to):
            attributes["transition"] = TicketHappening.transition(field: field, from: from, to: to)
            attributes["field"] = field
            if let from = TicketHappening.shortValue(from) { attributes["from"] = from }
            if let to = TicketHappening.shortValue(to) { attributes["to"] = to }
        case .comment:
            attributes["transition"] = Transition.commented
        case .other(_, let transition):
            if let transition { attributes["transition"] = transition }
        }
        if let transition { attributes["transition"] = transition }
        let name = actor?.trimmingWhitespace
        emit(
            time: time, timeText: timeText, line: line, offset: nil, kind: .ticket,
            actor: name?.isEmpty == false ? name : nil, text: text, attributes: attributes)
    }

    /// The readable sentence for a happening: "SERVER-123 status: In Progress → Resolved".
    static func sentence(_ happening: TicketHappening, on ticket: TicketSubject) -> String {
        switch happening {
        case .opened:
            return ticket.title.map { "\(ticket.label) opened: \($0)" } ?? "\(ticket.label) opened"
        case .change(let field, let from, let to):
            let from = TicketHappening.shortValue(from)
            let to = TicketHappening.shortValue(to)
            switch (from, to) {
            case (let from?, let to?): return "\(ticket.label) \(field): \(from) → \(to)"
            case (nil, let to?): return "\(ticket.label) \(field): set to \(to)"
            case (let from?, nil): return "\(ticket.label) \(field): cleared (was \(from))"
            case (nil, nil): return "\(ticket.label) \(field) changed"
            }
        case .comment(let body):
            // Exports keep Windows line ends in comment bodies; one kind of line end reads better.
            let text = String(body.map { $0 == "\r\n" ? "\n" : $0 }).trimmingWhitespace
            return "\(ticket.label) comment: \(text)"
        case .other(let phrase, _):
            return "\(ticket.label) \(phrase)"
        }
    }
}
