/// Reads Phabricator Conduit `maniphest.gettasktransactions` results: `{"result": {"69": [transaction…]}}`
/// (or a bare map or array of transactions), newest first.
///
/// Each transaction is one event at `dateCreated` (epoch seconds, written as a string) by
/// `authorPHID` (Conduit gives no names): `core:create` → `opened`, `status`, `reassign`,
/// `priority`, `title` and other types → field changes from `oldValue` to `newValue`, `core:comment`
/// → `commented`. Tasks are keyed `T69`. A transaction without a usable date is kept raw.
public struct PhabricatorTransactionsParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Phabricator Maniphest transactions",
        summary: "Conduit `maniphest.gettasktransactions` results (newest first); `dateCreated` epoch seconds (UTC)",
        eventKind: .ticket, makeParser: { .document(PhabricatorTransactionsParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        let root = try JSONDocument.parse(document, path: sink.path)
        if let message = root["error_info"]?.nonEmptyString {
            throw DebriefError("Conduit returned an error: \(message)", path: sink.path)
        }
        let result = root["result"] ?? root
        let transactions: [JSONValue]
        if let list = result.array {
            transactions = list
        } else if let tasks = result.object {
            transactions = tasks.members.flatMap { $0.value.array ?? [] }
        } else {
            throw DebriefError("expected Conduit 'result' with task transactions", path: sink.path)
        }
        for transaction in transactions {
            read(transaction, into: &sink)
        }
    }

    func read(_ transaction: JSONValue, into sink: inout EventSink) {
        let ticket = TicketSubject(key: transaction["taskID"]?.text.map { "T\($0)" })
        let type = transaction["transactionType"]?.string ?? "transaction"
        let happening: TicketHappening
        switch type {
        case "core:create":
            happening = .opened
        case "core:comment":
            happening = .comment(transaction["comments"]?.string ?? "")
        default:
            let name = type.hasPrefix("core:") ? String(type.dropFirst(5)) : type
            happening = .change(
                field: TicketHappening.canonicalField(name), from: transaction["oldValue"]?.ticketValueText,
                to: transaction["newValue"]?.ticketValueText)
        }
        var details: Attributes = ["phabricator.type": type]
        if let id = transaction["transactionID"]?.text { details["transaction-id"] = id }
        sink.emitTicket(
            happening, on: ticket, timeText: transaction["dateCreated"]?.text, actor: transaction["authorPHID"]?.string,
            attributes: details, rawReason: "Phabricator transaction without a usable dateCreated")
    }

    /// Confident for transactions with `transactionType` and `authorPHID`.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        return sample.contains("\"transactionType\"") && sample.contains("\"authorPHID\"") ? 0.97 : 0
    }
}
