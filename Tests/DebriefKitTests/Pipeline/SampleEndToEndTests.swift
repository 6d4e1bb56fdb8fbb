import Foundation
import Testing
@testable import DebriefKit

@Suite struct SampleEndToEndTests {
    static let generatedAt = Instant(secondsSinceEpoch: 1_795_000_000)!

    func build(_ path: String, formats: [ReportFormat] = ReportFormat.allCases) throws -> BuildResult {
        try ReviewPipeline().build(BuildOptions(path: path, formats: formats, generatedAt: Self.generatedAt))
    }

    @Test func sampleBuildsAllThreeReports() throws {
        let result = try build(TestPaths.sample.path)
        #expect(result.files.map(\.name) == ["report.md", "report.html", "report.json"])
        #expect(result.outputDirectory.lastPathComponent == "report")
        #expect(result.review.sources.count == 9)
        #expect(!result.diagnostics.contains { $0.severity == .error })
    }

    @Test func nothingIsLost() throws {
        let review = try build(TestPaths.sample.path, formats: [.json]).review
        let records = review.sources.reduce(0) { $0 + $1.records }
        #expect(records > 5000)
        #expect(review.timeline.recordCount == records)
        for (index, source) in review.sources.enumerated() {
            let fromSource = review.timeline.entries.filter { $0.sourceIndex == index }.reduce(0) { $0 + $1.count }
            #expect(fromSource == source.records, "\(source.path)")
        }
        // The JSON says the same: the sum of count over the timeline equals the sum of records.
        let json = try JSONParser().parse(ReportJSON.render(review, audience: .internal))
        let counts = json["timeline"]?.array?.reduce(Int64(0)) { $0 + ($1["count"]?.int64 ?? 1) }
        let jsonRecords = json["sources"]?.array?.reduce(Int64(0)) { $0 + ($1["records"]?.int64 ?? 0) }
        #expect(counts == jsonRecords)
    }

    @Test func sampleStoryIsFound() throws {
        let review = try build(TestPaths.sample.path, formats: [.json]).review
        #expect(review.incident.id == "INC-2041")
        #expect(review.incident.severity == .p1)
        // Every milestone, each from the evidence the ranking prefers.
        #expect(iso(review.milestones[.impactStart]?.time)?.hasPrefix("2026-11-17T13:58:31.") == true)
        #expect(review.milestones[.impactStart]?.evidence == .logs)
        #expect(iso(review.milestones[.detected]?.time) == "2026-11-17T14:01:10.512Z")
        #expect(review.milestones[.detected]?.basis.hasPrefix("Alertmanager") == true)
        #expect(iso(review.milestones[.acknowledged]?.time) == "2026-11-17T14:07:05.000Z")
        #expect(iso(review.milestones[.escalated]?.time) == "2026-11-17T14:19:00.000Z")
        #expect(iso(review.milestones[.mitigated]?.time) == "2026-11-17T14:35:40.208Z")
        #expect(iso(review.milestones[.resolved]?.time) == "2026-11-17T14:52:00.000Z")
        #expect(review.milestones[.resolved]?.evidence == .paging)
        // The chat and the ticket are kept as alternatives; the ticket resolved nine minutes late.
        #expect(review.milestones.alternatives[.resolved]?.contains { $0.evidence == .ticket } == true)
        #expect(review.milestones.alternatives[.mitigated]?.contains { $0.evidence == .chat } == true)
        #expect(review.milestones.conflicts.map(\.kind) == [.resolved])
        #expect(review.milestones.conflicts.first?.differenceSeconds == 570)
        #expect(iso(review.dueTime) == "2026-11-18T14:52:00.000Z")
        #expect(review.metrics.timeToAcknowledge == 354)
        // Targets: the team's 5-minute acknowledgement target is missed, the P1 resolution target met.
        #expect(review.targets.map(\.name) == ["acknowledge", "resolve"])
        #expect(review.targets.map(\.met) == [false, true])
        #expect(review.targets.map(\.basis) == ["manifest", "P1 default"])
        // Two status updates with a 41m30s gap between them.
        let cadence = try #require(review.cadence)
        #expect(cadence.intervalSeconds == 1800)
        #expect(cadence.updates.count == 2)
        #expect(cadence.gaps.map(\.seconds) == [2490])
        // The PagerDuty bot's Slack posts are folded into the PagerDuty entries.
        let trigger = try #require(review.timeline.entries.first { $0.id == "pagerduty/log_entries.json#8" })
        #expect(trigger.alsoIn == ["chat/slack-export.zip/inc-2041-checkout/2026-11-17.json#2"])
        #expect(review.timeline.entries.filter { $0.duplicateOf != nil }.count >= 2)
        // The gzip-rotated log, the year-less Berlin syslog and the +0100 access log all line up.
        let syslog = try #require(review.sources.first { $0.path == "logs/syslog" })
        #expect(syslog.format == "syslog")
        #expect(iso(syslog.firstTime)?.hasPrefix("2026-11-17T13:3") == true)
        #expect(review.sources.first { $0.path == "logs/payments-api.jsonl.1.gz" }?.compressed == true)
        #expect(review.sources.first { $0.path == "chat/slack-export.zip" }?.format == "slack-export")
        #expect(review.sources.first { $0.path == "tickets/jira-INC-2041.xml" }?.format == "jira-xml")
        #expect(review.sources.first { $0.path == "alerts/alertmanager-receiver.jsonl" }?.format == "alertmanager-webhook")
        let deploys = review.timeline.entries.filter { $0.event.kind == .deploy }
        #expect(deploys.contains { $0.event.text.contains("2.14.0") && iso($0.time) == "2026-11-17T13:52:10.000Z" })
        // The half-written line is kept raw and reported.
        let jsonl = try #require(review.sources.first { $0.path == "logs/payments-api.jsonl" })
        #expect(jsonl.skipped == 1)
        // The team's review.yml is read.
        #expect(review.whys.first?.children.first?.children.first?.answer == nil)
        #expect(review.actionItems.count == 2)
        #expect(!review.diagnostics.contains { $0.path == ReviewFile.fileName })
    }

