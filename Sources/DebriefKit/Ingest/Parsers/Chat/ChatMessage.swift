/// One chat message or chat system event as a chat parser reads it, before it becomes an `Event`.
///
/// Every chat format fills the same fields, so every chat event carries the same attribute names:
/// `channel`, `thread`, `reply-to`, `edited` (ISO 8601 UTC), `deleted`, `subtype`, `message-id`
/// and `bot`. System events (joins, renames, topics, calls) become `note` events; messages `chat`.
struct ChatMessage {
    /// When the message was posted.
    var time: Instant
    /// The timestamp as the export wrote it.
    var timeText: String
    /// The line the message starts on, for line-oriented exports.
    var line: Int? = nil
    /// The byte offset of that line.
    var offset: Int64? = nil
    /// The author's display name (or an id when the export has no names).
    var author: String?
    /// The plain text; replaced by "(message deleted)" when `deleted`.
    var text: String
    /// The channel, room or conversation name.
    var channel: String? = nil
    /// The thread (or thread parent) the message belongs to.
    var thread: String? = nil
    /// The id of the message this one replies to.
    var replyTo: String? = nil
    /// When the message was last edited.
    var edited: Instant? = nil
    /// Whether the message was deleted (a tombstone).
    var deleted = false
    /// The export's own message type, when it is not a plain message.
    var subtype: String? = nil
    /// The export's message id.
    var messageID: String? = nil
    /// Whether a bot or integration posted it.
    var isBot = false
    /// Whether this is a system event (join, rename, topic, call) rather than a message.
    var isSystem = false
    /// Further format-specific facts.
    var extra = Attributes()

    /// The text shown for deleted messages.
    static let deletedText = "(message deleted)"

    /// The event this message becomes.
    var attributes: Attributes {
        var attributes = Attributes()
        if let channel, !channel.isEmpty { attributes["channel"] = channel }
        if let thread, !thread.isEmpty { attributes["thread"] = thread }
        if let replyTo, !replyTo.isEmpty { attributes["reply-to"] = replyTo }
        if let edited { attributes["edited"] = edited.iso8601 }
        if deleted { attributes["deleted"] = "true" }
        if let subtype, !subtype.isEmpty { attributes["subtype"] = subtype }
        if let messageID, !messageID.isEmpty { attributes["message-id"] = messageID }
        if isBot { attributes["bot"] = "true" }
        for (key, value) in extra where !value.isEmpty { attributes[key] = value }
        return attributes
    }
}

extension EventSink {
    /// Records a chat message as a `chat` event (a `note` for system events).
    mutating func emit(_ message: ChatMessage) {
        let author = message.author?.trimmingWhitespace
        emit(
            time: message.time, timeText: message.timeText, line: message.line, offset: message.offset,
            kind: message.isSystem ? .note : .chat, actor: author?.isEmpty == false ? author : nil,
            text: message.deleted ? ChatMessage.deletedText : message.text, attributes: message.attributes)
    }
}
