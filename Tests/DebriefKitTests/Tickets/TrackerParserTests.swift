import Foundation
import Testing

@testable import DebriefKit

@Suite struct RedmineIssuesParserTests {
    @Test func journalIdsAreNamedWhenTheDocumentNamesThem() throws {
        let run = try parse(
            """
            {"issue": {"id": 7311, "subject": "Data sources not updated", "status": {"id": 3, "name": "Resuelta"},
              "priority": {"id": 7, "name": "Inmediata"}, "author": {"id": 24, "name": "Quan Zhou"},
              "assigned_to": {"id": 25, "name": "Jesús Alonso"}, "created_on": "2016-01-26T12:39:26Z",
              "journals": [
                {"id": 1, "user": {"id": 4, "name": "Luis"}, "notes": "", "created_on": "2016-01-26T14:09:05Z",
                 "details": [{"property": "attr", "name": "priority_id", "old_value": "5", "new_value": "7"},
                             {"property": "attr", "name": "assigned_to_id", "old_value": null, "new_value": "25"}]},
                {"id": 2, "user": {"id": 25, "name": "Jesús Alonso"}, "notes": "Fixed the cron job", "created_on": "2016-01-27T11:40:54Z",
                 "details": [{"property": "attr", "name": "status_id", "old_value": "1", "new_value": "3"}]},
                {"id": 3, "user": {"id": 24, "name": "Quan Zhou"}, "notes": "", "created_on": "2016-02-02T13:45:50Z",
                 "details": [{"property": "attr", "name": "status_id", "old_value": "3", "new_value": "1"}]},
                {"id": 4, "user": {"id": 24, "name": "Quan Zhou"}, "notes": "", "created_on": "2016-02-03T08:00:00Z", "details": []},
                {"id": 5, "user": {"id": 24, "name": "Quan Zhou"}, "notes": "lost", "details": []}
              ]}}
            """, as: .redmineIssues)
        #expect(run.records == 8)
        #expect(run.skipped == 1)
        #expect(run.events[0].text == "#7311 opened: Data sources not updated")
        #expect(run.events[1].text == "#7311 priority: 5 → Inmediata")
        #expect(run.events[1].attributes["transition"] == Transition.priorityChanged)
        #expect(run.events[2].text == "#7311 assignee: set to Jesús Alonso")
        #expect(run.events[2].attributes["transition"] == Transition.assigned)
        let resolved = run.events[3]
        #expect(resolved.text == "#7311 status: 1 → Resuelta")
        #expect(resolved.attributes["from"] == "1")
        #expect(resolved.attributes["to"] == "Resuelta")
        // "Resuelta" is not a known status word; Redmine's default status 3 (Resolved) decides.
        #expect(resolved.attributes["transition"] == Transition.resolved)
        #expect(resolved.actor == "Jesús Alonso")
        #expect(run.events[4].text == "#7311 comment: Fixed the cron job")
        #expect(run.events[5].attributes["transition"] == Transition.reopened)
        #expect(run.events[6].text == "#7311 updated")
        #expect(run.events[7].attributes["parse"] == "raw")
    }

    @Test func issueListClosesAtClosedOn() throws {
        let run = try parse(
            """
            {"issues": [{"id": 9, "subject": "First", "status": {"id": 5, "name": "Cerrada"}, "tracker": {"id": 1, "name": "Bug"},
              "author": {"id": 3, "name": "Alvaro"}, "created_on": "2011-12-08T09:51:07Z", "closed_on": "2011-12-08T17:57:00Z"}],
             "total_count": 1, "offset": 0, "limit": 25}
            """, as: .redmineIssues)
        #expect(run.records == 2)
        #expect(run.events[1].text == "#9 status: set to Cerrada")
        #expect(run.events[1].attributes["transition"] == Transition.closed)
        #expect(run.events[1].time.iso8601 == "2011-12-08T17:57:00.000Z")
    }
}

