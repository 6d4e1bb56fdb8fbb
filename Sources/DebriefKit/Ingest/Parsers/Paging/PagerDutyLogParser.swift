/// Reads PagerDuty incident log entries: the REST `GET /incidents/{id}/log_entries` response
/// (`{"log_entries": [...]}`), a bare array of entries, or a single `{"log_entry": {...}}`.
///
/// Entries may come in any order (PagerDuty pages newest first by default); the timeline sorts them.
/// Each entry becomes an `alert` event whose `transition` attribute names the state change
/// (`triggered`, `acknowledged`, `escalated`, `resolved`, …), so milestones need no text matching.
public struct PagerDutyLogParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "PagerDuty incident log entries",
        summary: "REST `GET /incidents/{id}/log_entries` responses (or a bare array), any order; trigger/acknowledge/escalate/resolve become transitions",
        eventKind: .alert, makeParser: { .document(PagerDutyLogParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    /// The transition each log-entry type stands for.
    static let transitions: [String: String] = [
        "trigger_log_entry": "triggered",
        "acknowledge_log_entry": "acknowledged",
        "unacknowledge_log_entry": "unacknowledged",
        "escalate_log_entry": "escalated",
        "resolve_log_entry": "resolved",
        "assign_log_entry": "assigned",
        "delegate_log_entry": "delegated",
        "notify_log_entry": "notified",
        "annotate_log_entry": "annotated",
        "snooze_log_entry": "snoozed",
        "exhaust_escalation_path_log_entry": "escalation-exhausted",
        "repeat_escalation_path_log_entry": "escalation-repeated",
        "reach_ack_limit_log_entry": "ack-limit-reached",
        "reach_trigger_limit_log_entry": "trigger-limit-reached",
        "urgency_change_log_entry": "urgency-changed",
        "field_value_change_log_entry": "field-changed",
        "custom_field_value_change_log_entry": "field-changed",
        "priority_change_log_entry": "priority-changed",
        "link_log_entry": "linked",
    ]

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root: JSONValue
        do {
            root = try JSONParser().parse(document)
        } catch {
            throw DebriefError(error.message, path: sink.path, line: error.line)
        }
        let entries: [JSONValue]
        if let list = root["log_entries"]?.array {
            entries = list
        } else if let single = root["log_entry"] {
            entries = [single]
        } else if let list = root.array {
            entries = list
        } else {
            throw DebriefError("expected 'log_entries' (a PagerDuty log-entries response)", path: sink.path)
        }
        for entry in entries {
            read(entry, into: &sink)
        }
    }

    func read(_ entry: JSONValue, into sink: inout EventSink) {
        let type = entry["type"]?.string ?? ""
        guard let timeText = entry["created_at"]?.string, let parsed = TimestampParser.any(timeText),
            let time = sink.instant(for: parsed, line: nil)
        else {
            sink.keepRaw(
                text: entry["summary"]?.string ?? type, line: nil, offset: nil,
                reason: "log entry without a usable created_at", kind: "no created_at")
            return
        }
        var attributes = Attributes()
        let transition = Self.transitions[type] ?? type.replacingSuffix("_log_entry", with: "")
        attributes["transition"] = transition
        attributes["pagerduty.type"] = type
        if let id = entry["id"]?.string { attributes["pagerduty.id"] = id }
        if let incident = entry["incident"] {
            if let id = incident["id"]?.string { attributes["incident"] = id }
            if let summary = incident["summary"]?.string { attributes["incident.summary"] = summary }
        }
        if let channel = entry["channel"] {
            if let channelType = channel["type"]?.string { attributes["channel"] = channelType }
            if let details = channel["details"]?.text ?? channel["summary"]?.string, transition == "annotated" {
                attributes["note"] = details
            }
        }
        if let service = entry["service"]?["summary"]?.string { attributes["service"] = service }
        if let urgency = entry["event_details"]?["description"]?.string { attributes["description"] = urgency }
        var assignees: [String] = []
        for key in ["assignees", "acknowledgers"] {
            for person in entry[key]?.array ?? [] {
                if let name = person["summary"]?.string ?? person["assignee"]?["summary"]?.string {
                    assignees.append(name)
                }
            }
        }
        if !assignees.isEmpty { attributes["assignees"] = assignees.joined(separator: ", ") }
        if let level = entry["escalation_policy"]?["summary"]?.string { attributes["escalation-policy"] = level }
        let actor = entry["agent"]?["summary"]?.nonEmptyString
        let summary = entry["summary"]?.nonEmptyString ?? transition
        let severity: Severity? =
            switch transition {
            case "triggered", "escalated", "escalation-exhausted": .error
            case "resolved": .notice
            default: .info
            }
        sink.emit(
            time: time, timeText: timeText, line: nil, offset: nil, kind: .alert, actor: actor, severity: severity,
            text: summary, attributes: attributes)
    }

    /// Confident when the sample names PagerDuty log-entry types.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        if sample.contains("\"log_entries\"") { return 0.97 }
        if sample.contains("_log_entry\"") && sample.contains("\"created_at\"") { return 0.9 }
        return 0
    }
}

extension String {
    /// The string with `suffix` replaced, or unchanged if it does not end with it.
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
