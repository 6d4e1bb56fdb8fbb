/// Reads Mattermost REST API v4 post lists (`GET /api/v4/channels/{id}/posts`, thread and search
/// results): `{"order": [ids…], "posts": {id: post}}`.
///
/// Posts are read in `order` (newest first as the API returns them; the timeline sorts), then any
/// posts the order does not list. `create_at` is epoch milliseconds (UTC). A page carries no user
/// list, so authors are user ids (or a webhook's `override_username`). `root_id` becomes `thread`,
/// `parent_id` (else the root) `reply-to`, `edit_at` the `edited` time, and a non-zero `delete_at`
/// marks the post deleted. System post types become notes; a post without `create_at` is kept raw.
public struct MattermostPostsParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Mattermost API posts",
        summary: "REST API v4 post lists (`order[]` + `posts{}`); `create_at` epoch milliseconds (UTC); authors are user ids",
        eventKind: .chat, makeParser: { .document(MattermostPostsParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try ChatJSON.parse(document, path: sink.path)
        guard let posts = root["posts"]?.object else {
            throw DebriefError("expected 'posts' (a Mattermost post list)", path: sink.path)
        }
        var seen: Set<String> = []
        for id in (root["order"]?.array ?? []).compactMap(\.string) where seen.insert(id).inserted {
            if let post = posts[id] { read(post, into: &sink) }
        }
        for (id, post) in posts where seen.insert(id).inserted {
            read(post, into: &sink)
        }
    }

    func read(_ post: JSONValue, into sink: inout EventSink) {
        guard let timeText = post["create_at"]?.text, let time = ChatJSON.instant(milliseconds: post["create_at"])
        else {
            sink.keepRaw(
                text: post["message"]?.string ?? "", line: nil, offset: nil,
                reason: "post without a usable 'create_at'", kind: "no create_at")
            return
        }
        var message = MattermostPost.message(
            post, time: time, timeText: timeText, author: post["user_id"]?.nonEmptyString)
        message.messageID = post["id"]?.nonEmptyString
        message.channel = post["channel_id"]?.nonEmptyString
        let root = post["root_id"]?.nonEmptyString
        message.thread = root
        message.replyTo = post["parent_id"]?.nonEmptyString ?? root
        sink.emit(message)
    }

    /// Confident when the sample has the post list's `order` and `posts` with `create_at`.
    public static func confidence(for sample: SniffSample) -> Double {
        guard ChatJSON.firstByte(sample) == 0x7B, ChatJSON.mentions(sample, keys: ["order", "posts", "create_at"])
        else { return 0 }
        return sample.contains("\"channel_id\"") || sample.contains("\"user_id\"") ? 0.95 : 0.8
    }
}
