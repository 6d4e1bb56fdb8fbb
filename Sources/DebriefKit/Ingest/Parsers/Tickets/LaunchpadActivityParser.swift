/// Reads the Launchpad API's bug activity collection: `{"entries": [{datechanged, whatchanged,
/// oldvalue, newvalue, message, person_link, bug_link}]}`.
///
/// Each entry is one event by the person in `person_link` (`~name`): "added bug" → `opened`,
/// `whatchanged` of `status`, `assignee`, `importance` (also per target, `nova: status`) and others →
/// field changes from `oldvalue` to `newvalue`, and entries without values (`added subscriber …`)
/// are kept as told. Bugs are keyed `Bug #1`. `datechanged` is ISO 8601 with its offset. An entry
/// without a usable date is kept raw.
public struct LaunchpadActivityParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Launchpad bug activity",
        summary:
            "Launchpad API bug activity entries (`whatchanged`, `oldvalue`, `newvalue`); `datechanged` with its offset",
        eventKind: .ticket, makeParser: { .document(LaunchpadActivityParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        guard let entries = root["entries"]?.array ?? root.array else {
            throw DebriefError("expected Launchpad 'entries'", path: sink.path)
        }
        for entry in entries {
            read(entry, into: &sink)
        }
    }

    func read(_ entry: JSONValue, into sink: inout EventSink) {
        let bug = entry["bug_link"]?.string.flatMap(Self.lastComponent)
        let ticket = TicketSubject(
            key: bug.map { "Bug #\($0)" }, url: bug.map { "https://bugs.launchpad.net/bugs/\($0)" })
        let what = entry["whatchanged"]?.string ?? ""
        let message = entry["message"]?.nonEmptyString
        let old = entry["oldvalue"]?.ticketValueText
        let new = entry["newvalue"]?.ticketValueText
        let happening: TicketHappening
        if what == "bug", message == "added bug" {
            happening = .opened
        } else if old != nil || new != nil {
            let target = what.split(separator: ":", maxSplits: 1)
            let field = TicketHappening.canonicalField(String(target.last ?? "").trimmingWhitespace)
            happening = .change(field: field.isEmpty ? what : field, from: old, to: new)
        } else {
            happening = .other(message ?? what, transition: nil)
        }
        var details = Attributes()
        if what.contains(":"), let target = what.split(separator: ":").first { details["target"] = String(target) }
        let person = entry["person_link"]?.string.flatMap(Self.lastComponent)
        sink.emitTicket(
            happening, on: ticket, timeText: entry["datechanged"]?.string,
            actor: person.map { $0.hasPrefix("~") ? String($0.dropFirst()) : $0 }, attributes: details,
            rawReason: "Launchpad activity without a usable datechanged")
    }

    /// The last path component of a link.
    static func lastComponent(_ link: String) -> String? {
        let part = link.split(separator: "/").last.map(String.init)
        return part?.isEmpty == false ? part : nil
    }

    /// Confident for Launchpad bug activity entries.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B else { return 0 }
        if sample.contains("#bug_activity") { return 0.97 }
        return sample.contains("\"whatchanged\"") && sample.contains("\"datechanged\"") ? 0.93 : 0
    }
}
