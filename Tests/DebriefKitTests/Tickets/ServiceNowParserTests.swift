import Foundation
import Testing

@testable import DebriefKit

@Suite struct ServiceNowParserTests {
    @Test func unloadXMLIsStoredUTCWithJournalAndAuditRecords() throws {
        let run = try parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <unload unload_date="2026-11-18 09:00:00">
              <incident action="INSERT_OR_UPDATE">
                <number>INC0010042</number>
                <short_description>Checkout failing</short_description>
                <state>7</state>
                <sys_id>a1b2</sys_id>
                <opened_at>2026-11-17 13:58:00</opened_at>
                <opened_by display_value="Sam Ortiz">5137153cc611227c000bbd1bd8cd2006</opened_by>
                <sys_created_on>2026-11-17 13:59:00</sys_created_on>
                <resolved_at>2026-11-17 14:52:00</resolved_at>
                <resolved_by display_value="Dana Whitfield">9ee1</resolved_by>
                <closed_at>2026-11-18 08:00:00</closed_at>
                <work_notes/>
              </incident>
              <sys_journal_field action="INSERT_OR_UPDATE">
                <element>work_notes</element>
                <element_id>a1b2</element_id>
                <name>incident</name>
                <sys_created_by>dana</sys_created_by>
                <sys_created_on>2026-11-17 14:10:00</sys_created_on>
                <value>Rolled back payments-api to v1.42</value>
              </sys_journal_field>
              <sys_audit action="INSERT_OR_UPDATE">
                <documentkey>a1b2</documentkey>
                <fieldname>state</fieldname>
                <oldvalue>1</oldvalue>
                <newvalue>2</newvalue>
                <user>dana</user>
                <sys_created_on>2026-11-17 14:05:00</sys_created_on>
              </sys_audit>
              <sys_user action="INSERT_OR_UPDATE"><user_name>dana</user_name><sys_id>u1</sys_id></sys_user>
            </unload>
            """, as: .serviceNow, path: "incident.xml", timeZone: "Europe/Berlin")
        #expect(run.records == 6)
        #expect(run.skipped == 1)
        // Stored values are UTC whatever the source zone says.
        #expect(
            run.events.map(\.time.iso8601) == [
                "2026-11-17T13:58:00.000Z", "2026-11-17T14:52:00.000Z", "2026-11-18T08:00:00.000Z",
                "2026-11-17T14:10:00.000Z", "2026-11-17T14:05:00.000Z", "2026-11-17T14:05:00.000Z",
            ])
        #expect(run.events[5].attributes["reason"] == "ServiceNow sys_user record is not a ticket")
        #expect(run.events[0].text == "INC0010042 opened: Checkout failing")
        #expect(run.events[0].actor == "Sam Ortiz")
        #expect(run.events[0].attributes["current-status"] == "Closed")
        #expect(run.events[1].attributes["transition"] == Transition.resolved)
        #expect(run.events[1].actor == "Dana Whitfield")
        #expect(run.events[2].attributes["transition"] == Transition.closed)
        #expect(run.events[3].text == "INC0010042 comment: Rolled back payments-api to v1.42")
        #expect(run.events[3].attributes["journal"] == "work_notes")
        let audit = run.events[4]
        #expect(audit.text == "INC0010042 status: New → In Progress")
        #expect(audit.attributes["transition"] == Transition.inProgress)
        #expect(audit.attributes["from"] == "New")
        #expect(audit.attributes["to"] == "In Progress")
        #expect(audit.actor == "dana")
        #expect(audit.source.line == 24)
    }

    @Test func tableAPIDisplayValuesUseTheSourceZoneAndSplitJournalText() throws {
        let run = try parse(
            """
            {"result": [{
              "number": "INC0010043", "sys_id": "c3d4", "short_description": "Login slow",
              "state": "In Progress", "opened_at": "2026-07-01 09:00:00", "opened_by": {"display_value": "Sam Ortiz", "link": "x"},
              "sys_updated_on": "2026-07-01 10:30:00", "sys_updated_by": "dana",
              "work_notes": "2026-07-01 10:15:00 - Dana Whitfield (Work notes)\\nCache node restarted.\\nWatching.\\n\\n2026-07-01 09:20:00 - Sam Ortiz (Work notes)\\nPaged the DB team.\\n\\n",
              "comments": "Customer informed."
            }]}
            """, as: .serviceNow, timeZone: "America/New_York")
        #expect(run.records == 4)
        #expect(run.events[0].time.iso8601 == "2026-07-01T13:00:00.000Z")
        #expect(run.events[0].actor == "Sam Ortiz")
        #expect(run.events[1].text == "INC0010043 comment: Cache node restarted.\nWatching.")
        #expect(run.events[1].actor == "Dana Whitfield")
        #expect(run.events[1].time.iso8601 == "2026-07-01T14:15:00.000Z")
        #expect(run.events[2].actor == "Sam Ortiz")
        #expect(run.events[2].timeText == "2026-07-01 09:20:00")
        // Journal text without a dated header is one note at the record's last update.
        #expect(run.events[3].text == "INC0010043 comment: Customer informed.")
        #expect(run.events[3].time.iso8601 == "2026-07-01T14:30:00.000Z")
        #expect(run.events[3].attributes["journal"] == "comments")
    }

    @Test func updateLogCSVBecomesStateChangesInTheSourceZone() throws {
        let run = try parse(
            """
            number,incident_state,active,sys_mod_count,opened_at,sys_updated_by,sys_updated_at,assigned_to,assignment_group,priority
            INC0000045,New,TRUE,0,29-02-2016 01:16,Updated by 21,29-02-2016 01:23,?,Group 56,3 - Moderate
            INC0000045,Active,TRUE,1,29-02-2016 01:16,Updated by 642,29-02-2016 08:53,Resolver 9,Group 56,3 - Moderate
            INC0000045,Active,TRUE,2,29-02-2016 01:16,Updated by 642,29-02-2016 09:00
            INC0000045,Active,TRUE,2,29-02-2016 01:16,Updated by 642,29-02-2016 09:10,Resolver 9,Group 56,3 - Moderate
            INC0000045,Resolved,TRUE,3,29-02-2016 01:16,Updated by 804,29-02-2016 11:29,Resolver 9,Group 57,3 - Moderate
            INC0000045,Closed,FALSE,4,29-02-2016 01:16,Updated by 908,05-03-2016 12:00,Resolver 9,Group 57,3 - Moderate
            """, as: .serviceNow, path: "log.csv", timeZone: "Europe/Berlin")
        #expect(run.records == 6)
        #expect(run.skipped == 1)
        #expect(run.events[0].text == "INC0000045 opened")
        #expect(run.events[0].time.iso8601 == "2016-02-29T00:16:00.000Z")
        #expect(run.events[0].timeText == "29-02-2016 01:16")
        let active = run.events[1]
        #expect(active.text == "INC0000045 status: New → Active")
        #expect(active.attributes["transition"] == Transition.inProgress)
        #expect(active.attributes["other-changes"] == "assigned_to: (none) → Resolver 9")
        #expect(active.actor == "Updated by 642")
        #expect(active.time.iso8601 == "2016-02-29T07:53:00.000Z")
        // The short row is kept raw with its line; the row after it compares with the row before.
        #expect(run.events[2].attributes["parse"] == "raw")
        #expect(run.events[2].source.line == 4)
        #expect(run.events[3].text == "INC0000045 updated")
        let resolved = run.events[4]
        #expect(resolved.attributes["field"] == "status")
        #expect(resolved.attributes["from"] == "Active")
        #expect(resolved.attributes["to"] == "Resolved")
        #expect(resolved.attributes["transition"] == Transition.resolved)
        #expect(resolved.attributes["other-changes"] == "assignment_group: Group 56 → Group 57")
        #expect(run.events[5].attributes["transition"] == Transition.closed)
        #expect(run.events[5].time.iso8601 == "2016-03-05T11:00:00.000Z")
    }

    @Test func perIncidentCSVYieldsOpeningAndResolution() throws {
        let run = try parse(
            """
            "number","short_description","state","opened_at","opened_by","resolved_at","sys_updated_on"
            "INC0010050","Disk full on db01","Resolved","2026-11-17 10:00:00","Sam Ortiz","2026-11-17 10:45:00","2026-11-17 10:45:00"
            "INC0010051","VPN down","New","not a date","Sam Ortiz","",""
            """, as: .serviceNow)
        #expect(run.records == 3)
        #expect(run.skipped == 1)
        #expect(run.events[0].text == "INC0010050 opened: Disk full on db01")
        #expect(run.events[1].text == "INC0010050 status: set to Resolved")
        #expect(run.events[1].attributes["transition"] == Transition.resolved)
        #expect(run.events[2].attributes["parse"] == "raw")
        #expect(run.events[2].source.line == 3)
    }
}
