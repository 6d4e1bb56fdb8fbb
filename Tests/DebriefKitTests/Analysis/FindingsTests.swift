import Foundation
import Testing
@testable import DebriefKit

@Suite struct TargetPolicyTests {
    func milestones(_ pairs: [(MilestoneKind, String)]) -> Milestones {
        var result = Milestones()
        for (kind, time) in pairs {
            result[kind] = Milestone(time: instant(time), eventID: nil, basis: "test", confidence: .high, evidence: .paging)
        }
        return result
    }

    @Test func p0RespondImmediatelyAndContainWithinHalfAnHour() {
        let results = TargetPolicy.evaluate(
            milestones([(.impactStart, "2026-11-17T14:00:00Z"), (.detected, "2026-11-17T14:02:00Z"),
                        (.acknowledged, "2026-11-17T14:09:00Z"), (.mitigated, "2026-11-17T14:25:00Z")]),
            severity: .p0, overrides: .init(), timeZone: TimeZone(identifier: "UTC")!)
        #expect(results.map(\.name) == ["acknowledge", "mitigate"])
        #expect(results.map(\.met) == [false, true])
        #expect(results.map(\.actualSeconds) == [420, 1500])
    }

    @Test(arguments: [
        (IncidentSeverity.p1, Int64(7200), Int64(14_400)),
        (.p2, 14_400, 86_400),
    ])
    func defaultsBySeverity(severity: IncidentSeverity, acknowledge: Int64, resolve: Int64) {
        let results = TargetPolicy.evaluate(Milestones(), severity: severity, overrides: .init(), timeZone: TimeZone(identifier: "UTC")!)
        #expect(results.map(\.targetSeconds) == [acknowledge, resolve])
        #expect(results.allSatisfy { $0.met == nil })
    }

    @Test func p3ResolvesWithinThreeWorkingDaysSkippingTheWeekend() {
        // Thursday 10:00 Berlin + 3 working days = Tuesday 10:00 Berlin.
        let results = TargetPolicy.evaluate(
            milestones([(.impactStart, "2026-11-19T09:00:00Z"), (.resolved, "2026-11-24T08:59:00Z")]),
            severity: .p3, overrides: .init(), timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let resolve = results.first { $0.name == "resolve" }
        #expect(resolve?.target == "3 working days")
        #expect(iso(resolve?.deadline) == "2026-11-24T09:00:00.000Z")
        #expect(resolve?.met == true)
    }

    @Test func manifestOverridesReplaceDefaults() {
        let results = TargetPolicy.evaluate(
            milestones([(.detected, "2026-11-17T14:00:00Z"), (.acknowledged, "2026-11-17T14:06:00Z")]), severity: .p1,
            overrides: .init(acknowledgeSeconds: 300), timeZone: TimeZone(identifier: "UTC")!)
        #expect(results.first?.basis == "manifest")
        #expect(results.first?.met == false)
        #expect(results.last?.basis == "P1 default")
    }
}

@Suite struct CadenceTests {
    func fixture() -> IncidentFixture {
        var f = IncidentFixture(sources: [("pd.json", "pagerduty-log-entries"), ("slack", "slack-export")])
        f.add(0, "2026-11-17T14:00:00Z", .alert, "Triggered", ["transition": "triggered"])
        f.add(1, "2026-11-17T14:10:00Z", .chat, "Status update: investigating the database")
        f.add(1, "2026-11-17T14:25:00Z", .chat, "状态更新：已定位原因，准备回滚")
        f.add(1, "2026-11-17T14:30:00Z", .chat, "anyone seen the runbook?")
        f.add(0, "2026-11-17T15:30:00Z", .alert, "Resolved", ["transition": "resolved"])
        return f
    }

    @Test func gapsLongerThanTheIntervalAreListed() throws {
        let (timeline, analysis) = fixture().analyze()
        let audit = try #require(analysis.cadence)
        #expect(audit.intervalSeconds == 1800)
        #expect(audit.updates.count == 2)
        #expect(audit.gaps.map(\.seconds) == [3900])
        #expect(iso(audit.gaps.first?.start) == "2026-11-17T14:25:00.000Z")
        #expect(audit.gaps.first?.endEventID == nil)
        #expect(timeline.entries.filter { $0.event.kind == .status }.count == 2)
    }

