/// Reads Facebook Messenger's JSON export (`message_1.json`): `participants`, `messages[]` (newest
/// first), `title`.
///
/// `timestamp_ms` is epoch milliseconds (UTC). The file may start with a UTF-8 byte-order mark, and
/// Facebook writes text as UTF-8 bytes escaped one by one (`\u00c3\u00a9` for `é`); such text is
/// repaired. Photos, files, stickers and shares without text are named in the text; `is_unsent`
/// marks a deleted message; `Subscribe`/`Unsubscribe`/`Call` messages become notes. A message
/// without `timestamp_ms` is kept raw.
public struct MessengerParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Facebook Messenger export",
        summary: "Messenger JSON export (`participants`, `messages[]` newest first); `timestamp_ms` epoch milliseconds (UTC); byte-order mark and escaped UTF-8 repaired",
        eventKind: .chat, makeParser: { .document(MessengerParser()) }, confidence: confidence(for:))

    /// Media fields named in the text of a message without content.
    static let mediaFields = ["photos", "videos", "gifs", "audio_files", "files", "sticker", "share"]
    /// Message types that are events rather than messages.
    static let systemTypes: Set<String> = ["Subscribe", "Unsubscribe", "Call"]

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try ChatJSON.parse(document, path: sink.path)
        guard let messages = root["messages"]?.array else {
            throw DebriefError("expected 'messages' (a Messenger export)", path: sink.path)
        }
        let title = root["title"]?.string.map(Self.repaired)
        for value in messages {
            guard let timeText = value["timestamp_ms"]?.text,
                let time = ChatJSON.instant(milliseconds: value["timestamp_ms"])
            else {
                sink.keepRaw(
                    text: value["content"]?.string ?? "", line: nil, offset: nil,
                    reason: "Messenger message without a usable 'timestamp_ms'", kind: "no timestamp_ms")
                continue
            }
            var text = Self.repaired(value["content"]?.string ?? "")
            if text.isEmpty, let media = ChatJSON.mediaText(value, fields: Self.mediaFields) { text = media }
            if let link = value["share"]?["link"]?.nonEmptyString { text += text.isEmpty ? link : "\n" + link }
            var message = ChatMessage(
                time: time, timeText: timeText, author: value["sender_name"]?.string.map(Self.repaired), text: text)
            message.channel = title
            message.deleted = value["is_unsent"]?.bool == true
            if let type = value["type"]?.nonEmptyString, type != "Generic" {
                message.subtype = type
                message.isSystem = Self.systemTypes.contains(type)
            }
            if let duration = value["call_duration"]?.text { message.extra["call-duration"] = duration }
            let reactions = (value["reactions"]?.array ?? []).compactMap { $0["reaction"]?.string.map(Self.repaired) }
            if !reactions.isEmpty { message.extra["reactions"] = reactions.joined(separator: " ") }
            sink.emit(message)
        }
    }

    /// Undoes Facebook's escaping of UTF-8 bytes as separate code points (`Ã©` back to `é`), when the
    /// string consists of such bytes and they form valid UTF-8.
    static func repaired(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x80 }),
            text.unicodeScalars.allSatisfy({ $0.value <= 0xFF })
        else { return text }
        let bytes = text.unicodeScalars.map { UInt8($0.value) }
        return String(validating: bytes, as: UTF8.self) ?? text
    }

    /// Confident when the sample has Messenger's `participants`, `messages` and `timestamp_ms`.
    public static func confidence(for sample: SniffSample) -> Double {
        guard ChatJSON.firstByte(sample) == 0x7B, ChatJSON.mentions(sample, keys: ["messages", "timestamp_ms"]) else {
            return 0
        }
        return sample.contains("\"participants\"") && sample.contains("\"sender_name\"") ? 0.95 : 0.7
    }
}
