/// The list of input formats as `debrief formats` prints it: grouped by the kind of events each
/// format yields, as an aligned text table or as Markdown tables for documentation.
public enum FormatCatalog {
    /// The formats grouped by event kind, kinds in `Event.Kind` order, formats in registry order.
    public static var groups: [(kind: Event.Kind, formats: [InputFormat])] {
        Event.Kind.allCases.compactMap { kind in
            let formats = InputFormat.allCases.filter { $0.eventKind == kind }
            return formats.isEmpty ? nil : (kind, formats)
        }
    }

    /// A text table per kind (name, title, what it reads), the last column wrapped to `width`.
    public static func text(width: Int = 120) -> String {
        let nameWidth = InputFormat.allCases.map(\.rawValue.count).max() ?? 0
        let titleWidth = InputFormat.allCases.map(\.title.count).max() ?? 0
        let indent = 2 + nameWidth + 2 + titleWidth + 2
        let readsWidth = max(30, width - indent)
        var output = ""
        for (index, group) in groups.enumerated() {
            if index > 0 { output += "\n" }
            output += "\(group.kind.rawValue) events\n"
            output += "  " + pad("NAME", nameWidth) + "  " + pad("TITLE", titleWidth) + "  READS\n"
            for format in group.formats {
                let lines = wrap(format.summary, width: readsWidth)
                output += "  " + pad(format.rawValue, nameWidth) + "  " + pad(format.title, titleWidth) + "  "
                output += lines.joined(separator: "\n" + String(repeating: " ", count: indent)) + "\n"
            }
        }
        return output
    }

    /// One Markdown table per kind, under a `###` heading, as the README's format tables are laid out.
    public static func markdown() -> String {
        var output = ""
        for (index, group) in groups.enumerated() {
            if index > 0 { output += "\n" }
            output += "### \(group.kind.rawValue.prefix(1).uppercased() + group.kind.rawValue.dropFirst()) events\n\n"
            output += "| name | title | reads |\n|---|---|---|\n"
            for format in group.formats {
                output += "| `\(format.rawValue)` | \(escape(format.title)) | \(escape(format.summary)) |\n"
            }
        }
        return output
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Splits `text` at spaces into lines of at most `width` characters (longer words stand alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Table-cell text: pipes escaped, line breaks as spaces.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|": escaped += "\\|"
            case "\n", "\r": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
