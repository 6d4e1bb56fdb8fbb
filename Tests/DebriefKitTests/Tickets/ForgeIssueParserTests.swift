import Foundation
import Testing

@testable import DebriefKit

@Suite struct GitHubIssuesParserTests {
    @Test func issueListOpensAndCloses() throws {
        let run = try parse(
            """
            [{"url": "https://api.github.com/repos/acme/shop/issues/41", "html_url": "https://github.com/acme/shop/issues/41",
              "number": 41, "title": "Checkout 502", "state": "closed", "user": {"login": "sam"},
              "created_at": "2026-11-17T13:58:00Z", "closed_at": "2026-11-17T14:52:00Z", "closed_by": {"login": "dana"}},
             {"url": "https://api.github.com/repos/acme/shop/issues/42", "html_url": "https://github.com/acme/shop/issues/42",
              "number": 42, "title": "Follow-up", "state": "open", "user": {"login": "sam"}, "created_at": "yesterday"}]
            """, as: .gitHubIssues)
        #expect(run.records == 3)
        #expect(run.skipped == 1)
        #expect(run.events[0].text == "acme/shop#41 opened: Checkout 502")
        #expect(run.events[0].attributes["url"] == "https://github.com/acme/shop/issues/41")
        let closed = run.events[1]
        #expect(closed.text == "acme/shop#41 status: open → closed")
        #expect(closed.attributes["transition"] == Transition.closed)
        #expect(closed.actor == "dana")
        #expect(closed.time.iso8601 == "2026-11-17T14:52:00.000Z")
    }

    @Test func timelineEventsAndCommentsShareTheIssueKey() throws {
        let run = try parse(
            """
            [{"id": 1, "url": "https://api.github.com/repos/acme/shop/issues/events/1", "event": "assigned",
              "actor": {"login": "sam"}, "assignee": {"login": "dana"}, "created_at": "2026-11-17T14:00:00Z"},
             {"id": 2, "url": "https://api.github.com/repos/acme/shop/issues/comments/2",
              "html_url": "https://github.com/acme/shop/issues/41#issuecomment-2", "event": "commented",
              "user": {"login": "dana"}, "body": "Rolled back.", "created_at": "2026-11-17T14:10:00Z"},
             {"id": 3, "url": "https://api.github.com/repos/acme/shop/issues/events/3", "event": "closed",
              "actor": {"login": "dana"}, "created_at": "2026-11-17T14:52:00Z"},
             {"id": 4, "url": "https://api.github.com/repos/acme/shop/issues/events/4", "event": "reopened",
              "actor": {"login": "sam"}, "created_at": "2026-11-17T15:30:00Z"},
             {"url": "https://api.github.com/repos/acme/shop/issues/events/5", "event": "cross-referenced",
              "actor": {"login": "sam"}, "created_at": "2026-11-17T15:31:00Z",
              "source": {"type": "issue", "issue": {"html_url": "https://github.com/acme/shop/pull/43"}}}]
            """, as: .gitHubIssues)
        #expect(run.records == 5)
        #expect(run.events.allSatisfy { $0.attributes["ticket"] == "acme/shop#41" })
        #expect(run.events[0].text == "acme/shop#41 assignee: set to dana")
        #expect(run.events[0].attributes["transition"] == Transition.assigned)
        #expect(run.events[1].text == "acme/shop#41 comment: Rolled back.")
        #expect(run.events[1].attributes["transition"] == Transition.commented)
        #expect(run.events[2].attributes["transition"] == Transition.closed)
        let reopened = run.events[3]
        #expect(reopened.attributes["transition"] == Transition.reopened)
        #expect(reopened.attributes["from"] == "closed")
        #expect(reopened.attributes["to"] == "open")
        #expect(run.events[4].text == "acme/shop#41 cross-referenced from acme/shop#43")
    }

    @Test func webhookDeliveriesAreOneEventEach() throws {
        let closed = try parse(
            """
            {"action": "closed", "sender": {"login": "dana"},
             "issue": {"url": "https://api.github.com/repos/acme/shop/issues/41", "html_url": "https://github.com/acme/shop/issues/41",
                       "number": 41, "title": "Checkout 502", "created_at": "2026-11-17T13:58:00Z",
                       "closed_at": "2026-11-17T14:52:00Z", "updated_at": "2026-11-17T14:52:01Z"}}
            """, as: .gitHubIssues)
        #expect(closed.records == 1)
        #expect(closed.events[0].text == "acme/shop#41 status: open → closed")
        #expect(closed.events[0].time.iso8601 == "2026-11-17T14:52:00.000Z")
        #expect(closed.events[0].actor == "dana")
        #expect(closed.events[0].attributes["title"] == "Checkout 502")
        let comment = try parse(
            """
            {"action": "created", "sender": {"login": "sam"},
             "issue": {"html_url": "https://github.com/acme/shop/issues/41", "number": 41, "title": "Checkout 502"},
             "comment": {"html_url": "https://github.com/acme/shop/issues/41#issuecomment-9", "body": "Still failing",
                         "created_at": "2026-11-17T15:00:00Z"}}
            """, as: .gitHubIssues)
        #expect(comment.events.map(\.text) == ["acme/shop#41 comment: Still failing"])
        #expect(comment.events[0].attributes["transition"] == Transition.commented)
    }