    @Test func everyOutputShowsMilestonesTargetsAndCadence() throws {
        let files = try build(TestPaths.sample.path).files
        let markdown = try #require(files.first { $0.name == "report.md" }).contents
        let html = try #require(files.first { $0.name == "report.html" }).contents
        let json = try JSONParser().parse(try #require(files.first { $0.name == "report.json" }).contents)
        for text in [markdown, html] {
            for kind in MilestoneKind.allCases { #expect(text.contains(kind.title), "\(kind)") }
            #expect(text.contains("PagerDuty: &#39;resolved&#39;") || text.contains("PagerDuty: 'resolved'"))
            #expect(text.contains("missed"))
            #expect(text.contains("41m 30s without an update"))
            #expect(text.contains("9m 30s after PagerDuty"))
        }
        for kind in MilestoneKind.allCases {
            #expect(json["milestones"]?[kind.rawValue]?["basis"]?.string?.isEmpty == false, "\(kind)")
        }
        #expect(json["targets"]?[0]?["met"]?.bool == false)
        #expect(json["cadence"]?["gaps"]?[0]?["seconds"]?.int64 == 2490)
        #expect(json["conflicts"]?[0]?["milestone"]?.string == "resolved")
        #expect(json["metrics"]?["impactDurationSeconds"]?.int64 != nil)
    }

    @Test func statusSaysWhatIsMissing() throws {
        let review = try build(TestPaths.sample.path, formats: []).review
        let dayBefore = ReviewStatus(review: review, now: instant("2026-11-18T10:52:00Z"))
        #expect(dayBefore.secondsLeft == Int64(14_400))
        #expect(!dayBefore.isOverdue)
        #expect(dayBefore.missing.contains("some whys have no answer yet"))
        #expect(dayBefore.missing.contains("2 action items; at least 3 are needed"))
        #expect(dayBefore.missing.contains { $0.contains("'Alert on pool saturation before requests fail' has no owner") })
        #expect(dayBefore.text.contains("4h 00m left"))
        #expect(dayBefore.conflicts.count == 1)
        let late = ReviewStatus(review: review, now: instant("2026-11-19T09:00:00Z"))
        #expect(late.isOverdue)
        #expect(late.text.contains("overdue by 18h 08m"))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let first = try build(TestPaths.sample.path)
        let second = try ReviewPipeline().build(
            BuildOptions(path: TestPaths.sample.path, generatedAt: Self.generatedAt, parallelism: 1))
        #expect(first.files == second.files)
    }

    @Test func reportsDeclareTheirGenerationTime() throws {
        let json = try build(TestPaths.sample.path, formats: [.json]).files[0].contents
        #expect(json.contains("\"generatedAt\": \"2026-11-18T11:06:40.000Z\""))
        #expect(json.contains("\"schemaVersion\": 1"))
    }
}

@Suite struct HostileInputTests {
    @Test func scriptFromALogLineIsEscapedInHTML() throws {
        let folder = TemporaryFolder()
        try folder.write(
            "app.jsonl",
            """
            {"ts":"2026-11-17T13:58:31Z","level":"error","service":"<script>alert(1)</script>","msg":"<img src=x onerror=alert(1)> & \\"quoted\\""}
            {"ts":"2026-11-17T13:58:32Z","level":"error","msg":"</td></tr></table><script>document.cookie</script>"}

            """)
        let result = try ReviewPipeline().build(BuildOptions(path: folder.path, generatedAt: Instant(nanosecondsSinceEpoch: 0)))
        let html = try #require(result.files.first { $0.name == "report.html" }).contents
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("</td></tr></table><script>"))
        let markdown = try #require(result.files.first { $0.name == "report.md" }).contents
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("&lt;img src=x onerror=alert(1)&gt;"))
        let json = try #require(result.files.first { $0.name == "report.json" }).contents
        #expect(!json.contains("<script>"))
        #expect(try JSONParser().parse(json)["timeline"]?[0]?["actor"]?.string == "<script>alert(1)</script>")
        // Nothing from the input reaches the SVG unescaped either.
        #expect(html.components(separatedBy: "<svg").count == 2)
    }

