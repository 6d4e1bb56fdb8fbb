/// Reads `journalctl -o json` (one entry per line) and `-o json-seq` (the same, each line led by
/// the RFC 7464 record separator).
///
/// Fields are mapped as `JournalEntry` describes: `__REALTIME_TIMESTAMP` is the time (µs since the
/// epoch, so no zone applies), `SYSLOG_IDENTIFIER`/`_COMM` the actor, `PRIORITY` the severity.
/// Values written as byte arrays (binary-safe fields) are decoded as UTF-8.
///
/// ## Leniency
/// A line that is not a JSON object, or has no usable `__REALTIME_TIMESTAMP`, is kept raw with a
/// warning; blank lines are skipped.
public struct JournaldJSONParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "journald JSON (journalctl -o json)",
        summary: "`journalctl -o json` or `-o json-seq`, one entry per line; time from __REALTIME_TIMESTAMP (µs since the epoch, UTC), actor SYSLOG_IDENTIFIER/_COMM, severity PRIORITY, host/unit/pid attributes",
        eventKind: .log, makeParser: { .lines(JournaldJSONParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        var bytes = line.bytes
        if bytes.first == 0x1E { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst()) }
        var entry = JournalEntry()
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: bytes) { member in
                entry.add(key: member.key) { JournalEntry.text(of: member) }
            }
        } catch {
            sink.keepRaw(
                line, reason: "not a journal entry (\(error.message) at column \(error.offset + 1))",
                kind: "malformed JSON line")
            return
        }
        entry.emit(line: line.number, offset: line.offset, into: &sink) { line.text }
    }

    /// Confident when the sample's lines are one-line objects carrying journal address fields, which
    /// no other JSON-lines log writes.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x1E else { return 0 }
        return sample.share { line in
            SniffSample.members(ofObjectLine: line)?.contains {
                $0.name == "__REALTIME_TIMESTAMP" || $0.name == "__CURSOR"
            } ?? false
        } * 0.96
    }
}