    @Test func graphQLTimelineItemsByTypename() throws {
        let run = try parse(
            """
            {"data": {"repository": {"issue": {"number": 7, "title": "Latency", "timelineItems": {
              "pageInfo": {"hasNextPage": false},
              "nodes": [
                {"__typename": "IssueComment", "author": {"login": "sam"}, "createdAt": "2026-11-17T14:00:00Z", "body": "Seen again"},
                {"__typename": "ClosedEvent", "actor": {"login": "dana"}, "createdAt": "2026-11-17T14:52:00Z"},
                {"__typename": "RenamedTitleEvent", "actor": {"login": "dana"}, "createdAt": "2026-11-17T14:53:00Z",
                 "previousTitle": "Latency", "currentTitle": "Latency on checkout"}
              ]}}}}}
            """, as: .gitHubIssues)
        #expect(run.records == 3)
        #expect(run.events[0].text == "#7 comment: Seen again")
        #expect(run.events[1].attributes["transition"] == Transition.closed)
        #expect(run.events[2].attributes["field"] == "title")
        #expect(run.events[2].attributes["to"] == "Latency on checkout")
    }
}

@Suite struct GitLabIssuesParserTests {
    @Test func systemNotesAreChanges() throws {
        let run = try parse(
            """
            [{"id": 4, "body": "reopened", "author": {"name": "Sam Ortiz"}, "created_at": "2026-11-17T15:30:00.000Z",
              "system": true, "noteable_type": "Issue", "noteable_iid": 41},
             {"id": 3, "body": "closed", "author": {"name": "Dana Whitfield"}, "created_at": "2026-11-17T14:52:00.000Z",
              "system": true, "noteable_type": "Issue", "noteable_iid": 41},
             {"id": 2, "body": "assigned to @dana", "author": {"name": "Sam Ortiz"}, "created_at": "2026-11-17T14:01:00.000Z",
              "system": true, "noteable_type": "Issue", "noteable_iid": 41},
             {"id": 1, "body": "Rolling back now", "author": {"name": "Dana Whitfield"}, "created_at": "2026-11-17T14:00:00.000Z",
              "system": false, "noteable_type": "Issue", "noteable_iid": 41},
             {"id": 0, "body": "changed the description", "author": {"name": "Sam Ortiz"},
              "system": true, "noteable_type": "Issue", "noteable_iid": 41}]
            """, as: .gitLabIssues)
        #expect(run.records == 5)
        #expect(run.skipped == 1)
        let reopened = run.events[0]
        #expect(reopened.text == "#41 status: closed → reopened")
        #expect(reopened.attributes["transition"] == Transition.reopened)
        let closed = run.events[1]
        #expect(closed.attributes["transition"] == Transition.closed)
        #expect(closed.attributes["field"] == "status")
        #expect(closed.attributes["to"] == "closed")
        #expect(closed.actor == "Dana Whitfield")
        #expect(run.events[2].attributes["transition"] == Transition.assigned)
        #expect(run.events[2].attributes["to"] == "@dana")
        #expect(run.events[3].attributes["transition"] == Transition.commented)
        #expect(run.events[4].attributes["parse"] == "raw")
        #expect(run.sink.outOfOrder == 3)
    }

    @Test func issueWithProjectPathKey() throws {
        let run = try parse(
            """
            {"id": 9, "iid": 12, "project_id": 3, "title": "Disk full", "state": "closed",
             "web_url": "https://gitlab.example.com/ops/infra/-/issues/12", "author": {"name": "Sam Ortiz"},
             "created_at": "2026-11-17T10:00:00.000+01:00", "closed_at": "2026-11-17T11:00:00.000+01:00",
             "closed_by": {"name": "Dana Whitfield"}}
            """, as: .gitLabIssues)
        #expect(run.events.map(\.time.iso8601) == ["2026-11-17T09:00:00.000Z", "2026-11-17T10:00:00.000Z"])
        #expect(run.events[0].attributes["ticket"] == "ops/infra#12")
        #expect(run.events[1].attributes["transition"] == Transition.closed)
        #expect(run.events[1].actor == "Dana Whitfield")
    }
}
