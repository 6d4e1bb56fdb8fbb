/// Reads Grafana alert webhook notifications: unified alerting (Grafana 8 and later; Alertmanager's
/// shape plus `orgId`, `title`, `state`, `message` and per-alert `values`, `valueString`,
/// `dashboardURL`, `panelURL`, `silenceURL`) and legacy dashboard alerts (`ruleName`, `ruleUrl`,
/// `state: alerting|ok|no_data`, `evalMatches`). One payload, an array, or a receiver's log of them.
///
/// Unified alerts are read as Alertmanager's are (`triggered` at `startsAt`, `resolved` at `endsAt`
/// when resolved; times with their own offset), with Grafana's extras as attributes. Legacy payloads
/// carry no time at all, so they are kept raw (placed beside the record before them) with a warning
/// that says so.
///
/// ## Leniency
/// A payload that is not JSON or is neither shape is kept raw with its line, as is an alert without a
/// usable `startsAt`.
public struct GrafanaAlertParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Grafana alert webhooks",
        summary: "unified-alerting webhook notifications (Alertmanager-shaped, plus values and dashboard/panel links): one, an array or a receiver's log; RFC 3339 with its offset; legacy payloads have no time and are kept raw",
        eventKind: .alert, makeParser: { .document(GrafanaAlertParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        var seen = Set<String>()
        try JSONPayloadStream.forEachPayload(in: document, into: &sink) { payload, line, offset, sink in
            if payload["alerts"]?.array != nil {
                AlertmanagerParser.readNotification(
                    payload, system: "Grafana", line: line, offset: offset, seen: &seen, into: &sink
                ) { alert, attributes in
                    Self.decorate(alert, payload: payload, attributes: &attributes)
                }
                return nil
            }
            guard payload["ruleName"] != nil || payload["evalMatches"] != nil else {
                return "not a Grafana alert notification (no alerts or ruleName)"
            }
            let rule = payload["ruleName"]?.nonEmptyString ?? payload["title"]?.nonEmptyString ?? "(no rule name)"
            let state = payload["state"]?.nonEmptyString ?? "unknown"
            sink.keepRaw(
                text: "\(payload["title"]?.nonEmptyString ?? rule) (state \(state))"
                    + (payload["message"]?.nonEmptyString.map { ": \($0)" } ?? ""),
                line: line, offset: offset,
                reason: "legacy Grafana alert '\(rule)' carries no time (Grafana sends none)",
                kind: "legacy Grafana alert")
            return nil
        }
    }

    /// Grafana's additions to an Alertmanager-shaped alert.
    static func decorate(_ alert: JSONValue, payload: JSONValue, attributes: inout Attributes) {
        if let values = alert["values"]?.object {
            let rendered = values.members.prefix(PagingFields.maxMapAttributes).map {
                "\($0.key)=\($0.value.text ?? "?")"
            }
            PagingFields.set("values", rendered.joined(separator: ", "), in: &attributes)
        }
        PagingFields.set("value-string", alert["valueString"], in: &attributes)
        PagingFields.set("dashboard-url", alert["dashboardURL"], in: &attributes)
        PagingFields.set("panel-url", alert["panelURL"], in: &attributes)
        PagingFields.set("silence-url", alert["silenceURL"], in: &attributes)
        PagingFields.set("image-url", alert["imageURL"], in: &attributes)
        PagingFields.set("folder", alert["labels"]?["grafana_folder"], in: &attributes)
        PagingFields.set("title", payload["title"], in: &attributes)
        PagingFields.set("state", payload["state"], in: &attributes)
        PagingFields.set("org-id", payload["orgId"], in: &attributes)
    }

    /// Confident when the sample has Grafana's members beside the alerts, or a legacy rule payload.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        if sample.contains("\"alerts\"") && sample.contains("\"startsAt\"") {
            let grafana =
                sample.contains("\"orgId\"") || sample.contains("\"dashboardURL\"") || sample.contains("\"panelURL\"")
                || sample.contains("\"valueString\"") || sample.contains("\"grafana_folder\"")
            return grafana ? 0.97 : 0
        }
        if sample.contains("\"ruleName\"") && (sample.contains("\"evalMatches\"") || sample.contains("\"ruleUrl\"")) {
            return 0.9
        }
        return 0
    }
}
