import Foundation

/// Reads Bugzilla's `show_activity.cgi` page: the HTML table "Who | When | What | Removed | Added",
/// where one change set's Who and When cells span several rows (`rowspan`).
///
/// Each row is one field change by Who at When (`Status: UNCONFIRMED → RESOLVED`). The bug number
/// and title come from the page ("Activity log for bug 355: …"). When is local time with a zone
/// abbreviation (`2013-06-25 11:57:23 CEST`); known abbreviations give the offset, others fall back to
/// the source's zone. The page is parsed with `HTMLText.tree` (forgiving, no network). A row whose
/// time cannot be read, or that has neither five cells nor follows a spanning row, is kept raw.
public struct BugzillaActivityParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Bugzilla activity page (HTML)",
        summary:
            "Bugzilla `show_activity.cgi` HTML table (Who/When/What/Removed/Added, rowspans); times with a zone abbreviation, else the source zone",
        eventKind: .ticket, makeParser: { .document(BugzillaActivityParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        guard let root = HTMLText.tree(document) else {
            throw DebriefError("not an HTML document", path: sink.path)
        }
        let tables = root.descendants("table")
        guard let table = tables.first(where: Self.isActivityTable) else {
            throw DebriefError("no Who/When/What/Removed/Added table (a Bugzilla activity page)", path: sink.path)
        }
        let ticket = Self.subject(in: root)
        var who: String?
        var when: String?
        for row in table.descendants("tr") {
            let cells = row.elements.filter { $0.name == "td" }
            if cells.isEmpty { continue }
            let change: ArraySlice<XMLElement>
            if cells.count >= 5 {
                who = Self.cellText(cells[0])
                when = Self.cellText(cells[1])
                change = cells[2...]
            } else if cells.count == 3, who != nil {
                change = cells[...]
            } else {
                sink.keepRaw(
                    text: cells.map(Self.cellText).joined(separator: " | "), line: nil, offset: nil,
                    reason: "Bugzilla activity row without Who and When")
                continue
            }
            let values = change.map(Self.cellText)
            let field = TicketHappening.canonicalField(values.first ?? "field")
            sink.emitTicket(
                .change(field: field, from: values.dropFirst().first, to: values.dropFirst(2).first), on: ticket,
                timeText: when, actor: who, rawReason: "Bugzilla activity row with an unreadable time")
        }
    }

    /// Whether the table's header cells are Who, When, What, Removed, Added.
    static func isActivityTable(_ table: XMLElement) -> Bool {
        let headers = table.descendants("th").prefix(5).map(cellText)
        return headers == ["Who", "When", "What", "Removed", "Added"]
    }

    /// The bug from "Activity log for bug 355: Title" (or the page title "Changes made to bug 355").
    static func subject(in root: XMLElement) -> TicketSubject {
        let text =
            root.descendants("p").map(cellText).first { $0.contains("for bug ") }
            ?? root.descendants("title").first.map(cellText) ?? ""
        guard let range = text.range(of: "for bug ") ?? text.range(of: "to bug ") else { return TicketSubject() }
        let rest = text[range.upperBound...]
        let number = rest.prefix { $0.isNumber }
        guard !number.isEmpty else { return TicketSubject() }
        var title = rest.dropFirst(number.count)
        if title.hasPrefix(":") { title = title.dropFirst() }
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        return TicketSubject(key: "Bug \(number)", title: trimmed.isEmpty ? nil : trimmed)
    }

    /// A cell's text with white space runs collapsed.
    static func cellText(_ cell: XMLElement) -> String {
        cell.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Confident for a page with Bugzilla's activity table headers.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x3C else { return 0 }
        let headers = ["<th>Who</th>", "<th>When</th>", "<th>What</th>", "<th>Removed</th>", "<th>Added</th>"]
        guard headers.allSatisfy(sample.contains) else { return 0 }
        return sample.contains("Bugzilla") || sample.contains("show_bug.cgi") ? 0.95 : 0.8
    }
}
