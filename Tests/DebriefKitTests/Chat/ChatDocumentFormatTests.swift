import Foundation
import Testing

@testable import DebriefKit

/// JSON and HTML chat exports: Mattermost, Teams, Discord, Telegram, Rocket.Chat, Messenger.
@Suite struct ChatDocumentFormatTests {
    @Test func mattermostBulkNamesRepliesAndRawLines() throws {
        let export = """
            {"type":"version","version":1}
            {"type":"role","role":{"name":"system_user","permissions":["create_post"]}}
            {"type":"channel","channel":{"team":"eng","name":"incident-2041","display_name":"Incident 2041","type":"O"}}
            {"type":"user","user":{"username":"alice","first_name":"Alice","last_name":"Liddell","nickname":""}}
            {"type":"post","post":{"team":"eng","channel":"incident-2041","user":"alice","message":"rolling back","create_at":1773493200123,"edit_at":1773493260000,"replies":[{"user":"bob","message":"ack","create_at":1773493210000}]}}
            {"type":"post","post":{"team":"eng","channel":"incident-2041","user":"bob","type":"system_join_channel","message":"bob joined the channel.","create_at":1773493100000}}
            {"type":"direct_post","direct_post":{"channel_members":["alice","bob"],"user":"bob","message":"call?","create_at":1773493300000}}
            {"type":"post","post":{"user":"alice","message":"no time"}}
            {"type":"mystery","mystery":{}}
            {not json
            """
        #expect(ChatTestSupport.detect(export) == .mattermostBulk)
        let run = try parse(export, as: .mattermostBulk)
        #expect(run.records == 7)
        #expect(run.skipped == 3)
        let post = try #require(run.events.first { $0.text == "rolling back" })
        #expect(post.actor == "Alice Liddell")
        #expect(post.time.iso8601 == "2026-03-14T13:00:00.123Z")
        #expect(post.attributes["channel"] == "Incident 2041")
        #expect(post.attributes["edited"] == "2026-03-14T13:01:00.000Z")
        #expect(post.source.line == 5)
        let reply = try #require(run.events.first { $0.text == "ack" })
        #expect(reply.actor == "bob")
        #expect(reply.attributes["thread"] == "1773493200123")
        #expect(reply.source.line == 5)
        #expect(reply.id == "inline.log:5.1")
        let join = try #require(run.events.first { $0.attributes["subtype"] == "system_join_channel" })
        #expect(join.kind == .note)
        let direct = try #require(run.events.first { $0.text == "call?" })
        #expect(direct.attributes["channel"] == "Alice Liddell, bob")
        #expect(direct.attributes["direct"] == "true")
        #expect(run.diagnostics.contains { $0.line == 8 && $0.message.contains("create_at") })
        #expect(run.diagnostics.contains { $0.line == 9 && $0.message.contains("mystery") })
        #expect(run.diagnostics.contains { $0.line == 10 })
    }

