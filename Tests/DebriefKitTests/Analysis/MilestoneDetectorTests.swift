import Testing
@testable import DebriefKit

@Suite struct MilestoneDetectorTests {
    static let page: Attributes = ["transition": "triggered"]

    func fixture() -> IncidentFixture {
        IncidentFixture(sources: [
            ("pd.json", "pagerduty-log-entries"), ("jira.xml", "jira-xml"), ("slack", "slack-export"),
            ("app.jsonl", "json-lines"), ("am.jsonl", "alertmanager-webhook"),
        ])
    }

    @Test func pagingBeatsTicketsBeatsChat() {
        var f = fixture()
        f.add(2, "2026-11-17T14:02:00Z", .chat, "getting paged for checkout")
        f.add(1, "2026-11-17T14:05:00Z", .ticket, "INC-1 opened", ["transition": "opened"])
        f.add(0, "2026-11-17T14:03:00Z", .alert, "Triggered", ["transition": "triggered"])
        f.add(2, "2026-11-17T14:06:00Z", .chat, "on it")
        f.add(1, "2026-11-17T14:07:00Z", .ticket, "INC-1 In Progress", ["transition": "in-progress", "to": "In Progress"])
        let (_, analysis) = f.analyze()
        #expect(analysis.milestones[.detected]?.evidence == .paging)
        #expect(iso(analysis.milestones[.detected]?.time) == "2026-11-17T14:03:00.000Z")
        // No paging acknowledgement: the ticket beats the chat message.
        #expect(analysis.milestones[.acknowledged]?.evidence == .ticket)
        #expect(analysis.milestones.alternatives[.acknowledged]?.map(\.evidence) == [.chat])
        #expect(analysis.milestones[.detected].map { $0.confidence } == .high)
    }

    @Test func manifestOverridesWin() {
        var f = fixture()
        f.add(0, "2026-11-17T14:03:00Z", .alert, "Triggered", ["transition": "triggered"])
        f.settings.milestoneOverrides[.detected] = instant("2026-11-17T13:59:00Z")
        let (_, analysis) = f.analyze()
        #expect(analysis.milestones[.detected]?.evidence == .manifest)
        #expect(iso(analysis.milestones[.detected]?.time) == "2026-11-17T13:59:00.000Z")
        #expect(analysis.milestones.alternatives[.detected]?.first?.evidence == .paging)
    }

    @Test func impactStartIsTheEarliestErrorEvidenceNotThePage() {
        var f = fixture()
        for second in 0..<8 {
            f.add(3, "2026-11-17T13:58:0\(second)Z", .log, "pool exhausted after \(5000 + second)ms", severity: .error)
        }
        f.add(4, "2026-11-17T14:01:10Z", .alert, "Firing", ["transition": "triggered"])
        f.add(0, "2026-11-17T14:03:40Z", .alert, "Triggered", ["transition": "triggered"])
        let (_, analysis) = f.analyze()
        #expect(iso(analysis.milestones[.impactStart]?.time) == "2026-11-17T13:58:00.000Z")
        #expect(analysis.milestones[.impactStart]?.evidence == .logs)
        // Alertmanager firing before the page is when monitoring detected it.
        #expect(iso(analysis.milestones[.detected]?.time) == "2026-11-17T14:01:10.000Z")
        #expect(analysis.metrics.timeToDetect == 190)
        #expect(analysis.flaggedTemplates.first?.reason == "new")
    }

    @Test func ticketResolvedLateIsAConflict() {
        var f = fixture()
        f.add(0, "2026-11-17T14:03:40Z", .alert, "Triggered", ["transition": "triggered"])
        f.add(0, "2026-11-17T14:52:00Z", .alert, "Resolved", ["transition": "resolved"])
        f.add(1, "2026-11-17T15:01:00Z", .ticket, "INC-1 Resolved", ["transition": "resolved", "to": "Resolved"])
        let (_, analysis) = f.analyze()
        #expect(analysis.milestones[.resolved]?.evidence == .paging)
        let conflict = analysis.milestones.conflicts.first
        #expect(conflict?.kind == .resolved)
        #expect(conflict?.differenceSeconds == 540)
        #expect(conflict?.message.contains("9m 00s after") == true)
    }

    @Test func laterTicketForAStartIsNotAConflictButEarlierChatIs() {
        var f = fixture()
        f.add(0, "2026-11-17T14:03:40Z", .alert, "Triggered", ["transition": "triggered"])
        f.add(1, "2026-11-17T14:20:00Z", .ticket, "INC-1 opened", ["transition": "opened"])
        f.add(2, "2026-11-17T13:50:00Z", .chat, "customers are reporting errors at checkout")
        let (_, analysis) = f.analyze()
        let kinds = analysis.milestones.conflicts.map(\.other.evidence)
        #expect(kinds == [.chat])
    }

