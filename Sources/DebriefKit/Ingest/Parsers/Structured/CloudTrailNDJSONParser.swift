/// Reads AWS CloudTrail records one JSON object per line (as Filebeat, Athena or CloudTrail Lake
/// exports write them); a line holding a whole `{"Records": […]}` file is read too.
///
/// Records are mapped as `CloudTrailRecord` describes: time `eventTime` (UTC), actor from
/// `userIdentity`, text `eventSource eventName` plus the error, `errorCode` → error.
///
/// ## Leniency
/// A line that is not a CloudTrail record, or has no usable `eventTime`, is kept raw with a
/// warning; blank lines are skipped.
public struct CloudTrailNDJSONParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "AWS CloudTrail records, one per line",
        summary: "CloudTrail records as NDJSON, one per line; time from eventTime (UTC), actor from userIdentity (userName, ARN, invokedBy), text eventSource eventName, errorCode → error",
        eventKind: .log, makeParser: { .lines(CloudTrailNDJSONParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        if !CloudTrailRecord.readAll(line.bytes, line: line.number, offset: line.offset, into: &sink) {
            sink.keepRaw(line, reason: "not a CloudTrail record", kind: "not a CloudTrail record")
        }
    }

    /// The share of sample lines that are objects with CloudTrail's top-level members.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B else { return 0 }
        let names: Set = ["eventVersion", "eventSource", "eventTime", "eventName"]
        return sample.share { line in
            (SniffSample.members(ofObjectLine: line)?.filter { names.contains($0.name) }.count ?? 0) >= 3
        } * 0.96
    }
}
