/// Reads a Slack workspace export, as a zip archive (read in place) or its unzipped folder.
///
/// ## Layout
/// `users.json` (names: the profile's display name, else the real name, else the account name),
/// `channels.json`, `groups.json`, `mpims.json` (folders named after the channel) and `dms.json`
/// (folders named after the conversation id), then one JSON array of messages per channel and day:
/// `general/2016-03-25.json`. `integration_logs.json` entries (integrations added or removed)
/// become notes. The export may sit under one top-level folder that holds nothing else.
///
/// ## Messages
/// `ts` (epoch seconds with six fraction digits, kept to the microsecond) is the time and the
/// message id. Threads (`thread_ts`, `parent_user_id`; replies are filed under their own day), edits
/// (`edited.ts`), tombstones (`subtype: tombstone`), bot messages whose text is in `attachments[]`,
/// and subtypes are kept as attributes; joins, topics, renames and the like become notes. Mentions
/// (`<@U123>`, `<#C123|general>`) are resolved and links written as `label (url)`.
///
/// ## Leniency
/// A day file that is not a JSON array is kept raw (one record); a message without `ts` is kept raw.
/// Other members (attachments, canvases) are not read, and a note says how many.
public struct SlackExportParser: BundleEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Slack workspace export",
        summary: "a Slack export zip or folder (users.json, channels.json, channel/YYYY-MM-DD.json); `ts` epoch seconds (UTC, microseconds kept); names, mentions, threads, edits and tombstones resolved",
        eventKind: .chat, makeParser: { .bundle(SlackExportParser()) }, bundleConfidence: bundleConfidence(for:))

    /// The directory files of an export.
    static let directoryFiles: Set<String> = [
        "users.json", "org_users.json", "channels.json", "groups.json", "dms.json", "mpims.json",
        "integration_logs.json",
    ]

    /// Creates a parser.
    public init() {}

    public func parse(bundle: any InputBundle, into sink: inout EventSink) throws {
        let layout = Layout(members: bundle.members)
        guard layout.root != nil else {
            throw DebriefError(
                "not a Slack export: no users.json, channels.json or channel/YYYY-MM-DD.json", path: sink.path)
        }
        var reader = SlackMessageReader()
        var folders: [String: String] = [:]
        for file in ["users.json", "org_users.json"] {
            for user in directory(file, layout: layout, bundle: bundle, sink: &sink) {
                guard let id = user["id"]?.nonEmptyString else { continue }
                if let name = SlackMessageReader.displayName(of: user) { reader.markup.users[id] = name }
                if user["is_bot"]?.bool == true || user["is_app_user"]?.bool == true { reader.bots.insert(id) }
            }
        }
        for file in ["channels.json", "groups.json", "mpims.json", "dms.json"] {
            for channel in directory(file, layout: layout, bundle: bundle, sink: &sink) {
                guard let id = channel["id"]?.nonEmptyString else { continue }
                let members = (channel["members"]?.array ?? []).compactMap(\.string).map {
                    reader.markup.users[$0] ?? $0
                }
                let name = channel["name"]?.nonEmptyString ?? members.joined(separator: ", ")
                reader.markup.channels[id] = name
                folders[file == "dms.json" ? id : name] = name
                folders[id] = name
            }
        }
        for member in layout.dayFiles {
            let folder = String(member.dropFirst(layout.prefix.count).prefix { $0 != "/" })
            reader.channel = folders[folder] ?? folder
            sink.beginMember(bundle.displayPath(of: member))
            guard
                let messages = try document(member, bundle: bundle, sink: &sink, expecting: "an array of messages")?
                    .array
            else { continue }
            for message in messages {
                reader.read(message, into: &sink)
            }
        }
        readIntegrationLog(layout: layout, bundle: bundle, markup: reader.markup, sink: &sink)
        let skipped = bundle.members.filter {
            !layout.dayFiles.contains($0) && !Self.directoryFiles.contains(String($0.dropFirst(layout.prefix.count)))
        }
        if !skipped.isEmpty {
            sink.diagnostics.note(
                "\(skipped.count) member(s) besides the message history not read (attachments, canvases, …), e.g. '\(skipped[0])'",
                path: sink.context.path)
        }
    }

    /// The entries of a directory file (users, channels, …); empty when absent or unreadable.
    func directory(_ file: String, layout: Layout, bundle: any InputBundle, sink: inout EventSink) -> [JSONValue] {
        let member = layout.prefix + file
        guard bundle.contains(member) else { return [] }
        do {
            let root = try JSONDocument.parse(try bundle.read(member), path: bundle.displayPath(of: member))
            return root.array ?? []
        } catch {
            let failure = DebriefError.wrapping(error, path: bundle.displayPath(of: member), action: "read \(file)")
            sink.diagnostics.warn(
                "\(failure.message); names from it are shown as ids",
                path: failure.path ?? bundle.displayPath(of: member),
                line: failure.line)
            return []
        }
    }

    /// A member parsed as JSON, or nil after keeping it raw when it is not the JSON expected.
    func document(
        _ member: String, bundle: any InputBundle, sink: inout EventSink, expecting: String
    ) throws -> JSONValue? {
        let bytes = try bundle.read(member)
        do {
            let value = try JSONParser().parse(bytes)
            if value.array != nil { return value }
            sink.keepRaw(
                text: String(decoding: bytes, as: UTF8.self), line: 1, offset: 0,
                reason: "not \(expecting) (a JSON array)", kind: "malformed day file")
        } catch {
            sink.keepRaw(
                text: String(decoding: bytes, as: UTF8.self), line: error.line, offset: nil,
                reason: "malformed JSON day file (\(error.message) at line \(error.line))", kind: "malformed day file")
        }
        return nil
    }

    /// Integration changes (webhooks, apps added or removed) become notes.
    func readIntegrationLog(layout: Layout, bundle: any InputBundle, markup: SlackMarkup, sink: inout EventSink) {
        let member = layout.prefix + "integration_logs.json"
        guard bundle.contains(member) else { return }
        sink.beginMember(bundle.displayPath(of: member))
        guard let entries = try? document(member, bundle: bundle, sink: &sink, expecting: "an integration log")?.array
        else { return }
        for entry in entries {
            let change = entry["change_type"]?.nonEmptyString ?? "changed"
            let service = entry["service_type"]?.nonEmptyString ?? entry["app_type"]?.nonEmptyString ?? "integration"
            guard let dateText = entry["date"]?.text, let time = sink.instant(text: dateText) else {
                sink.keepRaw(
                    text: "\(change) \(service)", line: nil, offset: nil,
                    reason: "integration log entry without a usable 'date'", kind: "no date")
                continue
            }
            let user = entry["user_id"]?.nonEmptyString
            var note = ChatMessage(
                time: time, timeText: dateText,
                author: user.flatMap { markup.users[$0] } ?? entry["user_name"]?.nonEmptyString ?? user,
                text: "\(change.capitalizedFirst) integration: \(service)"
                    + (entry["reason"]?.nonEmptyString.map { " (\($0))" } ?? ""))
            note.isSystem = true
            note.subtype = "integration_\(change)"
            note.channel = entry["channel"]?.nonEmptyString.map { markup.channels[$0] ?? $0 }
            if let scope = entry["scope"]?.nonEmptyString { note.extra["scope"] = scope }
            sink.emit(note)
        }
    }

    /// Where an export's files are: the folder prefix (empty, or one top-level folder in a zip) and
    /// the day files (`channel/YYYY-MM-DD.json`) under it.
    struct Layout {
        /// The prefix of the export's members, or nil when the bundle does not look like an export.
        var root: String?
        /// The day files, sorted.
        var dayFiles: [String] = []

        /// The root, or "".
        var prefix: String { root ?? "" }

        init(members: [String]) {
            for name in ["channels.json", "users.json"] where root == nil {
                if members.contains(name) {
                    root = ""
                } else if let nested = members.first(where: { $0.hasSuffix("/" + name) && Self.depth($0) == 2 }) {
                    root = String(nested.dropLast(name.count))
                }
            }
            if root == nil, let day = members.first(where: Self.isDayFile) {
                root = Self.depth(day) == 2 ? "" : String(day.prefix { $0 != "/" }) + "/"
            }
            // An export may sit in one top-level folder (a zipped folder), but a folder that merely
            // holds an export beside other files is not itself the export.
            if let prefix = root, !prefix.isEmpty, !members.allSatisfy({ $0.hasPrefix(prefix) }) { root = nil }
            let prefix = root ?? ""
            dayFiles = members.filter {
                $0.hasPrefix(prefix) && Self.isDayFile($0.dropFirst(prefix.count))
                    && Self.depth($0.dropFirst(prefix.count)) == 2
            }
        }

        static func depth(_ path: some StringProtocol) -> Int { path.split(separator: "/").count }

        /// Whether `path` ends in `folder/YYYY-MM-DD.json` with at most one folder above.
        static func isDayFile(_ path: some StringProtocol) -> Bool {
            let parts = path.split(separator: "/")
            guard parts.count == 2 || parts.count == 3, let name = parts.last, name.utf8.count == 15,
                name.hasSuffix(".json")
            else { return false }
            return name.utf8.enumerated().allSatisfy { index, byte in
                switch index {
                case 4, 7: byte == 0x2D
                case 10...: true
                default: byte &- 0x30 < 10
                }
            }
        }
    }

    /// Confident when the bundle has the export's directory files, or day files of Slack messages.
    public static func bundleConfidence(for sample: BundleSample) -> Double {
        let layout = Layout(members: sample.bundle.members)
        guard let root = layout.root else { return 0 }
        let hasUsers = sample.bundle.contains(root + "users.json")
        if hasUsers, let channels = sample.small(root + "channels.json"), ChatJSON.firstByte(channels) == 0x5B {
            return 0.95
        }
        guard let first = layout.dayFiles.first, let bytes = sample.small(first) else { return 0 }
        let text = String(decoding: bytes.prefix(64 * 1024), as: UTF8.self)
        guard ChatJSON.firstByte(bytes) == 0x5B, text.contains("\"ts\""), text.contains("\"type\"")
        else { return 0 }
        return hasUsers ? 0.9 : 0.75
    }
}

extension String {
    /// The string with its first letter upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
