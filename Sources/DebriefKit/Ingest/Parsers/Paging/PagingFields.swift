/// Steps shared by the paging and alerting parsers: alert severities, bounded attributes, and the
/// names of people and services in payloads.
enum PagingFields {
    /// How many labels, annotations or details of one alert become attributes.
    static let maxMapAttributes = 24
    /// Attribute values are cut to this many bytes.
    static let maxAttributeLength = 512

    /// The severity an alerting system's level stands for: Alertmanager `severity` labels (`page`,
    /// `critical`, `warning`, …), PagerDuty and Opsgenie priorities (`P1` … `P5`), urgencies and the
    /// common log-level names. Nil when the text names no known level.
    static func severity(_ name: String?) -> Severity? {
        guard let name = name?.trimmingWhitespace, !name.isEmpty else { return nil }
        switch name.lowercased() {
        case "page", "pager", "p0", "p1", "sev0", "sev1", "sev-0", "sev-1", "disaster", "blocker":
            return .critical
        case "major", "high", "p2", "sev2", "sev-2", "average":
            return .error
        case "minor", "p3", "sev3", "sev-3", "medium", "moderate":
            return .warning
        case "low", "p4", "p5", "sev4", "sev-4", "sev5", "sev-5":
            return .info
        default:
            return Severity(levelName: name)
        }
    }

    /// Sets `key` to the text of `value` (a non-empty string, a number or a bool), cut to the limit.
    static func set(_ key: String, _ value: JSONValue?, in attributes: inout Attributes) {
        guard let value else { return }
        if case .string = value {
            set(key, value.nonEmptyString, in: &attributes)
        } else {
            set(key, value.text, in: &attributes)
        }
    }

    /// Sets `key` to `value` when it is present and not empty, cut to the limit.
    static func set(_ key: String, _ value: String?, in attributes: inout Attributes) {
        guard let value, !value.isEmpty else { return }
        if value.utf8.count > maxAttributeLength {
            attributes[key] = String(decoding: value.utf8.prefix(maxAttributeLength), as: UTF8.self) + "…"
        } else {
            attributes[key] = value
        }
    }

    /// Copies the scalar members of a string map (labels, annotations, details) as `prefix.name`.
    static func copy(_ map: JSONValue?, prefix: String, into attributes: inout Attributes) {
        guard let object = map?.object else { return }
        for member in object.members.prefix(maxMapAttributes) {
            set(prefix + "." + member.key, member.value, in: &attributes)
        }
    }

    /// Emits an alert event at the time in `time` (ISO 8601 with or without an offset, or an epoch
    /// number); when the time is missing or unreadable, keeps `text` raw with `reason` instead.
    static func emit(
        at time: JSONValue?, into sink: inout EventSink, line: Int? = nil, offset: Int64? = nil,
        kind: Event.Kind = .alert, actor: String?, severity: Severity?, text: String, attributes: Attributes,
        reason: String
    ) {
        guard let timeText = time?.text, let instant = sink.instant(text: timeText, line: line) else {
            sink.keepRaw(text: text, line: line, offset: offset, reason: reason)
            return
        }
        sink.emit(
            time: instant, timeText: timeText, line: line, offset: offset, kind: kind, actor: actor,
            severity: severity, text: text, attributes: attributes)
    }

    /// The display name in a PagerDuty-style reference (`{"summary": "Dana Whitfield", …}`), or a
    /// plain string.
    static func name(_ reference: JSONValue?) -> String? {
        guard let reference else { return nil }
        return reference.nonEmptyString ?? reference["summary"]?.nonEmptyString ?? reference["name"]?.nonEmptyString
    }

    /// The names in a list of references, joined with commas; nil when there are none.
    static func names(_ references: JSONValue?) -> String? {
        let names = (references?.array ?? []).compactMap { name($0) ?? name($0["assignee"]) ?? name($0["user"]) }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }
}
