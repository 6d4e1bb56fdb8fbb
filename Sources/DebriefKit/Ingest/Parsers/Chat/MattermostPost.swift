/// What Mattermost's bulk export and its REST API share about a post: text with webhook
/// attachments, system types, edits, deletions, pins, reactions and bot authorship.
enum MattermostPost {
    /// A chat message for `post` with everything but channel, thread and id filled in.
    static func message(_ post: JSONValue, time: Instant, timeText: String, author: String?) -> ChatMessage {
        var parts: [String] = []
        if let text = post["message"]?.string?.trimmingWhitespace, !text.isEmpty { parts.append(text) }
        for attachment in post["props"]?["attachments"]?.array ?? [] {
            if let text = ChatJSON.attachmentText(attachment), !parts.contains(text) { parts.append(text) }
        }
        let props = post["props"]
        let override = props?["override_username"]?.nonEmptyString
        var message = ChatMessage(
            time: time, timeText: timeText, author: override ?? author, text: parts.joined(separator: "\n"))
        if let type = post["type"]?.nonEmptyString {
            message.subtype = type
            message.isSystem = type.hasPrefix("system_")
        }
        if let edited = ChatJSON.instant(milliseconds: post["edit_at"]) { message.edited = edited }
        message.deleted = ChatJSON.instant(milliseconds: post["delete_at"]) != nil
        message.isBot = override != nil || props?["from_bot"]?.text == "true" || props?["from_webhook"]?.text == "true"
        if post["is_pinned"]?.bool == true { message.extra["pinned"] = "true" }
        let reactions = (post["reactions"]?.array ?? []).compactMap { $0["emoji_name"]?.nonEmptyString }
        if !reactions.isEmpty { message.extra["reactions"] = reactions.map { ":\($0):" }.joined(separator: ", ") }
        return message
    }
}
