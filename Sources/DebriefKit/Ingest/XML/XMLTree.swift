import CLibXML2

/// An XML element copied out of libxml2 into plain Swift values.
public struct XMLElement: Sendable, Hashable {
    /// The local name (without a namespace prefix).
    public var name: String
    /// The attributes, in document order (local names).
    public var attributes: [Attribute]
    /// The child nodes, in document order.
    public var children: [XMLNode]
    /// The line the element starts on.
    public var line: Int

    /// One attribute.
    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// The value of attribute `name`.
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The child elements.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// The first child element named `name`.
    public func child(_ name: String) -> XMLElement? {
        for case .element(let element) in children where element.name == name { return element }
        return nil
    }

    /// The child elements named `name`.
    public func children(_ name: String) -> [XMLElement] {
        elements.filter { $0.name == name }
    }

    /// All descendant elements named `name`, depth first.
    public func descendants(_ name: String) -> [XMLElement] {
        var result: [XMLElement] = []
        for element in elements {
            if element.name == name { result.append(element) }
            result += element.descendants(name)
        }
        return result
    }

    /// The concatenated text of this element and its descendants (entity references stay as `&name;`).
    public var text: String {
        var output = ""
        appendText(to: &output)
        return output
    }

    /// `text` with leading and trailing white space removed (exports indent their element text).
    public var trimmedText: String { text.trimmingWhitespace }

    /// The trimmed text of child `name`, nil when absent or empty.
    public func childText(_ name: String) -> String? {
        guard let text = child(name)?.trimmedText, !text.isEmpty else { return nil }
        return text
    }

    private func appendText(to output: inout String) {
        for child in children {
            switch child {
            case .text(let text): output += text
            case .element(let element): element.appendText(to: &output)
            }
        }
    }
}

/// A node in an `XMLElement`'s content.
public indirect enum XMLNode: Sendable, Hashable {
    case element(XMLElement)
    case text(String)
}

/// Parses XML with libxml2, safely: no network, no external DTD, no entity substitution.
///
/// Exports are untrusted. An XXE payload (`<!ENTITY x SYSTEM "file:///etc/passwd">`) is never
/// resolved and a billion-laughs document is never expanded: entity references are kept as the
/// literal text `&name;`. Element text is copied into Swift values and the libxml2 tree is freed.
public enum XMLTreeReader {
    /// The parser options: no network, no DTD loading, CDATA as text, no entity substitution.
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// Parses `bytes` into the root element. Throws with the file and line of the first error.
    public static func parse(_ bytes: [UInt8], path: String) throws -> XMLElement {
        LibXML.initialise()
        guard bytes.count < Int(Int32.max) else { throw DebriefError("XML document too large", path: path) }
        let context = xmlNewParserCtxt()
        defer { xmlFreeParserCtxt(context) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(context, $0, Int32(buffer.count), path, nil, options)
            }
        }
        guard let document else {
            throw LibXML.lastError(context, path: path, fallback: "not well-formed XML")
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw DebriefError("XML document has no root element", path: path)
        }
        return copy(root, depth: 0)
    }

    static func copy(_ node: xmlNodePtr, depth: Int) -> XMLElement {
        var element = XMLElement(
            name: LibXML.string(node.pointee.name), attributes: [], children: [], line: Int(xmlGetLineNo(node)))
        var attribute = node.pointee.properties
        while let current = attribute {
            let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1)
            element.attributes.append(.init(name: LibXML.string(current.pointee.name), value: LibXML.take(value)))
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                // Deeper than this is hostile; its content is dropped rather than recursed into.
                if depth < 256 { element.children.append(.element(copy(current, depth: depth + 1))) }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                element.children.append(.text(LibXML.string(current.pointee.content)))
            case XML_ENTITY_REF_NODE:
                element.children.append(.text("&" + LibXML.string(current.pointee.name) + ";"))
            default:
                break
            }
            child = current.pointee.next
        }
        return element
    }
}

/// Small helpers around libxml2's C interface.
enum LibXML {
    private static let initialisation: Void = { xmlInitParser() }()

    /// libxml2 must be initialised once before parsing from several threads.
    static func initialise() { _ = initialisation }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    /// Copies and frees a string libxml2 allocated.
    static func take(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        defer { debrief_xml_free(pointer) }
        return String(cString: pointer)
    }

    static func lastError(_ context: xmlParserCtxtPtr?, path: String, fallback: String) -> DebriefError {
        guard let context, let error = xmlCtxtGetLastError(context) else { return DebriefError(fallback, path: path) }
        let message = error.pointee.message.map { String(cString: $0).trimmingWhitespace } ?? fallback
        let line = Int(error.pointee.line)
        return DebriefError("invalid XML: \(message)", path: path, line: line > 0 ? line : nil)
    }
}
