import Foundation
import Testing

@testable import DebriefKit

/// An incident folder holding only paging evidence, built end to end.
@Suite struct PagingEndToEndTests {
    @Test func milestonesComeFromPagingTransitionsAndNothingIsLost() throws {
        let folder = TemporaryFolder("paging-incident")
        try folder.write(
            "incident.yml",
            """
            title: Checkout latency
            sources:
              - pages/pagerduty.jsonl
              - alerts/alertmanager.json
              - alerts/opsgenie.json
            """)
        let pagerDuty = [
            ("incident.triggered", "2026-11-17T14:03:40Z", "Alertmanager"),
            ("incident.acknowledged", "2026-11-17T14:07:05Z", "Dana Whitfield"),
            ("incident.escalated", "2026-11-17T14:10:00Z", "Dana Whitfield"),
            ("incident.resolved", "2026-11-17T14:52:00Z", "Dana Whitfield"),
        ].map { type, time, agent in
            #"{"event": {"event_type": "\#(type)", "occurred_at": "\#(time)", "agent": {"summary": "\#(agent)"}, "data": {"id": "PQ1", "type": "incident", "number": 7, "title": "Checkout latency"}}}"#
        }
        try folder.write(
            "pages/pagerduty.jsonl", ([pagerDuty[0], "{\"event\": "] + pagerDuty.dropFirst()).joined(separator: "\n"))
        try folder.write(
            "alerts/alertmanager.json",
            #"{"version": "4", "status": "resolved", "alerts": [{"status": "resolved", "labels": {"alertname": "HighLatency", "severity": "critical"}, "startsAt": "2026-11-17T15:01:00+01:00", "endsAt": "2026-11-17T15:50:00+01:00"}]}"#
        )
        try folder.write(
            "alerts/opsgenie.json",
            #"{"action": "Close", "integrationName": "Webhook", "alert": {"tinyId": "9", "message": "Checkout latency", "username": "ravi@example.com", "updatedAt": 1794927180000000000}}"#
        )
        let result = try ReviewPipeline().build(
            BuildOptions(path: folder.path, formats: [.json], generatedAt: Instant(secondsSinceEpoch: 1_795_000_000)!))
        let review = result.review
        #expect(
            review.sources.map(\.format) == ["pagerduty-webhook", "alertmanager-webhook", "opsgenie-webhook"])
        #expect(review.sources.map(\.records) == [5, 2, 1])
        #expect(review.sources.map(\.skipped) == [1, 0, 0])
        #expect(review.timeline.recordCount == 8)
        #expect(iso(review.milestones[.detected]?.time) == "2026-11-17T14:01:00.000Z")
        #expect(iso(review.milestones[.acknowledged]?.time) == "2026-11-17T14:07:05.000Z")
        #expect(iso(review.milestones[.escalated]?.time) == "2026-11-17T14:10:00.000Z")
        #expect(iso(review.milestones[.resolved]?.time) == "2026-11-17T14:53:00.000Z")
        #expect(result.diagnostics.contains { $0.path == "pages/pagerduty.jsonl" && $0.line == 2 })
    }
}
