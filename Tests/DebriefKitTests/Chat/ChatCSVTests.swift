import Foundation
import Testing

@testable import DebriefKit

/// CSV chat logs and the manifest's per-source `columns:` mapping that names their columns.
@Suite struct ChatCSVTests {
    @Test func recognisedHeadersWithoutAMapping() throws {
        let csv = """
            Timestamp,User,Message,Channel
            2026-03-14T13:00:00Z,Alice,"checkout is down, again",bridge
            2026-03-14 14:01:00,Bob,"rolling back
            payments-api",bridge
            soon,Carol,no time here,bridge
            """
        #expect(ChatTestSupport.detect(csv) == .chatCSV)
        let run = try parse(csv, as: .chatCSV, timeZone: "Europe/Berlin")
        #expect(run.records == 3)
        #expect(run.skipped == 1)
        #expect(run.events[0].actor == "Alice")
        #expect(run.events[0].text == "checkout is down, again")
        #expect(run.events[0].attributes["channel"] == "bridge")
        #expect(run.events[0].source.line == 2)
        #expect(run.events[1].time.iso8601 == "2026-03-14T13:01:00.000Z")  // zone-less: the source's zone
        #expect(run.events[1].text == "rolling back\npayments-api")
        #expect(run.diagnostics.contains { $0.line == 5 && $0.message.contains("unrecognised time 'soon'") })
    }

    @Test func manifestMappingNamesTheColumns() throws {
        let csv = """
            When;Who;Said;Room;Parent
            14/03/2026 13:00;Alice;paging the DBA;ops;
            14/03/2026 13:05;Bob;here;ops;t1
            """
        let run = try ChatTestSupport.parse(
            csv, as: .chatCSV,
            columns: ["time": "When", "author": "who", "text": "Said", "channel": "Room", "thread": "Parent"])
        #expect(run.records == 2)
        #expect(run.events.map(\.time.iso8601) == ["2026-03-14T13:00:00.000Z", "2026-03-14T13:05:00.000Z"])
        #expect(run.events[1].actor == "Bob")
        #expect(run.events[1].attributes["thread"] == "t1")
        #expect(run.events[0].attributes["thread"] == nil)
        #expect(run.diagnostics.contains { $0.severity == .note && $0.message.contains("day/month/year") })
    }

    @Test func aMappedColumnMissingFromTheHeaderIsAnError() throws {
        #expect(throws: DebriefError.self) {
            try ChatTestSupport.parse("a,b,c\n1,2,3\n", as: .chatCSV, columns: ["time": "Timestamp", "text": "b"])
        }
        #expect(throws: DebriefError.self) { try parse("a,b,c\n1,2,3\n", as: .chatCSV) }
    }

    @Test func manifestColumnsAreParsedAndCarriedToTheSource() throws {
        let manifest = try Manifest.parse(
            """
            sources:
              - path: chat/bridge.csv
                format: chat-csv
                columns: { time: Timestamp, author: User, text: Message, channel: Room }
            """, path: "incident.yml")
        let source = try #require(manifest.sources?.first)
        #expect(source.columns == ["time": "Timestamp", "author": "User", "text": "Message", "channel": "Room"])

        let folder = TemporaryFolder()
        try folder.write(
            "incident.yml",
            "sources:\n  - path: bridge.csv\n    format: chat-csv\n    columns: { time: When, author: Who, text: Said }\n"
        )
        try folder.write("bridge.csv", "When,Who,Said\n2026-03-14T13:00:00Z,Alice,hello\n")
        let input = try IncidentLoader.load(path: folder.path)
        let spec = try #require(input.sources.first)
        #expect(spec.columns == ["time": "When", "author": "Who", "text": "Said"])
        let read = SourceReader().read(spec)
        #expect(read.summary.records == 1)
        #expect(read.events.first?.actor == "Alice")
    }

    @Test func unknownLogicalColumnNamesAreErrorsNamingTheLine() {
        do {
            _ = try Manifest.parse(
                "sources:\n  - path: chat.csv\n    columns:\n      time: When\n      auhtor: Who\n",
                path: "incident.yml")
            Issue.record("an unknown column name was accepted")
        } catch let error as DebriefError {
            #expect(error.line == 5)
            #expect(error.message.contains("'auhtor'"))
            #expect(error.message.contains("did you mean 'author'"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: DebriefError.self) {
            try Manifest.parse("sources:\n  - path: chat.csv\n    columns: [time, text]\n", path: "incident.yml")
        }
    }
}
