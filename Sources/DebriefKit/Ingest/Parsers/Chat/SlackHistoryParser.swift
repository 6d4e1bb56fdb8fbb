/// Reads Slack Web API history pages: `conversations.history`, `conversations.replies` and the
/// older `channels.history` responses (`{"ok": true, "messages": [...], "has_more": …}`), or a bare
/// array of Slack messages (one day file of an export, read on its own).
///
/// Messages are read as in a workspace export (`ts` epoch seconds, threads, edits, tombstones,
/// attachments, subtypes), but a page carries no user list: authors stay user ids unless the message
/// embeds a `user_profile`, and mentions show the label Slack wrote (`<@U1|name>`) or the id.
/// A response with `"ok": false` is an error; a message without `ts` is kept raw.
public struct SlackHistoryParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Slack API history page",
        summary: "Slack Web API `conversations.history`/`channels.history`/`conversations.replies` responses, or a bare array of Slack messages; `ts` epoch seconds (UTC); authors are user ids unless a `user_profile` is embedded",
        eventKind: .chat, makeParser: { .document(SlackHistoryParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try ChatJSON.parse(document, path: sink.path)
        if root["ok"]?.bool == false {
            throw DebriefError(
                "Slack API error response: \(root["error"]?.text ?? "no messages")", path: sink.path)
        }
        guard let messages = ChatJSON.list(root, key: "messages") else {
            throw DebriefError("expected 'messages' (a Slack history response)", path: sink.path)
        }
        var reader = SlackMessageReader()
        reader.channel = root["channel"]?.nonEmptyString ?? root["channel"]?["name"]?.nonEmptyString
        for message in messages {
            reader.read(message, into: &sink)
        }
    }

    /// Confident when the sample holds Slack-style `ts` values (`"1458949481.000002"`) in messages.
    public static func confidence(for sample: SniffSample) -> Double {
        guard ChatJSON.mentions(sample, keys: ["ts", "type"]), hasSlackTimestamp(sample.bytes) else { return 0 }
        if ChatJSON.firstByte(sample) == 0x7B {
            return sample.contains("\"messages\"") ? 0.9 : 0
        }
        return sample.contains("\"message\"") ? 0.8 : 0
    }

    /// Whether `"ts"` is followed by a string of ten digits, a dot and six digits.
    static func hasSlackTimestamp(_ bytes: [UInt8]) -> Bool {
        let key = Array("\"ts\"".utf8)
        var index = 0
        while index + key.count < bytes.count {
            guard bytes[index] == 0x22, bytes[index..<(index + key.count)].elementsEqual(key) else {
                index += 1
                continue
            }
            var i = index + key.count
            while i < bytes.count,
                bytes[i] == 0x20 || bytes[i] == 0x3A || bytes[i] == 0x0A || bytes[i] == 0x0D
                    || bytes[i] == 0x09
            {
                i += 1
            }
            if i + 19 <= bytes.count, bytes[i] == 0x22, bytes[i + 11] == 0x2E, bytes[i + 18] == 0x22,
                bytes[(i + 1)..<(i + 11)].allSatisfy({ $0 &- 0x30 < 10 }),
                bytes[(i + 12)..<(i + 18)].allSatisfy({ $0 &- 0x30 < 10 })
            {
                return true
            }
            index = i
        }
        return false
    }
}
