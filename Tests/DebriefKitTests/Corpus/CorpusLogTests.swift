import Foundation
import Testing
@testable import DebriefKit

/// Real-world files from ../shared/corpus, read in place (never copied into the repository).
@Suite(.enabled(if: TestPaths.corpusAvailable, TestPaths.corpusMissing))
struct CorpusLogTests {
    @Test func linuxSyslogSample() throws {
        let source = readSource(TestPaths.corpus("logs/loghub/Linux_2k.log"), year: 2005)
        #expect(source.summary.format == "syslog")
        #expect(source.summary.records == 2000)
        #expect(source.summary.skipped == 0)
        let first = try #require(source.events.first)
        #expect(first.time.iso8601 == "2005-06-14T15:16:01.000Z")
        #expect(first.actor == "sshd(pam_unix)")
        #expect(first.attributes["host"] == "combo")
        #expect(source.events.last?.time.iso8601 == "2005-07-27T14:42:00.000Z")
    }

    @Test func openSSHSampleWithCRLFLines() throws {
        let source = readSource(TestPaths.corpus("logs/loghub/OpenSSH_2k.log"), year: 2017)
        #expect(source.summary.format == "syslog")
        #expect(source.summary.records == 2000)
        #expect(source.summary.skipped == 0)
        #expect(source.events.first?.time.iso8601 == "2017-12-10T06:55:46.000Z")
        #expect(source.events.first?.actor == "sshd")
        #expect(source.events.first?.attributes["pid"] == "24200")
        #expect(!(source.events.first?.text.hasSuffix("\r") ?? true))
    }

    @Test func lnavSyslogFiles() throws {
        let syslog = readSource(TestPaths.corpus("logs/lnav/logfile_syslog.0"), year: 2007)
        #expect(syslog.summary.format == "syslog")
        #expect(syslog.summary.records == 4)
        #expect(syslog.events.first?.time.iso8601 == "2007-11-03T09:23:38.000Z")
        let mixed = readSource(TestPaths.corpus("logs/lnav/logfile_syslog_with_mixed_times.0"), year: 2016)
        #expect(mixed.summary.format == "syslog")
        #expect(mixed.summary.records + mixed.summary.skipped > 0)
    }

    @Test func lnavDSTFallBack() throws {
        let source = readSource(
            TestPaths.corpus("logs/lnav/logfile_dst.0"), timeZone: "America/Los_Angeles", year: 2019)
        #expect(source.summary.records == 10)
        #expect(source.summary.reordered == 0)
        let times = source.events.map(\.time.iso8601)
        #expect(times[4] == "2019-11-03T08:59:14.000Z")
        #expect(times[5] == "2019-11-03T09:24:56.000Z")
        #expect(times == times.sorted())
    }

    @Test func rfc5424WithZones() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_with_zones.0"))
        #expect(source.summary.format == "syslog-rfc5424")
        #expect(source.summary.records == 3)
        #expect(source.events.map(\.time.iso8601) == [
            "2022-08-27T14:22:01.613Z", "2022-08-27T14:22:01.694Z", "2022-08-27T14:22:01.888Z",
        ])
        #expect(source.events[1].actor == "CRON")
    }

    @Test func accessLogs() throws {
        let apache = readSource(TestPaths.corpus("logs/lnav/logfile_access_log.0"))
        #expect(apache.summary.format == "access-log")
        #expect(apache.summary.records == 3)
        #expect(apache.events[1].attributes["status"] == "404")
        let shop = readSource(TestPaths.corpus("logs/lnav/logfile_shop_access_log.0"))
        #expect(shop.summary.format == "access-log")
        #expect(shop.summary.records == 1000)
        #expect(shop.summary.skipped == 0)
        // +0330 (Iran): 22/Jan/2019:03:56:14 +0330 is 00:26:14 UTC.
        #expect(shop.events.first?.time.iso8601 == "2019-01-22T00:26:14.000Z")
    }

    @Test func journaldJSONLines() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_journald.json"))
        #expect(source.summary.format == "journald-json")
        #expect(source.summary.records == 2)
        #expect(source.events.first?.time.iso8601Exact == "2018-08-21T14:04:21.221373Z")
        #expect(source.events.first?.severity == .critical)  // PRIORITY 1
        #expect(source.events.first?.actor == "python")
        #expect(source.events.first?.text == "GPS Reference longitude: 7.358143333")
    }

    @Test func pagerDutyDocumentationExample() throws {
        let source = readSource(TestPaths.corpus("alerts/pagerduty/pagerduty-api-schema_rest-v2_incident_log_entries_DOC-EXAMPLE.json"))
        #expect(source.summary.format == "pagerduty-log-entries")
        #expect(source.summary.records == 1)
        let event = try #require(source.events.first)
        #expect(event.attributes["transition"] == "triggered")
        #expect(event.kind == .alert)
        #expect(event.time.iso8601 == "2015-11-07T00:14:20.000Z")
    }

    @Test func nothingLostOnACorpusFile() throws {
        let source = readSource(TestPaths.corpus("logs/loghub/Linux_2k.log"), year: 2005)
        let entries = BurstCollapser().collapse(source.events, sourceIndex: 0)
        #expect(entries.reduce(0) { $0 + $1.count } == source.summary.records)
        #expect(entries.count < source.summary.records)
    }
}
