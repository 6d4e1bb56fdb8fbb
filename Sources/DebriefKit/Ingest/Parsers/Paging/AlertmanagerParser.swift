/// Reads Prometheus Alertmanager webhook notifications (`{"version": "4", "status": "firing",
/// "alerts": [...], "groupKey": …}`): one, an array, or a receiver's log of them (JSON lines or
/// pretty-printed bodies one after another).
///
/// Each alert yields a `triggered` event at `startsAt` and, when its status (or, without one, the
/// notification's) is `resolved`, a `resolved` event at `endsAt`; `0001-01-01T00:00:00Z` means "not
/// resolved". Times are RFC 3339 with any fraction and their own offset (`…21.873077559-05:00`).
/// Text comes from the `summary` and `description` annotations, else the `alertname` label; the
/// severity from the `severity` label; the actor is the `service`, `job`, `instance` or `host` label.
/// Labels and annotations become `label.*` and `annotation.*` attributes. An alert seen again in a
/// later notification (same fingerprint, or same labels, and same `startsAt`) is marked `repeat`.
///
/// ## Leniency
/// A payload that is not JSON or has no `alerts`, or an alert without a usable `startsAt`, is kept
/// raw with its line; an unreadable `endsAt` on a resolved alert is kept raw too.
public struct AlertmanagerParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Prometheus Alertmanager webhooks",
        summary: "webhook notifications (version 4): one, an array or a receiver's log; each alert fires at startsAt and resolves at endsAt (RFC 3339 with its offset, any fraction)",
        eventKind: .alert, makeParser: { .document(AlertmanagerParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        var seen = Set<String>()
        try JSONPayloadStream.forEachPayload(in: document, into: &sink) { payload, line, offset, sink in
            guard payload["alerts"]?.array != nil else { return "not an Alertmanager notification (no alerts)" }
            Self.readNotification(payload, system: "Alertmanager", line: line, offset: offset, seen: &seen, into: &sink)
            return nil
        }
    }

    /// Reads the alerts of one notification; `decorate` adds attributes of a dialect (Grafana) to
    /// each alert's events.
    static func readNotification(
        _ payload: JSONValue, system: String, line: Int?, offset: Int64?, seen: inout Set<String>,
        into sink: inout EventSink, decorate: (_ alert: JSONValue, _ attributes: inout Attributes) -> Void = { _, _ in }
    ) {
        for alert in payload["alerts"]?.array ?? [] {
            let labels = alert["labels"]
            let annotations = alert["annotations"]
            let status = alert["status"]?.nonEmptyString ?? payload["status"]?.nonEmptyString ?? "firing"
            let name = labels?["alertname"]?.nonEmptyString
            var attributes = Attributes()
            PagingFields.set("alert", name, in: &attributes)
            PagingFields.set("status", status, in: &attributes)
            PagingFields.set("fingerprint", alert["fingerprint"], in: &attributes)
            PagingFields.set("url", alert["generatorURL"], in: &attributes)
            PagingFields.set("severity", labels?["severity"], in: &attributes)
            PagingFields.set("service", labels?["service"] ?? labels?["job"], in: &attributes)
            PagingFields.set("receiver", payload["receiver"], in: &attributes)
            PagingFields.copy(labels, prefix: "label", into: &attributes)
            PagingFields.copy(annotations, prefix: "annotation", into: &attributes)
            decorate(alert, &attributes)
            let actor =
                labels?["service"]?.nonEmptyString ?? labels?["job"]?.nonEmptyString
                ?? labels?["instance"]?.nonEmptyString ?? labels?["host"]?.nonEmptyString ?? system
            let summary = annotations?["summary"]?.nonEmptyString
            let description = annotations?["description"]?.nonEmptyString ?? annotations?["message"]?.nonEmptyString
            let about: String =
                switch (summary, description) {
                case (let summary?, let description?) where summary != description: "\(summary): \(description)"
                case (let summary?, _): summary
                case (nil, let description?): description
                case (nil, nil): name ?? "alert"
                }
            let identity = Self.identity(of: alert)
            var triggered = attributes
            triggered["transition"] = Transition.triggered
            if !seen.insert("triggered " + identity).inserted { triggered["repeat"] = "true" }
            PagingFields.emit(
                at: alert["startsAt"], into: &sink, line: line, offset: offset, actor: actor,
                severity: PagingFields.severity(labels?["severity"]?.text), text: "Firing: \(about)",
                attributes: triggered, reason: "\(system) alert without a usable startsAt")
            guard status == "resolved", let endsAt = alert["endsAt"], endsAt.text?.hasPrefix("0001-") == false else {
                continue
            }
            var resolved = attributes
            resolved["transition"] = Transition.resolved
            if !seen.insert("resolved " + identity).inserted { resolved["repeat"] = "true" }
            PagingFields.emit(
                at: endsAt, into: &sink, line: line, offset: offset, actor: actor, severity: .notice,
                text: "Resolved: \(about)", attributes: resolved,
                reason: "resolved \(system) alert with an unreadable endsAt")
        }
    }

    /// What makes an alert the same one in a later notification: its fingerprint (else its labels)
    /// and its start.
    static func identity(of alert: JSONValue) -> String {
        let labels = alert["labels"]?.object?.members.map { "\($0.key)=\($0.value.text ?? "")" }.sorted()
        let key = alert["fingerprint"]?.nonEmptyString ?? labels?.joined(separator: ",") ?? ""
        return key + "@" + (alert["startsAt"]?.text ?? "")
    }

    /// Confident when the sample holds a notification's `alerts` with `startsAt`.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        guard sample.contains("\"alerts\""), sample.contains("\"startsAt\"") else { return 0 }
        let envelope =
            sample.contains("\"groupKey\"") || sample.contains("\"receiver\"") || sample.contains("\"commonLabels\"")
        return envelope ? 0.95 : 0.7
    }
}
