/// Reads Amazon CloudWatch Logs as the AWS CLI prints them: `aws logs filter-log-events` and
/// `get-log-events` (`{"events": [{"timestamp", "message", "logStreamName", …}]}`, pages possibly
/// appended to one file), and Logs Insights results (`aws logs get-query-results`: `results` rows
/// of `{"field", "value"}` cells).
///
/// ## Fields
/// - time: `timestamp`, milliseconds since the epoch; Insights' `@timestamp`
///   (`2026-11-17 13:58:31.000`), which CloudWatch writes in UTC without saying so.
/// - text: `message` (`@message`) without its trailing newline; the severity is guessed from it
///   (attribute `severity-basis: text`).
/// - actor: the log stream (`logStreamName`, `@logStream`); attributes `stream`, `event-id`,
///   `ingestion-time`, `log-group` (Insights `@log`) and the other Insights fields.
///
/// ## Leniency
/// An event without a usable timestamp is kept raw with a warning; a document with neither
/// `events` nor `results` is an error.
public struct CloudWatchLogsParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "CloudWatch Logs (aws logs filter-log-events / get-log-events / get-query-results)",
        summary: "AWS CLI `logs filter-log-events`/`get-log-events` JSON and Logs Insights `get-query-results`; time from timestamp (epoch ms) or @timestamp (UTC), actor the log stream, severity guessed from the message",
        eventKind: .log, makeParser: { .document(CloudWatchLogsParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        var found = false
        for page in try JSONDocument.parseSequence(document, path: sink.path) {
            if let events = page["events"]?.array {
                found = true
                for event in events { read(event: event, into: &sink) }
            } else if let rows = page["results"]?.array {
                found = true
                for row in rows { read(insightsRow: row, into: &sink) }
            }
        }
        guard found else {
            throw DebriefError(
                "expected 'events' (filter-log-events, get-log-events) or 'results' (get-query-results)",
                path: sink.path)
        }
    }

    func read(event: JSONValue, into sink: inout EventSink) {
        let message = Self.trimmed(event["message"]?.text ?? "")
        guard let stamp = event["timestamp"]?.text, let time = sink.instant(json: event["timestamp"]) else {
            sink.keepRaw(
                text: message, line: nil, offset: nil, reason: "log event without a usable timestamp",
                kind: "no timestamp field")
            return
        }
        var attributes = Attributes()
        let stream = event["logStreamName"]?.nonEmptyString
        attributes["stream"] = stream
        attributes["event-id"] = event["eventId"]?.text
        attributes["ingestion-time"] = event["ingestionTime"]?.text
        let severity = SeverityGuess.guess(message, noting: &attributes)
        sink.emit(
            time: time, timeText: stamp, line: nil, offset: nil, kind: .log, actor: stream, severity: severity,
            text: message, attributes: attributes)
    }

    func read(insightsRow row: JSONValue, into sink: inout EventSink) {
        var cells: [(field: String, value: String)] = []
        for cell in row.array ?? [] {
            if let field = cell["field"]?.string, let value = cell["value"]?.text { cells.append((field, value)) }
        }
        func cell(_ name: String) -> String? { cells.first { $0.field == name }?.value }
        let message = Self.trimmed(cell("@message") ?? "")
        // A query that selects no @message (`fields status, path`) still says something.
        let fields = cells.filter { !$0.field.hasPrefix("@") }
        let text = message.isEmpty ? fields.map { "\($0.field)=\($0.value)" }.joined(separator: " ") : message
        // Insights writes @timestamp in UTC without a zone: read it as UTC, not in the source's zone.
        guard let stamp = cell("@timestamp"), let parsed = TimestampParser.any(stamp),
            let time = parsed.civil.instant(offsetSeconds: parsed.offsetSeconds ?? 0)
        else {
            sink.keepRaw(
                text: text, line: nil, offset: nil, reason: "result row without a usable @timestamp",
                kind: "no timestamp field")
            return
        }
        var attributes = Attributes()
        let stream = cell("@logStream")
        attributes["stream"] = stream
        attributes["log-group"] = cell("@log")
        for (field, value) in fields {
            JSONLinesParser.keep(field, value, in: &attributes)
        }
        let severity = SeverityGuess.guess(message, noting: &attributes)
        sink.emit(
            time: time, timeText: stamp, line: nil, offset: nil, kind: .log, actor: stream, severity: severity,
            text: text, attributes: attributes)
    }

    /// The message without the newline CloudWatch agents leave at its end.
    static func trimmed(_ message: String) -> String {
        var text = Substring(message)
        while let last = text.last, last == "\n" || last == "\r\n" || last == "\r" { text = text.dropLast() }
        return String(text)
    }

    /// Confident when the sample is JSON with CloudWatch event or Insights members.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B else { return 0 }
        if sample.contains("\"events\""),
            sample.contains("\"ingestionTime\"") || sample.contains("\"logStreamName\"")
                || sample.contains("\"nextForwardToken\"")
        {
            return 0.95
        }
        if sample.contains("\"results\""), sample.contains("\"@timestamp\""), sample.contains("\"field\"") {
            return 0.9
        }
        return 0
    }
}
