/// Reads Microsoft Teams messages: the Teams data export's `messages_<id>.json` (PascalCase:
/// `CreatedDateTime`, `From.User.DisplayName`, `Body.Content`, `EventDetail`) and Microsoft Graph
/// `chatMessage` lists (camelCase, a bare array or `{"value": [...]}`).
///
/// Times are ISO 8601 with their offset. HTML bodies become plain text; a subject leads the text.
/// `<systemEventMessage/>` messages become notes whose subtype is the event named in `EventDetail`
/// (`MembersAdded`, `CallEnded`, …, else `system-event`) and whose actor is the initiator, named
/// from the people seen elsewhere in the export when the event itself carries only an id.
/// `LastEditedDateTime`, `DeletedDateTime` and `ReplyToId` become `edited`, `deleted` and
/// `reply-to`/`thread`. Messages may come in any order; a message without a usable time is kept raw.
public struct TeamsExportParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Microsoft Teams export",
        summary: "Teams data export `messages_<id>.json` and Graph `chatMessage` lists; `CreatedDateTime` ISO 8601 with offset; HTML bodies as text; system events as notes",
        eventKind: .chat, makeParser: { .document(TeamsExportParser()) }, confidence: confidence(for:))

    /// `EventDetail` members that are not the event itself.
    static let detailHeaders: Set<String> = ["EventType", "Initiator", "@odata.type"]

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try ChatJSON.parse(document, path: sink.path)
        guard let messages = ChatJSON.list(root, key: "value") ?? ChatJSON.list(root, key: "messages") else {
            throw DebriefError("expected an array of Teams messages", path: sink.path)
        }
        var people: [String: String] = [:]
        for message in messages {
            if let user = Self.field(message, "From").flatMap({ Self.field($0, "User") }),
                let id = Self.field(user, "Id")?.nonEmptyString,
                let name = Self.field(user, "DisplayName")?.nonEmptyString
            {
                people[id] = name
            }
        }
        for message in messages {
            read(message, people: people, into: &sink)
        }
    }

    func read(_ value: JSONValue, people: [String: String], into sink: inout EventSink) {
        let created = Self.field(value, "CreatedDateTime")?.string
        guard let created, let time = sink.instant(text: created) else {
            sink.keepRaw(
                text: Self.field(value, "Body").flatMap { Self.field($0, "Content")?.string } ?? "",
                line: nil, offset: nil, reason: "Teams message without a usable CreatedDateTime",
                kind: "no CreatedDateTime")
            return
        }
        let body = Self.field(value, "Body")
        let content = body.flatMap { Self.field($0, "Content")?.string } ?? ""
        let isHTML = body.flatMap { Self.field($0, "ContentType")?.string }?.lowercased() != "text"
        let type = Self.field(value, "MessageType")?.nonEmptyString
        let detail = Self.field(value, "EventDetail").flatMap { $0.isNull ? nil : $0 }
        let isSystem =
            content.contains("<systemEventMessage") || detail != nil
            || (type.map { $0 != "message" && $0 != "unknownFutureValue" } ?? false)
        var text = isHTML ? HTMLText.plainText(content) : content
        if let subject = Self.field(value, "Subject")?.nonEmptyString {
            text = text.isEmpty ? subject : subject + "\n" + text
        }
        let from = Self.field(value, "From").flatMap { $0.isNull ? nil : $0 }
        var message = ChatMessage(
            time: time, timeText: created, author: Self.name(of: from, people: people), text: text)
        message.isBot = from.flatMap { Self.field($0, "Application") }.map { !$0.isNull } ?? false
        message.messageID = Self.field(value, "Id")?.text
        if let reply = Self.field(value, "ReplyToId")?.text {
            message.replyTo = reply
            message.thread = reply
        }
        let channel = Self.field(value, "ChannelIdentity")
        message.channel =
            channel.flatMap { Self.field($0, "ChannelId")?.nonEmptyString }
            ?? Self.field(value, "ChatId")?.nonEmptyString
        message.edited = Self.field(value, "LastEditedDateTime")?.string.flatMap { sink.instant(text: $0) }
        message.deleted = Self.field(value, "DeletedDateTime")?.string.flatMap { sink.instant(text: $0) } != nil
        if let importance = Self.field(value, "Importance")?.nonEmptyString, importance != "normal" {
            message.extra["importance"] = importance
        }
        if isSystem {
            message.isSystem = true
            let event = Self.eventName(detail) ?? "system-event"
            message.subtype = event
            let initiator = detail.flatMap { Self.field($0, "Initiator") }
            message.author = Self.name(of: initiator, people: people) ?? message.author
            if text.isEmpty || content.contains("<systemEventMessage") {
                message.text = Self.sentence(event) + (message.author.map { " (by \($0))" } ?? "")
            }
        } else if let type, type != "message" {
            message.subtype = type
        }
        sink.emit(message)
    }

    /// The member `name`, PascalCase (data export) or camelCase (Graph).
    static func field(_ value: JSONValue, _ name: String) -> JSONValue? {
        value[name] ?? value[name.prefix(1).lowercased() + name.dropFirst()]
    }

    /// A person's or app's name from a `From`/`Initiator` identity set, resolving bare user ids.
    static func name(of identity: JSONValue?, people: [String: String]) -> String? {
        guard let identity else { return nil }
        for kind in ["User", "Application", "Device"] {
            guard let party = field(identity, kind), !party.isNull else { continue }
            if let name = field(party, "DisplayName")?.nonEmptyString { return name }
            if let id = field(party, "Id")?.nonEmptyString { return people[id] ?? id }
        }
        return nil
    }

    /// The event an `EventDetail` describes: its Graph type, event type, or first non-null member.
    static func eventName(_ detail: JSONValue?) -> String? {
        guard let detail, let members = detail.object else { return nil }
        if let type = detail["@odata.type"]?.nonEmptyString {
            return type.replacingSuffix("EventMessageDetail", with: "").split(separator: ".").last.map(String.init)
        }
        if let type = field(detail, "EventType")?.nonEmptyString { return type }
        return members.first { !detailHeaders.contains($0.key) && !$0.value.isNull }?.key
    }

    /// An event name as words: `MembersAdded` → "Members added", `system-event` → "System event".
    static func sentence(_ event: String) -> String {
        var words = ""
        for character in event {
            if character.isUppercase, !words.isEmpty { words += " " }
            words += character == "-" ? " " : String(character)
        }
        return words.prefix(1).uppercased() + words.dropFirst().lowercased()
    }

    /// Confident when the sample has Teams message fields.
    public static func confidence(for sample: SniffSample) -> Double {
        if ChatJSON.mentions(sample, keys: ["CreatedDateTime", "Body", "MessageType"]) {
            return sample.contains("\"ChannelIdentity\"") || sample.contains("\"ChatId\"") ? 0.95 : 0.85
        }
        if ChatJSON.mentions(sample, keys: ["createdDateTime", "body", "messageType", "contentType"]),
            sample.contains("chatMessage") || sample.contains("\"channelIdentity\"") || sample.contains("\"chatId\"")
        {
            return 0.85
        }
        return 0
    }
}
