/// Reads Grafana Loki `query_range` (or `query`) HTTP API responses for log queries:
/// `{"data": {"resultType": "streams", "result": [{"stream": {labels}, "values": [["<ns>", "line"], …]}]}}`.
///
/// Each value is one event: the time is the nanosecond epoch string (UTC), the text the log line,
/// and the stream's labels (plus a value's structured-metadata object, Loki 3) are read as
/// `LokiLabels` describes: all kept as attributes, actor from `service_name`/`app`/`job`/…,
/// severity from `level`/`detected_level`, else guessed from the line. Loki returns newest first by
/// default; the timeline sorts.
///
/// ## Leniency
/// A value without a usable timestamp is kept raw with a warning; a metric result (`matrix`,
/// `vector`) or a document without `data.result` is an error.
public struct LokiQueryRangeParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Grafana Loki query_range response",
        summary: "Loki `/loki/api/v1/query_range` JSON (resultType streams); time from the nanosecond epoch of each value (UTC); labels as attributes, actor service_name/app/job, level label or guessed severity",
        eventKind: .log, makeParser: { .document(LokiQueryRangeParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        var found = false
        for response in try JSONDocument.parseSequence(document, path: sink.path) {
            let data = response["data"] ?? response
            if let type = data["resultType"]?.string, type != "streams" {
                throw DebriefError(
                    "resultType '\(type)' is a metric query result; export a log query (resultType streams)",
                    path: sink.path)
            }
            guard let streams = data["result"]?.array else { continue }
            found = true
            for stream in streams {
                var labels = LokiLabels()
                for (name, value) in stream["stream"]?.object ?? JSONObject() {
                    if let text = value.text { labels.add(name, text) }
                }
                for value in stream["values"]?.array ?? [] {
                    read(value, labels: labels, into: &sink)
                }
            }
        }
        if !found { throw DebriefError("expected a Loki response with 'data.result'", path: sink.path) }
    }

    func read(_ value: JSONValue, labels: LokiLabels, into sink: inout EventSink) {
        let text = value[1]?.text ?? ""
        guard let stamp = value[0]?.text, let time = sink.instant(text: stamp) else {
            sink.keepRaw(
                text: text, line: nil, offset: nil, reason: "log line without a usable timestamp",
                kind: "no timestamp field")
            return
        }
        var labels = labels
        for (name, metadata) in value[2]?.object ?? JSONObject() {
            if let metadataText = metadata.text { labels.add(name, metadataText) }
        }
        labels.emit(line: text, time: time, timeText: stamp, line: nil, offset: nil, into: &sink)
    }

    /// Confident when the sample is a Loki response with streams.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B else { return 0 }
        guard sample.contains("\"resultType\""), sample.contains("\"streams\""), sample.contains("\"values\"") else {
            return 0
        }
        return sample.contains("\"stream\"") ? 0.95 : 0
    }
}
