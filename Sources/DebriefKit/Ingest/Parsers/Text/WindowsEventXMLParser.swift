/// Reads Windows event log records exported as XML.
///
/// ## Accepted documents
/// - Event XML (the `EvtRender` shape): one `<Event xmlns="…/win/2004/08/events/event">`, several
///   wrapped in `<Events>` (`wevtutil qe … /f:xml /e:Events`), or several concatenated with no root
///   (`wevtutil qe … /f:xml`, `Get-WinEvent | % { $_.ToXml() }`), which are read as if wrapped.
/// - PowerShell's `Get-WinEvent | ConvertTo-Xml`: `<Objects><Object Type="…EventLogRecord">` with one
///   `<Property Name="…">` per record property.
///
/// ## Fields
/// Time is `TimeCreated/@SystemTime` (UTC, up to 7 fraction digits). ConvertTo-Xml writes
/// `TimeCreated` in the exporting machine's culture and zone (`4/25/2022 11:51:07 AM`, or
/// `25.04.2022 11:51:07`): it is read in the source zone, month first when slashed (day first if the
/// first number is over 12), day first when dotted. `Level` 1 is critical, 2 error, 3 warning,
/// 4 and 0 info, 5 debug; an audit failure (Security log keyword) is a warning. The provider is the
/// actor; the text is the rendered message when the export has one (`RenderingInfo/Message`,
/// `Message`), else the provider, event id and the event data. Event id, channel, computer, record
/// id, task, opcode, keywords, process, thread and user become attributes, and named `<Data>` items
/// `data.<Name>` (unnamed ones `data.<position>`).
///
/// ## Leniency
/// XML is parsed with `XMLTreeReader` (no network, no entity expansion). An event without a
/// readable time is kept raw; a document that is not well-formed or has no events is refused.
public struct WindowsEventXMLParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Windows event log XML",
        summary: "Windows events as XML (`wevtutil qe /f:xml`, `<Events>`, `Get-WinEvent | ConvertTo-Xml`); `SystemTime` is UTC, ConvertTo-Xml's culture-formatted time uses the source zone",
        eventKind: .log, makeParser: { .document(WindowsEventXMLParser()) }, confidence: confidence(for:))

    /// At most this many event-data items are kept per event, each cut to this many bytes.
    static let maxData = 32
    static let maxValueLength = 1024

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try Self.root(document, path: sink.path)
        switch root.name {
        case "Event":
            read(root, into: &sink)
        case "Objects":
            let objects = root.children("Object")
            guard !objects.isEmpty else { throw DebriefError("ConvertTo-Xml document without <Object> records", path: sink.path) }
            for object in objects { readObject(object, into: &sink) }
        default:
            var events = root.children("Event")
            if events.isEmpty { events = root.descendants("Event") }
            guard !events.isEmpty else {
                throw DebriefError("expected Windows event XML (<Event> records), found <\(root.name)>", path: sink.path)
            }
            for event in events { read(event, into: &sink) }
        }
    }

    /// The root element; concatenated `<Event>` documents are parsed inside a synthetic `<Events>`.
    static func root(_ document: [UInt8], path: String) throws -> XMLElement {
        do {
            return try XMLTreeReader.parse(document, path: path)
        } catch {
            var body = document[...]
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
            while let first = body.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
                body = body.dropFirst()
            }
            if body.starts(with: Array("<?xml".utf8)), let end = body.firstIndex(of: 0x3E) {
                body = body[(end + 1)...]
            }
            guard String(decoding: body.prefix(64), as: UTF8.self).contains("<Event"),
                let wrapped = try? XMLTreeReader.parse(Array("<Events>".utf8) + body + Array("</Events>".utf8), path: path)
            else { throw error }
            return wrapped
        }
    }

    // MARK: - Event XML

    private func read(_ event: XMLElement, into sink: inout EventSink) {
        let system = event.child("System")
        let provider = system?.child("Provider").flatMap { $0[attribute: "Name"] ?? $0[attribute: "EventSourceName"] }
        let eventID = system?.childText("EventID")
        let timeText = system?.child("TimeCreated")?[attribute: "SystemTime"]
        guard let timeText, let time = sink.instant(text: timeText, line: event.line) else {
            sink.keepRaw(
                text: "\(provider ?? "event") \(eventID ?? "")", line: event.line, offset: nil,
                reason: "event without a readable TimeCreated", kind: "no TimeCreated")
            return
        }
        var attributes = Attributes()
        if let eventID { attributes["event-id"] = eventID }
        for (name, key) in [
            ("EventRecordID", "record-id"), ("Channel", "channel"), ("Computer", "computer"), ("Task", "task"),
            ("Opcode", "opcode"), ("Keywords", "keywords"),
        ] {
            if let value = system?.childText(name) { attributes[key] = value }
        }
        if let execution = system?.child("Execution") {
            if let pid = execution[attribute: "ProcessID"] { attributes["pid"] = pid }
            if let tid = execution[attribute: "ThreadID"] { attributes["tid"] = tid }
        }
        if let user = system?.child("Security")?[attribute: "UserID"] { attributes["user"] = user }
        var data: [String] = []
        let items = (event.child("EventData")?.elements ?? []) + (event.child("UserData")?.elements.flatMap(\.elements) ?? [])
        for (position, item) in items.prefix(Self.maxData).enumerated() {
            let value = Self.clean(item.text)
            guard !value.isEmpty else { continue }
            let name = item[attribute: "Name"] ?? (item.name == "Data" ? String(position + 1) : item.name)
            attributes["data." + name] = value
            data.append(value)
        }
        let rendering = event.child("RenderingInfo")
        var severity = system?.childText("Level").flatMap { Int($0) }.flatMap(Self.severity(level:))
        if let keywords = attributes["keywords"], let audit = Self.audit(keywords) {
            attributes["audit"] = audit
            if audit == "failure" { severity = .warning }
        }
        let message = rendering?.childText("Message").map(Self.clean)
        if let level = rendering?.childText("Level") { attributes["level"] = level }
        let text = message ?? Self.summary(provider: provider, eventID: eventID, data: data)
        sink.emit(
            time: time, timeText: timeText, line: nil, offset: nil, kind: .log, actor: provider,
            severity: severity, text: text, attributes: attributes)
    }

    // MARK: - ConvertTo-Xml

    private func readObject(_ object: XMLElement, into sink: inout EventSink) {
        var properties: [String: XMLElement] = [:]
        for property in object.children("Property") {
            if let name = property[attribute: "Name"], properties[name] == nil { properties[name] = property }
        }
        func value(_ name: String) -> String? {
            guard let text = properties[name]?.trimmedText, !text.isEmpty else { return nil }
            return Self.clean(text)
        }
        let provider = value("ProviderName")
        let eventID = value("Id")
        let timeText = value("TimeCreated")
        guard let timeText, let time = sink.instant(text: timeText, line: object.line) ?? Self.cultureTime(timeText, sink: &sink, line: object.line)
        else {
            sink.keepRaw(
                text: "\(provider ?? "event") \(eventID ?? "")", line: object.line, offset: nil,
                reason: "event without a readable TimeCreated", kind: "no TimeCreated")
            return
        }
        var attributes = Attributes()
        if let eventID { attributes["event-id"] = eventID }
        for (name, key) in [
            ("RecordId", "record-id"), ("LogName", "channel"), ("MachineName", "computer"), ("TaskDisplayName", "task"),
            ("OpcodeDisplayName", "opcode"), ("ProcessId", "pid"), ("ThreadId", "tid"), ("LevelDisplayName", "level"),
        ] {
            if let text = value(name) { attributes[key] = text }
        }
        if let user = properties["UserId"]?.children("Property").first(where: { $0[attribute: "Name"] == "Value" }) {
            attributes["user"] = user.trimmedText
        }
        var data: [String] = []
        for item in (properties["Properties"]?.descendants("Property") ?? []).prefix(Self.maxData)
        where item[attribute: "Name"] == "Value" {
            let text = Self.clean(item.text)
            guard !text.isEmpty else { continue }
            data.append(text)
            attributes["data.\(data.count)"] = text
        }
        var severity = value("Level").flatMap { Int($0) }.flatMap(Self.severity(level:))
        if let keywords = value("Keywords"), let number = Int64(keywords), let audit = Self.audit(UInt64(bitPattern: number)) {
            attributes["audit"] = audit
            if audit == "failure" { severity = .warning }
        }
        let text = value("Message") ?? Self.summary(provider: provider, eventID: eventID, data: data)
        sink.emit(
            time: time, timeText: timeText, line: nil, offset: nil, kind: .log, actor: provider,
            severity: severity, text: text, attributes: attributes)
    }

    /// `M/d/yyyy h:mm:ss [AM|PM]`, `d.M.yyyy H:mm:ss` or `yyyy/M/d H:mm:ss`: culture-formatted local time.
    static func cultureTime(_ text: String, sink: inout EventSink, line: Int) -> Instant? {
        let parts = text.split(separator: " ")
        guard parts.count >= 2 else { return nil }
        let dotted = parts[0].contains(".")
        let date = parts[0].split(whereSeparator: { $0 == "/" || $0 == "." }).compactMap { Int($0) }
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, clock.count == 3 || clock.count == 2 else { return nil }
        let (year, month, day) =
            date[0] > 31
            ? (date[0], date[1], date[2])
            : dotted || date[0] > 12 ? (date[2], date[1], date[0]) : (date[2], date[0], date[1])
        var hour = clock[0]
        if parts.count >= 3 {
            let marker = parts[2].uppercased()
            if marker == "PM", hour < 12 { hour += 12 }
            if marker == "AM", hour == 12 { hour = 0 }
        }
        let civil = CivilDateTime(
            year: year, month: month, day: day, hour: hour, minute: clock[1], second: clock.count == 3 ? clock[2] : 0)
        guard civil.instant() != nil else { return nil }
        return sink.instant(for: ParsedTimestamp(civil: civil, offsetSeconds: nil, length: text.utf8.count), line: line)
    }

    // MARK: - Values

    /// Windows levels: 1 critical, 2 error, 3 warning, 0 and 4 information, 5 verbose.
    static func severity(level: Int) -> Severity? {
        switch level {
        case 1: .critical
        case 2: .error
        case 3: .warning
        case 0, 4: .info
        case 5: .debug
        default: nil
        }
    }

    /// `success` or `failure` for the Security log's audit keywords (`0x8020000000000000`, `0x8010…`).
    static func audit(_ keywords: String) -> String? {
        let hex = keywords.hasPrefix("0x") ? keywords.dropFirst(2) : Substring(keywords)
        guard let value = UInt64(hex, radix: 16) else { return nil }
        return audit(value)
    }

    static func audit(_ keywords: UInt64) -> String? {
        if keywords & 0x0010_0000_0000_0000 != 0 { return "failure" }
        if keywords & 0x0020_0000_0000_0000 != 0 { return "success" }
        return nil
    }

    /// `Provider 1001: value, value, …` for events exported without their rendered message.
    static func summary(provider: String?, eventID: String?, data: [String]) -> String {
        let head = [provider, eventID].compactMap { $0 }.joined(separator: " ")
        let detail = data.joined(separator: ", ")
        if detail.isEmpty { return head.isEmpty ? "Windows event" : head }
        return head.isEmpty ? detail : "\(head): \(detail)"
    }

    /// Trimmed, with CRLF line ends as LF, cut to `maxValueLength` bytes.
    static func clean(_ text: String) -> String {
        var value = text.trimmingWhitespace
        if value.utf8.contains(0x0D) { value = String(value.map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 }) }
        if value.utf8.count > maxValueLength {
            value = String(decoding: value.utf8.prefix(maxValueLength), as: UTF8.self) + "…"
        }
        return value
    }

    // MARK: - Detection

    /// Nearly certain on the Windows event namespace or ConvertTo-Xml's `EventLogRecord` objects.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x3C else { return 0 }
        if sample.contains("schemas.microsoft.com/win/2004/08/events/event") { return 0.96 }
        if sample.contains("<Objects>"), sample.contains("Eventing.Reader.EventLogRecord") { return 0.96 }
        if sample.contains("<Event>"), sample.contains("<System>"), sample.contains("<TimeCreated") { return 0.9 }
        return 0
    }
}
