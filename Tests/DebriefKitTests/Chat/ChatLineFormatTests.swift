import Foundation
import Testing

@testable import DebriefKit

/// Line-oriented chat logs: IRC (Supybot, WeeChat, irssi, dircproxy) and WhatsApp text exports.
@Suite struct ChatLineFormatTests {
    @Test func supybotLinesInTheSourceZone() throws {
        let log = """
            2026-03-14T14:00:01  *** alice has joined #ops
            2026-03-14T14:00:05  <@alice> payments-api is 500ing
            2026-03-14T14:00:09  * bob looks at the dashboard
            2026-03-14T14:00:12  -NickServ- you are now identified
            this line is not a log line
            2026-03-14T14:01:00  *** bob is now known as bob_away
            """
        #expect(ChatTestSupport.detect(log) == .ircLog)
        let run = try parse(log, as: .ircLog, timeZone: "Europe/Berlin")
        #expect(run.records == 6)
        #expect(run.skipped == 1)
        #expect(run.events.map(\.kind) == [.note, .chat, .chat, .chat, .note, .note])
        #expect(run.events[0].time.iso8601 == "2026-03-14T13:00:01.000Z")  // CET is UTC+1
        #expect(run.events[0].attributes["subtype"] == "join")
        #expect(run.events[1].actor == "alice")
        #expect(run.events[1].text == "payments-api is 500ing")
        #expect(run.events[1].attributes["channel"] == "#ops")
        #expect(run.events[1].timeText == "2026-03-14T14:00:05")
        #expect(run.events[2].actor == "bob")
        #expect(run.events[2].attributes["subtype"] == "action")
        #expect(run.events[3].attributes["subtype"] == "notice")
        #expect(run.events[4].attributes["parse"] == "raw")
        #expect(run.diagnostics.contains { $0.line == 5 && $0.message.contains("not an IRC log line") })
        #expect(run.events[5].attributes["subtype"] == "nick")
    }

    @Test func invalidUTF8IsReadAsWindows1252() throws {
        var bytes = Array("2011-01-15T20:32:39  <kamiccolo> ai".utf8)
        bytes += [0x9A] + Array("ku :)\n".utf8)
        let run = try parse(bytes, as: .ircLog)
        #expect(run.events.first?.text == "aišku :)")
    }

    @Test func dircproxyNeedsAYear() throws {
        let log = """
            [14 Jan 10:36] --> jsmith (n=user@host.example) joined the channel
            [14 Jan 12:37] <jsmith!n=jsmith@72.21.36.138> +No clue
            [14 Jan 12:38] *** You disconnected
            """
        #expect(ChatTestSupport.detect(log) == .ircDircproxy)
        #expect(InputFormat.ircDircproxy.mayLackYear)
        #expect(!InputFormat.ircLog.mayLackYear)
        let run = try parse(log, as: .ircDircproxy, timeZone: "America/New_York", year: 2009)
        #expect(run.records == 3)
        #expect(run.events[0].kind == .note)
        #expect(run.events[0].actor == "jsmith")
        #expect(run.events[0].time.iso8601 == "2009-01-14T15:36:00.000Z")
        #expect(run.events[1].actor == "jsmith")
        #expect(run.events[1].text == "No clue")
        #expect(run.events[1].attributes["identified"] == "true")
        #expect(run.events[2].actor == nil)
        #expect(run.events[2].attributes["subtype"] == "disconnect")
        let undated = try parse(log, as: .ircDircproxy)
        #expect(undated.diagnostics.contains { $0.severity == .error && $0.message.contains("no year") })
    }