    @Test func badInputsAreReportedWithPathAndLineAndTheRunGoesOn() throws {
        let folder = TemporaryFolder()
        try folder.write("incident.yml", "year: 2026\nsources:\n  - good.jsonl\n  - bad-utf8.log\n  - missing.log\n  - binary.bin\n  - broken.log.gz\n")
        try folder.write("good.jsonl", "{\"ts\":\"2026-11-17T13:58:31Z\",\"msg\":\"ok\"}\n{not json\n{\"ts\":\"2026-11-17T13:58:33Z\",\"msg\":\"ok again\"}\n")
        try folder.write("bad-utf8.log", Data("Nov 17 14:00:00 host app[1]: caf".utf8 + [0xE9, 0xFF] + Array(" bytes\n".utf8)))
        try folder.write("binary.bin", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00]))
        try folder.write("broken.log.gz", try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("truncated.log.gz")))
        let result = try ReviewPipeline().build(BuildOptions(path: folder.path, generatedAt: Instant(nanosecondsSinceEpoch: 0)))
        let diagnostics = result.diagnostics
        #expect(diagnostics.contains { $0.path == "good.jsonl" && $0.line == 2 && $0.message.contains("malformed JSON") })
        #expect(diagnostics.contains { $0.path?.hasSuffix("incident.yml") == true && $0.line == 5 && $0.message.contains("missing.log") })
        #expect(diagnostics.contains { $0.path == "binary.bin" && $0.message.contains("binary") })
        #expect(diagnostics.contains { $0.path == "broken.log.gz" && $0.line != nil && $0.message.contains("truncated gzip") })
        let utf8 = try #require(result.review.timeline.entries.first { $0.event.source.path == "bad-utf8.log" })
        #expect(utf8.event.text.contains("caf\u{FFFD}\u{FFFD} bytes"))
        #expect(result.files.count == 3)
        let good = try #require(result.review.sources.first { $0.path == "good.jsonl" })
        #expect(good.records == 3 && good.skipped == 1)
    }

    @Test func aHundredMegabyteLineCostsNoMoreThanItsPrefix() throws {
        let folder = TemporaryFolder()
        var data = Data("{\"ts\":\"2026-11-17T13:58:30Z\",\"msg\":\"before\"}\n".utf8)
        data.append(Data("{\"ts\":\"2026-11-17T13:58:31Z\",\"msg\":\"".utf8))
        data.append(Data(repeating: 0x61, count: 3 << 20))
        data.append(Data("\"}\n{\"ts\":\"2026-11-17T13:58:32Z\",\"msg\":\"after\"}\n".utf8))
        try folder.write("huge.jsonl", data)
        let source = readSource(folder.url.appendingPathComponent("huge.jsonl"))
        #expect(source.summary.format == "json-lines")
        #expect(source.summary.records == 3)
        #expect(source.summary.skipped == 1)
        #expect(source.events.last?.text == "after")
        #expect(source.diagnostics.all.contains { $0.line == 2 && $0.message.contains("longer than") })
        // The cut line is kept raw, but only up to the raw-text limit.
        #expect((source.events.first { $0.attributes["parse"] == "raw" }?.text.utf8.count ?? .max) <= 4096)
    }
}

@Suite struct GenerationTimeTests {
    @Test func sourceDateEpochWins() {
        #expect(GenerationTime.resolve(environment: ["SOURCE_DATE_EPOCH": "1795000000"]).iso8601 == "2026-11-18T11:06:40.000Z")
        let clock = Date(timeIntervalSince1970: 1_000)
        #expect(GenerationTime.resolve(environment: [:], clock: { clock }).iso8601 == "1970-01-01T00:16:40.000Z")
        #expect(GenerationTime.resolve(environment: ["SOURCE_DATE_EPOCH": "soon"], clock: { clock }).iso8601 == "1970-01-01T00:16:40.000Z")
    }
}
