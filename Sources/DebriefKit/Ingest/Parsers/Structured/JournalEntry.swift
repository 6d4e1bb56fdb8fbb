/// The fields of one systemd journal entry, gathered from any `journalctl` output mode (`json`,
/// `json-pretty`, `json-seq`, `export`), and the event they make.
///
/// Field names are the journal's own: `__REALTIME_TIMESTAMP` (µs since the epoch, UTC) is the time,
/// `_SOURCE_REALTIME_TIMESTAMP` the fallback; `MESSAGE` the text; `PRIORITY` (syslog 0–7) the
/// severity; `SYSLOG_IDENTIFIER`, else `_COMM`, the actor. `_HOSTNAME`, `_SYSTEMD_UNIT`, `_PID`,
/// `_BOOT_ID`, `_TRANSPORT` and `SYSLOG_FACILITY` become the attributes `host`, `unit`, `pid`,
/// `boot`, `transport` and `facility`; other fields written by the program (no leading `_`, such as
/// `UNIT`, `CODE_FILE` or `JOB_RESULT`) are kept under their own names; the remaining trusted and
/// address fields (`_CMDLINE`, `__CURSOR`, …) are dropped as noise.
struct JournalEntry {
    private var realtime: String?
    private var sourceRealtime: String?
    private var message: String?
    private var priority: String?
    private var identifier: String?
    private var command: String?
    private var syslogPID: String?
    private var attributes = Attributes()
    /// How many fields were added.
    private(set) var fieldCount = 0

    /// Fields renamed to attributes.
    private static let renamed: [(StaticString, String)] = [
        ("_HOSTNAME", "host"), ("_SYSTEMD_UNIT", "unit"), ("_SYSTEMD_USER_UNIT", "user-unit"), ("_PID", "pid"),
        ("_BOOT_ID", "boot"), ("_TRANSPORT", "transport"),
    ]
    /// Program-written fields that say nothing the event does not already say.
    private static let dropped: [StaticString] = ["SYSLOG_TIMESTAMP", "SYSLOG_RAW"]

    /// Adds one field; `value` is decoded only if the field is kept (nil for a JSON `null`).
    mutating func add(key: UnsafeRawBufferPointer, value: () -> String?) {
        fieldCount += 1
        guard let first = key.first else { return }
        if first == 0x5F {  // "_": trusted and address fields
            if Self.equals(key, "__REALTIME_TIMESTAMP") {
                realtime = value()
            } else if Self.equals(key, "_SOURCE_REALTIME_TIMESTAMP") {
                sourceRealtime = value()
            } else if Self.equals(key, "_COMM") {
                command = value()
            } else if let name = Self.renamed.first(where: { Self.equals(key, $0.0) })?.1, let text = value() {
                attributes[name] = text
            }
            return
        }
        if Self.equals(key, "MESSAGE") {
            message = value()
        } else if Self.equals(key, "PRIORITY") {
            priority = value()
        } else if Self.equals(key, "SYSLOG_IDENTIFIER") {
            identifier = value()
        } else if Self.equals(key, "SYSLOG_PID") {
            syslogPID = value()
        } else if Self.equals(key, "SYSLOG_FACILITY") {
            if let text = value(), let number = Int(text), SyslogParser.facilityNames.indices.contains(number) {
                attributes["facility"] = SyslogParser.facilityNames[number]
            }
        } else if attributes.count < JSONLinesParser.maxAttributes,
            !Self.dropped.contains(where: { Self.equals(key, $0) }), let text = value()
        {
            JSONLinesParser.keep(String(decoding: key, as: UTF8.self), text, in: &attributes)
        }
    }

    /// Emits the entry as a `log` event, or keeps `raw()` raw when it has no usable timestamp.
    func emit(line: Int, offset: Int64, into sink: inout EventSink, raw: () -> String) {
        guard let timeText = realtime ?? sourceRealtime else {
            sink.keepRaw(
                text: raw(), line: line, offset: offset, reason: "journal entry without __REALTIME_TIMESTAMP",
                kind: "no journal timestamp")
            return
        }
        guard let microseconds = Int64(timeText), microseconds >= 0, microseconds < Int64.max / 1000 else {
            sink.keepRaw(
                text: raw(), line: line, offset: offset,
                reason: "unrecognised journal timestamp '\(timeText.prefix(40))'", kind: "unrecognised timestamp")
            return
        }
        var attributes = self.attributes
        if attributes["pid"] == nil, let syslogPID { attributes["pid"] = syslogPID }
        var severity: Severity?
        if let priority {
            if let number = Int(priority), (0...7).contains(number) {
                severity = Severity(syslogSeverity: number)
            } else {
                attributes["priority"] = priority
            }
        }
        var actor = identifier ?? command
        if actor == nil, attributes["transport"] == "kernel" { actor = "kernel" }
        sink.emit(
            time: Instant(nanosecondsSinceEpoch: microseconds * 1000), timeText: timeText, line: line, offset: offset,
            kind: .log, actor: actor, severity: severity, text: message ?? "", attributes: attributes)
    }

    /// The value of a JSON member as journalctl writes it: a string, a number, an array of byte
    /// values (a field that is not valid UTF-8, or has control characters), or an array of those for
    /// a field that occurs more than once (joined with newlines). Nil for `null`.
    static func text(of member: JSONScanner.Member) -> String? {
        switch member.kind {
        case .null:
            return nil
        case .array:
            guard let values = try? JSONParser(maxDepth: 4).parse(member.value).array else { return nil }
            return text(ofArray: values)
        default:
            return member.stringValue
        }
    }

    private static func text(ofArray values: [JSONValue]) -> String? {
        if values.allSatisfy({ if case .number = $0 { true } else { false } }) {
            let bytes = values.compactMap { $0.int64.flatMap { UInt8(exactly: $0) } }
            return String(decoding: bytes, as: UTF8.self)
        }
        let parts = values.compactMap { value -> String? in
            if let array = value.array { return text(ofArray: array) }
            return value.text
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    @inline(__always)
    private static func equals(_ key: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        JSONScanner.equalsIgnoringCase(key, name)
    }
}
