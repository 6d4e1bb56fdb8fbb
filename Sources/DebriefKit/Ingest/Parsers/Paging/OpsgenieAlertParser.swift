/// Reads Opsgenie REST API responses: alerts (`GET /v2/alerts`, `{"data": [...]}`, or one alert,
/// `{"data": {...}}`) and alert activity logs (`GET /v2/alerts/{id}/logs`, `{"data": [{"log",
/// "type", "owner", "createdAt"}]}`). An alert may carry its activity log in `logs[]`, and a
/// top-level `logs[]` beside `data` is read too.
///
/// An alert yields a `triggered` event at `createdAt`, and from its `report` an `acknowledged` event
/// at `createdAt + ackTime` (by `acknowledgedBy`) and a `resolved` one at `createdAt + closeTime`
/// (by `closedBy`); a closed alert without a `closeTime` is resolved at `updatedAt`, which says so in
/// `time-basis`. A log entry becomes one event at its `createdAt`, by its `owner`, with a transition
/// read from its text (`Alert acknowledged via web` → acknowledged). Times are ISO 8601 with their
/// offset; zone-less ones use the source's zone.
///
/// ## Leniency
/// An alert or log entry without a usable `createdAt` is kept raw, as is any `data` element that is
/// neither an alert nor a log entry.
public struct OpsgenieAlertParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Opsgenie alerts and activity logs",
        summary: "REST `GET /v2/alerts` (one alert or a page) and `GET /v2/alerts/{id}/logs`: created, acknowledged and closed from each alert's report, log entries by owner; ISO 8601 offsets (zone-less: source zone)",
        eventKind: .alert, makeParser: { .document(OpsgenieAlertParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    /// Words in a log entry and the transition they stand for, checked in order.
    static let logTransitions: [(words: String, transition: String)] = [
        ("unacknowledged", Transition.unacknowledged),
        ("acknowledged", Transition.acknowledged),
        ("closed", Transition.resolved),
        ("created", Transition.triggered),
        ("escalat", Transition.escalated),
        ("note", Transition.annotated),
        ("ownership", Transition.assigned),
        ("assigned", Transition.assigned),
        ("snoozed", Transition.snoozed),
        ("priority", Transition.priorityChanged),
        ("notification", Transition.notified),
    ]

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        guard let data = root["data"] ?? root["logs"] else {
            throw DebriefError("expected 'data' (an Opsgenie alerts or alert-logs response)", path: sink.path)
        }
        for element in data.array ?? [data] {
            if element["log"] != nil {
                readLog(element, alert: Attributes(), into: &sink)
            } else if element["tinyId"] != nil || element["message"] != nil {
                readAlert(element, into: &sink)
            } else {
                sink.keepRaw(
                    text: JSONWriter.string(element), line: nil, offset: nil,
                    reason: "neither an Opsgenie alert nor a log entry")
            }
        }
        if root["data"] != nil {
            for entry in root["logs"]?.array ?? [] {
                readLog(entry, alert: Attributes(), into: &sink)
            }
        }
    }

    func readAlert(_ alert: JSONValue, into sink: inout EventSink) {
        let attributes = OpsgenieWebhookParser.attributes(of: alert)
        let label = OpsgenieWebhookParser.label(of: alert)
        let message = OpsgenieWebhookParser.message(of: alert)
        var triggered = attributes
        triggered["transition"] = Transition.triggered
        PagingFields.emit(
            at: alert["createdAt"], into: &sink,
            actor: alert["integration"]?["name"]?.nonEmptyString ?? alert["source"]?.nonEmptyString,
            severity: PagingFields.severity(attributes["priority"]), text: "\(label) created: \(message)",
            attributes: triggered, reason: "Opsgenie alert without a usable createdAt")
        let report = alert["report"]
        if let ackTime = report?["ackTime"]?.int64 {
            let by = report?["acknowledgedBy"]?.nonEmptyString
            var acknowledged = attributes
            acknowledged["transition"] = Transition.acknowledged
            emit(
                alert["createdAt"], plus: ackTime, named: "ackTime", into: &sink, actor: by,
                text: "\(label) acknowledged" + (by.map { " by \($0)" } ?? "") + ": \(message)",
                attributes: acknowledged)
        }
        var resolved = attributes
        resolved["transition"] = Transition.resolved
        if let closeTime = report?["closeTime"]?.int64 {
            let by = report?["closedBy"]?.nonEmptyString
            emit(
                alert["createdAt"], plus: closeTime, named: "closeTime", into: &sink, actor: by,
                text: "\(label) closed" + (by.map { " by \($0)" } ?? "") + ": \(message)", attributes: resolved)
        } else if alert["status"]?.string == "closed", let updated = alert["updatedAt"] {
            resolved["time-basis"] = "updatedAt"
            PagingFields.emit(
                at: updated, into: &sink, actor: nil, severity: .notice, text: "\(label) closed: \(message)",
                attributes: resolved, reason: "closed Opsgenie alert with an unreadable updatedAt")
        }
        for entry in alert["logs"]?.array ?? [] {
            readLog(entry, alert: attributes, into: &sink)
        }
    }

    /// Emits an event `milliseconds` after the time in `start` (a report's ackTime or closeTime).
    func emit(
        _ start: JSONValue?, plus milliseconds: Int64, named name: String, into sink: inout EventSink, actor: String?,
        text: String, attributes: Attributes
    ) {
        guard let startText = start?.text, let instant = sink.instant(text: startText),
            milliseconds >= 0, milliseconds < Int64.max / 1_000_000
        else {
            sink.keepRaw(
                text: text, line: nil, offset: nil, reason: "Opsgenie alert without a usable createdAt for its \(name)")
            return
        }
        sink.emit(
            time: instant.adding(nanoseconds: milliseconds * 1_000_000),
            timeText: "\(startText) + \(name) \(milliseconds) ms", line: nil, offset: nil, kind: .alert, actor: actor,
            severity: attributes["transition"] == Transition.resolved ? .notice : nil, text: text,
            attributes: attributes)
    }

    func readLog(_ entry: JSONValue, alert: Attributes, into sink: inout EventSink) {
        let text = entry["log"]?.nonEmptyString ?? "(empty log entry)"
        var attributes = alert
        let lowered = text.lowercased()
        if let match = Self.logTransitions.first(where: { lowered.contains($0.words) }) {
            attributes["transition"] = match.transition
        } else if entry["type"]?.string?.lowercased().contains("recipient") == true {
            attributes["transition"] = Transition.notified
        }
        PagingFields.set("log-type", entry["type"], in: &attributes)
        PagingFields.emit(
            at: entry["createdAt"], into: &sink, actor: entry["owner"]?.nonEmptyString, severity: nil, text: text,
            attributes: attributes, reason: "Opsgenie log entry without a usable createdAt")
    }

    /// Confident when the sample is a `data` response holding Opsgenie alerts or log entries.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B, sample.contains("\"data\""), !sample.contains("\"action\"") else {
            return 0
        }
        if sample.contains("\"tinyId\"") && sample.contains("\"createdAt\"") { return 0.95 }
        if sample.contains("\"log\"") && sample.contains("\"owner\"") && sample.contains("\"offset\"") { return 0.9 }
        return 0
    }
}
