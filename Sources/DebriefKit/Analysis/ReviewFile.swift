import Foundation
import Yams

/// The team's part of the review, `review.yml` in the incident folder: the five whys and the action
/// items. Debrief reads it on every build and never writes over it.
///
/// ```yaml
/// whys:
///   - question: Why did checkout return 502s?
///     answer: payments-api ran out of database connections.
///     evidence: [logs/payments-api.jsonl:752]
///     whys:
///       - question: Why did it run out?
///         answer: 2.14.0 lowered the pool from 40 to 8.
/// actionItems:
///   - title: Validate pool sizes in CI
///     owner: Sam Okafor
///     due: 2026-12-01
///     rootCause: config change without review
/// ```
public enum ReviewFile {
    /// The file name looked for in the incident folder.
    public static let fileName = "review.yml"
    /// Keys of a why.
    public static let whyKeys = ["question", "answer", "evidence", "whys"]
    /// Keys of an action item.
    public static let actionItemKeys = ["title", "owner", "due", "rootCause"]

    /// The whys and action items in `folder/review.yml`; empty when there is no such file.
    public static func load(from folder: URL, displayPath: String) throws -> (whys: [WhyNode], actionItems: [ActionItem]) {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return ([], []) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DebriefError.wrapping(error, path: displayPath, action: "read the review file")
        }
        guard data.count <= 4 << 20, let text = String(data: data, encoding: .utf8) else {
            throw DebriefError("the review file must be UTF-8 text under 4 MiB", path: displayPath)
        }
        return try parse(text, path: displayPath)
    }

    /// Parses review-file text.
    public static func parse(_ text: String, path: String) throws -> (whys: [WhyNode], actionItems: [ActionItem]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DebriefError.yaml(error, path: path)
        }
        guard let root else { return ([], []) }
        let reader = NodeReader(path: path)
        var whys: [WhyNode] = []
        var items: [ActionItem] = []
        for (key, value) in try reader.mapping(root, key: "review", allowed: ["whys", "actionItems"]) {
            if key == "whys" {
                whys = try reader.whys(value, depth: 0)
            } else {
                items = try reader.actionItems(value)
            }
        }
        return (whys, items)
    }
}

extension NodeReader {
    func list(_ node: Node, key: String) throws -> [Node] {
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return [] }
        guard let sequence = node.sequence else { throw error("'\(key)' must be a list", at: node) }
        return Array(sequence)
    }

    func whys(_ node: Node, depth: Int) throws -> [WhyNode] {
        guard depth < 12 else { throw error("whys nest deeper than 12 levels", at: node) }
        return try list(node, key: "whys").map { item in
            var why = WhyNode(question: "")
            for (key, value) in try mapping(item, key: "a why", allowed: ReviewFile.whyKeys) {
                switch key {
                case "question": why.question = try string(value, key: key)
                case "answer":
                    let answer = try string(value, key: key).trimmingWhitespace
                    why.answer = answer.isEmpty ? nil : answer
                case "evidence":
                    if let scalar = value.scalar {
                        why.evidence = [scalar.string]
                    } else {
                        why.evidence = try list(value, key: key).map { try string($0, key: key) }
                    }
                default: why.children = try whys(value, depth: depth + 1)
                }
            }
            guard !why.question.isEmpty else { throw error("a why needs 'question:'", at: item) }
            return why
        }
    }

    func actionItems(_ node: Node) throws -> [ActionItem] {
        try list(node, key: "actionItems").map { item in
            var action = ActionItem(title: "")
            for (key, value) in try mapping(item, key: "an action item", allowed: ReviewFile.actionItemKeys) {
                let text = try string(value, key: key).trimmingWhitespace
                switch key {
                case "title": action.title = text
                case "owner": action.owner = text.isEmpty ? nil : text
                case "due":
                    guard text.isEmpty || TimestampParser.any(text) != nil else {
                        throw error("'due' must be a date such as 2026-12-01 (got '\(text)')", at: value)
                    }
                    action.due = text.isEmpty ? nil : text
                default: action.rootCause = text.isEmpty ? nil : text
                }
            }
            guard !action.title.isEmpty else { throw error("an action item needs 'title:'", at: item) }
            return action
        }
    }
}