    @Test func mattermostPostListWithDeletedAndThreadedPosts() throws {
        let page = #"""
            {"order":["p2","p1"],"posts":{
              "p1":{"id":"p1","create_at":1773493200000,"update_at":0,"edit_at":0,"delete_at":0,"user_id":"u1","channel_id":"c1","root_id":"","parent_id":"","message":"db is down","type":"","props":{}},
              "p2":{"id":"p2","create_at":1773493260000,"edit_at":0,"delete_at":1773493300000,"user_id":"u2","channel_id":"c1","root_id":"p1","parent_id":"p1","message":"oops","type":"","props":{}},
              "p3":{"id":"p3","create_at":1773493270000,"user_id":"hook","channel_id":"c1","message":"","type":"","props":{"from_webhook":"true","override_username":"Alertmanager","attachments":[{"pretext":"FIRING","title":"HighErrorRate","text":"5xx above 5%"}]}}}}
            """#
        #expect(ChatTestSupport.detect(page) == .mattermostPosts)
        let run = try parse(page, as: .mattermostPosts)
        #expect(run.records == 3)
        #expect(run.events.map { $0.attributes["message-id"] } == ["p2", "p1", "p3"])
        #expect(run.events[0].text == "(message deleted)")
        #expect(run.events[0].attributes["deleted"] == "true")
        #expect(run.events[0].attributes["thread"] == "p1")
        #expect(run.events[1].actor == "u1")
        #expect(run.events[1].time.iso8601 == "2026-03-14T13:00:00.000Z")
        #expect(run.events[2].actor == "Alertmanager")
        #expect(run.events[2].attributes["bot"] == "true")
        #expect(run.events[2].text == "FIRING\nHighErrorRate\n5xx above 5%")
    }

    @Test func teamsHTMLBodiesSystemEventsAndDeletions() throws {
        let export = #"""
            [{"Id":"2","Body":{"ContentType":"html","Content":"<p>Rolled back <at id=\"0\">payments-api</at> &amp; watching</p>"},
              "CreatedDateTime":"2026-03-14T14:05:00.000+01:00","LastEditedDateTime":"2026-03-14T13:06:00Z","DeletedDateTime":null,
              "Subject":null,"ReplyToId":"1","From":{"Application":null,"User":{"Id":"u-1","DisplayName":"Alice Liddell"}},
              "MessageType":"message","ChannelIdentity":{"ChannelId":"19:ops@thread.tacv2","TeamId":"t"},"EventDetail":null},
             {"Id":"1","Body":{"ContentType":"html","Content":"<systemEventMessage/>"},"CreatedDateTime":"2026-03-14T12:59:00.000+00:00",
              "From":null,"MessageType":"unknownFutureValue","ChannelIdentity":{"ChannelId":"19:ops@thread.tacv2"},
              "EventDetail":{"EventType":null,"Initiator":{"User":{"Id":"u-1","DisplayName":null}},"MembersAdded":{"Members":[{"Id":"u-2"}]},"CallEnded":null}},
             {"Id":"3","Body":{"ContentType":"html","Content":"<p>secret</p>"},"CreatedDateTime":"2026-03-14T13:10:00Z","DeletedDateTime":"2026-03-14T13:11:00Z",
              "From":{"User":{"Id":"u-2","DisplayName":"Bob"}},"MessageType":"message"},
             {"Id":"4","Body":{"Content":"no time"}}]
            """#
        #expect(ChatTestSupport.detect(export) == .teamsExport)
        let run = try parse(export, as: .teamsExport)
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        let message = try #require(run.events.first { $0.attributes["message-id"] == "2" })
        #expect(message.time.iso8601 == "2026-03-14T13:05:00.000Z")
        #expect(message.actor == "Alice Liddell")
        #expect(message.text == "Rolled back payments-api & watching")
        #expect(message.attributes["reply-to"] == "1")
        #expect(message.attributes["edited"] == "2026-03-14T13:06:00.000Z")
        #expect(message.attributes["channel"] == "19:ops@thread.tacv2")
        let system = try #require(run.events.first { $0.attributes["message-id"] == "1" })
        #expect(system.kind == .note)
        #expect(system.attributes["subtype"] == "MembersAdded")
        #expect(system.actor == "Alice Liddell")
        #expect(system.text == "Members added (by Alice Liddell)")
        let deleted = try #require(run.events.first { $0.attributes["message-id"] == "3" })
        #expect(deleted.text == "(message deleted)")
        #expect(deleted.attributes["deleted"] == "true")
    }

    @Test func discordJSONOffsetsRepliesAndSystemTypes() throws {
        let export = #"""
            {"guild":{"id":"1","name":"Ops"},"channel":{"id":"2","type":"GuildTextChat","name":"war-room"},
             "messages":[
              {"id":"10","type":"Default","timestamp":"2026-03-14T20:00:00.5+07:00","timestampEdited":"2026-03-14T20:01:00+07:00","content":"api is down","author":{"id":"a","name":"alice","nickname":"Alice"}},
              {"id":"11","type":"Reply","timestamp":"2026-03-14T13:02:00.1234567+00:00","content":"","author":{"id":"b","name":"bob","isBot":true},"attachments":[{"fileName":"graph.png"}],"reference":{"messageId":"10"}},
              {"id":"12","type":"Call","timestamp":"2026-03-14T13:03:00+00:00","callEndedTimestamp":"2026-03-14T13:33:00+00:00","content":"Started a call.","author":{"id":"a","name":"alice"}},
              {"id":"13","type":"Default","timestamp":"yesterday","content":"bad","author":{"id":"a","name":"alice"}}]}
            """#
        #expect(ChatTestSupport.detect(export) == .discordJSON)
        let run = try parse(export, as: .discordJSON)
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events[0].time.iso8601 == "2026-03-14T13:00:00.500Z")
        #expect(run.events[0].actor == "Alice")
        #expect(run.events[0].attributes["edited"] == "2026-03-14T13:01:00.000Z")
        #expect(run.events[0].attributes["channel"] == "war-room")
        #expect(run.events[1].actor == "bob")
        #expect(run.events[1].attributes["bot"] == "true")
        #expect(run.events[1].attributes["reply-to"] == "10")
        #expect(run.events[1].text == "(attachment: graph.png)")
        #expect(run.events[1].time.iso8601Exact == "2026-03-14T13:02:00.123456700Z")
        #expect(run.events[2].kind == .note)
        #expect(run.events[2].attributes["subtype"] == "Call")
        #expect(run.events[2].attributes["call-ended"] == "2026-03-14T13:33:00.000Z")
    }

    /// A DiscordChatExporter HTML page in the exporter's default (en-US) layout, written for this test.
    static let discordHTML = """
        <!DOCTYPE html>
        <html lang="en"><head><title>Ops - war-room</title><style>.chatlog__message-group { margin: 0 }</style></head>
        <body>
        <div class="chatlog">
        <div class="chatlog__message-group">
          <div id="chatlog__message-container-100" class="chatlog__message-container" data-message-id="100">
            <div class="chatlog__message">
              <div class="chatlog__message-aside"><img class="chatlog__avatar" src="a.png" alt="Avatar"></div>
              <div class="chatlog__message-primary">
                <div class="chatlog__header">
                  <span class="chatlog__author" title="alice#0001" data-user-id="1">Alice</span>
                  <span class="chatlog__timestamp"><a href="#chatlog__message-container-100">3/14/2026 9:05 PM</a></span>
                </div>
                <div class="chatlog__content chatlog__markdown"><span class="chatlog__markdown-preserve">checkout &amp; cart are <strong>down</strong></span></div>
              </div>
            </div>
          </div>
          <div id="chatlog__message-container-101" class="chatlog__message-container" data-message-id="101">
            <div class="chatlog__message">
              <div class="chatlog__message-aside"><div class="chatlog__short-timestamp" title="3/14/2026 9:06 PM">9:06 PM</div></div>
              <div class="chatlog__message-primary">
                <div class="chatlog__content chatlog__markdown"><span class="chatlog__markdown-preserve">rolling back<br>now</span>
                  <span class="chatlog__edited-timestamp" title="3/14/2026 9:07 PM">(edited)</span></div>
              </div>
            </div>
          </div>
        </div>
        <div class="chatlog__message-group">
          <div id="chatlog__message-container-102" class="chatlog__message-container" data-message-id="102">
            <div class="chatlog__message">
              <div class="chatlog__message-primary">
                <div class="chatlog__header">
                  <span class="chatlog__author" data-user-id="2">PagerBot</span><span class="chatlog__bot-label">BOT</span>
                  <span class="chatlog__timestamp"><a>3/15/2026 12:00 AM</a></span>
                </div>
                <div class="chatlog__attachment"><div class="chatlog__attachment-generic-name"><a href="x">incident.pdf</a></div></div>
              </div>
            </div>
          </div>
          <div id="chatlog__message-container-103" class="chatlog__message-container" data-message-id="103">
            <div class="chatlog__message">
              <div class="chatlog__message-aside"><div class="chatlog__short-timestamp" title="not a time">?</div></div>
              <div class="chatlog__message-primary"><div class="chatlog__content"><span>lost time</span></div></div>
            </div>
          </div>
        </div>
        </div>
        </body></html>
        """

    @Test func discordHTMLGroupsAndLocaleTimes() throws {
        #expect(ChatTestSupport.detect(Self.discordHTML) == .discordHTML)
        let run = try parse(Self.discordHTML, as: .discordHTML, timeZone: "America/New_York")
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        let first = try #require(run.events.first { $0.attributes["message-id"] == "100" })
        #expect(first.actor == "Alice")
        #expect(first.text == "checkout & cart are down")
        #expect(first.time.iso8601 == "2026-03-15T01:05:00.000Z")  // EDT is UTC-4
        #expect(first.timeText == "3/14/2026 9:05 PM")
        #expect(first.attributes["channel"] == "war-room")
        #expect(first.attributes["guild"] == "Ops")
        let second = try #require(run.events.first { $0.attributes["message-id"] == "101" })
        #expect(second.actor == "Alice")
        #expect(second.text == "rolling back\nnow")
        #expect(second.attributes["edited"] == "2026-03-15T01:07:00.000Z")
        let bot = try #require(run.events.first { $0.attributes["message-id"] == "102" })
        #expect(bot.actor == "PagerBot")
        #expect(bot.attributes["bot"] == "true")
        #expect(bot.text == "(attachment: incident.pdf)")
        #expect(bot.time.iso8601 == "2026-03-15T04:00:00.000Z")
        #expect(run.diagnostics.contains { $0.severity == .note && $0.message.contains("month/day/year") })
    }

    @Test func telegramUnixTimePreferredAndWallTimeInTheSourceZone() throws {
        let export = #"""
            {"name":"Ops","type":"private_group","id":1,"messages":[
              {"id":1,"type":"service","date":"2026-03-14T14:00:00","actor":"Alice","actor_id":"user1","action":"invite_members","members":["Bob"],"text":""},
              {"id":2,"type":"message","date":"2026-03-14T14:01:00","date_unixtime":"1773493260","from":"Alice","from_id":"user1","text":["see ",{"type":"text_link","text":"runbook","href":"https://wiki.example/rb"}," now"],"reply_to_message_id":1},
              {"id":3,"type":"message","date":"2026-03-14T14:02:00","from":null,"from_id":"user9","text":"","photo":"(File not included.)","edited_unixtime":"1773493400"},
              {"id":4,"type":"message","from":"Bob","text":"no date"}]}
            """#
        #expect(ChatTestSupport.detect(export) == .telegramExport)
        let run = try parse(export, as: .telegramExport, timeZone: "Europe/Berlin")
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events[0].kind == .note)
        #expect(run.events[0].time.iso8601 == "2026-03-14T13:00:00.000Z")
        #expect(run.events[0].text == "invite members, Bob")
        #expect(run.events[1].time.iso8601 == "2026-03-14T13:01:00.000Z")
        #expect(run.events[1].timeText == "1773493260")
        #expect(run.events[1].text == "see runbook (https://wiki.example/rb) now")
        #expect(run.events[1].attributes["reply-to"] == "1")
        #expect(run.events[2].actor == "Deleted Account")
        #expect(run.events[2].text == "(photo)")
        #expect(run.events[2].attributes["edited"] == "2026-03-14T13:03:20.000Z")
    }

    @Test func rocketChatMessagesAndSystemTypes() throws {
        let page = #"""
            {"messages":[
              {"_id":"m1","rid":"GENERAL","msg":"db failover started","ts":"2026-03-14T13:00:00.250Z","u":{"_id":"u1","username":"alice","name":"Alice Liddell"}},
              {"_id":"m2","rid":"GENERAL","t":"uj","msg":"bob","ts":{"$date":1773493260000},"u":{"_id":"u2","username":"bob"}},
              {"_id":"m3","rid":"GENERAL","t":"rm","msg":"","ts":"2026-03-14T13:02:00Z","u":{"_id":"u2","username":"bob"}},
              {"_id":"m4","rid":"GENERAL","msg":"no ts","u":{"username":"bob"}}],"count":4,"success":true}
            """#
        #expect(ChatTestSupport.detect(page) == .rocketChat)
        let run = try parse(page, as: .rocketChat)
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events[0].actor == "Alice Liddell")
        #expect(run.events[0].time.iso8601 == "2026-03-14T13:00:00.250Z")
        #expect(run.events[1].kind == .note)
        #expect(run.events[1].attributes["subtype"] == "uj")
        #expect(run.events[1].time.iso8601 == "2026-03-14T13:01:00.000Z")
        #expect(run.events[2].attributes["deleted"] == "true")
    }

    @Test func messengerByteOrderMarkAndEscapedUTF8() throws {
        let json = #"""
            {"participants":[{"name":"Ren\u00c3\u00a9"},{"name":"Bob"}],"title":"Ops",
             "messages":[
              {"sender_name":"Ren\u00c3\u00a9","timestamp_ms":1773493260000,"content":"caf\u00c3\u00a9 is down"},
              {"sender_name":"Bob","timestamp_ms":1773493200000,"photos":[{"uri":"p.jpg"}]},
              {"sender_name":"Bob","timestamp_ms":1773493100000,"content":"Bob joined","type":"Subscribe"},
              {"sender_name":"Bob","content":"no time"}]}
            """#
        let bytes = [0xEF, 0xBB, 0xBF] + Array(json.utf8)
        #expect(FormatSniffer.detect(SniffSample(bytes: bytes, isComplete: true)).format == .messenger)
        let run = try parse(bytes, as: .messenger)
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events[0].actor == "René")
        #expect(run.events[0].text == "café is down")
        #expect(run.events[0].time.iso8601 == "2026-03-14T13:01:00.000Z")
        #expect(run.events[0].attributes["channel"] == "Ops")
        #expect(run.events[1].text == "(photos)")
        #expect(run.events[2].kind == .note)
    }
}
