/// Reads DiscordChatExporter's HTML export: message groups (`chatlog__message-group`) with the
/// author in the group header and one `chatlog__message-container` per message.
///
/// The exporter writes times in its locale without a zone: the first message of a group shows
/// `chatlog__timestamp` (`2/5/2023 7:05 PM` in en-US), later ones carry it in the `title` of
/// `chatlog__short-timestamp`; older exports wrote `05-Feb-23 07:05 PM` once per group. Numeric
/// dates are read day or month first as decided for the whole file (a note says which), in the
/// source's zone. Edits (`chatlog__edited-timestamp`), attachments, the BOT label, and system
/// notifications (joins, pins, calls; notes) are kept. The HTML is parsed with libxml2's forgiving
/// parser; a message whose time cannot be read is kept raw.
public struct DiscordHTMLParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "DiscordChatExporter HTML",
        summary: "DiscordChatExporter HTML export (message groups); locale time without zone (source zone), D/M or M/D decided per file",
        eventKind: .chat, makeParser: { .document(DiscordHTMLParser()) }, confidence: confidence(for:))

    /// One message found in the page, before its time is read.
    struct Entry {
        var element: XMLElement
        var author: String?
        var isBot: Bool
        var stamp: String?
        var system: Bool
    }

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        guard let root = HTMLText.tree(document) else {
            throw DebriefError("not readable as HTML", path: sink.path)
        }
        let title = Self.find(root, name: "title").first?.trimmedText ?? ""
        let separator = title.ranges(of: " - ").last
        let channel = separator.map { String(title[$0.upperBound...]) }
        let guild = separator.map { String(title[..<$0.lowerBound]) }
        var entries: [Entry] = []
        for group in Self.find(root, classToken: "chatlog__message-group") {
            let authorElement =
                (Self.find(group, classToken: "chatlog__author") + Self.find(group, classToken: "chatlog__author-name"))
                .first
            let author = authorElement?.trimmedText
            let isBot = !Self.find(group, classToken: "chatlog__bot-label").isEmpty
            let groupStamp = Self.find(group, classToken: "chatlog__timestamp").first?.trimmedText
            var messages = Self.find(group, classToken: "chatlog__message-container")
            if messages.isEmpty {
                messages = Self.find(group, classToken: "chatlog__message").filter {
                    $0[attribute: "data-message-id"] != nil
                }
            }
            for element in messages {
                let notification = Self.find(element, classToken: "chatlog__system-notification-author").first
                let stamp =
                    Self.find(element, classToken: "chatlog__timestamp").first?.trimmedText
                    ?? Self.find(element, classToken: "chatlog__short-timestamp").first?[attribute: "title"]
                    ?? Self.find(element, classToken: "chatlog__system-notification-timestamp").first?.trimmedText
                    ?? groupStamp
                entries.append(
                    Entry(
                        element: element, author: notification?.trimmedText ?? author, isBot: isBot, stamp: stamp,
                        system: notification != nil))
            }
        }
        var order = NumericDateTime.Order()
        for (index, entry) in entries.enumerated() {
            for text in [entry.stamp]
                + Self.find(entry.element, classToken: "chatlog__edited-timestamp").map({ $0[attribute: "title"] })
            {
                if let numeric = text.flatMap(NumericDateTime.parse) { order.observe(numeric, at: index + 1) }
            }
        }
        if entries.contains(where: { $0.stamp.flatMap(NumericDateTime.parse) != nil }) {
            sink.diagnostics.note(order.explanation, path: sink.path)
        }
        for entry in entries {
            let text = Self.content(of: entry.element)
            guard let stamp = entry.stamp, let time = Self.instant(stamp, dayFirst: order.resolvedDayFirst, sink: &sink)
            else {
                sink.keepRaw(
                    text: text, line: entry.element.line, offset: nil,
                    reason: "Discord message without a readable time '\(entry.stamp ?? "")'", kind: "unreadable time")
                continue
            }
            var message = ChatMessage(
                time: time, timeText: stamp, line: entry.element.line, author: entry.author, text: text)
            message.messageID = entry.element[attribute: "data-message-id"]
            message.channel = channel
            message.isBot = entry.isBot
            message.isSystem = entry.system
            if entry.system { message.subtype = "system-notification" }
            if let guild { message.extra["guild"] = guild }
            message.edited = Self.find(entry.element, classToken: "chatlog__edited-timestamp").first?[
                attribute: "title"
            ]
            .flatMap { Self.instant($0, dayFirst: order.resolvedDayFirst, sink: &sink) }
            sink.emit(message)
        }
    }

    /// The message text: content, system notification text, or attachment names.
    static func content(of element: XMLElement) -> String {
        let skipped: Set<String> = [
            "chatlog__edited-timestamp", "chatlog__system-notification-timestamp",
            "chatlog__system-notification-author",
        ]
        var parts: [String] = []
        for token in ["chatlog__content", "chatlog__system-notification-content"] {
            for content in find(element, classToken: token) {
                var text = ""
                appendText(content, skipping: skipped, to: &text, depth: 0)
                let tidy = HTMLText.tidy(text)
                if !tidy.isEmpty { parts.append(tidy) }
            }
        }
        if parts.isEmpty {
            let names =
                find(element, classToken: "chatlog__attachment-generic-name").map(\.trimmedText)
                + find(element, classToken: "chatlog__attachment-media").compactMap { $0[attribute: "title"] }
            if !names.isEmpty { parts.append("(attachment: \(names.joined(separator: ", ")))") }
        }
        return parts.joined(separator: "\n")
    }

    static func appendText(_ element: XMLElement, skipping: Set<String>, to output: inout String, depth: Int) {
        guard depth < 64 else { return }
        for child in element.children {
            switch child {
            case .text(let text):
                output += text
            case .element(let inner):
                if inner.name == "br" { output += "\n" }
                if classTokens(inner).contains(where: { skipping.contains(String($0)) }) { continue }
                appendText(inner, skipping: skipping, to: &output, depth: depth + 1)
            }
        }
    }

    /// The instant of an exported time: numeric (in the file's day order), ISO 8601, or the old
    /// `05-Feb-23 07:05 PM`.
    static func instant(_ text: String, dayFirst: Bool, sink: inout EventSink) -> Instant? {
        if let numeric = NumericDateTime.parse(text), let civil = numeric.civil(dayFirst: dayFirst) {
            return sink.instant(
                for: ParsedTimestamp(civil: civil, offsetSeconds: nil, length: numeric.length), line: nil)
        }
        if let instant = sink.instant(text: text) { return instant }
        // 05-Feb-23 07:05 PM: the month's name replaced by its number reads as a day-first date.
        var bytes = Array(text.utf8)
        let month: Int? = bytes.withUnsafeBytes { TimestampParser.monthName($0, 3) }
        guard let month, bytes.count > 7, bytes[2] == 0x2D, bytes[6] == 0x2D else { return nil }
        bytes.replaceSubrange(3..<6, with: Array(pad(month, 2).utf8))
        let parsed: NumericDateTime? = bytes.withUnsafeBytes { NumericDateTime.parse($0) }
        guard let parsed, let civil = parsed.civil(dayFirst: true) else { return nil }
        return sink.instant(for: ParsedTimestamp(civil: civil, offsetSeconds: nil, length: parsed.length), line: nil)
    }

    static func classTokens(_ element: XMLElement) -> [Substring] {
        element[attribute: "class"]?.split(separator: " ") ?? []
    }

    /// The descendants of `element` whose class list has `classToken` (or whose name is `name`),
    /// outermost first; matches are not searched inside.
    static func find(_ element: XMLElement, classToken: String? = nil, name: String? = nil) -> [XMLElement] {
        var result: [XMLElement] = []
        func visit(_ node: XMLElement, depth: Int) {
            guard depth < 256 else { return }
            for child in node.elements {
                if let name, child.name == name {
                    result.append(child)
                } else if let classToken, classTokens(child).contains(Substring(classToken)) {
                    result.append(child)
                } else {
                    visit(child, depth: depth + 1)
                }
            }
        }
        visit(element, depth: 0)
        return result
    }

    /// Confident when the sample has DiscordChatExporter's chat-log classes.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.contains("chatlog__message-group") || sample.contains("chatlog__message-container") else {
            return 0
        }
        return sample.contains("<html") || sample.contains("<!DOCTYPE") || sample.contains("<!doctype") ? 0.95 : 0.8
    }
}
