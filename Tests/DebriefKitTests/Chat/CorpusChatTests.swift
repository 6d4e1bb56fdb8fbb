import Foundation
import Testing

@testable import DebriefKit

/// Real chat exports from ../shared/corpus/chat, read in place (never copied into the repository).
@Suite(.enabled(if: TestPaths.corpusAvailable, TestPaths.corpusMissing))
struct CorpusChatTests {
    func event(_ source: IngestedSource, id messageID: String) throws -> Event {
        try #require(source.events.first { $0.attributes["message-id"] == messageID })
    }

    @Test(arguments: ["slack-export-viewer_testarchive.zip", "slack-export-viewer_testarchive"])
    func slackExportViewerArchive(name: String) throws {
        let (format, source) = try ChatTestSupport.readBundle(TestPaths.corpus("chat/slack/" + name))
        #expect(format == .slackExport)
        // 158 messages in 17 day files and 30 integration-log entries.
        #expect(source.summary.records == 188)
        #expect(source.summary.skipped == 0)
        #expect(source.events.filter { $0.source.path.hasSuffix("integration_logs.json") }.count == 30)
        let first = try #require(source.events.first)
        #expect(first.time.iso8601Exact == "2016-01-15T05:55:18.000002Z")
        #expect(first.actor == "hamza")
        #expect(first.kind == .note)
        #expect(first.attributes["subtype"] == "channel_join")
        #expect(first.attributes["channel"] == "enrique")
        #expect(first.source.path == name + "/enrique/2016-01-14.json")
        #expect(source.events.last?.time.iso8601 == "2016-03-29T12:33:06.000Z")
        #expect(
            source.events.filter { $0.attributes["bot"] == "true" && $0.attributes["subtype"] == "bot_message" }.count
                == 94)

