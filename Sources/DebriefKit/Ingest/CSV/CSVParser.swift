/// A hand-written RFC 4180 CSV parser over bytes: quoted fields with embedded commas, quotes and
/// newlines, CRLF or LF, a leading UTF-8 BOM, and any single-byte delimiter (`,`, `;`, tab).
///
/// Lenient where exports are sloppy: a stray quote inside an unquoted field is kept as text; an
/// unterminated quoted field at the end of the input is reported (`unterminatedAtLine`) and kept.
public struct CSVParser {
    /// One record and the line it starts on.
    public struct Record: Sendable, Hashable {
        public var fields: [String]
        public var line: Int
    }

    /// The field delimiter.
    public var delimiter: UInt8

    /// Creates a parser.
    public init(delimiter: UInt8 = 0x2C) {
        self.delimiter = delimiter
    }

    /// The records of `bytes`, blank lines skipped; also the line of an unterminated quote, if any.
    public func parse(_ bytes: [UInt8]) -> (records: [Record], unterminatedAtLine: Int?) {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var fieldStarted = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(fields: fields, line: recordLine)) }
            fields.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let byte = bytes[i]
            if inQuotes {
                if byte == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                i += 1
                continue
            }
            switch byte {
            case 0x22 where !fieldStarted:
                inQuotes = true
                fieldStarted = true
                quoteLine = line
            case delimiter:
                endField()
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                break
            case 0x0A:
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(byte)
                fieldStarted = true
            }
            i += 1
        }
        let unterminated = inQuotes ? quoteLine : nil
        if !field.isEmpty || !fields.isEmpty || inQuotes { endRecord() }
        return (records, unterminated)
    }

    /// Guesses the delimiter from the first line: the most frequent of `,`, `;`, tab and `|`.
    public static func guessDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let firstLine = bytes.prefix(4096).prefix { $0 != 0x0A }
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
        return candidates.max { a, b in firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count } ?? 0x2C
    }
}
