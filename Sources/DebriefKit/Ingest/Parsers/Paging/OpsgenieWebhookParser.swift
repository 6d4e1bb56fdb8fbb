/// Reads Opsgenie webhook integration payloads (`{"action": "Create", "alert": {...}, "source":
/// {...}, "integrationName": …}`): one, an array, or a receiver's log of them (JSON lines or
/// pretty-printed bodies one after another).
///
/// Each payload becomes one `alert` event. The time is the alert's `updatedAt`, which Opsgenie writes
/// in epoch **nanoseconds** (19 digits, read as an integer, never as a floating-point number), or
/// `createdAt` (epoch milliseconds) when it is missing; epoch times are UTC. `action` gives the
/// transition: Create → triggered, Acknowledge, UnAcknowledge, Close → resolved, AddNote →
/// annotated, Escalate/EscalateNext → escalated, AssignOwnership/TakeOwnership → assigned,
/// AddRecipient/AddResponder/AddTeam → notified, Snooze → snoozed, UpdatePriority →
/// priority-changed; other actions keep `action` and no transition. The actor is the alert's
/// `username` (who acted), else the integration.
///
/// ## Leniency
/// A payload that is not JSON, has no `action` and `alert`, or has no usable time is kept raw with
/// its line.
public struct OpsgenieWebhookParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Opsgenie webhooks",
        summary: "webhook integration payloads (`action` Create/Acknowledge/Close/AddNote/Escalate/…): one, an array or a receiver's log; action becomes the transition; epoch ms/ns times (UTC)",
        eventKind: .alert, makeParser: { .document(OpsgenieWebhookParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    /// The transition and the words for each action (lower-cased).
    static let actions: [String: (transition: String?, verb: String)] = [
        "create": (Transition.triggered, "created"),
        "acknowledge": (Transition.acknowledged, "acknowledged"),
        "unacknowledge": (Transition.unacknowledged, "unacknowledged"),
        "close": (Transition.resolved, "closed"),
        "addnote": (Transition.annotated, "note added"),
        "escalate": (Transition.escalated, "escalated"),
        "escalatenext": (Transition.escalated, "escalated to the next level"),
        "assignownership": (Transition.assigned, "assigned"),
        "takeownership": (Transition.assigned, "taken over"),
        "addrecipient": (Transition.notified, "recipient added"),
        "addresponder": (Transition.notified, "responder added"),
        "addteam": (Transition.notified, "team added"),
        "snooze": (Transition.snoozed, "snoozed"),
        "updatepriority": (Transition.priorityChanged, "priority changed"),
        "delete": (nil, "deleted"),
    ]

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        try JSONPayloadStream.forEachPayload(in: document, into: &sink) { payload, line, offset, sink in
            guard let action = payload["action"]?.nonEmptyString, let alert = payload["alert"], alert.object != nil
            else { return "not an Opsgenie webhook payload (no action and alert)" }
            read(payload, action: action, alert: alert, line: line, offset: offset, into: &sink)
            return nil
        }
    }

    func read(
        _ payload: JSONValue, action: String, alert: JSONValue, line: Int?, offset: Int64?, into sink: inout EventSink
    ) {
        let known = Self.actions[action.lowercased()]
        var attributes = Self.attributes(of: alert)
        if let transition = known?.transition { attributes["transition"] = transition }
        attributes["action"] = action
        PagingFields.set("integration", payload["integrationName"], in: &attributes)
        PagingFields.set("escalation", payload["escalationName"], in: &attributes)
        let actor =
            alert["username"]?.nonEmptyString ?? payload["source"]?["name"]?.nonEmptyString
            ?? payload["integrationName"]?.nonEmptyString
        var text = "\(Self.label(of: alert)) \(known?.verb ?? action)" + (actor.map { " by \($0)" } ?? "")
        if let note = alert["note"]?.nonEmptyString {
            text += ": \(note)"
        } else if action.lowercased() == "assignownership", let owner = alert["owner"]?.nonEmptyString {
            text += " to \(owner): \(Self.message(of: alert))"
        } else {
            text += ": \(Self.message(of: alert))"
        }
        let time = alert["updatedAt"].flatMap { $0.isNull ? nil : $0 } ?? alert["createdAt"]
        PagingFields.emit(
            at: time, into: &sink, line: line, offset: offset, actor: actor,
            severity: PagingFields.severity(attributes["priority"]), text: text, attributes: attributes,
            reason: "Opsgenie payload without a usable updatedAt or createdAt")
    }

    /// The attributes of an Opsgenie alert, shared with the REST parser (same member names).
    static func attributes(of alert: JSONValue) -> Attributes {
        var attributes = Attributes()
        PagingFields.set("alert", alert["message"], in: &attributes)
        PagingFields.set("alert.id", alert["alertId"] ?? alert["id"], in: &attributes)
        PagingFields.set("alert.number", alert["tinyId"], in: &attributes)
        PagingFields.set("fingerprint", alert["alias"], in: &attributes)
        PagingFields.set("status", alert["status"], in: &attributes)
        PagingFields.set("entity", alert["entity"], in: &attributes)
        PagingFields.set("source", alert["source"], in: &attributes)
        PagingFields.set("owner", alert["owner"], in: &attributes)
        PagingFields.set("note", alert["note"], in: &attributes)
        if let priority = alert["priority"]?.text {
            attributes["priority"] = priority.first?.isNumber == true ? "P" + priority : priority
        }
        let tags = (alert["tags"]?.array ?? []).compactMap(\.nonEmptyString)
        PagingFields.set("tags", tags.isEmpty ? nil : tags.joined(separator: ", "), in: &attributes)
        PagingFields.set("teams", PagingFields.names(alert["teams"]), in: &attributes)
        PagingFields.set("recipients", PagingFields.names(alert["recipients"]), in: &attributes)
        PagingFields.copy(alert["details"], prefix: "detail", into: &attributes)
        return attributes
    }

    /// `Alert #23` (the tiny id), or `Alert` when it is missing.
    static func label(of alert: JSONValue) -> String {
        alert["tinyId"]?.text.map { "Alert #\($0)" } ?? "Alert"
    }

    /// The alert's message.
    static func message(of alert: JSONValue) -> String {
        alert["message"]?.nonEmptyString ?? alert["alias"]?.nonEmptyString ?? "(no message)"
    }

    /// Confident when the sample holds an `action` beside an `alert` with Opsgenie's ids.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        guard sample.contains("\"action\""), sample.contains("\"alert\""),
            sample.contains("\"alertId\"") || sample.contains("\"tinyId\"")
        else { return 0 }
        return sample.contains("\"integrationName\"") || sample.contains("\"integrationId\"") ? 0.95 : 0.8
    }
}
