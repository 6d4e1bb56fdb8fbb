import Testing
@testable import DebriefKit

@Suite struct PhrasesTests {
    @Test(arguments: [
        ("Rolled back, error rate back to normal", MilestoneKind.mitigated),
        ("已回滚，错误率已恢复", .mitigated),
        ("服务已恢复正常", .mitigated),
        ("止血完成", .mitigated),
        ("All clear, resolved", .resolved),
        ("问题已解决", .resolved),
        ("I'm on it", .acknowledged),
        ("收到，我来看", .acknowledged),
        ("Escalating to the DBA on-call", .escalated),
        ("已升级到数据库值班", .escalated),
        ("Customers are reporting failed payments", .detected),
        ("收到告警：支付失败率升高", .detected),
    ])
    func recognisesMilestonePhrases(text: String, kind: MilestoneKind) {
        #expect(Phrases.milestones(in: text).map(\.0).contains(kind), "\(text)")
    }

    @Test(arguments: ["not resolved yet", "is it fixed?", "still not recovered", "尚未恢复", "还没解决", "backward compatible fix-up"])
    func negationsQuestionsAndPartialWordsDoNotCount(text: String) {
        #expect(!Phrases.milestones(in: text).contains { $0.0 == .resolved || $0.0 == .mitigated }, "\(text)")
    }

    @Test func ackMustBeAWord() {
        #expect(!Phrases.milestones(in: "the backup finished").contains { $0.0 == .acknowledged })
        #expect(Phrases.milestones(in: "ack, looking").contains { $0.0 == .acknowledged })
    }

    @Test(arguments: [
        ("Status update: still degraded, next update 14:30", true),
        ("*Update:* error rate falling", true),
        ("[update] rollback started", true),
        ("状态更新：已定位原因", true),
        ("进展：回滚中", true),
        ("sitrep for the execs", true),
        ("I'll update the ticket", false),
        ("the status page is green", false),
    ])
    func recognisesStatusUpdates(text: String, expected: Bool) {
        #expect(Phrases.isStatusUpdate(text) == expected, "\(text)")
    }
}
