/// Reads a chat log kept as CSV (a bridge-call transcript, a chat tool's spreadsheet export): one
/// message per row, columns named by the manifest or recognised by their headers.
///
/// The manifest's `columns:` maps the logical names `time`, `author`, `text`, `channel` and `thread`
/// to header names. Without it, headers are recognised case-insensitively: `timestamp`/`time`/
/// `date`/…, `user`/`author`/`from`/`sender`/`name`/…, `message`/`text`/`body`/…, `channel`/`room`,
/// `thread`. The delimiter (`,`, `;`, tab, `|`) is guessed; quoted fields may hold newlines.
///
/// Times may be ISO 8601 (with or without offset), epoch numbers, RFC 2822, or numeric dates such as
/// `12/9/2020 23:55` (day or month first, decided for the whole file; a note says which). Times
/// without a zone are read in the source's zone. A row without a usable time is kept raw.
public struct ChatCSVParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Chat CSV",
        summary: "CSV with one message per row; columns from the manifest's `columns:` or recognised headers (timestamp, user, message, channel); offset from the time, else the source zone",
        eventKind: .chat, makeParser: { .document(ChatCSVParser()) }, confidence: confidence(for:))

    /// Header names recognised for each logical column, most specific first.
    static let recognisedHeaders: [(column: String, headers: [String])] = [
        (
            "time",
            [
                "timestamp", "time", "date", "datetime", "date/time", "date time", "sent", "sent at", "created",
                "created_at", "posted",
            ]
        ),
        ("author", ["user", "author", "from", "sender", "name", "username", "user name", "nick", "display name"]),
        ("text", ["message", "text", "body", "content", "msg"]),
        ("channel", ["channel", "room", "conversation", "chat"]),
        ("thread", ["thread", "thread id", "thread_id", "thread_ts", "parent"]),
    ]

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let delimiter = CSVParser.guessDelimiter(document)
        let (records, unterminated) = CSVParser(delimiter: delimiter).parse(document)
        guard let header = records.first else { throw DebriefError("empty CSV: no header row", path: sink.path) }
        let columns = try Self.columns(header.fields, mapping: sink.context.columns, path: sink.path)
        guard let timeColumn = columns["time"], let textColumn = columns["text"] else {
            let missing = ["time", "text"].filter { columns[$0] == nil }.joined(separator: " and ")
            throw DebriefError(
                "no \(missing) column recognised in the header (\(header.fields.joined(separator: ", "))); map them with 'columns:' in the manifest",
                path: sink.path, line: header.line)
        }
        if let unterminated {
            sink.diagnostics.warn(
                "a quoted field opened on this line is never closed; read to the end of the file", path: sink.path,
                line: unterminated)
        }
        let rows = records.dropFirst()
        var order = NumericDateTime.Order()
        for row in rows {
            if let numeric = Self.field(row, timeColumn).flatMap(NumericDateTime.parse) {
                order.observe(numeric, at: row.line)
            }
        }
        var explained = false
        for row in rows {
            let timeText = Self.field(row, timeColumn) ?? ""
            var time = sink.instant(text: timeText, line: row.line)
            if time == nil, let numeric = NumericDateTime.parse(timeText),
                let civil = numeric.civil(dayFirst: order.resolvedDayFirst)
            {
                if !explained {
                    explained = true
                    sink.diagnostics.note(order.explanation, path: sink.path)
                }
                time = sink.instant(
                    for: ParsedTimestamp(civil: civil, offsetSeconds: nil, length: numeric.length), line: row.line)
            }
            guard let time else {
                sink.keepRaw(
                    text: row.fields.joined(separator: String(UnicodeScalar(delimiter))), line: row.line, offset: nil,
                    reason: timeText.isEmpty ? "row without a time" : "unrecognised time '\(timeText.prefix(40))'",
                    kind: "unusable time")
                continue
            }
            var message = ChatMessage(
                time: time, timeText: timeText, line: row.line,
                author: columns["author"].flatMap { Self.field(row, $0) },
                text: Self.field(row, textColumn) ?? "")
            message.channel = columns["channel"].flatMap { Self.field(row, $0) }
            message.thread = columns["thread"].flatMap { Self.field(row, $0) }
            sink.emit(message)
        }
    }

    /// The column index of each logical name: from the manifest's mapping, else from the headers.
    static func columns(_ header: [String], mapping: [String: String]?, path: String) throws -> [String: Int] {
        let names = header.map { $0.trimmingWhitespace.lowercased() }
        var result: [String: Int] = [:]
        if let mapping {
            for (column, name) in mapping.sorted(by: { $0.key < $1.key }) {
                guard
                    let index = header.firstIndex(of: name)
                        ?? names.firstIndex(of: name.trimmingWhitespace.lowercased())
                else {
                    throw DebriefError(
                        "the manifest maps '\(column)' to column '\(name)', which the header does not have (\(header.joined(separator: ", ")))",
                        path: path, line: 1)
                }
                result[column] = index
            }
            return result
        }
        for (column, candidates) in recognisedHeaders {
            if let index = candidates.lazy.compactMap({ names.firstIndex(of: $0) }).first(where: {
                !result.values.contains($0)
            }) {
                result[column] = index
            }
        }
        return result
    }

    /// The trimmed field at `index`, nil when missing or empty.
    static func field(_ record: CSVParser.Record, _ index: Int) -> String? {
        guard record.fields.indices.contains(index) else { return nil }
        let value = record.fields[index].trimmingWhitespace
        return value.isEmpty ? nil : value
    }

    /// Confident (mildly) when the header names a time, an author and a message column.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.lines.first, !sample.isBinary, ChatJSON.firstByte(sample) != 0x7B,
            ChatJSON.firstByte(sample) != 0x5B
        else { return 0 }
        let delimiter = CSVParser.guessDelimiter(Array(first.utf8))
        guard let header = CSVParser(delimiter: delimiter).parse(Array(first.utf8)).records.first?.fields,
            header.count >= 3,
            let columns = try? columns(header, mapping: nil, path: "")
        else { return 0 }
        return ["time", "author", "text"].allSatisfy { columns[$0] != nil } ? 0.55 : 0
    }
}
