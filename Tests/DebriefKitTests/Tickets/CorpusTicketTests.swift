import Foundation
import Testing

@testable import DebriefKit

/// Real ticket exports from ../shared/corpus/tickets, read in place (never copied into the repository).
@Suite(.enabled(if: TestPaths.corpusAvailable, TestPaths.corpusMissing))
struct CorpusTicketTests {
    func read(_ relative: String, timeZone: String = "UTC") -> IngestedSource {
        readSource(TestPaths.corpus("tickets/" + relative), timeZone: timeZone)
    }

    func first(_ source: IngestedSource, _ transition: String, ticket: String? = nil) -> Event? {
        source.events.first {
            $0.attributes["transition"] == transition && (ticket == nil || $0.attributes["ticket"] == ticket)
        }
    }

    func count(_ source: IngestedSource, _ transition: String?) -> Int {
        source.events.filter { $0.attributes["transition"] == transition }.count
    }

    // MARK: - Jira

    @Test func jiraXMLResolvedRecently() throws {
        let source = read("jira/jira-xml-rss_mongodb_resolved-recently.xml")
        #expect(source.summary.format == "jira-xml")
        #expect(source.summary.records == 66)
        #expect(source.summary.skipped == 0)
        #expect(count(source, Transition.opened) == 20)
        #expect(count(source, Transition.commented) == 26)
        #expect(count(source, Transition.resolved) == 20)
        let opened = try #require(first(source, Transition.opened, ticket: "SERVER-79005"))
        #expect(opened.time.iso8601 == "2023-07-15T20:07:23.000Z")
        #expect(opened.actor == "Drew Paroski")
        #expect(opened.text == "SERVER-79005 opened: [SBE] Call registerSlot() lazily for certain variables")
        #expect(opened.attributes["url"] == "https://jira.mongodb.org/browse/SERVER-79005")
        #expect(opened.attributes["priority"] == "Major - P3")
        let comment = try #require(first(source, Transition.commented, ticket: "SERVER-79005"))
        #expect(comment.time.iso8601 == "2023-07-21T04:26:59.000Z")
        #expect(comment.actor == "xgen-internal-githook")
        #expect(comment.text.hasPrefix("SERVER-79005 comment: Author:\n\n{'name': 'Drew Paroski'"))
        #expect(comment.text.contains("[SBE] Call registerSlot()"))  // &amp;#91; decoded through two layers
        #expect(!comment.text.contains("<p>"))
        #expect(first(source, Transition.resolved, ticket: "SERVER-79005")?.time.iso8601 == "2023-07-30T13:28:35.000Z")
        #expect(source.events.first?.time.iso8601 == "2022-03-30T18:32:27.000Z")
    }

    @Test func jiraXMLNewIssuesWithStrayCarriageReturns() throws {
        let source = read("jira/jira-xml-rss_mongodb_new-issues.xml")
        #expect(source.summary.format == "jira-xml")
        #expect(source.summary.records == 29)
        #expect(source.summary.skipped == 0)
        #expect(count(source, Transition.commented) == 8)
        let first = try #require(source.events.first)
        #expect(first.time.iso8601 == "2023-07-27T19:38:03.000Z")
        #expect(first.actor == "Ben Shteinfeld")
        #expect(first.attributes["ticket"] == "SERVER-79435")
        let resolved = try #require(self.first(source, Transition.resolved))
        #expect(resolved.attributes["ticket"] == "PYTHON-3889")
        #expect(resolved.time.iso8601 == "2023-07-28T00:53:46.000Z")
        #expect(!source.events.contains { $0.text.contains("\r") || ($0.attributes["title"] ?? "").contains("\r") })
    }

