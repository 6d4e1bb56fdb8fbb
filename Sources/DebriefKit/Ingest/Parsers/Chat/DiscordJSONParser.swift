/// Reads DiscordChatExporter's JSON export: `guild`, `channel` and `messages[]`.
///
/// `timestamp` is ISO 8601 with the exporting machine's offset and any number of fraction digits.
/// The author is the member's `nickname`, else `name` ("Deleted User" stays as written).
/// `timestampEdited` becomes `edited`; `reference` becomes `reply-to` (or `forwarded-from` with the
/// forwarded text for `type: Forward`). Message types other than `Default` and `Reply` (calls,
/// channel renames, pins, joins) become notes with the type as subtype. Attachments, stickers and
/// embeds are listed in the text when there is no other content. A message without a usable
/// timestamp is kept raw; duplicate message ids are read as they come.
public struct DiscordJSONParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "DiscordChatExporter JSON",
        summary: "DiscordChatExporter JSON (`guild`, `channel`, `messages[]`); `timestamp` ISO 8601 with the exporter's offset; nickname else name",
        eventKind: .chat, makeParser: { .document(DiscordJSONParser()) }, confidence: confidence(for:))

    /// Message types that are conversation, not system events.
    static let messageTypes: Set<String> = [
        "Default", "Reply", "ThreadStarterMessage", "ChatInputCommand", "ContextMenuCommand",
    ]

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try ChatJSON.parse(document, path: sink.path)
        guard let messages = root["messages"]?.array else {
            throw DebriefError("expected 'messages' (a DiscordChatExporter export)", path: sink.path)
        }
        let channel = root["channel"]?["name"]?.nonEmptyString
        let guild = root["guild"]?["name"]?.nonEmptyString
        let isThread = root["channel"]?["type"]?.string?.hasSuffix("Thread") ?? false
        for value in messages {
            guard let timeText = value["timestamp"]?.string, let time = sink.instant(text: timeText) else {
                sink.keepRaw(
                    text: value["content"]?.string ?? "", line: nil, offset: nil,
                    reason: "Discord message without a usable timestamp", kind: "no timestamp")
                continue
            }
            let author = value["author"]
            var message = ChatMessage(
                time: time, timeText: timeText,
                author: author?["nickname"]?.nonEmptyString ?? author?["name"]?.nonEmptyString,
                text: Self.text(of: value))
            message.messageID = value["id"]?.text
            message.channel = channel
            if isThread { message.thread = root["channel"]?["id"]?.text }
            message.isBot = author?["isBot"]?.bool == true
            message.edited = value["timestampEdited"]?.string.flatMap { sink.instant(text: $0) }
            if let type = value["type"]?.nonEmptyString, !Self.messageTypes.contains(type) {
                message.subtype = type
                message.isSystem = true
            }
            if let guild { message.extra["guild"] = guild }
            if let reference = value["reference"], let id = reference["messageId"]?.text {
                if reference["type"]?.string == "Forward" {
                    message.extra["forwarded-from"] = id
                    if let forwarded = value["forwardedMessage"] {
                        let text = Self.text(of: forwarded)
                        message.text =
                            message.text.isEmpty ? "(forwarded) " + text : message.text + "\n(forwarded) " + text
                    }
                } else {
                    message.replyTo = id
                }
            }
            if let ended = value["callEndedTimestamp"]?.string.flatMap({ sink.instant(text: $0) }) {
                message.extra["call-ended"] = ended.iso8601
            }
            if value["isPinned"]?.bool == true { message.extra["pinned"] = "true" }
            sink.emit(message)
        }
    }

    /// The content, else the names of attachments, stickers and embeds.
    static func text(of message: JSONValue) -> String {
        if let content = message["content"]?.string?.trimmingWhitespace, !content.isEmpty { return content }
        var parts: [String] = []
        for attachment in message["attachments"]?.array ?? [] {
            if let name = attachment["fileName"]?.nonEmptyString { parts.append("(attachment: \(name))") }
        }
        for sticker in message["stickers"]?.array ?? [] {
            if let name = sticker["name"]?.nonEmptyString { parts.append("(sticker: \(name))") }
        }
        for embed in message["embeds"]?.array ?? [] {
            let pieces = ["title", "description"].compactMap { embed[$0]?.nonEmptyString }
            if !pieces.isEmpty { parts.append(pieces.joined(separator: "\n")) }
        }
        return parts.joined(separator: "\n")
    }

    /// Confident when the sample has the exporter's `guild`, `channel` and `messages` with authors.
    public static func confidence(for sample: SniffSample) -> Double {
        guard ChatJSON.firstByte(sample) == 0x7B,
            ChatJSON.mentions(sample, keys: ["guild", "channel", "messages", "author"])
        else { return 0 }
        return sample.contains("\"timestamp\"") ? 0.95 : 0.8
    }
}
