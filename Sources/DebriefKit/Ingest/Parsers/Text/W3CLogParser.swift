/// Reads W3C extended log files as IIS (and IIS Advanced Logging) writes them.
///
/// Directive lines (`#Software:`, `#Version:`, `#Date:`, `#Start-Date:`, `#Fields:`, `#Remark:`)
/// are not records; `#Fields:` names the columns of the lines after it, and a later `#Fields:` (a
/// restarted server appending to the file) replaces it. Values are separated by spaces; `-` means
/// empty; a value in double quotes may hold spaces, and `""` inside it is a quote.
///
/// Time comes from `date` and `time`, which the W3C format defines as UTC; `date-local` and
/// `time-local` (IIS Advanced Logging) are local times and use the source zone. A file with only a
/// `time` column takes the date of its `#Date:` directive. `sc-status` gives the severity (5xx
/// error, 4xx notice); every other column is kept as an attribute under its W3C name, with the
/// common ones also under the names the access-log format uses (`status`, `method`, `path`,
/// `client`). A data line before any `#Fields:`, or without a readable date and time, is kept raw.
public struct W3CLogParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "IIS / W3C extended log",
        summary: "W3C extended log format (`#Fields:` directive names the columns) as IIS writes it; `date time` are UTC by the W3C definition, `date-local time-local` use the source zone",
        eventKind: .log, makeParser: { .lines(W3CLogParser()) }, confidence: confidence(for:))

    /// W3C names also kept under the access-log names.
    static let commonNames: [String: String] = [
        "sc-status": "status", "cs-method": "method", "cs-uri-stem": "path", "cs-uri-query": "query",
        "c-ip": "client", "cs-username": "user", "cs(User-Agent)": "user-agent", "cs(Referer)": "referer",
    ]
    /// Cap on the columns read from one line, and on the bytes kept of one value.
    static let maxFields = 64
    static let maxValueLength = 2048

    private var fields: [String] = []
    private var dateIndex: Int?
    private var timeIndex: Int?
    private var localTime = false
    private var directiveDate: String?

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        let bytes = line.bytes
        if bytes.first == 0x23 {
            directive(line.text)
            return
        }
        guard !fields.isEmpty else {
            sink.keepRaw(line, reason: "data line before any #Fields: directive", kind: "no #Fields directive")
            return
        }
        let values = Self.values(bytes)
        func value(_ index: Int?) -> String? {
            guard let index, index < values.count else { return nil }
            return values[index]
        }
        guard let timeText = value(timeIndex), let dateText = value(dateIndex) ?? directiveDate,
            let time = instant(date: dateText, time: timeText, line: line.number, sink: &sink)
        else {
            sink.keepRaw(line, reason: "no readable date and time", kind: "no readable date and time")
            return
        }
        var attributes = Attributes()
        for (index, name) in fields.enumerated() where index != dateIndex && index != timeIndex {
            guard var text = value(index), text != "-", !text.isEmpty else { continue }
            if text.utf8.count > Self.maxValueLength {
                text = String(decoding: text.utf8.prefix(Self.maxValueLength), as: UTF8.self) + "…"
            }
            attributes[Self.commonNames[name] ?? name] = text
        }
        if values.count != fields.count {
            attributes["field-count"] = "\(values.count) of \(fields.count)"
        }
        let status = attributes["status"].flatMap { Int($0) }
        let method = attributes["method"] ?? "-"
        let path = attributes["path"] ?? "-"
        let actor = attributes["s-computername"] ?? attributes["s-sitename"]
        sink.emit(
            time: time, timeText: "\(dateText) \(timeText)", line: line.number, offset: line.offset, kind: .log,
            actor: actor, severity: status.map(HTTPStatus.severity), text: "\(method) \(path) \(status.map(String.init) ?? "-")",
            attributes: attributes)
    }

    private mutating func directive(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[text.index(after: text.startIndex)..<colon]
        let value = String(text[text.index(after: colon)...]).trimmingWhitespace
        switch name {
        case "Fields":
            fields = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(Self.maxFields).map(String.init)
            dateIndex = fields.firstIndex { $0 == "date" || $0 == "date-local" || $0 == "date-UTC" }
            timeIndex = fields.firstIndex { $0 == "time" || $0 == "time-local" || $0 == "time-UTC" }
            localTime = timeIndex.map { fields[$0].hasSuffix("-local") } ?? false
        case "Date", "Start-Date":
            directiveDate = value.split(separator: " ").first.map(String.init)
        default:
            break
        }
    }

    private func instant(date: String, time: String, line: Int, sink: inout EventSink) -> Instant? {
        var text = date + " " + time
        let parsed = text.withUTF8 { utf8 -> ParsedTimestamp? in
            let bytes = UnsafeRawBufferPointer(utf8)
            guard let parsed = TimestampParser.iso8601(bytes, at: 0), parsed.length == bytes.count else { return nil }
            return parsed
        }
        guard var parsed else { return nil }
        if !localTime, parsed.offsetSeconds == nil { parsed.offsetSeconds = 0 }
        return sink.instant(for: parsed, line: line)
    }

    /// The space-separated values of a data line; quoted values keep their spaces, `""` is a quote.
    static func values(_ bytes: UnsafeRawBufferPointer) -> [String] {
        var values: [String] = []
        var i = 0
        let n = bytes.count
        while i < n, values.count < maxFields {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i < n else { break }
            if bytes[i] == 0x22 {
                var value: [UInt8] = []
                i += 1
                while i < n {
                    if bytes[i] == 0x22 {
                        if i + 1 < n, bytes[i + 1] == 0x22 {
                            value.append(0x22)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    value.append(bytes[i])
                    i += 1
                }
                values.append(String(decoding: value, as: UTF8.self))
            } else {
                let start = i
                while i < n, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
                values.append(LogLineHeader.text(bytes, start..<i))
            }
        }
        return values
    }

    /// Confident when the sample has a `#Fields:` directive, more so with `#Software:` or `#Version:`.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x23 else { return 0 }
        let directives = sample.lines.prefix(12).filter { $0.hasPrefix("#") }
        guard directives.contains(where: { $0.hasPrefix("#Fields:") }) else { return 0 }
        return directives.contains { $0.hasPrefix("#Software:") || $0.hasPrefix("#Version:") } ? 0.97 : 0.9
    }
}
