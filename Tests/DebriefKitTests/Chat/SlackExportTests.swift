import Foundation
import Testing

@testable import DebriefKit

/// Slack workspace exports (bundles), Slack API history pages and Slack's message markup.
@Suite struct SlackExportTests {
    /// A small export: names, a DM, a thread whose reply is filed under the next day, a bot message
    /// with attachments, an edit, a tombstone, a join, a message without `ts`, a broken day file.
    static func writeExport(in folder: TemporaryFolder) throws -> URL {
        try folder.write(
            "export/users.json",
            #"""
            [{"id":"U1","name":"alice","real_name":"Alice Liddell","profile":{"display_name":"alice.l","real_name":"Alice Liddell"}},
             {"id":"U2","name":"bob","real_name":"Bob Builder","profile":{"display_name":"","real_name":"Bob Builder"}},
             {"id":"U3","name":"carol","profile":{"display_name":" "}}]
            """#)
        try folder.write("export/channels.json", #"[{"id":"C1","name":"incident-2041","members":["U1","U2"]}]"#)
        try folder.write("export/dms.json", #"[{"id":"D1","members":["U1","U2"]}]"#)
        try folder.write(
            "export/incident-2041/2026-03-14.json",
            #"""
            [
             {"type":"message","subtype":"channel_join","user":"U2","text":"<@U2> has joined the channel","ts":"1773493200.000100"},
             {"type":"message","user":"U1","text":"<!here> checkout is failing &amp; errors &lt;5xx&gt; see <https://grafana.example/d/1|dashboard> and <#C1|incident-2041> cc <@U2>","ts":"1773493260.123456","thread_ts":"1773493260.123456","reply_count":1},
             {"type":"message","subtype":"bot_message","bot_id":"B9","username":"PagerDuty","text":"","attachments":[{"fallback":"Triggered #42","pretext":"Incident triggered","title":"#42 payments-api 5xx","text":"Assigned to <@U1>"}],"ts":"1773493270.000000"},
             {"type":"message","user":"U2","text":"rolled back","ts":"1773493500.000001","edited":{"user":"U2","ts":"1773493560.000000"}},
             {"type":"message","subtype":"tombstone","user":"U3","text":"This message was deleted.","ts":"1773493600.000000","thread_ts":"1773493600.000000","hidden":true},
             {"type":"message","text":"no timestamp here"}
            ]
            """#)
        try folder.write(
            "export/incident-2041/2026-03-15.json",
            #"[{"type":"message","user":"U2","text":"ack","ts":"1773532800.000000","thread_ts":"1773493260.123456","parent_user_id":"U1"}]"#
        )
        try folder.write("export/incident-2041/2026-03-16.json", "{not json")
        try folder.write(
            "export/D1/2026-03-14.json", #"[{"type":"message","user":"U1","text":"call me","ts":"1773493700.000000"}]"#)
        try folder.write("export/incident-2041/attachments/trace.txt", "stack trace")
        return folder.url.appendingPathComponent("export")
    }

    func event(_ source: IngestedSource, id messageID: String) throws -> Event {
        try #require(source.events.first { $0.attributes["message-id"] == messageID })
    }

    @Test func folderExportIsDetectedAndEveryMessageRead() throws {
        let folder = TemporaryFolder()
        let (format, source) = try ChatTestSupport.readBundle(try Self.writeExport(in: folder))
        #expect(format == .slackExport)
        #expect(source.summary.format == "slack-export")
        #expect(source.summary.records == 9)
        #expect(source.summary.skipped == 2)
        #expect(source.events.count == 9)

        let opening = try event(source, id: "1773493260.123456")
        #expect(opening.kind == .chat)
        #expect(opening.actor == "alice.l")
        #expect(opening.time.iso8601Exact == "2026-03-14T13:01:00.123456Z")
        #expect(opening.timeText == "1773493260.123456")
        #expect(
            opening.text
                == "@here checkout is failing & errors <5xx> see dashboard (https://grafana.example/d/1) and #incident-2041 cc @Bob Builder"
        )
        #expect(opening.attributes["channel"] == "incident-2041")
        #expect(opening.attributes["thread"] == "1773493260.123456")
        #expect(opening.attributes["replies"] == "1")
        #expect(opening.attributes["reply-to"] == nil)
    }

    @Test func threadsEditsTombstonesBotsAndJoins() throws {
        let folder = TemporaryFolder()
        let (_, source) = try ChatTestSupport.readBundle(try Self.writeExport(in: folder))

        let reply = try event(source, id: "1773532800.000000")
        #expect(reply.actor == "Bob Builder")
        #expect(reply.attributes["reply-to"] == "1773493260.123456")
        #expect(reply.attributes["thread"] == "1773493260.123456")
        #expect(reply.attributes["parent-user"] == "alice.l")
        #expect(reply.source.path == "export/incident-2041/2026-03-15.json")

        let bot = try event(source, id: "1773493270.000000")
        #expect(bot.actor == "PagerDuty")
        #expect(bot.attributes["bot"] == "true")
        #expect(bot.attributes["subtype"] == "bot_message")
        #expect(bot.text == "Incident triggered\n#42 payments-api 5xx\nAssigned to @alice.l")

        let edited = try event(source, id: "1773493500.000001")
        #expect(edited.attributes["edited"] == "2026-03-14T13:06:00.000Z")

        let tombstone = try event(source, id: "1773493600.000000")
        #expect(tombstone.kind == .chat)
        #expect(tombstone.text == "(message deleted)")
        #expect(tombstone.attributes["deleted"] == "true")
        #expect(tombstone.actor == "carol")

        let join = try event(source, id: "1773493200.000100")
        #expect(join.kind == .note)
        #expect(join.attributes["subtype"] == "channel_join")
        #expect(join.text == "@Bob Builder has joined the channel")

        let direct = try event(source, id: "1773493700.000000")
        #expect(direct.attributes["channel"] == "alice.l, Bob Builder")
    }

    @Test func brokenRecordsAreKeptRawWithTheirMember() throws {
        let folder = TemporaryFolder()
        let (_, source) = try ChatTestSupport.readBundle(try Self.writeExport(in: folder))
        let raw = source.events.filter { $0.attributes["parse"] == "raw" }
        #expect(raw.count == 2)
        #expect(raw.contains { $0.source.path == "export/incident-2041/2026-03-16.json" && $0.text == "{not json" })
        #expect(raw.contains { $0.text == "no timestamp here" })
        let warnings = source.diagnostics.all.filter { $0.severity == .warning }
        #expect(
            warnings.contains {
                $0.path == "export/incident-2041/2026-03-16.json" && $0.message.contains("malformed JSON")
            })
        #expect(source.diagnostics.all.contains { $0.severity == .note && $0.message.contains("1 member(s)") })
    }

    @Test func zipWithAnEscapingMemberIsReadWithoutIt() throws {
        let folder = TemporaryFolder()
        try folder.write("slack.zip", try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("slack-slip.zip")))
        let input = try IncidentLoader.load(path: folder.path)
        let spec = try #require(input.sources.first)
        #expect(input.sources.count == 1)
        #expect(spec.format == .slackExport)
        #expect(spec.container == .bundle)
        #expect(input.diagnostics.all.contains { $0.message.contains("refused") && $0.path == "slack.zip" })
        let source = SourceReader().read(spec)
        #expect(source.summary.records == 1)
        #expect(source.events.first?.text == "rolling back payments-api")
        #expect(source.events.first?.actor == "alice.l")
        #expect(source.events.first?.source.path == "slack.zip/incident/2026-03-14.json")
        #expect(!source.events.contains { $0.text.contains("escaped") })
    }

    @Test func layoutAcceptsOneWrappingFolderOnly() {
        let wrapped = SlackExportParser.Layout(members: [
            "export/channels.json", "export/general/2026-01-01.json", "export/users.json",
        ])
        #expect(wrapped.root == "export/")
        #expect(wrapped.dayFiles == ["export/general/2026-01-01.json"])
        let beside = SlackExportParser.Layout(members: [
            "export/channels.json", "export/general/2026-01-01.json", "export/users.json", "notes.txt",
        ])
        #expect(beside.root == nil)
        #expect(SlackExportParser.Layout(members: ["app/2026-01-01.jsonl", "app.log"]).root == nil)
    }

    @Test func aFolderOfDatedJSONLogsIsNotAnExport() throws {
        let folder = TemporaryFolder()
        try folder.write(
            "logs/app/2026-03-14.json", #"{"ts":"2026-03-14T13:00:00Z","type":"request","msg":"GET /"}"# + "\n")
        let bundle = FolderBundle(root: folder.url.appendingPathComponent("logs"), displayPath: "logs", limit: 1 << 20)
        #expect(IncidentLoader.BundleDetector.detect(bundle) == nil)
        #expect(SlackExportParser.bundleConfidence(for: BundleSample(bundle: bundle)) == 0)
    }

    @Test func markupReferencesAndEntities() {
        let markup = SlackMarkup(users: ["U1": "alice"], channels: ["C1": "ops"])
        #expect(markup.plainText("<@U1> <@U9|bob> <@U8>") == "@alice @bob @U8")
        #expect(markup.plainText("<#C1> <#C2|general>") == "#ops #general")
        #expect(markup.plainText("<!here> <!channel> <!subteam^S1|@oncall>") == "@here @channel @oncall")
        #expect(markup.plainText("<!date^1392734382^{date}|Feb 18, 2014>") == "Feb 18, 2014")
        #expect(
            markup.plainText("<https://x.example/a?b=1&amp;c=2|runbook> <https://y.example>")
                == "runbook (https://x.example/a?b=1&c=2) https://y.example")
        #expect(markup.plainText("<mailto:oncall@example.com|oncall@example.com>") == "oncall@example.com")
        #expect(markup.plainText("a &lt; b &amp;&amp; c &gt; d <unterminated") == "a < b && c > d <unterminated")
    }

    @Test func historyPageKeepsIdsAndEmbeddedProfiles() throws {
        let page = #"""
            {"ok":true,"has_more":false,"messages":[
              {"type":"message","user":"U1","text":"hi <@U2|bob>","ts":"1773493200.000100"},
              {"type":"message","user":"U3","user_profile":{"display_name":"","real_name":"Carol C"},"text":"on it","ts":"1773493201.000000","thread_ts":"1773493200.000100"},
              {"type":"message","text":"no ts"}]}
            """#
        #expect(ChatTestSupport.detect(page) == .slackHistory)
        let run = try parse(page, as: .slackHistory)
        #expect(run.records == 3)
        #expect(run.skipped == 1)
        #expect(run.events[0].actor == "U1")
        #expect(run.events[0].text == "hi @bob")
        #expect(run.events[0].time.iso8601Exact == "2026-03-14T13:00:00.000100Z")
        #expect(run.events[1].actor == "Carol C")
        #expect(run.events[1].attributes["reply-to"] == "1773493200.000100")
        #expect(run.diagnostics.contains { $0.message.contains("'ts'") })
        #expect(throws: DebriefError.self) { try parse(#"{"ok":false,"error":"not_authed"}"#, as: .slackHistory) }
    }
}
