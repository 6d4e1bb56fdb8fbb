/// Reads `logcli query --output=jsonl`: one `{"labels": {…}, "line": "…", "timestamp": "…"}` per
/// line (labels absent with `--no-labels`).
///
/// The time is `timestamp` (RFC 3339 with nanoseconds and the offset logcli was told to use with
/// `--timezone`); labels are read as `LokiLabels` describes: kept as attributes, actor from
/// `service_name`/`app`/`job`/…, severity from a level label, else guessed from the line.
///
/// ## Leniency
/// A line that is not such an object, or has no usable timestamp, is kept raw with a warning.
public struct LokiLogcliParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Grafana Loki logcli JSON lines",
        summary: "`logcli query --output=jsonl` lines (labels, line, timestamp); time RFC 3339 with its offset; labels as attributes, actor service_name/app/job, level label or guessed severity",
        eventKind: .log, makeParser: { .lines(LokiLogcliParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        var labels = LokiLabels()
        var text: String?
        var stamp: String?
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: line.bytes) { member in
                if member.kind == .object, member.keyEquals("labels") {
                    try? JSONScanner.forEachMember(in: member.value) { label in
                        if label.kind != .object, label.kind != .array {
                            labels.add(label.keyString, label.stringValue)
                        }
                    }
                } else if member.keyEquals("line") {
                    text = member.stringValue
                } else if member.keyEquals("timestamp") {
                    stamp = member.stringValue
                }
            }
        } catch {
            sink.keepRaw(line, reason: "not a logcli JSON line (\(error.message))", kind: "malformed JSON line")
            return
        }
        guard let stamp, let time = sink.instant(text: stamp, line: line.number) else {
            sink.keepRaw(line, reason: "no usable timestamp", kind: "no timestamp field")
            return
        }
        labels.emit(line: text ?? "", time: time, timeText: stamp, line: line.number, offset: line.offset, into: &sink)
    }

    /// The share of sample lines whose members are exactly logcli's (`line`, `timestamp`, `labels`).
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B else { return 0 }
        let names: Set = ["line", "timestamp", "labels"]
        return sample.share { line in
            guard let members = SniffSample.members(ofObjectLine: line) else { return false }
            return members.count >= 2 && members.allSatisfy { names.contains($0.name) }
        } * 0.95
    }
}
