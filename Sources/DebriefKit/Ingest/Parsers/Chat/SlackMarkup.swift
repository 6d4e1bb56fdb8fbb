/// Turns Slack's message markup into plain text.
///
/// Slack escapes `<`, `>` and `&` in message text and uses angle brackets for references:
/// `<@U123>` and `<@U123|name>` (users), `<#C123|general>` (channels), `<!here>` and
/// `<!subteam^S1|@oncall>` (special mentions), `<!date^…|fallback>`, and links `<https://x|label>`.
/// Users and channels are resolved through the export's directories when it has them.
struct SlackMarkup {
    /// Display names by user id.
    var users: [String: String] = [:]
    /// Channel names by channel id.
    var channels: [String: String] = [:]

    /// The plain text of `markup`: references resolved, links as `label (url)`, entities unescaped.
    func plainText(_ markup: String) -> String {
        guard markup.contains("<") || markup.contains("&") else { return markup }
        var output = ""
        var rest = markup[...]
        while let open = rest.firstIndex(of: "<") {
            output += Self.unescape(rest[..<open])
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ">") else {
                rest = rest[open...]
                break
            }
            output += reference(rest[afterOpen..<close])
            rest = rest[rest.index(after: close)...]
        }
        output += Self.unescape(rest)
        return output
    }

    /// The text for the inside of one `<…>` reference.
    func reference(_ body: Substring) -> String {
        let parts = body.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let target = String(parts.first ?? "")
        let label = parts.count > 1 ? Self.unescape(parts[1]) : nil
        switch target.first {
        case "@":
            let id = String(target.dropFirst())
            return "@" + (users[id] ?? label ?? id)
        case "#":
            let id = String(target.dropFirst())
            return "#" + (label.flatMap { $0.isEmpty ? nil : $0 } ?? channels[id] ?? id)
        case "!":
            if let label, !label.isEmpty {
                return label.hasPrefix("@") || target.hasPrefix("!date") ? label : "@" + label
            }
            let name = target.dropFirst().split(separator: "^").first.map(String.init) ?? ""
            return "@" + name
        default:
            let url = Self.unescape(target[...])
            guard let label, !label.isEmpty, label != url, "mailto:" + label != url else {
                return url.hasPrefix("mailto:") ? String(url.dropFirst(7)) : url
            }
            return "\(label) (\(url))"
        }
    }

    /// `&lt;`, `&gt;` and `&amp;` back to characters (the only entities Slack writes).
    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return String(text).replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&amp;", with: "&")
    }
}
