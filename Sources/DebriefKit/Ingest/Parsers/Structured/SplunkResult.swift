/// One Splunk search result (an event) gathered field by field, from JSON or CSV exports, and the
/// event it makes.
///
/// `_time` is the time (as Splunk formats it: `2026-11-17T13:58:31.000+00:00`,
/// `2026-11-17 13:58:31.000 UTC`, or epoch seconds; zone-less times use the source's zone), `_raw`
/// the text. `host`, `source`, `sourcetype` and `index` become attributes; the actor is a
/// `service`/`app` field if there is one, else the host. The severity comes from a `log_level`,
/// `level`, `severity`, `loglevel` or `lvl` field, else it is guessed from `_raw`. Other fields are
/// kept as attributes (at most 32), except Splunk's internal ones (`_cd`, `_bkt`, `_serial`, `punct`,
/// `date_*`, `linecount`, `splunk_server`, …). Multi-value fields are joined with `, `.
struct SplunkResult {
    private var time: String?
    private var raw: String?
    private var host: String?
    private var service: String?
    private var level: String?
    private var attributes = Attributes()

    /// Fields Splunk adds to every event that say nothing about it.
    static let internalFields: Set<String> = [
        "punct", "linecount", "splunk_server", "splunk_server_group", "timestartpos", "timeendpos", "eventtype",
        "tag", "date_hour", "date_mday", "date_minute", "date_month", "date_second", "date_wday", "date_year",
        "date_zone",
    ]
    static let levelFields: Set<String> = ["log_level", "level", "severity", "loglevel", "lvl"]

    /// Adds one field; `value` is decoded only if the field is kept (nil for `null`).
    mutating func add(_ name: String, _ value: () -> String?) {
        switch name {
        case "_time": time = value()
        case "_raw": raw = value()
        case "host":
            host = value()
            attributes["host"] = host
        case "service", "app":
            let text = value()
            if service == nil { service = text }
            attributes[name] = text
        case "source", "sourcetype", "index":
            attributes[name] = value()
        default:
            if name.hasPrefix("_") || name.hasPrefix("tag::") || Self.internalFields.contains(name) { return }
            if level == nil, Self.levelFields.contains(name) {
                level = value()
            } else if attributes.count < JSONLinesParser.maxAttributes, let text = value() {
                JSONLinesParser.keep(name, text, in: &attributes)
            }
        }
    }

    /// Adds the members of a result object's JSON bytes; false when the bytes are not an object.
    mutating func add(json bytes: UnsafeRawBufferPointer) -> Bool {
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: bytes) { member in
                add(member.keyString) { Self.text(of: member) }
            }
            return true
        } catch {
            return false
        }
    }

    /// Emits the result, or keeps `rawText()` raw when it has no usable `_time`.
    func emit(line: Int?, offset: Int64?, into sink: inout EventSink, rawText: () -> String) {
        guard let time, let instant = sink.instant(text: time, line: line) else {
            sink.keepRaw(
                text: raw ?? rawText(), line: line, offset: offset,
                reason: time.map { "unrecognised _time '\($0.prefix(40))'" } ?? "result without _time",
                kind: "no timestamp field")
            return
        }
        var attributes = attributes
        var severity = level.flatMap { Severity(levelName: $0) }
        if severity == nil, let level { attributes["level"] = level }
        let text = raw ?? attributes.filter { $0.key != "host" }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        if severity == nil, let raw { severity = SeverityGuess.guess(raw, noting: &attributes) }
        sink.emit(
            time: instant, timeText: time, line: line, offset: offset, kind: .log, actor: service ?? host,
            severity: severity, text: text, attributes: attributes)
    }

    /// A JSON field's text: scalars as written, arrays (multi-value fields) joined with `, `.
    private static func text(of member: JSONScanner.Member) -> String? {
        switch member.kind {
        case .null, .object:
            return nil
        case .array:
            var parts: [String] = []
            try? JSONScanner.forEachElement(in: member.value) { element in
                if element.kind != .object, element.kind != .array, element.kind != .null {
                    parts.append(element.stringValue)
                }
            }
            return parts.joined(separator: ", ")
        default:
            return member.stringValue
        }
    }
}
