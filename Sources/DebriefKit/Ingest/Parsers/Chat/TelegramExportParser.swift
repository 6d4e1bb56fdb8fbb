/// Reads Telegram Desktop's JSON export (`result.json`): one chat (`name`, `type`, `messages[]`) or
/// a full export (`chats.list[]`, `left_chats.list[]`).
///
/// Time is `date_unixtime` (epoch seconds as a string) when present; older exports only have `date`,
/// the exporting machine's wall time without a zone, read in the source's zone. `text` is a string
/// or an array of strings and entity objects (links written as `label (url)`). `edited_unixtime`
/// (or `edited`), `reply_to_message_id` and `forwarded_from` become attributes; photos and files
/// without text are named in the text. Service messages (`type: service`, `actor`, `action`: joins,
/// calls, pins, title changes) become notes with the action as subtype. A message without a usable
/// time is kept raw.
public struct TelegramExportParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Telegram Desktop export",
        summary: "Telegram Desktop `result.json` (one chat or `chats.list[]`); `date_unixtime` epoch seconds, else `date` wall time without zone (source zone)",
        eventKind: .chat, makeParser: { .document(TelegramExportParser()) }, confidence: confidence(for:))

    /// Media fields named in the text of a message without text.
    static let mediaFields = [
        "photo", "file", "sticker_emoji", "media_type", "poll", "location_information", "contact_information",
    ]

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try ChatJSON.parse(document, path: sink.path)
        var chats: [JSONValue] = []
        if root["messages"]?.array != nil {
            chats = [root]
        } else {
            chats = (root["chats"]?["list"]?.array ?? []) + (root["left_chats"]?["list"]?.array ?? [])
        }
        guard !chats.isEmpty || root["chats"] != nil else {
            throw DebriefError("expected 'messages' or 'chats' (a Telegram Desktop export)", path: sink.path)
        }
        for chat in chats {
            let name = chat["name"]?.nonEmptyString ?? chat["id"]?.text
            for message in chat["messages"]?.array ?? [] {
                read(message, chat: name, into: &sink)
            }
        }
    }

    func read(_ value: JSONValue, chat: String?, into sink: inout EventSink) {
        let timeText = value["date_unixtime"]?.text ?? value["date"]?.text
        guard let timeText, let time = sink.instant(text: timeText) else {
            sink.keepRaw(
                text: Self.text(value["text"]), line: nil, offset: nil,
                reason: "Telegram message without a usable date", kind: "no date")
            return
        }
        var message = ChatMessage(time: time, timeText: timeText, author: nil, text: Self.text(value["text"]))
        message.channel = chat
        message.messageID = value["id"]?.text
        message.replyTo = value["reply_to_message_id"]?.text
        message.edited = (value["edited_unixtime"] ?? value["edited"]).flatMap { sink.instant(json: $0) }
        if value["type"]?.string == "service" {
            let action = value["action"]?.nonEmptyString ?? "service"
            message.isSystem = true
            message.subtype = action
            message.author = value["actor"]?.nonEmptyString ?? value["actor_id"]?.nonEmptyString
            var details = [action.replacing("_", with: " ")]
            if let title = value["title"]?.nonEmptyString { details.append("“\(title)”") }
            if let members = value["members"]?.array?.compactMap(\.string), !members.isEmpty {
                details.append(members.joined(separator: ", "))
            }
            if let seconds = value["duration_seconds"]?.text { details.append("\(seconds) s") }
            if let reason = value["discard_reason"]?.nonEmptyString { details.append(reason) }
            message.text = message.text.isEmpty ? details.joined(separator: ", ") : message.text
        } else {
            message.author = value["from"]?.nonEmptyString ?? (value["from_id"] != nil ? "Deleted Account" : nil)
            if message.text.isEmpty, let media = ChatJSON.mediaText(value, fields: Self.mediaFields) {
                message.text = media
            }
            if let forwarded = value["forwarded_from"]?.nonEmptyString { message.extra["forwarded-from"] = forwarded }
            if let bot = value["via_bot"]?.nonEmptyString {
                message.isBot = true
                message.extra["via-bot"] = bot
            }
        }
        sink.emit(message)
    }

    /// The text of a `text` field: a string, or an array of strings and entity objects.
    static func text(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        if let string = value.string { return string }
        var output = ""
        for part in value.array ?? [] {
            if let string = part.string {
                output += string
            } else if let text = part["text"]?.string {
                if let href = part["href"]?.nonEmptyString, href != text {
                    output += "\(text) (\(href))"
                } else {
                    output += text
                }
            }
        }
        return output
    }

    /// Confident when the sample has Telegram's message fields.
    public static func confidence(for sample: SniffSample) -> Double {
        guard ChatJSON.firstByte(sample) == 0x7B else { return 0 }
        let telegramKeys = ["from_id", "date_unixtime", "text_entities", "actor_id"].filter {
            sample.contains("\"\($0)\"")
        }.count
        guard telegramKeys >= 1, sample.contains("\"messages\""), sample.contains("\"date") else { return 0 }
        return telegramKeys >= 2 ? 0.95 : 0.8
    }
}