    @Test func manifestIntervalAndPattern() throws {
        var f = fixture()
        f.severity = .p3
        f.settings.statusUpdateInterval = 3600
        f.settings.statusUpdatePattern = "runbook"
        let audit = try #require(f.analyze().1.cadence)
        #expect(audit.basis == "manifest")
        #expect(audit.updates.count == 3)
        #expect(audit.gaps.isEmpty)
    }

    @Test func lowerSeveritiesAreNotAuditedByDefault() {
        var f = fixture()
        f.severity = .p2
        #expect(f.analyze().1.cadence == nil)
    }
}

@Suite struct DeduplicatorTests {
    @Test func thePageAndTheBotPostAreOneRow() throws {
        var f = IncidentFixture(sources: [("pd.json", "pagerduty-log-entries"), ("slack", "slack-export"), ("jira.xml", "jira-xml")])
        f.add(0, "2026-11-17T14:03:40Z", .alert, "Triggered through the API.",
              ["transition": "triggered", "incident.summary": "[#4107] Checkout error rate above 5%"])
        f.add(1, "2026-11-17T14:03:45Z", .chat, "Triggered: [#4107] Checkout error rate above 5%")
        f.add(2, "2026-11-17T14:04:30Z", .ticket, "INC-9 comment: PagerDuty #4107 fired", ["transition": "commented"])
        f.add(1, "2026-11-17T14:04:00Z", .chat, "looking at the dashboards now")
        let (timeline, _) = f.analyze()
        let page = try #require(timeline.entries.first { $0.event.source.path == "pd.json" })
        #expect(page.alsoIn.count == 1)
        #expect(timeline.entries.filter { $0.duplicateOf == page.id }.count == 1)
        // The ticket comment has another transition, the other chat line no shared identifier or words.
        #expect(timeline.entries.filter { $0.duplicateOf != nil }.count == 1)
        // Nothing removed, no count changed.
        #expect(timeline.recordCount == 4)
    }

    @Test func sameSourceAndFarApartAreNeverMerged() {
        var f = IncidentFixture(sources: [("pd.json", "pagerduty-log-entries"), ("slack", "slack-export")])
        f.add(0, "2026-11-17T14:00:00Z", .alert, "Triggered #4107", ["transition": "triggered"])
        f.add(0, "2026-11-17T14:00:30Z", .alert, "Triggered #4107", ["transition": "triggered"])
        f.add(1, "2026-11-17T14:10:00Z", .chat, "Triggered #4107")
        #expect(f.analyze().0.entries.allSatisfy { $0.duplicateOf == nil })
    }
}

@Suite struct SkewDetectorTests {
    func fixture(lags: [Int]) -> IncidentFixture {
        var f = IncidentFixture(sources: [("pd.json", "pagerduty-log-entries"), ("slack", "slack-export")])
        for (index, lag) in lags.enumerated() {
            let base = instant("2026-11-17T14:00:00Z").adding(seconds: Int64(index * 600))
            f.add(0, base.iso8601, .alert, "Acknowledged INC-10\(index)", ["transition": "acknowledged"])
            f.add(1, base.adding(seconds: Int64(-lag)).iso8601, .chat, "Acknowledged INC-10\(index)", ["transition": "acknowledged"])
        }
        return f
    }

    @Test func consistentLagSuggestsAnOffset() throws {
        let suggestion = try #require(SkewDetector().suggest(fixture(lags: [37, 36, 38, 37]).input).first)
        #expect(suggestion.source == "slack")
        #expect(suggestion.reference == "pd.json")
        #expect(suggestion.offsetSeconds == 37)
        #expect(suggestion.pairs == 4)
    }

    @Test func inconsistentOrSmallLagsSuggestNothing() {
        #expect(SkewDetector().suggest(fixture(lags: [37, -20, 90, 5]).input).isEmpty)
        #expect(SkewDetector().suggest(fixture(lags: [3, 4, 3, 4]).input).isEmpty)
        #expect(SkewDetector().suggest(fixture(lags: [37, 37]).input).isEmpty)
    }

