import Foundation

/// Words people use in incident chat for each milestone and for status updates, in English and
/// Chinese. Matching is on lower-cased text; a message that negates or asks (`not resolved`,
/// `is it fixed?`) does not count.
public enum Phrases {
    /// Phrases that say the milestone happened.
    public static let milestones: [MilestoneKind: [String]] = [
        .detected: [
            "alert fired", "alerts firing", "alert is firing", "got paged", "getting paged", "paged for",
            "seeing errors", "seeing 5xx", "seeing 502", "seeing 500", "is anyone else seeing", "customers report",
            "customers are reporting", "users report", "报警", "告警", "发现异常", "收到告警",
        ],
        .acknowledged: [
            "ack", "acked", "acknowledged", "i'm on it", "im on it", "i am on it", "on it", "looking into it",
            "looking into this", "investigating", "taking a look", "i'll take it", "我来看", "在看了", "在查", "正在排查",
            "我来处理",
        ],
        .escalated: [
            "escalating", "escalated", "paging in", "paged in", "pulling in", "looping in", "waking up", "升级", "拉上",
            "已升级",
        ],
        .mitigated: [
            "mitigated", "rolled back", "rollback complete", "rollback done", "rollback finished", "recovered",
            "recovering", "error rate back", "errors are gone", "errors stopped", "back to normal", "stabilized",
            "stabilised", "已恢复", "已回滚", "回滚完成", "止血", "恢复正常", "已缓解",
        ],
        .resolved: [
            "resolved", "all clear", "closing the incident", "incident closed", "incident is over", "fixed",
            "已解决", "已修复", "故障解除", "事件关闭",
        ],
    ]

    /// How a status update to stakeholders starts (after any markup such as `*` or `>`).
    public static let statusUpdatePrefixes: [String] = [
        "update:", "update -", "update –", "[update]", "status:", "status update", "sitrep", "customer update",
        "stakeholder update", "状态更新", "进展", "最新进展", "更新:", "更新：",
    ]
    /// Phrases that mark a message as a status update wherever they appear.
    public static let statusUpdateAnywhere: [String] = ["status update", "状态更新", "sitrep"]

    /// Words that turn a match into its opposite.
    static let negations: [String] = ["not ", "n't ", "no longer", "still ", "未", "没有", "尚未", "还没"]

    /// The milestones `text` announces (each at most once).
    public static func milestones(in text: String) -> [(MilestoneKind, String)] {
        let lowered = text.prefix(500).lowercased()
        guard !lowered.hasSuffix("?"), !lowered.hasSuffix("？") else { return [] }
        var found: [(MilestoneKind, String)] = []
        for kind in MilestoneKind.allCases {
            guard let phrases = milestones[kind] else { continue }
            for phrase in phrases where contains(lowered, phrase) {
                if negated(lowered, before: phrase) { continue }
                found.append((kind, phrase))
                break
            }
        }
        return found
    }

    /// Whether `text` reads as a status update.
    public static func isStatusUpdate(_ text: String) -> Bool {
        let lowered = text.prefix(300).lowercased()
        let start = lowered.drop { !$0.isLetter && !$0.isNumber && $0 != "[" }
        if statusUpdatePrefixes.contains(where: { start.hasPrefix($0) }) { return true }
        return statusUpdateAnywhere.contains { lowered.contains($0) }
    }

    /// Whether `phrase` appears as a word (ASCII phrases) or anywhere (CJK phrases).
    static func contains(_ text: String, _ phrase: String) -> Bool {
        guard let range = text.range(of: phrase) else { return false }
        guard phrase.unicodeScalars.allSatisfy({ $0.isASCII }) else { return true }
        let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
        let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
        let boundaryBefore = before.map { !$0.isLetter && !$0.isNumber } ?? true
        let boundaryAfter = after.map { !$0.isLetter && !$0.isNumber } ?? true
        return boundaryBefore && boundaryAfter
    }

    static func negated(_ text: String, before phrase: String) -> Bool {
        guard let range = text.range(of: phrase) else { return false }
        let prefix = text[..<range.lowerBound].suffix(12)
        return negations.contains { prefix.contains($0) }
    }
}