        let mention = try event(source, id: "1452837352.000006")
        #expect(
            mention.text
                == "@abilinski: Created an issue for a setup.py so that it can be installed to a standard place")
        let edited = try event(source, id: "1458972985.000010")
        #expect(edited.attributes["edited"] == "2016-03-26T08:32:14.000Z")
        #expect(edited.attributes["channel"] == "traveling-sailor")
        let bot = try event(source, id: "1454892394.000004")
        #expect(bot.actor == "B0JL6RASU")
        #expect(
            bot.text.hasPrefix(
                "[enrique:master] 1 new commit by Anthony Bilinski:\ned1acbe (https://github.com/mesos-magellan/enrique/commit/ed1acbe9837b5ddf91e93606b604df3c2b4e128f)"
            ))
        let comment = try event(source, id: "1459106048.000018")
        #expect(comment.actor == "doubledeez")
        #expect(comment.attributes["subtype"] == "file_comment")
    }

    @Test(arguments: ["slackdump_source_export_anonymized.zip", "slackdump_source_export_anonymized"])
    func slackdumpExport(name: String) throws {
        let (format, source) = try ChatTestSupport.readBundle(TestPaths.corpus("chat/slack/" + name))
        #expect(format == .slackExport)
        #expect(source.summary.records == 16)
        #expect(source.summary.skipped == 0)
        #expect(source.events.first?.time.iso8601Exact == "2025-01-10T03:08:34.897649Z")
        #expect(source.events.last?.time.iso8601Exact == "2025-01-24T10:59:02.919259Z")
        #expect(source.events.allSatisfy { $0.attributes["channel"] == "B75B4C7" })

        let root = try event(source, id: "1736478630.905399")
        #expect(root.actor == "kPVTqHcBWssWFAU")  // users.json real name (no display name)
        #expect(root.attributes["replies"] == "2")
        let reply = try event(source, id: "1736554746.482349")
        #expect(reply.actor == "YTX35tuC1zyFhKZL")  // users.json display name
        #expect(reply.attributes["reply-to"] == "1736478630.905399")
        #expect(reply.attributes["parent-user"] == "kPVTqHcBWssWFAU")
        #expect(reply.source.path == name + "/B75B4C7/2025-01-11.json")
        let tombstone = try event(source, id: "1736554828.343759")
        #expect(tombstone.text == "(message deleted)")
        #expect(tombstone.attributes["deleted"] == "true")
        #expect(tombstone.actor == "zCQmul1N")
        let edited = try event(source, id: "1737160363.583369")
        #expect(edited.actor == "RLEA")
        #expect(edited.attributes["bot"] == "true")
        #expect(edited.attributes["edited"] == "2025-01-18T00:32:51.000Z")
        let join = try event(source, id: "1736554636.807919")
        #expect(join.kind == .note)
    }

    @Test func slackFolderHoldsFourBundlesAndAnAPIPage() throws {
        let input = try IncidentLoader.load(path: TestPaths.corpus("chat/slack").path)
        #expect(
            input.sources.map(\.displayPath) == [
                "perceval_slack_api_conversations_history.json", "slack-export-viewer_testarchive",
                "slack-export-viewer_testarchive.zip", "slackdump_source_export_anonymized",
                "slackdump_source_export_anonymized.zip",
            ])
        #expect(input.sources.map(\.container) == [.file, .bundle, .bundle, .bundle, .bundle])
        #expect(input.sources.dropFirst().allSatisfy { $0.format == .slackExport })
    }

    @Test func slackAPIHistoryPage() throws {
        let source = readSource(TestPaths.corpus("chat/slack/perceval_slack_api_conversations_history.json"))
        #expect(source.summary.format == "slack-history")
        #expect(source.summary.records == 7)
        #expect(source.summary.skipped == 0)
        #expect(source.events.first?.time.iso8601 == "2015-03-23T18:35:33.000Z")
        #expect(source.events.first?.actor == "U0001")
        #expect(source.events.last?.time.iso8601 == "2017-02-13T15:31:40.000Z")
        #expect(source.events.last?.text == "@dizquierdo commented on @acs file>: Thanks.")
        #expect(source.events.last?.actor == "U0003")
        let bot = try #require(source.events.first { $0.attributes["subtype"] == "bot_message" })
        #expect(bot.actor == "B0001")
        #expect(bot.time.iso8601Exact == "2017-02-13T07:00:00.000136Z")
    }

    @Test func mattermostBulkExportExcerpt() throws {
        let source = readSource(TestPaths.corpus("chat/mattermost/zulip_mmctl-v11.1.0_bulk-export_EXCERPT.jsonl"))
        #expect(source.summary.format == "mattermost-bulk")
        // 7 direct posts and their 4 nested replies; the version line is not a message.
        #expect(source.summary.records == 11)
        #expect(source.summary.skipped == 0)
        #expect(source.events.first?.time.iso8601 == "2026-01-20T10:24:03.617Z")
        #expect(source.events.first?.actor == "guest")
        #expect(source.events.last?.time.iso8601 == "2026-01-20T22:06:10.856Z")
        let reply = try #require(source.events.first { $0.actor == "nancy.sanders" })
        #expect(reply.attributes["thread"] == "1768936973533")
        #expect(reply.attributes["channel"] == "nancy.sanders, brandon.mccoy")
        #expect(reply.source.line == 4)
        #expect(source.events.allSatisfy { $0.attributes["direct"] == "true" })
    }

    @Test func mattermostAPIPostList() throws {
        let source = readSource(TestPaths.corpus("chat/mattermost/perceval_mattermost_api_v4_channel_posts.json"))
        #expect(source.summary.format == "mattermost-posts")
        #expect(source.summary.records == 5)
        #expect(source.events.first?.time.iso8601 == "2018-04-12T09:43:19.108Z")
        #expect(source.events.first?.text == "hola valerio!")
        let reply = try event(source, id: "59io5i1f5bbetxtj6mbm67fouw")
        #expect(reply.time.iso8601 == "2018-04-12T15:27:26.639Z")
        #expect(reply.actor == "8tbwn7uikpdy3gpse6fgiie5co")
        #expect(reply.attributes["thread"] == "pot46s7kjif7xx6x91ua7m4d7y")
        #expect(reply.text == "El Madrid también en semis")
        #expect(try event(source, id: "pot46s7kjif7xx6x91ua7m4d7y").attributes["pinned"] == "true")
    }

    @Test func teamsDataExport() throws {
        let source = readSource(TestPaths.corpus("chat/teams/zulip_TeamsDataExport_team-4707a9cc_messages.json"))
        #expect(source.summary.format == "teams-export")
        #expect(source.summary.records == 3)
        #expect(source.summary.reordered == 1)  // the export is not in time order
        #expect(
            source.events.map(\.time.iso8601) == [
                "2025-09-25T14:29:52.135Z", "2025-09-25T14:30:13.079Z", "2025-09-26T14:14:57.283Z",
            ])
        #expect(source.events.map(\.kind) == [.note, .chat, .note])
        let message = source.events[1]
        #expect(message.actor == "Will Begon")
        #expect(message.text == "hello! this is a channel message\nasdad")
        #expect(message.attributes["channel"] == "19:lqdix95v6et7PTYxDZlXmlKIwt77DeH_WikzPVX7kuU1@thread.tacv2")
        // The system event names its initiator by id only; the name comes from the user's messages.
        #expect(source.events[0].actor == "Will Begon")
        #expect(source.events[0].attributes["subtype"] == "system-event")
        #expect(source.events[2].actor == "62b732f7-fc71-40bc-b27d-35efcb0509de")
    }

    @Test func discordChatExporterJSON() throws {
        let zulip = readSource(TestPaths.corpus("chat/discord/discordchatexporter_zulip-discord-server_general-2.json"))
        #expect(zulip.summary.format == "discord-json")
        #expect(zulip.summary.records == 4)
        // +07:00 and two fraction digits: 19:09:15.91+07:00.
        #expect(zulip.events[2].time.iso8601 == "2026-06-24T12:09:15.910Z")
        #expect(zulip.events[0].attributes["forwarded-from"] == "1519313281611862046")
        #expect(zulip.events[0].text == "(forwarded) Reactions")
        #expect(zulip.events[3].actor == "hamlet")
        #expect(zulip.events[3].attributes["guild"] == "zulip-discord server")

        let guild = readSource(TestPaths.corpus("chat/discord/chat-analytics_discordchatexporter_guild_SV_5A_5M.json"))
        #expect(guild.summary.format == "discord-json")
        #expect(guild.summary.records == 5)  // the duplicated message id is read twice
        #expect(guild.events[0].actor == "Deleted User")
        #expect(guild.events[0].attributes["edited"] == "2018-05-20T16:09:56.439Z")
        #expect(guild.events[2].actor == "mlomb")  // no nickname: the name
        #expect(guild.events[4].time.iso8601 == "2018-05-20T16:09:51.118Z")

        let group = readSource(
            TestPaths.corpus("chat/discord/chat-analytics_discordchatexporter_groupdm_GC_3A_5M.json"))
        #expect(group.summary.format == "discord-json")
        #expect(group.summary.records == 6)
        #expect(group.events[1].actor == "theplant")  // nickname over name
        #expect(group.events[0].kind == .note)
        #expect(group.events[0].attributes["subtype"] == "ChannelNameChange")
        #expect(group.events[4].attributes["reply-to"] == "1064990824305274930")
        #expect(group.events[5].attributes["call-ended"] == "2023-03-03T16:40:59.313Z")
        #expect(group.events[5].time.iso8601 == "2023-03-03T14:47:59.187Z")
    }

    @Test func telegramDesktopExport() throws {
        // The exporting machine was at UTC-3: `date` 2023-08-10T23:11:02 is `date_unixtime` 1691719862.
        let source = readSource(
            TestPaths.corpus("chat/telegram/chat-analytics_telegram-desktop_personal-chat_DM_2A_7M.json"),
            timeZone: "America/Sao_Paulo")
        #expect(source.summary.format == "telegram-export")
        #expect(source.summary.records == 8)
        #expect(source.summary.skipped == 0)
        #expect(source.events[0].time.iso8601 == "2019-07-05T19:55:32.000Z")  // `date` only, read at UTC-3
        #expect(source.events[0].kind == .note)
        #expect(source.events[0].attributes["subtype"] == "joined_telegram")
        #expect(source.events[0].actor == "Bob")
        #expect(source.events[1].text == "https://google.com 👀")
        #expect(source.events[3].time.iso8601 == "2022-05-09T22:23:53.000Z")  // `date_unixtime` only
        #expect(source.events[3].actor == "Bob")
        let call = try #require(source.events.last)
        #expect(call.time.iso8601 == "2023-08-11T02:11:02.000Z")  // both: `date_unixtime` wins
        #expect(call.timeText == "1691719862")
        #expect(call.attributes["subtype"] == "phone_call")
        #expect(call.actor == "Alice")
    }

    @Test func ircSupybotLog() throws {
        let source = readSource(TestPaths.corpus("chat/irc/irclog2html_supybot-channellogger_sample.log"))
        #expect(source.summary.format == "irc-log")
        #expect(source.summary.records == 10)
        #expect(source.summary.skipped == 0)
        #expect(source.events.first?.time.iso8601 == "2005-01-08T23:33:54.000Z")
        #expect(source.events.first?.kind == .note)
        #expect(source.events[1].actor == "mgedmin")
        #expect(source.events[1].text == "let's see if irc logging works... ąčę")
        #expect(source.events[1].attributes["channel"] == "#pov")
        #expect(source.events[6].actor == "povbot")
        #expect(source.events.last?.attributes["subtype"] == "nick")
        #expect(source.events.last?.time.iso8601 == "2005-01-08T23:49:00.000Z")
    }

    @Test func ircLogWithMixedEncodings() throws {
        let source = readSource(TestPaths.corpus("chat/irc/irclog2html_supybot_2011-01-16-hybrid-charset.log"))
        #expect(source.summary.format == "irc-log")
        #expect(source.summary.records == 2)
        #expect(source.events[0].text == "aišku :)")
        #expect(source.events[0].actor == "kamiccolo")
        #expect(source.events[1].text.hasSuffix("savaitės prasideda nuo pirmadienių"))
        #expect(source.events[1].attributes["subtype"] == "action")
        #expect(source.events[1].time.iso8601 == "2011-01-15T20:38:43.000Z")
    }

    @Test func ircDircproxyLog() throws {
        let source = readSource(TestPaths.corpus("chat/irc/irclog2html_dircproxy_2009-01-14.log"), year: 2009)
        #expect(source.summary.format == "irc-dircproxy")
        #expect(source.summary.records == 25)
        #expect(source.summary.skipped == 0)
        #expect(source.events.first?.time.iso8601 == "2009-01-14T10:36:00.000Z")
        #expect(source.events.first?.actor == "jsmith")
        #expect(source.events.first?.attributes["subtype"] == "join")
        #expect(source.events[4].actor == "nombyte")
        #expect(source.events[4].text == "hey doesn't anyone know a fedora app that can be used to make java gui's?")
        #expect(source.events.filter { $0.kind == .chat }.count == 9)
        #expect(source.events.last?.time.iso8601 == "2009-01-14T23:35:00.000Z")
    }

    @Test func rocketChatPage() throws {
        let source = readSource(
            TestPaths.corpus("chat/rocketchat/perceval_rocketchat_api_channels_messages_page1.json"))
        #expect(source.summary.format == "rocketchat-messages")
        #expect(source.summary.records == 2)
        #expect(source.events[0].time.iso8601 == "2020-05-02T07:30:42.993Z")
        #expect(source.events[0].actor == "Animesh Kumar")
        #expect(source.events[1].actor == "Animesh Kumar Singh")
        #expect(source.events[1].attributes["thread"] == "4AwA2eJQ7xBgPZ4mv")
        #expect(source.events[1].attributes["edited"] == "2020-05-02T07:31:56.711Z")
    }

    @Test func whatsAppExport() throws {
        let source = readSource(TestPaths.corpus("chat/whatsapp/chat-analytics_whatsapp_4A_11M.txt"))
        #expect(source.summary.format == "whatsapp-text")
        #expect(source.summary.records == 14)
        #expect(source.summary.skipped == 0)
        // No number above 12 and a 24-hour clock: read day first, 12 September 2020.
        #expect(source.events.first?.time.iso8601 == "2020-09-12T23:16:00.000Z")
        #expect(source.events.first?.kind == .note)
        #expect(source.events.filter { $0.kind == .note }.count == 3)
        #expect(source.events.last?.actor == "Trent")
        #expect(source.events.last?.time.iso8601 == "2020-09-12T23:56:00.000Z")
        #expect(Set(source.events.compactMap(\.actor)) == ["Bob", "Eve", "Alice", "Mallory", "Trent"])
        #expect(source.diagnostics.all.contains { $0.severity == .note && $0.message.contains("day/month/year") })
    }

    @Test func messengerExport() throws {
        let source = readSource(TestPaths.corpus("chat/messenger/chat-analytics_facebook-messenger_2A_7M.json"))
        #expect(source.summary.format == "messenger-json")
        #expect(source.summary.records == 7)
        #expect(source.summary.reordered == 6)  // newest first
        #expect(source.events.first?.time.iso8601 == "2014-11-05T00:27:20.411Z")
        #expect(source.events.first?.text == "(photos)")
        #expect(source.events.last?.time.iso8601 == "2014-11-05T00:35:32.056Z")
        #expect(source.events.last?.actor == "Alice")
        #expect(source.events.last?.text == "Hello")
    }
}
