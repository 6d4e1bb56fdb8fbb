/// Reads `journalctl -o json-pretty`: entries as indented JSON objects one after another, each
/// opened by a line holding only `{` and closed by a line holding only `}`.
///
/// Read line by line (an export can be large): the lines of one entry are gathered and scanned when
/// its closing brace arrives. Fields are mapped as `JournalEntry` describes; `__REALTIME_TIMESTAMP`
/// (µs since the epoch) is the time, so no zone applies.
///
/// ## Leniency
/// An entry cut off (a new `{` before the `}`, or the end of the file), an entry that is not valid
/// JSON or has no timestamp, an entry over 4 MiB, and text between entries are kept raw with a
/// warning naming the line they start on.
public struct JournaldPrettyParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "journald pretty JSON (journalctl -o json-pretty)",
        summary: "`journalctl -o json-pretty`, indented entries one after another; fields and time as for journald-json (__REALTIME_TIMESTAMP, µs since the epoch, UTC)",
        eventKind: .log, makeParser: { .lines(JournaldPrettyParser()) }, confidence: confidence(for:))

    /// The most bytes one entry may take before it is given up on.
    static let maxEntryBytes = 4 << 20

    private var entry: [UInt8] = []
    private var entryLine = 0
    private var entryOffset: Int64 = 0
    private var inEntry = false
    /// Set after an oversized entry was kept raw: its remaining lines belong to that raw record.
    private var skippingRest = false

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        let bytes = line.bytes
        if bytes.count == 1 && bytes[0] == 0x7B {
            if inEntry { keepEntryRaw(into: &sink, reason: "journal entry cut off before its closing '}'") }
            inEntry = true
            skippingRest = false
            entry = [0x7B]
            entryLine = line.number
            entryOffset = line.offset
            return
        }
        guard inEntry else {
            if skippingRest {
                if bytes.count == 1 && bytes[0] == 0x7D { skippingRest = false }
            } else if !line.isBlank {
                sink.keepRaw(line, reason: "text outside a journal entry", kind: "text outside a journal entry")
            }
            return
        }
        entry.append(0x0A)
        entry.append(contentsOf: bytes)
        if bytes.count == 1 && bytes[0] == 0x7D {
            finishEntry(into: &sink)
        } else if entry.count > Self.maxEntryBytes {
            keepEntryRaw(into: &sink, reason: "journal entry larger than \(Self.maxEntryBytes >> 20) MiB")
            skippingRest = true
        }
    }

    public mutating func finish(into sink: inout EventSink) {
        if inEntry { keepEntryRaw(into: &sink, reason: "journal entry cut off at the end of the file") }
    }

    private mutating func finishEntry(into sink: inout EventSink) {
        inEntry = false
        var fields = JournalEntry()
        let scanned: Result<Void, JSONScanner.Failure> = entry.withUnsafeBytes { bytes in
            do throws(JSONScanner.Failure) {
                try JSONScanner.forEachMember(in: bytes) { member in
                    fields.add(key: member.key) { JournalEntry.text(of: member) }
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = scanned {
            sink.keepRaw(
                text: String(decoding: entry, as: UTF8.self), line: entryLine, offset: entryOffset,
                reason: "malformed journal entry (\(error.message))", kind: "malformed JSON")
        } else {
            let text = entry
            fields.emit(line: entryLine, offset: entryOffset, into: &sink) { String(decoding: text, as: UTF8.self) }
        }
        entry = []
    }

    private mutating func keepEntryRaw(into sink: inout EventSink, reason: String) {
        sink.keepRaw(
            text: String(decoding: entry, as: UTF8.self), line: entryLine, offset: entryOffset, reason: reason,
            kind: "journal entry cut off")
        inEntry = false
        entry = []
    }

    /// Confident when the sample opens with a lone `{` line and names journal address fields.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B, sample.lines.first?.trimmingWhitespace == "{" else { return 0 }
        let journal = sample.contains("\"__REALTIME_TIMESTAMP\"") || sample.contains("\"__CURSOR\"")
        return journal && sample.contains("\"MESSAGE\"") ? 0.95 : 0
    }
}
