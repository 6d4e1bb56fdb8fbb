/// One ServiceNow record (an incident, a journal entry, an audit row) read from XML, JSON or CSV,
/// with each field's display text and, when the export gave them, its stored (UTC) value.
struct ServiceNowRecord {
    /// The table (`incident`, `sys_journal_field`, `sys_audit`); `incident` when the export is silent.
    var table: String
    /// Field → display text; empty values and CSV's `?` are left out.
    var fields: [String: String]
    /// Field → stored value, for fields whose export gave both (JSON `display_value`/`value`).
    var stored: [String: String] = [:]
    /// Whether field text is ServiceNow's stored form, where date-times are UTC.
    var isStoredForm: Bool
    /// The line the record starts on (XML and CSV).
    var line: Int?
    /// Why the record cannot be read (a CSV row whose field count does not match the header); its
    /// text is in `fields["raw"]`.
    var malformation: String?

    /// The display text of `name`.
    subscript(_ name: String) -> String? { fields[name] }

    /// The first of `names` that has a value.
    func first(_ names: String...) -> String? {
        names.lazy.compactMap { fields[$0] }.first
    }

    // MARK: - Loading

    /// Records from an XML export: `<unload>` (or `<xml>`) with one element per record, reference
    /// fields read by their `display_value`.
    static func records(xml root: XMLElement) -> [ServiceNowRecord] {
        let elements = root.child("number") != nil || root.child("sys_id") != nil ? [root] : root.elements
        return elements.map { element in
            var fields: [String: String] = [:]
            for field in element.elements {
                let display = field[attribute: "display_value"]?.trimmingWhitespace
                let value = display?.isEmpty == false ? display : field.trimmedText
                if let value, !value.isEmpty { fields[field.name] = value }
            }
            return ServiceNowRecord(table: element.name, fields: fields, isStoredForm: true, line: element.line)
        }
    }

    /// Records from a Table API (`{"result": …}`) or JSONv2 (`{"records": […]}`) response. Values
    /// are display text when the state is a name rather than a number.
    static func records(json root: JSONValue) -> [ServiceNowRecord]? {
        let list: [JSONValue]
        if let result = root["result"] ?? root["records"] {
            list = result.array ?? [result]
        } else if let array = root.array {
            list = array
        } else {
            return nil
        }
        return list.map { item in
            var record = ServiceNowRecord(
                table: item["sys_class_name"]?.ticketValueText ?? "incident", fields: [:], isStoredForm: true)
            for (name, value) in item.object ?? JSONObject() {
                if let display = value["display_value"]?.ticketValueText {
                    record.fields[name] = display
                    if let stored = value["value"]?.ticketValueText { record.stored[name] = stored }
                } else if let text = value.ticketValueText {
                    record.fields[name] = text
                }
            }
            if let state = record.first("state", "incident_state"), !state.allSatisfy(\.isNumber) {
                record.isStoredForm = false
            }
            if record["element_id"] != nil, record["element"] != nil { record.table = "sys_journal_field" }
            if record["documentkey"] != nil, record["fieldname"] != nil { record.table = "sys_audit" }
            return record
        }
    }

    /// Records from a CSV export (header row of field names; display values; `?` for null); a row
    /// whose field count does not match the header comes back with a `malformation`.
    static func records(csv bytes: [UInt8]) -> (records: [ServiceNowRecord], header: [String]) {
        let parsed = CSVParser(delimiter: CSVParser.guessDelimiter(bytes)).parse(bytes)
        guard let header = parsed.records.first?.fields.map({ $0.trimmingWhitespace }) else { return ([], []) }
        var records: [ServiceNowRecord] = []
        for row in parsed.records.dropFirst() {
            guard row.fields.count == header.count else {
                var record = ServiceNowRecord(
                    table: "incident", fields: ["raw": row.fields.joined(separator: ",")], isStoredForm: false,
                    line: row.line)
                record.malformation = "CSV row has \(row.fields.count) fields, the header has \(header.count)"
                records.append(record)
                continue
            }
            var fields: [String: String] = [:]
            for (name, value) in zip(header, row.fields) {
                let text = value.trimmingWhitespace
                if !text.isEmpty, text != "?" { fields[name] = text }
            }
            records.append(ServiceNowRecord(table: "incident", fields: fields, isStoredForm: false, line: row.line))
        }
        return (records, header)
    }
}
