/// Reads Slack message objects, as found in export day files and Web API history pages, into chat
/// messages: author names, markup, threads, edits, tombstones, bot attachments and system subtypes.
struct SlackMessageReader {
    /// Resolves user and channel references in text.
    var markup = SlackMarkup()
    /// User ids that are bots or apps.
    var bots: Set<String> = []
    /// The channel the messages were filed under, when the container says.
    var channel: String?

    /// Subtypes that are events in the channel rather than messages; they become notes.
    static let systemSubtypes: Set<String> = [
        "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name", "channel_archive",
        "channel_unarchive", "channel_convert_to_private", "channel_convert_to_public", "channel_posting_permissions",
        "group_join", "group_leave", "group_topic", "group_purpose", "group_name", "group_archive", "group_unarchive",
        "bot_add", "bot_remove", "bot_enable", "bot_disable", "pinned_item", "unpinned_item", "sh_room_created",
        "reminder_add", "app_conversation_join", "app_conversation_leave", "channel_canvas_updated",
    ]

    /// Subtypes that mark a deleted message.
    static let deletedSubtypes: Set<String> = ["tombstone", "message_deleted"]

    /// The display name of a Slack user object or embedded `user_profile`: the profile's display
    /// name, else the real name, else the account name.
    static func displayName(of user: JSONValue) -> String? {
        let profile = user["profile"] ?? user
        return profile["display_name"]?.nonEmptyString ?? user["real_name"]?.nonEmptyString
            ?? profile["real_name"]?.nonEmptyString ?? user["name"]?.nonEmptyString
    }

    /// Reads one message; one without a usable `ts` is kept raw.
    func read(_ message: JSONValue, into sink: inout EventSink) {
        guard message.object != nil, let ts = message["ts"]?.text, let time = sink.instant(text: ts) else {
            sink.keepRaw(
                text: message["text"]?.string ?? "", line: nil, offset: nil,
                reason: "Slack message without a usable 'ts'", kind: "no ts")
            return
        }
        let subtype = message["subtype"]?.nonEmptyString
        let user = message["user"]?.nonEmptyString
        var chat = ChatMessage(time: time, timeText: ts, author: author(of: message), text: text(of: message))
        chat.subtype = subtype
        chat.messageID = ts
        chat.isSystem = subtype.map(Self.systemSubtypes.contains) ?? false
        chat.deleted = subtype.map(Self.deletedSubtypes.contains) ?? false
        chat.isBot =
            message["bot_id"]?.nonEmptyString != nil || subtype == "bot_message" || user.map(bots.contains) == true
        chat.channel = channel ?? message["channel"]?.nonEmptyString.map { markup.channels[$0] ?? $0 }
        if let thread = message["thread_ts"]?.text {
            chat.thread = thread
            if thread != ts {
                chat.replyTo = thread
                if let parent = message["parent_user_id"]?.nonEmptyString {
                    chat.extra["parent-user"] = markup.users[parent] ?? parent
                }
            }
        }
        if let replies = message["reply_count"]?.text, replies != "0" { chat.extra["replies"] = replies }
        if let edited = message["edited"] {
            chat.edited = sink.instant(json: edited["ts"])
            if let editor = edited["user"]?.nonEmptyString, editor != user {
                chat.extra["edited-by"] = markup.users[editor] ?? editor
            }
        }
        if let inviter = message["inviter"]?.nonEmptyString { chat.extra["inviter"] = markup.users[inviter] ?? inviter }
        let reactions = (message["reactions"]?.array ?? []).compactMap { reaction -> String? in
            guard let name = reaction["name"]?.nonEmptyString else { return nil }
            return ":\(name): \(reaction["count"]?.text ?? "1")"
        }
        if !reactions.isEmpty { chat.extra["reactions"] = reactions.joined(separator: ", ") }
        sink.emit(chat)
    }

    /// The author's name: from the user directory, the embedded profile, the bot's chosen name, or an id.
    func author(of message: JSONValue) -> String? {
        if let id = message["user"]?.nonEmptyString, let name = markup.users[id] { return name }
        if let profile = message["user_profile"], let name = Self.displayName(of: profile) { return name }
        // Old file comments name their author only inside `comment`.
        let commenter = message["comment"]?["user"]?.nonEmptyString
        if let commenter, let name = markup.users[commenter] { return name }
        return message["username"]?.nonEmptyString ?? message["bot_profile"]?["name"]?.nonEmptyString
            ?? message["user"]?.nonEmptyString ?? commenter ?? message["bot_id"]?.nonEmptyString
    }

    /// The message text with attachments (where bots put theirs) and shared files.
    func text(of message: JSONValue) -> String {
        var parts: [String] = []
        let text = markup.plainText(message["text"]?.string ?? "").trimmingWhitespace
        if !text.isEmpty { parts.append(text) }
        for attachment in message["attachments"]?.array ?? [] {
            if let body = ChatJSON.attachmentText(attachment, transform: markup.plainText), !parts.contains(body) {
                parts.append(body)
            }
        }
        if parts.isEmpty {
            let files = ((message["files"]?.array ?? []) + [message["file"]].compactMap { $0 }).compactMap {
                $0["title"]?.nonEmptyString ?? $0["name"]?.nonEmptyString
            }
            if !files.isEmpty { parts.append("(file: \(files.joined(separator: ", ")))") }
        }
        return parts.joined(separator: "\n")
    }
}
