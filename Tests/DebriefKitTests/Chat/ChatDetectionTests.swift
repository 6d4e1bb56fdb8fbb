import Testing

@testable import DebriefKit

/// Chat formats are detected from content, and their detectors leave other files alone.
@Suite struct ChatDetectionTests {
    @Test(arguments: [
        (
            #"{"ok":true,"messages":[{"type":"message","user":"U1","text":"hi","ts":"1773493200.000100"}]}"#,
            InputFormat.slackHistory
        ),
        (#"[{"type":"message","user":"U1","text":"hi","ts":"1773493200.000100"}]"#, .slackHistory),
        (
            #"{"type":"version","version":1}"# + "\n"
                + #"{"type":"post","post":{"user":"a","message":"x","create_at":1}}"# + "\n", .mattermostBulk
        ),
        (
            #"{"order":["p1"],"posts":{"p1":{"id":"p1","create_at":1,"user_id":"u","channel_id":"c","message":"x"}}}"#,
            .mattermostPosts
        ),
        (
            #"[{"Id":"1","Body":{"ContentType":"html","Content":"x"},"CreatedDateTime":"2026-03-14T13:00:00Z","MessageType":"message","ChannelIdentity":{}}]"#,
            .teamsExport
        ),
        (
            #"{"value":[{"id":"1","createdDateTime":"2026-03-14T13:00:00Z","messageType":"message","body":{"contentType":"html","content":"x"},"chatId":"c"}]}"#,
            .teamsExport
        ),
        (
            #"{"guild":{"name":"g"},"channel":{"name":"c"},"messages":[{"id":"1","timestamp":"2026-03-14T13:00:00+00:00","author":{"name":"a"},"content":"x"}]}"#,
            .discordJSON
        ),
        (
            #"{"name":"Bob","type":"personal_chat","messages":[{"id":1,"type":"message","date":"2026-03-14T13:00:00","date_unixtime":"1773493200","from":"Bob","from_id":"user1","text":"x"}]}"#,
            .telegramExport
        ),
        (
            #"{"chats":{"list":[{"name":"Ops","messages":[{"id":1,"date":"2026-03-14T13:00:00","from_id":"user1","text":"x"}]}]}}"#,
            .telegramExport
        ),
        (
            #"{"messages":[{"_id":"m","rid":"r","msg":"x","ts":"2026-03-14T13:00:00Z","u":{"username":"a"}}],"success":true}"#,
            .rocketChat
        ),
        (
            #"{"participants":[{"name":"A"}],"messages":[{"sender_name":"A","timestamp_ms":1773493200000,"content":"x"}]}"#,
            .messenger
        ),
        ("2005-01-08T23:33:54  <mgedmin> hello\n2005-01-08T23:34:54  *** povbot has joined #pov\n", .ircLog),
        ("[14 Jan 10:36] <nick!user@host> hello\n[14 Jan 10:37] --> other (u@h) joined the channel\n", .ircDircproxy),
        ("12/9/20, 23:55 - Alice: hello\n12/9/20, 23:56 - Bob: hi\n", .whatsApp),
        ("time,author,message\n2026-03-14T13:00:00Z,alice,hello\n", .chatCSV),
    ])
    func detected(sample: String, format: InputFormat) {
        #expect(ChatTestSupport.detect(sample) == format)
    }

    @Test(arguments: [
        // Application logs with ISO times and dashes are not IRC.
        "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]] - Notification time out: 3200\n2015-07-29 19:04:12,394 - WARN  [x] - y\n",
        // A JSON-lines log whose `ts` is an ISO string is not a Slack page.
        #"{"ts":"2026-03-14T13:00:00Z","type":"message","msg":"sent","messages":3}"# + "\n",
        // Issue comments are not chat.
        #"[{"id":1,"user":{"login":"a"},"body":"looks bad","created_at":"2026-03-14T13:00:00Z"}]"#,
        // A CSV without a message column is not a chat log.
        "date,user,action\n2026-03-14,alice,login\n",
        // Prose that mentions a date is not WhatsApp.
        "Meeting notes\n12/9/20 we decided to roll back.\nAction items follow.\n",
    ])
    func otherFilesAreNotChat(sample: String) {
        let format = ChatTestSupport.detect(sample)
        #expect(format.map { $0.descriptor.eventKind != .chat } ?? true, "detected as \(format?.rawValue ?? "-")")
    }

    @Test func existingLogFormatsKeepTheirFiles() {
        #expect(
            ChatTestSupport.detect("Nov 17 14:52:07 host app[1]: hello\nNov 17 14:52:08 host app[1]: again\n")
                == .syslog)
        #expect(ChatTestSupport.detect(#"{"ts":"2026-11-17T13:58:31Z","msg":"x"}"# + "\n") == .jsonLines)
        #expect(ChatTestSupport.detect(#"{"log_entries": [{"type": "trigger_log_entry"}]}"#) == .pagerDutyLogEntries)
    }
}
