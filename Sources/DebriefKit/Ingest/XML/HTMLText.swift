import CLibXML2

/// Turns HTML (chat message bodies, ticket descriptions, HTML exports) into plain text with
/// libxml2's forgiving HTML parser: scripts and styles are dropped, block elements and `<br>` become
/// line breaks, runs of white space collapse, and entities are decoded.
public enum HTMLText {
    /// The plain text of an HTML fragment or document.
    public static func plainText(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return html }
        guard let document = parse(Array(html.utf8)) else { return html }
        defer { xmlFreeDoc(document) }
        var output = ""
        if let root = xmlDocGetRootElement(document) { append(root, to: &output, depth: 0) }
        return tidy(output)
    }

    /// Parses HTML into a libxml2 document (caller frees), or nil.
    static func parse(_ bytes: [UInt8]) -> htmlDocPtr? {
        LibXML.initialise()
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | HTML_PARSE_COMPACT.rawValue)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
    }

    /// Parses an HTML document into a Swift tree (for HTML exports such as DiscordChatExporter's).
    public static func tree(_ bytes: [UInt8]) -> XMLElement? {
        guard let document = parse(bytes) else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return XMLTreeReader.copy(root, depth: 0)
    }

    static let skipped: Set<String> = ["script", "style", "head", "title", "noscript", "template"]
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
        "section", "article", "header", "footer", "hr", "dd", "dt",
    ]

    private static func append(_ node: xmlNodePtr, to output: inout String, depth: Int) {
        guard depth < 256 else { return }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = LibXML.string(current.pointee.name).lowercased()
                if !skipped.contains(name) {
                    if name == "br" {
                        output += "\n"
                    } else {
                        if blocks.contains(name) { output += "\n" }
                        append(current, to: &output, depth: depth + 1)
                        if blocks.contains(name) { output += "\n" }
                    }
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                output += LibXML.string(current.pointee.content)
            default:
                break
            }
            child = current.pointee.next
        }
    }

    /// Collapses spaces within lines and blank-line runs; trims the ends.
    static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.replacingNonBreakingSpaces.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            let line = words.joined(separator: " ")
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate var replacingNonBreakingSpaces: String {
        contains("\u{00A0}") ? String(map { $0 == "\u{00A0}" ? " " : $0 }) : self
    }
}
