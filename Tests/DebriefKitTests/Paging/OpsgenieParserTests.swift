import Testing

@testable import DebriefKit

@Suite struct OpsgenieWebhookParserTests {
    @Test func nanosecondUpdatedAtIsReadExactly() throws {
        // 1763388220123456789 is above 2^53: as a Double it would lose the last digits.
        let run = try parse(
            """
            {"action": "Acknowledge", "integrationName": "Webhook",
             "alert": {"alertId": "a-1", "tinyId": "42", "alias": "db-1/cpu", "message": "CPU high on db-1",
                       "username": "dana@example.com", "createdAt": 1763388000000, "updatedAt": 1763388220123456789,
                       "priority": "P1", "tags": ["db", "prod"]}}
            """, as: .opsgenieWebhook)
        let event = try #require(run.events.first)
        #expect(event.time.iso8601Exact == "2025-11-17T14:03:40.123456789Z")
        #expect(event.timeText == "1763388220123456789")
        #expect(event.attributes["transition"] == "acknowledged")
        #expect(event.actor == "dana@example.com")
        #expect(event.severity == .critical)
        #expect(event.attributes["fingerprint"] == "db-1/cpu")
        #expect(event.attributes["alert.number"] == "42")
        #expect(event.attributes["tags"] == "db, prod")
        #expect(event.text == "Alert #42 acknowledged by dana@example.com: CPU high on db-1")
    }

    @Test func receiverLogWithActionsAndABadPayload() throws {
        let log = """
            {"action": "Create", "integrationName": "Prometheus", "alert": {"tinyId": "7", "message": "disk full", "createdAt": 1763388000000}}
            {"action": "AddNote", "alert": {"tinyId": "7", "message": "disk full", "note": "cleaning /var/log", "username": "ravi@example.com", "updatedAt": 1763388060000000000}}
            {"action": "EscalateNext", "escalationName": "db-oncall", "alert": {"tinyId": "7", "message": "disk full", "updatedAt": 1763388120000000000}}
            {"action": "Close", "alert": {"tinyId": "7", "message": "disk full", "username": "ravi@example.com", "updatedAt": 1763388400000000000}}
            {"action": "AddTags", "alert": {"tinyId": "7", "message": "disk full"}}
            {"action": "Close", "alert": 
            """
        let run = try parse(log, as: .opsgenieWebhook, path: "og.jsonl")
        #expect(run.records == 6)
        #expect(run.skipped == 2)
        let parsed = run.events.filter { $0.attributes["parse"] == nil }
        #expect(parsed.map { $0.attributes["transition"] } == ["triggered", "annotated", "escalated", "resolved"])
        #expect(parsed[0].actor == "Prometheus")
        #expect(parsed[0].time.iso8601 == "2025-11-17T14:00:00.000Z")
        #expect(parsed[1].text == "Alert #7 note added by ravi@example.com: cleaning /var/log")
        #expect(parsed[2].attributes["escalation"] == "db-oncall")
        #expect(parsed[3].time.iso8601 == "2025-11-17T14:06:40.000Z")
        #expect(run.diagnostics.contains { $0.line == 5 && $0.message.contains("updatedAt or createdAt") })
        #expect(run.diagnostics.contains { $0.line == 6 && $0.message.contains("malformed JSON") })
    }
}

@Suite struct OpsgenieAlertParserTests {
    @Test func alertPageWithReports() throws {
        let run = try parse(
            """
            {"data": [
              {"id": "70413a06", "tinyId": "1791", "alias": "event_573", "message": "Our servers are in danger",
               "status": "closed", "acknowledged": true, "createdAt": "2026-11-17T15:03:40.000+01:00",
               "updatedAt": "2026-11-17T14:30:00.000Z", "source": "Isengard", "owner": "neo@example.com", "priority": "P2",
               "integration": {"id": "4513b7ea", "name": "Nebuchadnezzar", "type": "API"},
               "report": {"ackTime": 15702, "closeTime": 60503, "acknowledgedBy": "agent_smith@example.com", "closedBy": "neo@example.com"}},
              {"id": "8e1f", "tinyId": "1792", "message": "Closed without report", "status": "closed",
               "createdAt": "2026-11-17T14:10:00Z", "updatedAt": "2026-11-17T14:40:00Z"},
              {"id": "zz"}
            ], "took": 0.605, "requestId": "9ae63dd7"}
            """, as: .opsgenieAlerts, path: "og-alerts.json")
        #expect(run.records == 6)
        #expect(run.skipped == 1)
        let first = run.events.filter { $0.attributes["alert.number"] == "1791" }
        #expect(first.map { $0.attributes["transition"] } == ["triggered", "acknowledged", "resolved"])
        #expect(
            first.map(\.time.iso8601) == [
                "2026-11-17T14:03:40.000Z", "2026-11-17T14:03:55.702Z", "2026-11-17T14:04:40.503Z",
            ])
        #expect(first.map(\.actor) == ["Nebuchadnezzar", "agent_smith@example.com", "neo@example.com"])
        #expect(first[0].severity == .error)
        #expect(first[1].timeText == "2026-11-17T15:03:40.000+01:00 + ackTime 15702 ms")
        let second = run.events.filter { $0.attributes["alert.number"] == "1792" }
        #expect(second.map { $0.attributes["transition"] } == ["triggered", "resolved"])
        #expect(second.last?.attributes["time-basis"] == "updatedAt")
        #expect(run.diagnostics.contains { $0.message.contains("neither an Opsgenie alert nor a log entry") })
    }

    @Test func activityLogPage() throws {
        let run = try parse(
            """
            {"data": [
              {"log": "Alert created via API", "type": "system", "owner": "", "createdAt": "2026-11-17T14:03:40.100Z", "offset": "1"},
              {"log": "Sent [SMS] notification to dana@example.com", "type": "alertRecipient", "owner": "dana@example.com", "createdAt": "2026-11-17T14:03:41Z", "offset": "2"},
              {"log": "Alert acknowledged via web", "type": "system", "owner": "dana@example.com", "createdAt": "2026-11-17T14:07:05Z", "offset": "3"},
              {"log": "Alert unacknowledged via web", "type": "system", "owner": "dana@example.com", "createdAt": "2026-11-17T14:08:05Z", "offset": "4"},
              {"log": "Alert closed via web", "type": "system", "owner": "ravi@example.com", "createdAt": "2026-11-17T14:52:00Z", "offset": "5"},
              {"log": "Looked at it", "type": "system", "owner": "ravi@example.com", "createdAt": "", "offset": "6"}
            ], "paging": {}, "took": 0.1, "requestId": "x"}
            """, as: .opsgenieAlerts)
        #expect(run.records == 6)
        #expect(run.skipped == 1)
        #expect(
            run.events.prefix(5).map { $0.attributes["transition"] } == [
                "triggered", "notified", "acknowledged", "unacknowledged", "resolved",
            ])
        #expect(run.events[0].actor == nil)
        #expect(run.events[2].actor == "dana@example.com")
        #expect(run.events[2].text == "Alert acknowledged via web")
        #expect(run.events[1].attributes["log-type"] == "alertRecipient")
    }

    @Test func anotherDocumentIsRefused() {
        #expect(throws: DebriefError.self) { try parse(#"{"alerts": []}"#, as: .opsgenieAlerts) }
    }
}
