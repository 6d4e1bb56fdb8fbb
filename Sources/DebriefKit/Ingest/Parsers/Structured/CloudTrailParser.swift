/// Reads AWS CloudTrail log files as delivered to S3 (`{"Records": […]}`, gzip or not), several of
/// them joined (`zcat *.json.gz`), `aws cloudtrail lookup-events` output (`{"Events": […]}` with
/// each record in `CloudTrailEvent`), or an array of records.
///
/// Records are mapped as `CloudTrailRecord` describes: time `eventTime` (UTC), actor from
/// `userIdentity`, text `eventSource eventName` plus the error, `errorCode` → error. Records come
/// in any order; the timeline sorts them.
///
/// ## Leniency
/// A record without a usable `eventTime`, or that is not an object, is kept raw with a warning; a
/// document that is not JSON or holds no CloudTrail records is an error.
public struct CloudTrailParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "AWS CloudTrail log file",
        summary: "CloudTrail `{\"Records\": […]}` files as delivered to S3 (also several joined, or `aws cloudtrail lookup-events` output); time from eventTime (UTC), actor from userIdentity, errorCode → error",
        eventKind: .log, makeParser: { .document(CloudTrailParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        try document.withUnsafeBytes { bytes in
            try JSONDocument.forEachValue(in: bytes, path: sink.path) { value, line in
                guard CloudTrailRecord.readAll(value, line: nil, offset: nil, into: &sink) else {
                    throw DebriefError(
                        "expected CloudTrail 'Records', 'Events' or a record", path: sink.path, line: line)
                }
            }
        }
    }

    /// Confident when the sample is JSON holding a record list and AWS event sources.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        guard sample.contains("\"Records\"") || sample.contains("\"CloudTrailEvent\"") else { return 0 }
        return sample.contains(".amazonaws.com") && sample.contains("eventName") ? 0.96 : 0
    }
}