    @Test func jiraWebhooks() throws {
        let created = read("jira/mm-plugin-jira_webhook-cloud-issue-created-many-fields.json")
        #expect(created.summary.format == "jira-json")
        #expect(created.summary.records == 1)
        #expect(created.events.first?.time.iso8601 == "2019-08-27T19:43:24.193Z")  // -0700 in the payload
        #expect(created.events.first?.timeText == "2019-08-27T12:43:24.193-0700")
        #expect(created.events.first?.actor == "Sample User")
        #expect(created.events.first?.attributes["transition"] == Transition.opened)
        #expect(created.events.first?.attributes["ticket"] == "KT-22")

        let assigned = read("jira/mm-plugin-jira_webhook-issue-updated-assigned.json")
        #expect(assigned.summary.format == "jira-json")
        #expect(assigned.summary.records == 1)
        #expect(assigned.events.first?.time.iso8601 == "2019-02-16T03:18:01.752Z")
        #expect(assigned.events.first?.attributes["transition"] == Transition.assigned)
        #expect(assigned.events.first?.attributes["to"] == "Test User")

        let comment = read("jira/mm-plugin-jira_webhook-server-comment-created.json")
        #expect(comment.summary.format == "jira-json")
        #expect(comment.summary.records == 1)
        #expect(comment.events.first?.text == "issue 10013 comment: unik")
        #expect(comment.events.first?.actor == "Lev Brouk")
        #expect(comment.events.first?.time.iso8601 == "2019-06-04T00:15:17.234Z")
    }

    @Test func jiraWebhookStatusTransitions() throws {
        let resolved = read("jira/mm-plugin-jira_webhook-server-issue-updated-resolved.json")
        #expect(resolved.summary.format == "jira-json")
        #expect(resolved.summary.records == 2)
        let status = try #require(first(resolved, Transition.resolved))
        #expect(status.text == "TES-4 status: In Progress → Resolved")
        #expect(status.attributes["field"] == "status")
        #expect(status.attributes["from"] == "In Progress")
        #expect(status.attributes["to"] == "Resolved")
        #expect(status.time.iso8601 == "2019-08-12T23:23:02.025Z")
        #expect(status.actor == "Test User")
        #expect(status.attributes["url"] == "http://some-instance-test.centralus.cloudapp.azure.com:8080/browse/TES-4")

        let reopened = read("jira/mm-plugin-jira_webhook-server-issue-updated-reopened.json")
        #expect(reopened.summary.records == 2)
        #expect(first(reopened, Transition.reopened)?.attributes["from"] == "Resolved")
        #expect(first(reopened, Transition.changed)?.text == "TES-4 resolution: cleared (was Done)")
        #expect(reopened.events.first?.time.iso8601 == "2019-08-14T03:01:43.657Z")

        let started = read("jira/mm-plugin-jira_webhook-server-issue-updated-in-progress.json")
        #expect(started.summary.records == 1)
        #expect(started.events.first?.attributes["transition"] == Transition.inProgress)
        #expect(started.events.first?.attributes["from"] == "Reopened")
        #expect(started.events.first?.time.iso8601 == "2019-08-14T03:02:33.680Z")
    }

    @Test func jiraRESTSearchAndComments() throws {
        let search = read("jira/perceval_jira-rest-v2_search_page1_fiware.json")
        #expect(search.summary.format == "jira-json")
        #expect(search.summary.records == 3)
        #expect(
            search.events.map(\.time.iso8601) == [
                "2016-03-03T13:11:01.000Z", "2016-03-03T13:40:01.000Z", "2016-03-03T14:30:17.000Z",
            ])
        #expect(search.events[1].actor == "User2")
        #expect(search.events[1].text == "HELP-6043 opened: [Fiware-lab-help] FIWARE Lab Assistance")
        #expect(search.events[2].attributes["transition"] == Transition.resolved)
        #expect(search.events[2].attributes["ticket"] == "HELP-6042")
        #expect(search.events[0].attributes["url"] == "https://jira.fiware.org/browse/HELP-6042")