    @Test func aManifestOffsetShiftsEveryTimestampOfTheSource() throws {
        let folder = TemporaryFolder()
        try folder.write("incident.yml", "sources:\n  - path: app.jsonl\n    offset: -37s\n")
        try folder.write("app.jsonl", #"{"ts":"2026-11-17T14:00:37Z","msg":"ok"}"# + "\n")
        let review = try ReviewPipeline().build(BuildOptions(path: folder.path, formats: [.json], generatedAt: instant("2026-11-18T00:00:00Z"))).review
        #expect(iso(review.timeline.entries.first?.time) == "2026-11-17T14:00:00.000Z")
        #expect(review.timeline.entries.first?.event.timeText == "2026-11-17T14:00:37Z")
        #expect(review.sources.first?.offsetSeconds == -37)
    }
}

@Suite struct AnalysisSettingsTests {
    @Test(arguments: [("30m", Int64(1800)), ("-37s", -37), ("1h30m", 5400), ("2d", 172_800), ("90", 90), ("1.5h", 5400)])
    func durations(text: String, seconds: Int64) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: ["", "soon", "30x", "m30", "1h 3"])
    func notDurations(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test func manifestAnalysisKeys() throws {
        let manifest = try Manifest.parse(
            """
            severity: P2
            timezone: Europe/Berlin
            milestones:
              impactStart: 2026-11-17 14:58:00
              resolved: 2026-11-17T15:30:00Z
            targets: { acknowledge: 15m, resolve: 8h }
            statusUpdates: { interval: 1h, pattern: '^\\[ext\\]' }
            reviewDue: 48h
            focus: { before: 1h, after: 10m }
            collapse: { window: 1m, minCount: 5, examples: 2 }
            """, path: "incident.yml")
        let settings = manifest.analysis
        #expect(iso(settings.milestoneOverrides[.impactStart]) == "2026-11-17T13:58:00.000Z")
        #expect(iso(settings.milestoneOverrides[.resolved]) == "2026-11-17T15:30:00.000Z")
        #expect(settings.targets.acknowledgeSeconds == 900)
        #expect(settings.targets.resolveSeconds == 28_800)
        #expect(settings.statusUpdateInterval == 3600)
        #expect(settings.statusUpdatePattern == "^\\[ext\\]")
        #expect(settings.reviewDueSeconds == 172_800)
        #expect(settings.focusBeforeSeconds == 3600 && settings.focusAfterSeconds == 600)
        #expect(settings.collapse == BurstCollapser.Settings(windowSeconds: 60, minimumCount: 5, examples: 2))
    }

    @Test(arguments: [
        ("targets: { respond: 5m }\n", "unknown key 'respond'"),
        ("targets: { acknowledge: -5m }\n", "positive duration"),
        ("milestones: { fixed: 2026-11-17T14:00:00Z }\n", "unknown key 'fixed'"),
        ("milestones: { resolved: yesterday }\n", "must be a date and time"),
        ("statusUpdates: { pattern: '([' }\n", "not a valid regular expression"),
        ("collapse: { minCount: 1 }\n", "at least 2"),
        ("sources:\n  - path: a.log\n    offset: later\n", "duration"),
    ])
    func badAnalysisValues(text: String, message: String) {
        do {
            _ = try Manifest.parse(text, path: "incident.yml")
            Issue.record("expected an error for \(text)")
        } catch let error as DebriefError {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.line != nil)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct ReviewFileTests {
    @Test func readsWhysAndActionItems() throws {
        let (whys, items) = try ReviewFile.parse(
            """
            whys:
              - question: Why?
                answer: Because.
                evidence: a.log:1
                whys:
                  - question: And why?
            actionItems:
              - title: Fix it
                owner: Ana
                due: 2026-12-01
            """, path: "review.yml")
        #expect(whys.first?.evidence == ["a.log:1"])
        #expect(whys.first?.children.first?.answer == nil)
        #expect(items == [ActionItem(title: "Fix it", owner: "Ana", due: "2026-12-01")])
    }

    @Test(arguments: [
        ("whys:\n  - answer: no question\n", "needs 'question:'"),
        ("actionItems:\n  - title: x\n    due: someday\n", "must be a date"),
        ("actionItems:\n  - title: x\n    assignee: Ana\n", "unknown key 'assignee'"),
        ("notes: hi\n", "unknown key 'notes'"),
    ])
    func mistakesNameTheLine(text: String, message: String) {
        do {
            _ = try ReviewFile.parse(text, path: "review.yml")
            Issue.record("expected an error")
        } catch let error as DebriefError {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.path == "review.yml")
            #expect(error.line != nil)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
