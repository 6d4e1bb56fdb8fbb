/// Reads the journal export format (`journalctl -o export`, `systemd-journal-remote` input):
/// entries of `KEY=value` lines separated by a blank line.
///
/// Binary-safe fields (values that hold newlines or other control bytes) are written as the field
/// name alone on a line, then a 64-bit little-endian length, the value's bytes and a newline; they
/// are reassembled from the lines the reader hands out (the value may itself contain newlines and
/// CRs, recovered from the line offsets) and decoded as UTF-8. Fields are mapped as `JournalEntry`
/// describes; `__REALTIME_TIMESTAMP` (µs since the epoch) is the time, so no zone applies.
///
/// ## Leniency
/// A line that is neither a field nor blank (such as `journalctl -o short` output mixed into the
/// file) is kept raw with a warning, and the entry around it is still read. A binary field whose
/// length does not match its bytes is kept raw; an entry without a timestamp is kept raw.
public struct JournaldExportParser: LineEventParser {
    /// The registry entry.
    public static let descriptor: FormatDescriptor = {
        var descriptor = FormatDescriptor(
            title: "journal export format (journalctl -o export)",
            summary: "`journalctl -o export`: KEY=value lines, blank line between entries, binary-safe fields reassembled; fields and time as for journald-json (__REALTIME_TIMESTAMP, µs since the epoch, UTC)",
            eventKind: .log, makeParser: { .lines(JournaldExportParser()) }, confidence: confidence(for:))
        descriptor.readsBinary = true
        return descriptor
    }()

    /// The largest binary field value accepted.
    static let maxBinaryField: UInt64 = 16 << 20

    /// A binary-safe field being reassembled: its name, then length and value bytes as they arrive.
    private struct BinaryField {
        var key: [UInt8]
        var bytes: [UInt8] = []
        var started = false
        var endOfLastLine: Int64
        var line: Int
        var offset: Int64
    }

    private enum Progress { case incomplete, complete, overrun }

    private var entry = JournalEntry()
    private var entryLine = 0
    private var entryOffset: Int64 = 0
    private var entryText: [UInt8] = []
    private var binary: BinaryField?

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if var field = binary {
            // Released first so the value's bytes are appended in place, not copied per line.
            binary = nil
            if !field.started {
                field.started = true
                field.bytes = Array(line.bytes)
                field.endOfLastLine = line.offset + Int64(line.bytes.count)
                if Self.progress(of: field.bytes) == .overrun { giveUp(field, into: &sink) } else { binary = field }
                return
            }
            // The reader dropped a CR before the newline: inside a binary value it was data.
            if line.offset - field.endOfLastLine == 2 { field.bytes.append(0x0D) }
            switch Self.progress(of: field.bytes) {
            case .complete:
                addBinary(field.key, field.bytes)
            case .incomplete:
                field.bytes.append(0x0A)
                field.bytes.append(contentsOf: line.bytes)
                field.endOfLastLine = line.offset + Int64(line.bytes.count)
                if Self.progress(of: field.bytes) == .overrun { giveUp(field, into: &sink) } else { binary = field }
                return
            case .overrun:
                giveUp(field, into: &sink)
            }
        }
        let bytes = line.bytes
        if line.isBlank {
            flushEntry(into: &sink)
            return
        }
        if let equals = bytes.firstIndex(of: 0x3D), equals > 0,
            Self.isFieldName(UnsafeRawBufferPointer(rebasing: bytes[..<equals]))
        {
            beginEntryIfNeeded(line)
            remember(bytes)
            entry.add(key: UnsafeRawBufferPointer(rebasing: bytes[..<equals])) {
                String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(equals + 1)...]), as: UTF8.self)
            }
        } else if Self.isFieldName(bytes) {
            beginEntryIfNeeded(line)
            remember(bytes)
            binary = BinaryField(
                key: Array(bytes), endOfLastLine: line.offset + Int64(bytes.count), line: line.number,
                offset: line.offset)
        } else {
            sink.keepRaw(line, reason: "not a KEY=value journal field", kind: "not a journal field")
        }
    }

    public mutating func finish(into sink: inout EventSink) {
        if let field = binary {
            if Self.progress(of: field.bytes) == .complete {
                addBinary(field.key, field.bytes)
            } else {
                giveUp(field, into: &sink)
            }
        }
        flushEntry(into: &sink)
    }

    private mutating func beginEntryIfNeeded(_ line: Line) {
        guard entry.fieldCount == 0 else { return }
        entryLine = line.number
        entryOffset = line.offset
        entryText.removeAll(keepingCapacity: true)
    }

    /// Keeps the start of the entry's text, for the raw record if it cannot be read.
    private mutating func remember(_ bytes: UnsafeRawBufferPointer) {
        guard entryText.count < 4096 else { return }
        entryText.append(contentsOf: bytes.prefix(4096))
        entryText.append(0x0A)
    }

    private mutating func addBinary(_ key: [UInt8], _ bytes: [UInt8]) {
        key.withUnsafeBytes { name in
            entry.add(key: name) { String(decoding: bytes.dropFirst(8), as: UTF8.self) }
        }
    }

    private mutating func giveUp(_ field: BinaryField, into sink: inout EventSink) {
        binary = nil
        let name = String(decoding: field.key, as: UTF8.self)
        sink.keepRaw(
            text: name + "\n" + String(decoding: field.bytes.dropFirst(8), as: UTF8.self), line: field.line,
            offset: field.offset, reason: "binary field \(name) does not match its length",
            kind: "malformed binary field")
    }

    private mutating func flushEntry(into sink: inout EventSink) {
        guard entry.fieldCount > 0 else { return }
        let text = entryText
        entry.emit(line: entryLine, offset: entryOffset, into: &sink) { String(decoding: text, as: UTF8.self) }
        entry = JournalEntry()
    }

    /// Whether `bytes` (length, then value) hold exactly the value their length announces.
    private static func progress(of bytes: [UInt8]) -> Progress {
        guard bytes.count >= 8 else { return .incomplete }
        var length: UInt64 = 0
        for index in (0..<8).reversed() { length = length << 8 | UInt64(bytes[index]) }
        guard length <= maxBinaryField else { return .overrun }
        let needed = 8 + Int(length)
        return bytes.count == needed ? .complete : bytes.count < needed ? .incomplete : .overrun
    }

    /// Journal field names: upper-case letters, digits and `_`, not starting with a digit, at most 64.
    static func isFieldName(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first, bytes.count <= 64, !(0x30...0x39).contains(first) else { return false }
        return bytes.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    /// Confident when entries open with `__CURSOR=` or `__REALTIME_TIMESTAMP=` and most lines are fields.
    public static func confidence(for sample: SniffSample) -> Double {
        let lines = sample.lines.prefix(40)
        guard lines.contains(where: { $0.hasPrefix("__CURSOR=") || $0.hasPrefix("__REALTIME_TIMESTAMP=") }) else {
            return 0
        }
        let fields = sample.share { line in
            guard let equals = line.utf8.firstIndex(of: 0x3D) else { return false }
            var name = String(line.utf8[..<equals]) ?? ""
            return name.withUTF8 { isFieldName(UnsafeRawBufferPointer($0)) }
        }
        return fields >= 0.5 ? 0.95 : 0
    }
}
