/// Reads a Mattermost bulk export (`mmctl export`): JSON lines starting with a `version` line,
/// then teams, channels, users, and `post` / `direct_post` lines with their `replies[]` nested.
///
/// Each post and each reply is one event at `create_at` (epoch milliseconds, UTC); `edit_at` and
/// `delete_at` become the `edited` and `deleted` attributes, replies get the root's `create_at` as
/// `thread`. Authors are shown by the nickname or first and last name of the export's `user`
/// lines, else by username; channels by their display name. Direct posts name their members.
/// System post types (`system_join_channel`, …) become notes.
///
/// ## Leniency
/// Definition lines (version, scheme, emoji, team, channel, user, direct channel, role, bot) are
/// not events. A line that is not JSON, a post without `create_at`, and lines of unknown types are
/// kept raw. Role and scheme lines, the bulk of an export, are skipped without being parsed.
public struct MattermostBulkParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Mattermost bulk export",
        summary: "`mmctl export` JSON lines: `post` and `direct_post` lines with nested replies; `create_at` epoch milliseconds (UTC); names from `user` lines",
        eventKind: .chat, makeParser: { .lines(MattermostBulkParser()) }, confidence: confidence(for:))

    /// Line types that define things rather than record messages.
    static let definitions: Set<String> = [
        "version", "scheme", "emoji", "team", "channel", "user", "direct_channel", "role", "bot",
    ]

    /// Display names by username, from `user` lines.
    var users: [String: String] = [:]
    /// Display names by channel name, from `channel` lines.
    var channels: [String: String] = [:]

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        var type: String?
        var object: (key: String, value: UnsafeRawBufferPointer)?
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: line.bytes) { member in
                if member.keyEquals("type"), member.kind == .string {
                    type = member.stringValue
                } else if member.kind == .object, object == nil {
                    object = (member.keyString, member.value)
                }
            }
        } catch {
            sink.keepRaw(line, reason: "not a JSON object (\(error.message))", kind: "malformed JSON line")
            return
        }
        guard let type else {
            sink.keepRaw(line, reason: "bulk-export line without 'type'", kind: "no type")
            return
        }
        switch type {
        case "user", "channel", "post", "direct_post":
            guard let object, object.key == type, let value = try? JSONParser().parse(object.value) else {
                sink.keepRaw(line, reason: "'\(type)' line without its '\(type)' object", kind: "malformed JSON line")
                return
            }
            read(type, value, line: line, into: &sink)
        case _ where Self.definitions.contains(type):
            return
        default:
            sink.keepRaw(line, reason: "unknown bulk-export line type '\(type)'", kind: "unknown line type")
        }
    }

    mutating func read(_ type: String, _ value: JSONValue, line: Line, into sink: inout EventSink) {
        switch type {
        case "user":
            guard let username = value["username"]?.nonEmptyString else { return }
            let fullName = [value["first_name"]?.nonEmptyString, value["last_name"]?.nonEmptyString].compactMap { $0 }
            users[username] =
                value["nickname"]?.nonEmptyString ?? (fullName.isEmpty ? nil : fullName.joined(separator: " "))
        case "channel":
            if let name = value["name"]?.nonEmptyString, let display = value["display_name"]?.nonEmptyString {
                channels[name] = display
            }
        default:
            let channel: String?
            var direct = false
            if let members = value["channel_members"]?.array {
                channel = members.compactMap(\.string).map { users[$0] ?? $0 }.joined(separator: ", ")
                direct = true
            } else {
                channel = value["channel"]?.nonEmptyString.map { channels[$0] ?? $0 }
            }
            guard emit(value, channel: channel, direct: direct, thread: nil, line: line, into: &sink) else { return }
            let thread = value["create_at"]?.text
            for reply in value["replies"]?.array ?? [] {
                emit(reply, channel: channel, direct: direct, thread: thread, line: line, into: &sink)
            }
        }
    }

    /// Emits one post or reply; false when it had no usable time and was kept raw.
    @discardableResult
    func emit(
        _ post: JSONValue, channel: String?, direct: Bool, thread: String?, line: Line, into sink: inout EventSink
    ) -> Bool {
        guard let timeText = post["create_at"]?.text, let time = ChatJSON.instant(milliseconds: post["create_at"])
        else {
            sink.keepRaw(
                text: post["message"]?.string ?? line.text, line: line.number, offset: line.offset,
                reason: "post without a usable 'create_at'", kind: "no create_at")
            return false
        }
        let user = post["user"]?.nonEmptyString
        var message = MattermostPost.message(post, time: time, timeText: timeText, author: user.map { users[$0] ?? $0 })
        message.line = line.number
        message.offset = line.offset
        message.channel = channel
        message.thread = thread
        message.replyTo = thread
        if direct { message.extra["direct"] = "true" }
        sink.emit(message)
        return true
    }

    /// Confident when the first line is a bulk export's `version` line, or lines are posts.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B, let first = sample.lines.first else { return 0 }
        let known = definitions.union(["post", "direct_post"])
        func lineType(_ line: String) -> String? {
            var text = line
            return text.withUTF8 { utf8 in
                var type: String?
                try? JSONScanner.forEachMember(in: UnsafeRawBufferPointer(utf8)) { member in
                    if member.keyEquals("type"), member.kind == .string { type = member.stringValue }
                }
                return type
            }
        }
        if lineType(first) == "version" && (first.contains("\"version\":1") || first.contains("\"version\": 1")) {
            return 0.95
        }
        let share = sample.share { line in lineType(line).map(known.contains) ?? false }
        return sample.contains("\"post\"") || sample.contains("\"direct_post\"") ? share * 0.85 : 0
    }
}
