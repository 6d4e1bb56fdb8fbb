/// Reads PagerDuty alerts from the REST API: `GET /incidents/{id}/alerts` or `GET /alerts`
/// (`{"alerts": [...]}`), one alert (`{"alert": {...}}`), or a bare array of alerts.
///
/// Each alert yields a `triggered` event at `created_at`, caused by its integration, and a
/// `resolved` event at `resolved_at` when the alert is resolved and says when. Times are ISO 8601
/// with their own offset (`2017-04-06T23:41:08-04:00`); zone-less ones use the source's zone.
///
/// ## Leniency
/// An alert without a usable `created_at`, or with an unreadable `resolved_at`, is kept raw.
public struct PagerDutyAlertParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "PagerDuty alerts",
        summary: "REST `GET /alerts` and `GET /incidents/{id}/alerts` responses (or a bare array): triggered at created_at, resolved at resolved_at; ISO 8601 offsets (zone-less: source zone)",
        eventKind: .alert, makeParser: { .document(PagerDutyAlertParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        let alerts: [JSONValue]
        if let list = root["alerts"]?.array {
            alerts = list
        } else if let single = root["alert"], single.object != nil {
            alerts = [single]
        } else if let list = root.array {
            alerts = list
        } else if root["alert_key"] != nil {
            alerts = [root]
        } else {
            throw DebriefError("expected 'alerts' or 'alert' (a PagerDuty alerts response)", path: sink.path)
        }
        for alert in alerts {
            read(alert, into: &sink)
        }
    }

    func read(_ alert: JSONValue, into sink: inout EventSink) {
        var attributes = Attributes()
        PagingFields.set("alert", alert["summary"], in: &attributes)
        PagingFields.set("alert.id", alert["id"], in: &attributes)
        PagingFields.set("fingerprint", alert["alert_key"], in: &attributes)
        PagingFields.set("incident", alert["incident"]?["id"], in: &attributes)
        PagingFields.set("status", alert["status"], in: &attributes)
        PagingFields.set("service", PagingFields.name(alert["service"]), in: &attributes)
        PagingFields.set("integration", PagingFields.name(alert["integration"]), in: &attributes)
        PagingFields.set("severity", alert["severity"], in: &attributes)
        PagingFields.set("suppressed", alert["suppressed"], in: &attributes)
        PagingFields.set("url", alert["html_url"], in: &attributes)
        let summary = alert["summary"]?.nonEmptyString ?? alert["id"]?.nonEmptyString ?? "(no summary)"
        let actor = PagingFields.name(alert["integration"]) ?? PagingFields.name(alert["service"])
        var triggered = attributes
        triggered["transition"] = Transition.triggered
        PagingFields.emit(
            at: alert["created_at"], into: &sink, actor: actor,
            severity: PagingFields.severity(alert["severity"]?.string), text: "Alert triggered: \(summary)",
            attributes: triggered, reason: "alert without a usable created_at")
        if alert["status"]?.string == "resolved", let resolvedAt = alert["resolved_at"], !resolvedAt.isNull {
            var resolved = attributes
            resolved["transition"] = Transition.resolved
            PagingFields.emit(
                at: resolvedAt, into: &sink, actor: actor, severity: .notice, text: "Alert resolved: \(summary)",
                attributes: resolved, reason: "alert with an unreadable resolved_at")
        }
    }

    /// Confident when the sample holds alert objects with an `alert_key`.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        if sample.contains("\"log_entries\"") || sample.contains("\"event_type\"") { return 0 }
        guard sample.contains("\"alert_key\""), sample.contains("\"created_at\"") else { return 0 }
        return 0.95
    }
}
