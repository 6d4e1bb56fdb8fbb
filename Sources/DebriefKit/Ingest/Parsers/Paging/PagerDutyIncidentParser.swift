/// Reads PagerDuty incidents from the REST API: `GET /incidents` (`{"incidents": [...]}`), one
/// incident (`{"incident": {...}}`, as `GET /incidents/{id}` and the `PUT` that acknowledges or
/// resolves it return), or a bare array of incidents.
///
/// Each incident yields a `triggered` event at `created_at`, an `assigned` event per `assignments[]`
/// entry and an `acknowledged` event per `acknowledgements[]` entry (at their `at`), and one for its
/// current status at `last_status_change_at`: `resolved`, `acknowledged` (unless an acknowledgement
/// already says so) or `unacknowledged` (triggered again after an acknowledgement). Scheduled
/// `pending_actions` have not happened and are left out. Times are ISO 8601 with their own offset;
/// zone-less ones use the source's zone.
///
/// ## Leniency
/// An incident without a usable `created_at`, or an assignment, acknowledgement or status change
/// whose time is unreadable, is kept raw; other members may be missing.
public struct PagerDutyIncidentParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "PagerDuty incidents",
        summary: "REST `GET /incidents`, `GET /incidents/{id}` and the acknowledge/resolve `PUT` response (or a bare array): trigger, assignments, acknowledgements and last status change become transitions; ISO 8601 offsets (zone-less: source zone)",
        eventKind: .alert, makeParser: { .document(PagerDutyIncidentParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        let incidents: [JSONValue]
        if let list = root["incidents"]?.array {
            incidents = list
        } else if let single = root["incident"], single.object != nil {
            incidents = [single]
        } else if let list = root.array {
            incidents = list
        } else if root["incident_number"] != nil || root["type"]?.string == "incident" {
            incidents = [root]
        } else {
            throw DebriefError("expected 'incidents' or 'incident' (a PagerDuty incidents response)", path: sink.path)
        }
        for incident in incidents {
            read(incident, into: &sink)
        }
    }

    func read(_ incident: JSONValue, into sink: inout EventSink) {
        let base = Self.attributes(of: incident)
        let label = Self.label(of: incident)
        let severity = PagingFields.severity(PagingFields.name(incident["priority"]))
        var triggered = base
        triggered["transition"] = Transition.triggered
        PagingFields.set("description", incident["description"], in: &triggered)
        PagingFields.emit(
            at: incident["created_at"], into: &sink, actor: PagingFields.name(incident["service"]),
            severity: severity, text: "\(label) triggered: \(Self.title(of: incident))", attributes: triggered,
            reason: "incident without a usable created_at")
        for assignment in incident["assignments"]?.array ?? [] {
            var attributes = base
            attributes["transition"] = Transition.assigned
            let assignee = PagingFields.name(assignment["assignee"])
            PagingFields.set("assignee", assignee, in: &attributes)
            PagingFields.emit(
                at: assignment["at"], into: &sink, actor: nil, severity: nil,
                text: "\(label) assigned to \(assignee ?? "someone")", attributes: attributes,
                reason: "assignment without a usable time")
        }
        var acknowledged: [String] = []
        for acknowledgement in incident["acknowledgements"]?.array ?? [] {
            var attributes = base
            attributes["transition"] = Transition.acknowledged
            let acknowledger = PagingFields.name(acknowledgement["acknowledger"])
            acknowledged.append(acknowledgement["at"]?.text ?? "")
            PagingFields.emit(
                at: acknowledgement["at"], into: &sink, actor: acknowledger, severity: nil,
                text: "\(label) acknowledged" + (acknowledger.map { " by \($0)" } ?? ""), attributes: attributes,
                reason: "acknowledgement without a usable time")
        }
        readStatusChange(incident, base: base, label: label, acknowledged: acknowledged, into: &sink)
    }

    /// The event for the incident's current status, when it changed after the trigger.
    func readStatusChange(
        _ incident: JSONValue, base: Attributes, label: String, acknowledged: [String], into sink: inout EventSink
    ) {
        guard let changed = incident["last_status_change_at"], let changedText = changed.text else { return }
        let actor = PagingFields.name(incident["last_status_change_by"])
        let by = actor.map { " by \($0)" } ?? ""
        var attributes = base
        let text: String
        switch incident["status"]?.string {
        case "resolved":
            attributes["transition"] = Transition.resolved
            let reason = PagingFields.name(incident["resolve_reason"])
            PagingFields.set("reason", reason, in: &attributes)
            text = "\(label) resolved\(by)" + (reason.map { ": \($0)" } ?? "")
        case "acknowledged":
            guard !acknowledged.contains(changedText) else { return }
            attributes["transition"] = Transition.acknowledged
            text = "\(label) acknowledged\(by)"
        case "triggered":
            guard changedText != incident["created_at"]?.text else { return }
            attributes["transition"] = Transition.unacknowledged
            text = "\(label) triggered again\(by) (acknowledgement withdrawn or timed out)"
        default:
            return
        }
        PagingFields.emit(
            at: changed, into: &sink, actor: actor, severity: nil, text: text, attributes: attributes,
            reason: "status change without a usable last_status_change_at")
    }

    /// The attributes every event of an incident carries (shared with the v3 webhook, whose `data`
    /// is the same incident object).
    static func attributes(of incident: JSONValue) -> Attributes {
        var attributes = Attributes()
        PagingFields.set("incident", incident["id"], in: &attributes)
        PagingFields.set("incident.number", incident["incident_number"] ?? incident["number"], in: &attributes)
        PagingFields.set("alert", incident["title"] ?? incident["summary"], in: &attributes)
        PagingFields.set("status", incident["status"], in: &attributes)
        PagingFields.set("service", PagingFields.name(incident["service"]), in: &attributes)
        PagingFields.set("urgency", incident["urgency"], in: &attributes)
        PagingFields.set("priority", PagingFields.name(incident["priority"]), in: &attributes)
        PagingFields.set("escalation-policy", PagingFields.name(incident["escalation_policy"]), in: &attributes)
        PagingFields.set("teams", PagingFields.names(incident["teams"]), in: &attributes)
        PagingFields.set("fingerprint", incident["incident_key"], in: &attributes)
        PagingFields.set("url", incident["html_url"], in: &attributes)
        return attributes
    }

    /// `Incident #1234`, or the id when the number is missing.
    static func label(of incident: JSONValue) -> String {
        if let number = (incident["incident_number"] ?? incident["number"])?.text { return "Incident #\(number)" }
        return "Incident " + (incident["id"]?.nonEmptyString ?? "(no id)")
    }

    /// The incident's title.
    static func title(of incident: JSONValue) -> String {
        incident["title"]?.nonEmptyString ?? incident["summary"]?.nonEmptyString ?? incident["description"]?
            .nonEmptyString
            ?? "(no title)"
    }

    /// Confident when the sample holds incident objects (and not log entries or a webhook event).
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        if sample.contains("\"log_entries\"") || sample.contains("\"event_type\"") { return 0 }
        let incidentMembers = sample.contains("\"incident_number\"") || sample.contains("\"last_status_change_at\"")
        guard incidentMembers, sample.contains("\"created_at\"") else { return 0 }
        return 0.95
    }
}