        let comments = read("jira/perceval_jira-rest-v2_comments_page1_fiware.json")
        #expect(comments.summary.format == "jira-json")
        #expect(comments.summary.records == 2)
        #expect(comments.events.map(\.time.iso8601) == ["2018-05-24T21:35:30.742Z", "2018-05-25T16:21:23.212Z"])
        #expect(comments.events.map(\.actor) == ["Peter Monks", "Jack Monks"])
        #expect(comments.events[0].text.hasPrefix("issue 10016 comment: G'day [~leo.papadopoulos]!\n\nCongratulations"))
    }

    // MARK: - ServiceNow

    @Test func serviceNowUpdateLog() throws {
        let source = read("servicenow/uci-incident-event-log_servicenow-derived_first25lines.csv")
        #expect(source.summary.format == "servicenow")
        #expect(source.summary.records == 24)
        #expect(source.summary.skipped == 0)
        #expect(count(source, Transition.opened) == 4)
        #expect(count(source, Transition.resolved) == 4)
        #expect(count(source, Transition.closed) == 4)
        let opened = try #require(first(source, Transition.opened, ticket: "INC0000045"))
        #expect(opened.time.iso8601 == "2016-02-29T01:16:00.000Z")
        #expect(opened.timeText == "29-02-2016 01:16")
        #expect(opened.actor == "Opened by  8")
        let active = try #require(first(source, Transition.inProgress, ticket: "INC0000047"))
        #expect(active.text == "INC0000047 status: New → Active")
        #expect(active.attributes["from"] == "New")
        #expect(active.attributes["to"] == "Active")
        #expect(
            active.attributes["other-changes"]
                == "assigned_to: Resolver 89 → Resolver 31; assignment_group: Group 70 → Group 24; reassignment_count: 0 → 1"
        )
        #expect(active.actor == "Updated by 21")
        #expect(active.time.iso8601 == "2016-02-29T05:30:00.000Z")
        let resolved = try #require(first(source, Transition.resolved, ticket: "INC0000047"))
        #expect(resolved.attributes["from"] == "Awaiting User Info")
        #expect(resolved.time.iso8601 == "2016-03-01T09:52:00.000Z")
        #expect(source.events.last?.time.iso8601 == "2016-03-07T13:00:00.000Z")
        // Wall times without a zone follow the source's zone.
        let berlin = read(
            "servicenow/uci-incident-event-log_servicenow-derived_first25lines.csv", timeZone: "Europe/Berlin")
        #expect(berlin.events.first?.time.iso8601 == "2016-02-29T00:16:00.000Z")
    }

    // MARK: - GitHub

    @Test func gitHubTimeline() throws {
        let source = read("github/pygithub_rest_issue-28_timeline_BODY.json")
        #expect(source.summary.format == "github-issues")
        #expect(source.summary.records == 16)
        #expect(source.summary.skipped == 0)
        #expect(source.events.allSatisfy { $0.attributes["ticket"] == "PyGithub/PyGithub#28" })
        let closed = try #require(first(source, Transition.closed))
        #expect(closed.time.iso8601 == "2012-05-26T14:59:34.000Z")
        #expect(closed.actor == "jacquev6")
        #expect(closed.attributes["field"] == "status")
        #expect(closed.attributes["from"] == "open")
        #expect(closed.attributes["to"] == "closed")
        #expect(count(source, Transition.assigned) == 3)
        #expect(count(source, Transition.commented) == 3)
        let comment = try #require(first(source, Transition.commented))
        #expect(comment.actor == "stuglaser")
        #expect(comment.text == "PyGithub/PyGithub#28 comment: Comment created by PyGithub")
        #expect(comment.attributes["url"] == "https://github.com/PyGithub/PyGithub/issues/28#issuecomment-20227753")
        let reference = try #require(source.events.first { $0.attributes["github.event"] == "cross-referenced" })
        #expect(reference.text == "PyGithub/PyGithub#28 cross-referenced from PyGithub/PyGithub#857")
        #expect(source.events.last?.time.iso8601 == "2019-05-03T09:44:22.000Z")
    }

    @Test func gitHubEventsIssueListAndComments() throws {
        let events = read("github/pygithub_rest_issue-28_events_BODY.json")
        #expect(events.summary.format == "github-issues")
        #expect(events.summary.records == 2)
        #expect(events.events.map(\.time.iso8601) == ["2012-05-19T10:38:23.000Z", "2012-05-19T10:42:25.000Z"])
        #expect(events.events[0].text == "PyGithub/PyGithub issue subscribed")
        #expect(events.events[1].attributes["transition"] == Transition.assigned)
        #expect(events.events[1].actor == "jacquev6")

        let issues = read("github/perceval_github_rest_issue_1.json")
        #expect(issues.summary.format == "github-issues")
        #expect(issues.summary.records == 1)
        #expect(issues.events.first?.time.iso8601 == "2016-02-17T17:33:46.000Z")
        #expect(issues.events.first?.text == "zhquan_example/repo#1 opened: title 1")
        #expect(issues.events.first?.attributes["pull-request"] == "true")

        let comments = read("github/perceval_github_rest_issue_1_comments.json")
        #expect(comments.summary.format == "github-issues")
        #expect(comments.summary.records == 1)
        #expect(comments.events.first?.time.iso8601 == "2016-11-26T11:34:39.000Z")
        #expect(comments.events.first?.actor == "zhquan_example")
        #expect(comments.events.first?.text == "zhquan_example/repo#1 comment: My first comment")
    }

    @Test func gitHubGraphQLTimelinePages() throws {
        let page1 = read("github/perceval_github_graphql_issue_timelineItems_page1.json")
        #expect(page1.summary.format == "github-issues")
        #expect(page1.summary.records == 2)
        #expect(page1.events.map(\.time.iso8601) == ["2020-04-07T11:21:12.000Z", "2020-04-07T11:21:19.000Z"])
        #expect(page1.events.map { $0.attributes["to"] } == ["bug", "duplicate"])
        #expect(page1.events[0].actor == "valeriocos")

        let page2 = read("github/perceval_github_graphql_issue_timelineItems_page2.json")
        #expect(page2.summary.records == 2)
        #expect(page2.events[0].text == "valeriocos/test-issues-update#1 project column: analysis → doing")
        #expect(
            page2.events[1].text
                == "valeriocos/test-issues-update#1 cross-referenced from valeriocos/test-issues-update#2")
        #expect(page2.events[1].time.iso8601 == "2020-04-07T13:23:03.000Z")
    }

    // MARK: - GitLab

    @Test func gitLabIssueAndNotes() throws {
        let issue = read("gitlab/perceval_gitlab_api_v4_issue_1.json")
        #expect(issue.summary.format == "gitlab-issues")
        #expect(issue.summary.records == 1)
        let opened = try #require(issue.events.first)
        #expect(opened.time.iso8601 == "2016-03-17T03:44:12.073Z")
        #expect(opened.actor == "Timothy Engler")
        #expect(opened.attributes["ticket"] == "fdroid/fdroiddata#639")
        #expect(opened.attributes["current-status"] == "closed")

        let notes = read("gitlab/perceval_gitlab_api_v4_issue_1_notes.json")
        #expect(notes.summary.format == "gitlab-issues")
        #expect(notes.summary.records == 2)
        #expect(notes.summary.reordered == 1)  // newest first in the file
        #expect(notes.events.map(\.time.iso8601) == ["2017-03-18T14:43:38.132Z", "2017-03-18T14:44:19.482Z"])
        #expect(notes.events[0].attributes["transition"] == Transition.commented)
        #expect(notes.events[1].text == "#639 moved to fdroidserver#268")
        #expect(notes.events[1].attributes["system"] == "true")
    }

    // MARK: - Redmine

    @Test func redmineJournals() throws {
        let source = read("redmine/perceval_redmine_issue_7311_with_journals.json")
        #expect(source.summary.format == "redmine-issues")
        #expect(source.summary.records == 36)
        #expect(source.summary.skipped == 0)
        #expect(count(source, Transition.commented) == 11)
        #expect(count(source, Transition.resolved) == 6)
        #expect(count(source, Transition.reopened) == 6)
        #expect(source.events.first?.time.iso8601 == "2016-01-26T12:39:26.000Z")
        #expect(source.events.first?.actor == "Quan Zhou")
        let resolved = try #require(first(source, Transition.resolved))
        #expect(resolved.text == "#7311 status: 1 → Resuelta")
        #expect(resolved.actor == "Jesús Alonso")
        #expect(resolved.time.iso8601 == "2016-01-27T11:40:54.000Z")
        let closed = try #require(first(source, Transition.closed))
        #expect(closed.attributes["from"] == "Resuelta")
        #expect(closed.attributes["to"] == "5")
        #expect(source.events.last?.time.iso8601 == "2016-07-27T08:17:07.000Z")

        let list = read("redmine/perceval_redmine_issues_list.json")
        #expect(list.summary.format == "redmine-issues")
        #expect(list.summary.records == 6)
        #expect(list.events.first?.text == "#2 opened: Third Issue")
        #expect(list.events.first?.actor == "Alvaro del Castillo")
        #expect(count(list, Transition.closed) == 3)
        #expect(list.events.last?.time.iso8601 == "2011-12-08T09:51:07.000Z")
    }

    // MARK: - Bugzilla

    @Test func bugzillaXMLAndActivity() throws {
        let bugs = read("bugzilla/perceval_bugzilla-4.2.1_show_bug_ctype-xml.xml")
        #expect(bugs.summary.format == "bugzilla-xml")
        #expect(bugs.summary.records == 14)
        #expect(count(bugs, Transition.opened) == 5)
        #expect(count(bugs, Transition.commented) == 9)
        let bug15 = try #require(first(bugs, Transition.opened, ticket: "Bug 15"))
        #expect(bug15.time.iso8601 == "2009-06-10T14:55:32.000Z")  // +0200
        #expect(bug15.actor == "Roberto Calvo")
        #expect(bug15.attributes["url"] == "https://example.com/show_bug.cgi?id=15")
        #expect(first(bugs, Transition.commented, ticket: "Bug 15")?.actor == "Santiago Dueñas")

        let activity = read("bugzilla/perceval_bugzilla-4.2.1_show_activity.html")
        #expect(activity.summary.format == "bugzilla-activity")
        #expect(activity.summary.records == 14)
        #expect(activity.summary.skipped == 0)
        let status = try #require(first(activity, Transition.resolved))
        #expect(status.text == "Bug 355 status: UNCONFIRMED → RESOLVED")
        #expect(status.time.iso8601 == "2013-06-25T09:59:07.000Z")  // CEST
        #expect(status.actor == "sduenas@example.org")
        #expect(status.attributes["title"] == "Mock bug for testing purposes")
        #expect(first(activity, Transition.assigned)?.attributes["to"] == "dizquierdo@example.com")
        #expect(activity.events.last?.actor == "dizquierdo@example.com")
        #expect(activity.events.last?.time.iso8601 == "2013-06-25T10:04:11.000Z")
    }

    @Test func bugzillaREST() throws {
        let bugs = read("bugzilla/perceval_bugzilla-rest_bugs.json")
        #expect(bugs.summary.format == "bugzilla-json")
        #expect(bugs.summary.records == 2)
        #expect(bugs.events.map(\.time.iso8601) == ["2016-05-17T09:42:04.000Z", "2016-05-17T09:44:44.000Z"])
        #expect(bugs.events[0].actor == "Wesley Huang [:wesley_huang] (EPM) (NI me)")
        #expect(bugs.events[0].attributes["ticket"] == "Bug 1273439")

        let history = read("bugzilla/perceval_bugzilla-rest_bugs_history.json")
        #expect(history.summary.format == "bugzilla-json")
        #expect(history.summary.records == 10)
        #expect(history.events.first?.text == "Bug 1273442 cc: set to evan@tseng.io")
        #expect(history.events.first?.time.iso8601 == "2016-05-18T08:15:37.000Z")
        #expect(history.events.first?.actor == "whuang@mozilla.com")
        #expect(history.events.last?.attributes["from"] == "needinfo?(doliver@mozilla.com)")

        let comments = read("bugzilla/perceval_bugzilla-rest_bugs_comments.json")
        #expect(comments.summary.format == "bugzilla-json")
        #expect(comments.summary.records == 7)
        #expect(comments.events.last?.text == "Bug 1273442 comment: cc: braden")
        #expect(comments.events.last?.actor == "doliver@mozilla.com")
        #expect(comments.events.last?.time.iso8601 == "2016-06-07T00:01:29.000Z")
    }

    // MARK: - Zendesk, Phabricator, Launchpad

    @Test func zendeskTickets() throws {
        let ticket = read("zendesk/xsoar-content_zendesk-api-v2_ticket_10.json")
        #expect(ticket.summary.format == "zendesk")
        #expect(ticket.summary.records == 1)
        let opened = try #require(ticket.events.first)
        #expect(opened.time.iso8601 == "2022-08-08T08:14:25.000Z")
        #expect(opened.text == "#10 opened: one more")
        #expect(opened.actor == "user 1908275070358")
        #expect(opened.attributes["url"] == "https://subdomain.zendesk.com/agent/tickets/10")
        #expect(opened.attributes["channel"] == "web")

        let export = read("zendesk/xsoar-content_zendesk-api-v2_incremental-tickets-cursor.json")
        #expect(export.summary.format == "zendesk")
        #expect(export.summary.records == 2)
        #expect(export.events.map(\.time.iso8601) == ["2022-03-27T09:00:56.000Z", "2022-04-14T08:36:38.000Z"])
        #expect(export.events.map { $0.attributes["ticket"] } == ["#3", "#7"])
        #expect(export.events[0].actor == "user 1908275074433")
    }

    @Test func phabricatorTransactions() throws {
        let source = read("phabricator/perceval_phabricator_maniphest_gettasktransactions.json")
        #expect(source.summary.format == "phabricator-transactions")
        #expect(source.summary.records == 53)
        #expect(source.summary.skipped == 0)
        #expect(count(source, Transition.commented) == 16)
        #expect(source.events.filter { $0.attributes["phabricator.type"] == "core:create" }.count == 3)
        let resolved = try #require(first(source, Transition.resolved, ticket: "T73"))
        #expect(resolved.text == "T73 status: open → resolved")
        #expect(resolved.time.iso8601 == "2016-05-05T16:10:42.000Z")
        #expect(resolved.timeText == "1462464642")
        #expect(resolved.actor == "PHID-USER-2uk52xorcqb6sjvp467y")
        let reassigned = try #require(
            source.events.first {
                $0.attributes["ticket"] == "T73" && $0.attributes["transition"] == Transition.assigned
                    && $0.attributes["from"] != nil
            })
        #expect(reassigned.attributes["to"] == "PHID-USER-ojtcpympsmwenszuef7p")
        #expect(source.events.first?.time.iso8601 == "2016-05-03T17:37:44.000Z")
        #expect(source.events.last?.time.iso8601 == "2016-05-09T11:12:18.000Z")
    }

    @Test func launchpadActivity() throws {
        let source = read("launchpad/perceval_launchpad_bug_activity.json")
        #expect(source.summary.format == "launchpad-activity")
        #expect(source.summary.records == 1)
        let opened = try #require(source.events.first)
        #expect(opened.time.iso8601Exact == "2017-08-21T14:28:00.336698Z")
        #expect(opened.actor == "user")
        #expect(opened.text == "Bug #1 opened")
        #expect(opened.attributes["url"] == "https://bugs.launchpad.net/bugs/1")
    }
}
