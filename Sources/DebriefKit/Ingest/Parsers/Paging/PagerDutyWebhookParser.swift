/// Reads PagerDuty v3 webhook deliveries: one `{"event": {...}}` body, an array of them, or a
/// receiver's log of them (JSON lines, or pretty-printed bodies one after another). A bare event
/// object (with `event_type`) is accepted too.
///
/// Each event becomes one `alert` event at `occurred_at` (ISO 8601 with its offset; zone-less times
/// use the source's zone), caused by `agent` (a user or a service). `event_type` gives the
/// transition: `incident.triggered` and `incident.reopened` → triggered, `.acknowledged`,
/// `.unacknowledged`, `.escalated` and `.delegated` → escalated, `.resolved`, `.reassigned` →
/// assigned, `.annotated` and `.status_update_published` (a `status` event) → annotated,
/// `.priority_updated` → priority-changed, `.responder.added` → notified. Other types (service
/// changes, workflows, …) are kept as events with their `event-type` and no transition.
///
/// ## Leniency
/// A payload that is not JSON, is not a webhook event, or has no usable `occurred_at` is kept raw
/// with its line; the rest of the file is still read.
public struct PagerDutyWebhookParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "PagerDuty v3 webhooks",
        summary: "v3 webhook bodies (`{\"event\": {\"event_type\": \"incident.triggered\", …}}`): one, an array or a receiver's JSON-lines log; event_type becomes the transition; occurred_at with its offset",
        eventKind: .alert, makeParser: { .document(PagerDutyWebhookParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    /// The transition each incident event type stands for.
    static let transitions: [String: String] = [
        "incident.triggered": Transition.triggered,
        "incident.reopened": Transition.triggered,
        "incident.acknowledged": Transition.acknowledged,
        "incident.unacknowledged": Transition.unacknowledged,
        "incident.escalated": Transition.escalated,
        "incident.delegated": Transition.escalated,
        "incident.resolved": Transition.resolved,
        "incident.reassigned": Transition.assigned,
        "incident.annotated": Transition.annotated,
        "incident.status_update_published": Transition.annotated,
        "incident.responder.replied": Transition.annotated,
        "incident.priority_updated": Transition.priorityChanged,
        "incident.responder.added": Transition.notified,
    ]

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        try JSONPayloadStream.forEachPayload(in: document, into: &sink) { payload, line, offset, sink in
            guard let event = payload["event"]?.object != nil ? payload["event"] : payload,
                let type = event["event_type"]?.nonEmptyString
            else { return "not a PagerDuty v3 webhook event (no event.event_type)" }
            read(event, type: type, line: line, offset: offset, into: &sink)
            return nil
        }
    }

    func read(_ event: JSONValue, type: String, line: Int?, offset: Int64?, into sink: inout EventSink) {
        let data = event["data"] ?? .null
        // Notes, status updates and responder requests carry the incident as a reference in `data`;
        // service and other events carry no incident at all.
        let incident: JSONValue
        if !type.hasPrefix("incident.") {
            incident = .null
        } else if data["type"]?.string == "incident" {
            incident = data
        } else {
            incident = data["incident"] ?? data
        }
        var attributes = PagerDutyIncidentParser.attributes(of: incident)
        let transition = Self.transitions[type]
        attributes["transition"] = transition
        attributes["event-type"] = type
        PagingFields.set("event-id", event["id"], in: &attributes)
        PagingFields.set("assignees", PagingFields.names(data["assignees"]), in: &attributes)
        let actor = PagingFields.name(event["agent"])
        let by = actor.map { " by \($0)" } ?? ""
        let label = PagerDutyIncidentParser.label(of: incident)
        let title = PagerDutyIncidentParser.title(of: incident)
        var kind = Event.Kind.alert
        let text: String
        switch type {
        case "incident.annotated", "incident.responder.replied":
            let note = data["content"]?.nonEmptyString ?? data["message"]?.nonEmptyString ?? ""
            PagingFields.set("note", note, in: &attributes)
            text = "\(label) note\(by): \(note)"
        case "incident.status_update_published":
            kind = .status
            let message = data["message"]?.nonEmptyString ?? ""
            PagingFields.set("note", message, in: &attributes)
            text = "\(label) status update\(by): \(message)"
        case "incident.reassigned", "incident.escalated", "incident.delegated":
            let verb = type.dropFirst("incident.".count)
            let to = PagingFields.names(data["assignees"]) ?? PagingFields.name(data["escalation_policy"])
            text = "\(label) \(verb)\(by)" + (to.map { " to \($0)" } ?? "") + ": \(title)"
        case "incident.priority_updated":
            text = "\(label) priority changed\(by) to \(PagingFields.name(data["priority"]) ?? "none"): \(title)"
        case "incident.responder.added":
            let responder =
                PagingFields.name(data["user"]) ?? PagingFields.name(data["escalation_policy"]) ?? "a responder"
            text = "\(label): \(responder) asked to respond\(by)"
        default:
            if type.hasPrefix("incident.") {
                let verb = String(type.dropFirst("incident.".count).map { $0 == "_" ? " " : $0 })
                text = "\(label) \(verb)\(by): \(title)"
            } else {
                text = "PagerDuty \(type)\(by)"
            }
        }
        PagingFields.emit(
            at: event["occurred_at"], into: &sink, line: line, offset: offset, kind: kind, actor: actor,
            severity: PagingFields.severity(PagingFields.name(incident["priority"])), text: text,
            attributes: attributes, reason: "webhook event without a usable occurred_at")
    }

    /// Confident when the sample holds v3 webhook events.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        guard sample.contains("\"event_type\""), sample.contains("\"occurred_at\"") else { return 0 }
        return sample.contains("\"incident.") || sample.contains("\"pagey.") || sample.contains("\"service.")
            ? 0.97 : 0.6
    }
}