    @Test func milestonesOutOfOrderAreReported() {
        var f = fixture()
        f.add(0, "2026-11-17T14:10:00Z", .alert, "Triggered", ["transition": "triggered"])
        f.settings.milestoneOverrides[.acknowledged] = instant("2026-11-17T14:05:00Z")
        let (_, analysis) = f.analyze()
        #expect(analysis.milestones.conflicts.contains { $0.message.contains("acknowledged (14:05:00) comes before detected") })
    }

    @Test func chatOnlyIncidentInChinese() {
        var f = IncidentFixture(sources: [("wechat.csv", "chat-csv")])
        f.add(0, "2026-11-17T06:03:00Z", .chat, "收到告警，支付成功率下降")
        f.add(0, "2026-11-17T06:05:00Z", .chat, "收到，我来看")
        f.add(0, "2026-11-17T06:20:00Z", .chat, "已回滚，服务已恢复")
        f.add(0, "2026-11-17T06:40:00Z", .chat, "问题已解决")
        let (_, analysis) = f.analyze()
        #expect(iso(analysis.milestones[.detected]?.time) == "2026-11-17T06:03:00.000Z")
        #expect(iso(analysis.milestones[.acknowledged]?.time) == "2026-11-17T06:05:00.000Z")
        #expect(iso(analysis.milestones[.mitigated]?.time) == "2026-11-17T06:20:00.000Z")
        #expect(iso(analysis.milestones[.resolved]?.time) == "2026-11-17T06:40:00.000Z")
        #expect(analysis.milestones[.resolved]?.confidence == .low)
        #expect(analysis.milestones[.resolved]?.basis.contains("已解决") == true)
    }

    @Test func alertClearingIsMitigationNotResolution() {
        var f = fixture()
        f.add(4, "2026-11-17T14:01:00Z", .alert, "Firing", ["transition": "triggered"])
        f.add(4, "2026-11-17T14:35:00Z", .alert, "Resolved", ["transition": "resolved"])
        let (_, analysis) = f.analyze()
        #expect(iso(analysis.milestones[.mitigated]?.time) == "2026-11-17T14:35:00.000Z")
        #expect(analysis.milestones[.resolved] == nil)
    }

    @Test func logsGiveMitigationWhenErrorsStopBeforeTheEnd() {
        var f = fixture()
        f.add(0, "2026-11-17T14:03:00Z", .alert, "Triggered", ["transition": "triggered"])
        for minute in 0..<6 { f.add(3, "2026-11-17T14:0\(minute):30Z", .log, "upstream 502 from payments", severity: .error) }
        f.add(3, "2026-11-17T14:30:00Z", .log, "payment authorized", severity: .info)
        let (_, analysis) = f.analyze()
        #expect(iso(analysis.milestones[.mitigated]?.time) == "2026-11-17T14:05:30.000Z")
        #expect(analysis.milestones[.mitigated]?.evidence == .logs)
        #expect(analysis.milestones[.mitigated]?.confidence == .low)
    }
}

@Suite struct TemplateFlaggerTests {
    @Test func newSpikeAndSteadyTemplates() {
        var f = IncidentFixture(sources: [("app.log", "text-log")])
        // Steady: the same error rate before and during the window.
        for minute in 0..<40 where minute % 10 == 0 {
            f.add(0, "2026-11-17T12:\(minute < 10 ? "0" : "")\(minute):00Z", .log, "cache miss storm on shard 3", severity: .error)
            f.add(0, "2026-11-17T13:\(minute < 10 ? "0" : "")\(minute):00Z", .log, "cache miss storm on shard 3", severity: .error)
        }
        // Spike: one before, eight during.
        f.add(0, "2026-11-17T12:30:00Z", .log, "timeout talking to db", severity: .error)
        for minute in 10..<18 { f.add(0, "2026-11-17T13:\(minute):00Z", .log, "timeout talking to db", severity: .error) }
        // New: never before.
        f.add(0, "2026-11-17T13:20:00Z", .log, "pool exhausted after 5000ms", severity: .error)
        let input = f.input
        let flagged = TemplateFlagger().flag(input, windowStart: instant("2026-11-17T13:00:00Z"), windowEnd: instant("2026-11-17T14:00:00Z"))
        #expect(flagged.map(\.reason) == ["spike", "new"])
        #expect(flagged.map(\.count) == [8, 1])
        #expect(flagged.first?.baselineCount == 1)
        #expect(flagged.last?.template == "pool exhausted after <*>ms")
    }
}