    @Test func irssiIsDatedByItsDayLines() throws {
        let log = """
            09:59 <early> before any date
            --- Log opened Sat Mar 14 10:00:00 2026
            10:00 -!- alice [alice@host] has joined #ops
            23:59 <+alice> still here
            --- Day changed Sun Mar 15 2026
            00:01 <bob> good morning
            """
        #expect(ChatTestSupport.detect(log) == .ircLog)
        let run = try parse(log, as: .ircLog)
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.diagnostics.contains { $0.line == 1 && $0.message.contains("before any") })
        let parsed = run.events.filter { $0.attributes["parse"] == nil }
        #expect(
            parsed.map(\.time.iso8601) == [
                "2026-03-14T10:00:00.000Z", "2026-03-14T23:59:00.000Z", "2026-03-15T00:01:00.000Z",
            ])
        #expect(parsed[0].attributes["channel"] == "#ops")
        #expect(parsed[1].actor == "alice")
    }

    @Test func weechatTabSeparatedLines() throws {
        let log =
            "2026-03-14 10:00:00\t-->\talice (alice@host) has joined #ops\n2026-03-14 10:00:05\t@alice\tdeploy rolled back\n"
        #expect(ChatTestSupport.detect(log) == .ircLog)
        let run = try parse(log, as: .ircLog)
        #expect(run.events.map(\.kind) == [.note, .chat])
        #expect(run.events[1].actor == "alice")
        #expect(run.events[1].text == "deploy rolled back")
    }

    @Test func whatsAppDayFirstSettledByAValue() throws {
        let chat = """
            12/9/20, 23:55 - Messages and calls are end-to-end encrypted.
            12/9/20, 23:56 - Alice: checkout is down
            see the dashboard
            13/9/20, 00:01 - Bob: rolling back
            13/9/20, 00:02 - Bob: This message was deleted
            """
        #expect(ChatTestSupport.detect(chat) == .whatsApp)
        let run = try parse(chat, as: .whatsApp, timeZone: "Europe/Berlin")
        #expect(run.records == 4)
        #expect(run.events[0].kind == .note)
        #expect(run.events[0].attributes["subtype"] == "system")
        #expect(run.events[1].actor == "Alice")
        #expect(run.events[1].text == "checkout is down\nsee the dashboard")
        #expect(run.events[1].time.iso8601 == "2020-09-12T21:56:00.000Z")  // CEST is UTC+2
        #expect(run.events[1].timeText == "12/9/20, 23:56")
        #expect(run.events[2].time.iso8601 == "2020-09-12T22:01:00.000Z")
        #expect(run.events[3].attributes["deleted"] == "true")
        #expect(run.events[3].text == "(message deleted)")
        #expect(
            run.diagnostics.contains {
                $0.severity == .note && $0.message.contains("day/month/year") && $0.message.contains("line or record 4")
            })
    }

    @Test func whatsAppMonthFirstForIOSAndTwelveHourClocks() throws {
        let chat = """
            stray text before the first message
            [3/14/26, 11:55:03\u{202F}PM] Alice: is anyone on call?
            [3/15/26, 12:01:00 AM] \u{200E}Bob joined using this group's invite link
            """
        let run = try parse(chat, as: .whatsApp)
        #expect(run.records == 3)
        #expect(run.skipped == 1)
        #expect(run.diagnostics.contains { $0.line == 1 && $0.message.contains("not a WhatsApp message line") })
        let parsed = run.events.filter { $0.attributes["parse"] == nil }
        #expect(parsed.map(\.time.iso8601) == ["2026-03-14T23:55:03.000Z", "2026-03-15T00:01:00.000Z"])
        #expect(parsed[1].kind == .note)
        #expect(parsed[1].text == "Bob joined using this group's invite link")
    }

    @Test func whatsAppAmbiguousDatesFollowTheClock() throws {
        let twelveHour = try parse("1/2/21, 9:05 PM - Alice: hi\n", as: .whatsApp)
        #expect(twelveHour.events.first?.time.iso8601 == "2021-01-02T21:05:00.000Z")
        #expect(
            twelveHour.diagnostics.contains { $0.message.contains("month/day/year") && $0.message.contains("12-hour") })
        let twentyFourHour = try parse("1/2/21, 21:05 - Alice: hi\n", as: .whatsApp)
        #expect(twentyFourHour.events.first?.time.iso8601 == "2021-02-01T21:05:00.000Z")
    }
}
