import Foundation

/// Reads ServiceNow incident exports in XML (`<unload>` or `<xml>` with `<incident>` records, plus
/// `sys_journal_field` and `sys_audit` records when exported), JSON (Table API `{"result": …}`,
/// JSONv2 `{"records": […]}`) and CSV (a header of field names; one row per incident, or one row
/// per update such as an audit-derived event log with `sys_mod_count`).
///
/// An incident yields `opened` at `opened_at` (else `sys_created_on`), status changes at
/// `resolved_at` and `closed_at`, and one `commented` event per journal entry in `work_notes` and
/// `comments` ("2026-01-05 10:00:00 - Ana (Work notes)" headers). When the same number appears in
/// several rows, the rows are successive versions: each row after the first is one change event
/// at its `sys_updated_on`/`sys_updated_at` by `sys_updated_by` (the state change first, other
/// changed fields in `other-changes`). Numeric incident states are named (1 New … 8 Canceled).
///
/// Time: XML and JSON carry stored values, which are UTC; display values (JSON with state names,
/// CSV, journal headers) are wall time in the exporting user's zone, read in the source's zone.
/// Dates are `YYYY-MM-DD HH:MM:SS` or `DD-MM-YYYY HH:MM[:SS]`. A record without a usable time is
/// kept raw, as is a CSV row whose field count does not match the header.
public struct ServiceNowParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "ServiceNow incident export",
        summary:
            "ServiceNow incidents as XML (`<unload>`, `<xml>`), JSON (Table API `result`, JSONv2 `records`) or CSV (per incident or per update); XML/JSON stored times are UTC, display times (CSV) use the source zone",
        eventKind: .ticket, makeParser: { .document(ServiceNowParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    /// Names of the incident table's numeric states.
    static let incidentStates = [
        "1": "New", "2": "In Progress", "3": "On Hold", "4": "Awaiting User Info", "5": "Awaiting Evidence",
        "6": "Resolved", "7": "Closed", "8": "Canceled",
    ]

    /// Fields that change with every update and say nothing about the incident.
    static let bookkeeping: Set<String> = [
        "sys_updated_on", "sys_updated_at", "sys_updated_by", "sys_mod_count", "sys_tags", "work_notes", "comments",
    ]

    /// The order in which a row's changed fields are told: the state first.
    static let changeOrder = [
        "incident_state", "state", "assigned_to", "assignment_group", "priority", "urgency", "impact",
    ]

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let first = document.first {
            $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
        }
        var records: [ServiceNowRecord]
        switch first {
        case 0x3C:
            records = ServiceNowRecord.records(xml: try XMLTreeReader.parse(document, path: sink.path))
        case 0x7B, 0x5B:
            guard let list = ServiceNowRecord.records(json: try JSONDocument.parse(document, path: sink.path)) else {
                throw DebriefError("expected ServiceNow 'result' or 'records'", path: sink.path)
            }
            records = list
        default:
            let csv = ServiceNowRecord.records(csv: document)
            guard csv.header.contains("number") || csv.header.contains("sys_id") else {
                throw DebriefError(
                    "expected a CSV header with ServiceNow field names ('number', 'sys_id')", path: sink.path)
            }
            records = csv.records
        }
        var numbers: [String: String] = [:]
        var seen: [String: Int] = [:]
        for record in records where record.table == "incident" || record["number"] != nil {
            guard record.malformation == nil else { continue }
            if let id = record["sys_id"], let number = record["number"] { numbers[id] = number }
            if let number = record["number"] { seen[number, default: 0] += 1 }
        }
        let isUpdateLog = seen.values.contains { $0 > 1 }
        var previous: [String: ServiceNowRecord] = [:]
        for record in records {
            if let malformation = record.malformation {
                sink.keepRaw(
                    text: record["raw"] ?? "", line: record.line, offset: nil, reason: malformation,
                    kind: "CSV field count")
                continue
            }
            switch record.table {
            case "sys_journal_field":
                readJournalEntry(record, numbers: numbers, into: &sink)
            case "sys_audit":
                readAudit(record, numbers: numbers, into: &sink)
            case let table where table != "incident" && record["number"] == nil:
                sink.keepRaw(
                    text: record.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
                    line: record.line, offset: nil, reason: "ServiceNow \(table) record is not a ticket",
                    kind: "not a ticket")
            default:
                let key = record["number"] ?? record["sys_id"] ?? ""
                if isUpdateLog {
                    readVersion(record, after: previous[key], into: &sink)
                    previous[key] = record
                } else {
                    readIncident(record, into: &sink)
                }
            }
        }
    }

    // MARK: - Incidents

    func readIncident(_ record: ServiceNowRecord, into sink: inout EventSink) {
        let ticket = Self.subject(of: record)
        let opened = Self.time(of: record, ["opened_at", "sys_created_on", "sys_created_at"], sink: &sink)
        sink.emitTicket(
            .opened, on: ticket, timeText: opened?.text, time: opened?.instant, line: record.line,
            actor: record.first("opened_by", "sys_created_by"), attributes: Self.facts(of: record),
            rawReason: "ServiceNow record without a usable opened_at or sys_created_on")
        for (field, status, actorField) in [
            ("resolved_at", "Resolved", "resolved_by"), ("closed_at", "Closed", "closed_by"),
        ] {
            guard record[field] != nil else { continue }
            let time = Self.time(of: record, [field], sink: &sink)
            sink.emitTicket(
                .change(field: "status", from: nil, to: status), on: ticket, timeText: time?.text ?? record[field],
                time: time?.instant, line: record.line, actor: record[actorField],
                rawReason: "ServiceNow \(field) is not a date")
        }
        for journal in ["work_notes", "comments"] {
            guard let text = record[journal] else { continue }
            readJournalText(text, kind: journal, on: ticket, record: record, into: &sink)
        }
    }

    /// One row of an update log: the first row of a number opens it; later rows are compared with
    /// the row before.
    func readVersion(_ record: ServiceNowRecord, after earlier: ServiceNowRecord?, into sink: inout EventSink) {
        let ticket = Self.subject(of: record)
        let updated = Self.time(of: record, ["sys_updated_on", "sys_updated_at"], sink: &sink)
        let actor = record["sys_updated_by"]
        var details = Attributes()
        if let count = record["sys_mod_count"] { details["sys_mod_count"] = count }
        guard let earlier else {
            let state = Self.state(record)
            if record["sys_mod_count"].map({ $0 == "0" }) ?? true {
                let opened = Self.time(of: record, ["opened_at"], sink: &sink) ?? updated
                var facts = Self.facts(of: record)
                for (key, value) in details { facts[key] = value }
                sink.emitTicket(
                    .opened, on: ticket, timeText: opened?.text ?? record["opened_at"], time: opened?.instant,
                    line: record.line, actor: record.first("opened_by", "sys_created_by") ?? actor, attributes: facts,
                    rawReason: "ServiceNow row without a usable opened_at or sys_updated_on")
            } else {
                sink.emitTicket(
                    .change(field: "status", from: nil, to: state), on: ticket, timeText: updated?.text,
                    time: updated?.instant, line: record.line, actor: actor, attributes: details,
                    rawReason: "ServiceNow row without a usable sys_updated_on")
            }
            return
        }
        var changed = Set(record.fields.keys).union(earlier.fields.keys).subtracting(Self.bookkeeping)
        changed = changed.filter { record[$0] != earlier[$0] }
        let ordered = Self.changeOrder.filter(changed.contains) + changed.subtracting(Self.changeOrder).sorted()
        let happening: TicketHappening
        if let primary = ordered.first {
            let isState = primary == "state" || primary == "incident_state"
            happening = .change(
                field: TicketHappening.canonicalField(primary),
                from: isState ? Self.state(earlier) : earlier[primary],
                to: isState ? Self.state(record) : record[primary])
            let others = ordered.dropFirst().map { "\($0): \(earlier[$0] ?? "(none)") → \(record[$0] ?? "(none)")" }
            if !others.isEmpty { details["other-changes"] = others.joined(separator: "; ") }
        } else {
            happening = .other("updated", transition: Transition.changed)
        }
        sink.emitTicket(
            happening, on: ticket, timeText: updated?.text ?? record.first("sys_updated_on", "sys_updated_at"),
            time: updated?.instant, line: record.line, actor: actor, attributes: details,
            rawReason: "ServiceNow row without a usable sys_updated_on")
    }

    // MARK: - Journals and audit rows

    /// A `sys_journal_field` record: one work note or comment.
    func readJournalEntry(_ record: ServiceNowRecord, numbers: [String: String], into sink: inout EventSink) {
        let ticket = TicketSubject(key: record["element_id"].map { numbers[$0] ?? $0 })
        let time = Self.time(of: record, ["sys_created_on"], sink: &sink)
        sink.emitTicket(
            .comment(record["value"] ?? ""), on: ticket, timeText: time?.text, time: time?.instant, line: record.line,
            actor: record["sys_created_by"], attributes: ["journal": record["element"] ?? "comments"],
            rawReason: "ServiceNow journal entry without a usable sys_created_on")
    }

    /// A `sys_audit` record: one field change.
    func readAudit(_ record: ServiceNowRecord, numbers: [String: String], into sink: inout EventSink) {
        let ticket = TicketSubject(key: record["documentkey"].map { numbers[$0] ?? $0 })
        let name = record["fieldname"] ?? "field"
        let isState = name == "state" || name == "incident_state"
        let shown = { (value: String?) in isState ? value.map { Self.incidentStates[$0] ?? $0 } : value }
        let time = Self.time(of: record, ["sys_created_on"], sink: &sink)
        sink.emitTicket(
            .change(
                field: TicketHappening.canonicalField(name), from: shown(record["oldvalue"]),
                to: shown(record["newvalue"])),
            on: ticket, timeText: time?.text, time: time?.instant, line: record.line,
            actor: record.first("user", "sys_created_by"),
            rawReason: "ServiceNow audit row without a usable sys_created_on")
    }

    /// The entries of a journal field's text: "date - name (Work notes)" headers, each followed by
    /// the note; text without headers is one note at the record's last update.
    func readJournalText(
        _ text: String, kind: String, on ticket: TicketSubject, record: ServiceNowRecord, into sink: inout EventSink
    ) {
        var entries: [(header: (time: String, author: String), lines: [String])] = []
        var loose: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let header = Self.journalHeader(line) {
                entries.append((header, []))
            } else if entries.isEmpty {
                loose.append(String(line))
            } else {
                entries[entries.count - 1].lines.append(String(line))
            }
        }
        let note = loose.joined(separator: "\n").trimmingWhitespace
        if !note.isEmpty {
            let time = Self.time(of: record, ["sys_updated_on", "sys_updated_at"], sink: &sink)
            sink.emitTicket(
                .comment(note), on: ticket, timeText: time?.text, time: time?.instant, line: record.line,
                actor: record["sys_updated_by"], attributes: ["journal": kind],
                rawReason: "ServiceNow \(kind) without a dated header or record update time")
        }
        for entry in entries {
            let time = Self.instant(entry.header.time, storedForm: false, sink: &sink)
            sink.emitTicket(
                .comment(entry.lines.joined(separator: "\n").trimmingWhitespace), on: ticket,
                timeText: entry.header.time,
                time: time, line: record.line, actor: entry.header.author, attributes: ["journal": kind],
                rawReason: "ServiceNow \(kind) entry with an unreadable date")
        }
    }

    /// `2016-02-29 01:16:00 - Ana Lopez (Work notes)` → time text and author.
    static func journalHeader(_ line: Substring) -> (time: String, author: String)? {
        let text = String(line).trimmingWhitespace
        guard text.hasSuffix(")"), let dash = text.range(of: " - "), let open = text.lastIndex(of: "("),
            dash.upperBound <= open
        else { return nil }
        let time = String(text[..<dash.lowerBound])
        guard TimestampParser.any(time) != nil || dayFirst(time) != nil else { return nil }
        let author = String(text[dash.upperBound..<open]).trimmingWhitespace
        return (time, author)
    }

    // MARK: - Pieces

    static func subject(of record: ServiceNowRecord) -> TicketSubject {
        TicketSubject(key: record["number"] ?? record["sys_id"], title: record["short_description"])
    }

    /// The record's state by name (`2` → `In Progress`).
    static func state(_ record: ServiceNowRecord) -> String? {
        record.first("incident_state", "state").map { incidentStates[$0] ?? $0 }
    }

    /// Attributes describing an incident where it was opened.
    static func facts(of record: ServiceNowRecord) -> Attributes {
        var facts = Attributes()
        if let state = state(record) { facts["current-status"] = state }
        for name in ["priority", "impact", "urgency", "assignment_group", "assigned_to", "category", "caller_id"] {
            if let value = record[name] { facts[name] = value }
        }
        return facts
    }

    /// The first of `fields` that holds a readable time, as text and instant.
    static func time(of record: ServiceNowRecord, _ fields: [String], sink: inout EventSink) -> (
        text: String, instant: Instant
    )? {
        for field in fields {
            if let stored = record.stored[field], let instant = instant(stored, storedForm: true, sink: &sink) {
                return (stored, instant)
            }
            if let text = record[field], let instant = instant(text, storedForm: record.isStoredForm, sink: &sink) {
                return (text, instant)
            }
        }
        return nil
    }

    /// A ServiceNow date-time: stored form is UTC; display form is wall time in the source's zone.
    static func instant(_ text: String, storedForm: Bool, sink: inout EventSink) -> Instant? {
        guard let parsed = TimestampParser.any(text) ?? dayFirst(text) else { return nil }
        if storedForm, parsed.offsetSeconds == nil { return parsed.civil.instant(offsetSeconds: 0) }
        return sink.instant(for: parsed, line: nil)
    }

    /// `DD-MM-YYYY HH:MM[:SS]`, the day-first display format.
    static func dayFirst(_ text: String) -> ParsedTimestamp? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16 || bytes.count == 19, bytes[2] == 0x2D, bytes[5] == 0x2D, bytes[10] == 0x20,
            bytes[13] == 0x3A
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let day = number(0..<2), let month = number(3..<5), let year = number(6..<10), let hour = number(11..<13),
            let minute = number(14..<16)
        else { return nil }
        var second = 0
        if bytes.count == 19 {
            guard bytes[16] == 0x3A, let value = number(17..<19) else { return nil }
            second = value
        }
        let civil = CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard civil.instant() != nil else { return nil }
        return ParsedTimestamp(civil: civil, offsetSeconds: nil, length: bytes.count)
    }

    /// Confident for ServiceNow's `sys_` fields in XML or JSON, or a CSV header of its field names.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte else { return 0 }
        let systemFields = sample.contains("sys_created_on") || sample.contains("sys_id")
        switch first {
        case 0x3C:
            if sample.contains("<unload") && systemFields { return 0.97 }
            return sample.contains("<xml>") && sample.contains("<number>") && systemFields ? 0.95 : 0
        case 0x7B, 0x5B:
            let container = sample.contains("\"result\"") || sample.contains("\"records\"")
            return container && systemFields && sample.contains("\"number\"") ? 0.95 : 0
        default:
            guard let header = sample.lines.first?.lowercased() else { return 0 }
            let names = Set(
                header.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" })
                    .map { String($0.filter { $0 != "\"" && $0 != " " && $0 != "\u{FEFF}" }) })
            guard names.contains("number") else { return 0 }
            let known = [
                "sys_updated_on", "sys_updated_at", "sys_created_on", "sys_created_at", "incident_state", "sys_id",
                "opened_at", "sys_mod_count",
            ]
            return known.contains(where: names.contains) ? 0.92 : 0
        }
    }
}