@Suite struct BugzillaParserTests {
    @Test func bugXMLWithExternalDTDAndARefusedBug() throws {
        let run = try parse(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!DOCTYPE bugzilla SYSTEM "https://bugzilla.example.com/page.cgi?id=bugzilla.dtd">
            <bugzilla version="5.0" urlbase="https://bugzilla.example.com/">
              <bug>
                <bug_id>15</bug_id>
                <creation_ts>2009-06-10 16:55:32 +0200</creation_ts>
                <short_desc>GPS always on</short_desc>
                <bug_status>RESOLVED</bug_status>
                <reporter name="Roberto Calvo">rocapal@example.org</reporter>
                <long_desc isprivate="0">
                  <commentid>1085</commentid>
                  <who name="Santiago Dueñas">sduenas@example.org</who>
                  <bug_when>2013-06-25 11:49:36 +0200</bug_when>
                  <thetext>Fixed in r42.</thetext>
                </long_desc>
              </bug>
              <bug error="NotPermitted">
                <bug_id>16</bug_id>
              </bug>
            </bugzilla>
            """, as: .bugzillaXML, timeZone: "America/New_York")
        #expect(run.records == 3)
        #expect(run.skipped == 1)
        #expect(run.events[0].time.iso8601 == "2009-06-10T14:55:32.000Z")
        #expect(run.events[0].actor == "Roberto Calvo")
        #expect(run.events[0].attributes["url"] == "https://bugzilla.example.com/show_bug.cgi?id=15")
        #expect(run.events[1].text == "Bug 15 comment: Fixed in r42.")
        #expect(run.events[1].actor == "Santiago Dueñas")
        #expect(run.events[2].attributes["parse"] == "raw")
        #expect(run.events[2].source.line == 17)
    }

    @Test func restHistoryAndComments() throws {
        let history = try parse(
            """
            {"bugs": [{"id": 99, "alias": null, "history": [
              {"when": "2026-11-17T14:52:00Z", "who": "dana@example.com", "changes": [
                {"field_name": "status", "removed": "ASSIGNED", "added": "RESOLVED"},
                {"field_name": "resolution", "removed": "", "added": "FIXED"}]}]}]}
            """, as: .bugzillaJSON)
        #expect(history.records == 2)
        #expect(history.events[0].text == "Bug 99 status: ASSIGNED → RESOLVED")
        #expect(history.events[0].attributes["transition"] == Transition.resolved)
        #expect(history.events[0].actor == "dana@example.com")
        #expect(history.events[1].attributes["to"] == "FIXED")
        let comments = try parse(
            """
            {"bugs": {"99": {"comments": [{"id": 5, "count": 0, "creator": "sam@example.com", "text": "It broke",
              "creation_time": "2026-11-17T13:58:00Z"}]}}, "comments": {}}
            """, as: .bugzillaJSON)
        #expect(comments.events.first?.text == "Bug 99 comment: It broke")
        #expect(comments.events.first?.attributes["comment-number"] == "0")
    }

    @Test func activityTableWithRowspans() throws {
        let run = try parse(
            """
            <html><head><title>Changes made to bug 355</title></head><body>
            <p>Bugzilla &ndash; Activity log for bug 355: Mock bug</p>
            <table border cellpadding="4">
              <tr><th>Who</th><th>When</th><th>What</th><th>Removed</th><th>Added</th></tr>
              <tr><td rowspan="2">sduenas&#64;example.org</td><td rowspan="2">2013-06-25 11:59:07 CEST</td>
                  <td>Status</td><td>UNCONFIRMED</td><td>RESOLVED</td></tr>
              <tr><td>Assignee</td><td>sduenas&#64;example.org</td><td>dizquierdo&#64;example.com</td></tr>
              <tr><td>dana&#64;example.org</td><td>2013-06-26 08:00:00</td><td>Status</td><td>RESOLVED</td><td>REOPENED</td></tr>
              <tr><td>stray</td></tr>
            </table></body></html>
            """, as: .bugzillaActivity, timeZone: "Europe/Berlin")
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        let resolved = run.events[0]
        #expect(resolved.text == "Bug 355 status: UNCONFIRMED → RESOLVED")
        #expect(resolved.attributes["title"] == "Mock bug")
        #expect(resolved.attributes["transition"] == Transition.resolved)
        #expect(resolved.actor == "sduenas@example.org")
        #expect(resolved.time.iso8601 == "2013-06-25T09:59:07.000Z")
        #expect(run.events[1].attributes["transition"] == Transition.assigned)
        #expect(run.events[1].time == resolved.time)
        // No zone abbreviation: the source's zone (CEST in June).
        #expect(run.events[2].time.iso8601 == "2013-06-26T06:00:00.000Z")
        #expect(run.events[2].attributes["transition"] == Transition.reopened)
        #expect(run.events[3].attributes["parse"] == "raw")
    }
}

@Suite struct ZendeskParserTests {
    @Test func auditsBecomeOpeningChangesAndComments() throws {
        let run = try parse(
            """
            {"audits": [
              {"id": 1, "ticket_id": 10, "author_id": 501, "created_at": "2026-11-17T13:58:00Z", "events": [
                {"id": 11, "type": "Comment", "author_id": 501, "body": "Checkout fails", "public": true},
                {"id": 12, "type": "Create", "field_name": "subject", "value": "Checkout fails"},
                {"id": 13, "type": "Create", "field_name": "status", "value": "new"}]},
              {"id": 2, "ticket_id": 10, "author_id": 502, "created_at": "2026-11-17T14:52:00Z", "events": [
                {"id": 21, "type": "Change", "field_name": "status", "previous_value": "open", "value": "solved"},
                {"id": 22, "type": "Change", "field_name": "assignee_id", "previous_value": null, "value": "502"},
                {"id": 23, "type": "Comment", "author_id": 502, "html_body": "<p>Rolled <b>back</b></p>", "public": false},
                {"id": 24, "type": "Notification", "subject": "Ticket solved", "recipients": [501]}]},
              {"id": 3, "ticket_id": 10, "author_id": 502, "events": [{"id": 31, "type": "Change", "field_name": "priority", "value": "low"}]}
            ], "users": [{"id": 501, "name": "Sam Ortiz"}, {"id": 502, "name": "Dana Whitfield"}]}
            """, as: .zendesk)
        #expect(run.records == 7)
        #expect(run.skipped == 1)
        #expect(run.events[0].text == "#10 opened: Checkout fails")
        #expect(run.events[0].actor == "Sam Ortiz")
        #expect(run.events[0].attributes["current-status"] == "new")
        #expect(run.events[1].text == "#10 comment: Checkout fails")
        let solved = run.events[2]
        #expect(solved.text == "#10 status: open → solved")
        #expect(solved.attributes["transition"] == Transition.resolved)
        #expect(solved.actor == "Dana Whitfield")
        #expect(run.events[3].text == "#10 assignee: set to Dana Whitfield")
        #expect(run.events[4].text == "#10 comment: Rolled back")
        #expect(run.events[4].attributes["visibility"] == "internal")
        #expect(run.events[5].attributes["transition"] == Transition.notified)
        #expect(run.events[6].attributes["parse"] == "raw")
    }
}

@Suite struct PhabricatorAndLaunchpadParserTests {
    @Test func maniphestTransactionsNewestFirst() throws {
        let run = try parse(
            """
            {"result": {"69": [
              {"taskID": "69", "transactionType": "status", "oldValue": "open", "newValue": "resolved",
               "dateCreated": "1462306027", "authorPHID": "PHID-USER-a", "comments": null},
              {"taskID": "69", "transactionType": "core:comment", "comments": "A comment",
               "dateCreated": "1462298401", "authorPHID": "PHID-USER-a"},
              {"taskID": "69", "transactionType": "core:create", "dateCreated": "1462297064", "authorPHID": "PHID-USER-a"},
              {"taskID": "69", "transactionType": "priority", "oldValue": null, "newValue": 100, "authorPHID": "PHID-USER-a"}
            ]}, "error_code": null, "error_info": null}
            """, as: .phabricatorTransactions)
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events[0].text == "T69 status: open → resolved")
        #expect(run.events[0].attributes["transition"] == Transition.resolved)
        #expect(run.events[0].time.iso8601 == "2016-05-03T20:07:07.000Z")
        #expect(run.events[0].timeText == "1462306027")
        #expect(run.events[1].attributes["transition"] == Transition.commented)
        #expect(run.events[2].attributes["transition"] == Transition.opened)
    }

    @Test func conduitErrorIsRefused() {
        #expect(throws: DebriefError.self) {
            try parse(
                #"{"result": null, "error_code": "ERR-CONDUIT-CORE", "error_info": "No such task"}"#,
                as: .phabricatorTransactions)
        }
    }

    @Test func launchpadActivityEntries() throws {
        let run = try parse(
            """
            {"entries": [
              {"bug_link": "https://api.launchpad.net/1.0/bugs/42", "datechanged": "2017-08-21T14:28:00.336698+02:00",
               "message": "added bug", "newvalue": null, "oldvalue": null, "person_link": "https://api.launchpad.net/1.0/~sam",
               "whatchanged": "bug"},
              {"bug_link": "https://api.launchpad.net/1.0/bugs/42", "datechanged": "2017-08-22T09:00:00+00:00",
               "message": null, "newvalue": "Fix Released", "oldvalue": "In Progress", "person_link": "https://api.launchpad.net/1.0/~dana",
               "whatchanged": "nova: status"}
            ], "start": 0, "total_size": 2}
            """, as: .launchpadActivity)
        #expect(run.records == 2)
        #expect(run.events[0].text == "Bug #42 opened")
        #expect(run.events[0].actor == "sam")
        #expect(run.events[0].time.iso8601Exact == "2017-08-21T12:28:00.336698Z")
        #expect(run.events[1].text == "Bug #42 status: In Progress → Fix Released")
        #expect(run.events[1].attributes["target"] == "nova")
    }
}
