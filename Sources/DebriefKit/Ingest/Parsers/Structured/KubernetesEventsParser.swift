/// Reads Kubernetes events as `kubectl get events -o json` writes them: a `List`/`EventList` with
/// `items`, a single core/v1 `Event`, `events.k8s.io/v1` events, or several such documents one
/// after another (`kubectl get events -w -o json`).
///
/// ## Fields
/// - time: the first present of `lastTimestamp`, `deprecatedLastTimestamp`,
///   `series.lastObservedTime`, `eventTime`, `firstTimestamp`, `deprecatedFirstTimestamp`,
///   `metadata.creationTimestamp` (RFC 3339, UTC).
/// - text: `reason: message (Kind/name)`, the object from `involvedObject` (core/v1) or `regarding`
///   (events.k8s.io/v1), the message from `message` or `note`.
/// - severity: `type: Warning` → warning, `Normal` → info.
/// - actor: `source.component`, else `reportingController`/`reportingComponent`.
/// Attributes: `object`, `namespace`, `reason`, `type`, `count` (from `count`, `series.count` or
/// `deprecatedCount`), `host` (`source.host`), `field-path`, `first-time` when it differs from the
/// time used, `action`, `reporting-instance`.
///
/// ## Leniency
/// An item that is not an event or has no usable time is kept raw with a warning; a document that
/// is not JSON or holds no events is an error.
public struct KubernetesEventsParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Kubernetes events (kubectl get events -o json)",
        summary: "`kubectl get events -o json` (List/EventList, a single Event, events.k8s.io/v1, or a -w stream); time from lastTimestamp/eventTime/firstTimestamp/metadata.creationTimestamp (UTC); Warning → warning",
        eventKind: .log, makeParser: { .document(KubernetesEventsParser()) }, confidence: confidence(for:))

    /// Where the time may be, most telling first.
    static let timePaths = [
        "lastTimestamp", "deprecatedLastTimestamp", "series.lastObservedTime", "eventTime", "firstTimestamp",
        "deprecatedFirstTimestamp", "metadata.creationTimestamp",
    ]

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        var items: [JSONValue] = []
        for value in try JSONDocument.parseSequence(document, path: sink.path) {
            if let list = value["items"]?.array {
                items += list
            } else if let list = value.array {
                items += list
            } else {
                items.append(value)
            }
        }
        guard items.contains(where: Self.isEvent) else {
            throw DebriefError("no Kubernetes events found (expected an Event or a List with items)", path: sink.path)
        }
        for item in items {
            read(item, into: &sink)
        }
    }

    static func isEvent(_ item: JSONValue) -> Bool {
        item["kind"]?.string == "Event" || item["involvedObject"] != nil || item["regarding"] != nil
    }

    func read(_ item: JSONValue, into sink: inout EventSink) {
        let involved = item["involvedObject"] ?? item["regarding"]
        let object = [involved?["kind"]?.nonEmptyString, involved?["name"]?.nonEmptyString].compactMap { $0 }
            .joined(separator: "/")
        let reason = item["reason"]?.nonEmptyString
        let message = (item["message"] ?? item["note"])?.nonEmptyString
        var text = [reason, message].compactMap { $0 }.joined(separator: ": ")
        if !object.isEmpty { text += text.isEmpty ? object : " (\(object))" }
        guard Self.isEvent(item) else {
            sink.keepRaw(
                text: text.isEmpty ? "item of kind \(item["kind"]?.string ?? "unknown")" : text, line: nil, offset: nil,
                reason: "not a Kubernetes event", kind: "not a Kubernetes event")
            return
        }
        var found: (time: Instant, text: String)?
        for path in Self.timePaths {
            if let stamp = item.value(at: path)?.nonEmptyString, let time = sink.instant(text: stamp) {
                found = (time, stamp)
                break
            }
        }
        guard let found else {
            sink.keepRaw(
                text: text, line: nil, offset: nil, reason: "event without a usable timestamp",
                kind: "no timestamp field")
            return
        }
        var attributes = Attributes()
        if !object.isEmpty { attributes["object"] = object }
        attributes["namespace"] =
            involved?["namespace"]?.nonEmptyString ?? item.value(at: "metadata.namespace")?.nonEmptyString
        attributes["field-path"] = involved?["fieldPath"]?.nonEmptyString
        attributes["reason"] = reason
        let type = item["type"]?.nonEmptyString
        attributes["type"] = type
        attributes["count"] = (item["count"] ?? item.value(at: "series.count") ?? item["deprecatedCount"])?.text
        attributes["host"] = (item.value(at: "source.host") ?? item.value(at: "deprecatedSource.host"))?.nonEmptyString
        if let first = (item["firstTimestamp"] ?? item["deprecatedFirstTimestamp"])?.nonEmptyString, first != found.text
        {
            attributes["first-time"] = first
        }
        attributes["action"] = item["action"]?.nonEmptyString
        attributes["reporting-instance"] = (item["reportingInstance"])?.nonEmptyString
        let actor = [
            item.value(at: "source.component"), item["reportingController"], item["reportingComponent"],
            item.value(at: "deprecatedSource.component"),
        ].lazy.compactMap { $0?.nonEmptyString }.first
        let severity: Severity? =
            switch type {
            case "Warning": .warning
            case "Normal": .info
            default: nil
            }
        sink.emit(
            time: found.time, timeText: found.text, line: nil, offset: nil, kind: .log, actor: actor,
            severity: severity, text: text, attributes: attributes)
    }

    /// Confident when the sample is JSON naming an event's involved object (or an events.k8s.io event).
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        if sample.contains("\"involvedObject\"") && sample.contains("\"reason\"") { return 0.95 }
        if sample.contains("events.k8s.io/") && sample.contains("\"regarding\"") { return 0.95 }
        return 0
    }
}
