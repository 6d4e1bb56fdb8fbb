/// Reads Rocket.Chat REST message pages (`channels.messages`, `channels.history`, `groups.history`,
/// `im.history`, `chat.syncMessages`): `{"messages": [...], "success": true}`.
///
/// `ts` is ISO 8601 UTC (or a Mongo `{"$date": ms}` in database dumps). The author is `u.name`, else
/// `u.username`. `tmid` (thread), `editedAt`/`editedBy`, `rid` (room, as `channel`) and attachments
/// are kept; system messages (`t`: `uj` joined, `ul` left, `au`/`ru` added/removed, `r` renamed,
/// `room_changed_topic`, …) become notes with `t` as subtype, and `t: rm` marks a deleted message.
/// A message without a usable `ts` is kept raw.
public struct RocketChatParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Rocket.Chat messages",
        summary: "Rocket.Chat REST `channels.messages`/`channels.history` pages; `ts` ISO 8601 UTC; `u.name` else `u.username`",
        eventKind: .chat, makeParser: { .document(RocketChatParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try ChatJSON.parse(document, path: sink.path)
        if root["success"]?.bool == false {
            throw DebriefError("Rocket.Chat error response: \(root["error"]?.text ?? "no messages")", path: sink.path)
        }
        guard let messages = ChatJSON.list(root, key: "messages") else {
            throw DebriefError("expected 'messages' (a Rocket.Chat messages page)", path: sink.path)
        }
        for value in messages {
            read(value, into: &sink)
        }
    }

    func read(_ value: JSONValue, into sink: inout EventSink) {
        guard let (time, timeText) = Self.time(value["ts"], sink: &sink) else {
            sink.keepRaw(
                text: value["msg"]?.string ?? "", line: nil, offset: nil,
                reason: "Rocket.Chat message without a usable 'ts'", kind: "no ts")
            return
        }
        var parts: [String] = []
        if let text = value["msg"]?.string?.trimmingWhitespace, !text.isEmpty { parts.append(text) }
        for attachment in value["attachments"]?.array ?? [] {
            let pieces = ["title", "text", "description"].compactMap { attachment[$0]?.nonEmptyString }
            if !pieces.isEmpty { parts.append(pieces.joined(separator: "\n")) }
        }
        let user = value["u"]
        var message = ChatMessage(
            time: time, timeText: timeText,
            author: user?["name"]?.nonEmptyString ?? user?["username"]?.nonEmptyString,
            text: parts.joined(separator: "\n"))
        message.messageID = value["_id"]?.text
        message.channel = value["rid"]?.nonEmptyString
        message.thread = value["tmid"]?.nonEmptyString
        message.replyTo = message.thread
        message.edited = Self.time(value["editedAt"], sink: &sink)?.0
        if let editor = value["editedBy"]?["username"]?.nonEmptyString, editor != user?["username"]?.string {
            message.extra["edited-by"] = editor
        }
        message.isBot = value["bot"].map { !$0.isNull } ?? false
        if let type = value["t"]?.nonEmptyString {
            message.subtype = type
            if type == "rm" {
                message.deleted = true
            } else {
                message.isSystem = true
                if message.text.isEmpty { message.text = type }
            }
        }
        sink.emit(message)
    }

    /// An ISO 8601 string, or a Mongo `{"$date": ms}` object.
    static func time(_ value: JSONValue?, sink: inout EventSink) -> (Instant, String)? {
        guard let value else { return nil }
        if let text = value.string {
            return sink.instant(text: text).map { ($0, text) }
        }
        let date = value["$date"]
        if let text = date?.text, let instant = ChatJSON.instant(milliseconds: date) { return (instant, text) }
        if let text = date?.string, let instant = sink.instant(text: text) { return (instant, text) }
        return nil
    }

    /// Confident when the sample has Rocket.Chat's message fields (`_id`, `rid`, `u`, `msg`).
    public static func confidence(for sample: SniffSample) -> Double {
        guard ChatJSON.mentions(sample, keys: ["_id", "rid", "u", "msg", "ts"]) else { return 0 }
        return sample.contains("\"messages\"") ? 0.9 : 0.75
    }
}
