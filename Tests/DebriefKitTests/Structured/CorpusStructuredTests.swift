import Foundation
import Testing

@testable import DebriefKit

/// Structured exports, cloud logs and log stores from ../shared/corpus, read in place.
@Suite(.enabled(if: TestPaths.corpusAvailable, TestPaths.corpusMissing))
struct CorpusStructuredTests {
    @Test func journaldJSONLinesWinOverGenericJSONLines() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_journald.json"))
        #expect(source.summary.format == "journald-json")
        #expect(source.summary.records == 2)
        #expect(source.summary.skipped == 0)
        let events = source.events
        #expect(events.map(\.time.iso8601Exact) == ["2018-08-21T14:04:21.221373Z", "2018-08-21T14:04:21.221373Z"])
        #expect(events.map(\.severity) == [.critical, .info])
        #expect(events.first?.actor == "python")
        #expect(events.first?.attributes["host"] == "imx6ul-medusa")
        #expect(events.first?.attributes["unit"] == "medusa-GpsLocator.service")
        #expect(events.first?.attributes["pid"] == "184")
        #expect(events.last?.text == "GPS Reference latitude: 46.908706667")
    }

    @Test func journaldPrettyJSON() throws {
        let source = readSource(TestPaths.corpus("logs/journald/beats_journalctl-o-json-pretty_sample-event.json"))
        #expect(source.summary.format == "journald-json-pretty")
        #expect(source.summary.records == 1)
        #expect(source.summary.skipped == 0)
        let event = try #require(source.events.first)
        #expect(event.time.iso8601Exact == "2024-08-19T15:20:55.230058Z")
        #expect(event.timeText == "1724080855230058")
        #expect(event.actor == "TestRestartsJournalctlOnError")
        #expect(event.text == "Count: 0000000001")
        #expect(event.severity == .info)
        #expect(event.attributes["host"] == "millennium-falcon")
        #expect(event.attributes["unit"] == "session-2.scope")
        #expect(event.attributes["transport"] == "stdout")
        #expect(event.source.line == 1)
    }

    @Test func journaldExportWithStrayShortLines() throws {
        let source = readSource(TestPaths.corpus("logs/journald/beats_journalctl-o-export_multiple-boots.export"))
        #expect(source.summary.format == "journald-export")
        // Six entries over three boots, plus the two `-o short` lines kept raw.
        #expect(source.summary.records == 8)
        #expect(source.summary.skipped == 2)
        let entries = source.events.filter { $0.attributes["parse"] != "raw" }
        #expect(entries.count == 6)
        #expect(entries.first?.time.iso8601Exact == "2024-09-17T15:09:15.776730Z")
        #expect(entries.last?.time.iso8601Exact == "2024-09-20T16:42:43.817127Z")
        #expect(Set(entries.compactMap { $0.attributes["boot"] }).count == 3)
        #expect(entries.allSatisfy { $0.actor == "kernel" && $0.attributes["host"] == "Debian12" })
        #expect(entries.map(\.severity) == [.notice, .info, .notice, .info, .notice, .info])
        #expect(entries[1].text.hasPrefix("Command line: BOOT_IMAGE=/boot/vmlinuz-6.1.0-25-amd64"))
        let raw = source.events.filter { $0.attributes["parse"] == "raw" }
        #expect(raw.map(\.source.line) == [29, 30])
        #expect(raw.first?.text.hasPrefix("Sep 17 11:26:36 Debian12 kernel: Linux version") == true)
        #expect(source.diagnostics.all.filter { $0.severity == .warning }.map(\.line) == [29, 30])
    }

    @Test func kubernetesSingleEventFromGKE() throws {
        let source = readSource(TestPaths.corpus("logs/kubernetes/k9s_kubectl-get-event-o-json_single-event_gke.json"))
        #expect(source.summary.format == "kubernetes-events")
        #expect(source.summary.records == 1)
        #expect(source.summary.skipped == 0)
        let event = try #require(source.events.first)
        #expect(event.time.iso8601 == "2019-08-30T20:43:05.000Z")
        #expect(event.timeText == "2019-08-30T20:43:05Z")
        #expect(event.actor == "kubelet")
        #expect(event.severity == .info)
        #expect(event.text == #"Pulled: Successfully pulled image "blang/busybox-bash" (Pod/hello-1567197780-mn4mv)"#)
        #expect(event.attributes["object"] == "Pod/hello-1567197780-mn4mv")
        #expect(event.attributes["namespace"] == "default")
        #expect(event.attributes["count"] == "1")
        #expect(event.attributes["host"] == "gke-k9s-default-pool-0fa2fb89-qnkc")
        #expect(event.attributes["field-path"] == "spec.containers{c1}")
        #expect(event.attributes["first-time"] == nil)
    }

    @Test func cloudTrailConsoleLogins() throws {
        let source = readSource(TestPaths.corpus("logs/cloudtrail/beats_cloudtrail-ndjson_console-login.log"))
        #expect(source.summary.format == "cloudtrail-ndjson")
        #expect(source.summary.records == 2)
        #expect(source.summary.skipped == 0)
        // The file holds July 16 before July 8; the timeline is sorted.
        #expect(source.summary.reordered == 1)
        let failed = try #require(source.events.first)
        #expect(failed.time.iso8601 == "2014-07-08T17:35:27.000Z")
        #expect(failed.actor == "JaneDoe")
        #expect(failed.text == "signin.amazonaws.com ConsoleLogin failed: Failed authentication")
        #expect(failed.severity == .warning)
        #expect(failed.attributes["console-login"] == "Failure")
        #expect(failed.attributes["source-ip"] == "192.0.2.100")
        #expect(failed.source.line == 2)
        let success = try #require(source.events.last)
        #expect(success.time.iso8601 == "2014-07-16T15:49:27.000Z")
        #expect(success.actor == "JohnDoe")
        #expect(success.text == "signin.amazonaws.com ConsoleLogin: Success")
        #expect(success.severity == .info)
        #expect(success.attributes["identity-type"] == "IAMUser")
        #expect(success.attributes["mfa-used"] == "No")
    }

    @Test func cloudTrailAssumeRole() throws {
        let source = readSource(TestPaths.corpus("logs/cloudtrail/beats_cloudtrail-ndjson_assume-role.log"))
        #expect(source.summary.format == "cloudtrail-ndjson")
        #expect(source.summary.records == 1)
        let event = try #require(source.events.first)
        #expect(event.time.iso8601 == "2019-10-02T22:12:29.000Z")
        // No userName on an assumed role: the ARN's last part (the session) is the actor.
        #expect(event.actor == "JohnRole1")
        #expect(event.attributes["role"] == "JohnDoe")
        #expect(event.attributes["identity-type"] == "AssumedRole")
        #expect(event.text == "sts.amazonaws.com AssumeRole")
        #expect(event.attributes["resources"] == "arn:aws:iam::111122223333:role/JohnRole2")
        #expect(event.attributes["region"] == "us-east-2")
        #expect(event.attributes["account"] == "111111111111")
    }

    @Test func cloudWatchFilterLogEvents() throws {
        let source = readSource(TestPaths.corpus("logs/cloudwatch/aws-cli-docs_logs-filter-log-events_output.json"))
        #expect(source.summary.format == "cloudwatch-logs")
        #expect(source.summary.records == 2)
        #expect(source.events.map(\.time.iso8601) == ["2024-04-08T09:17:23.827Z", "2024-04-08T09:21:08.991Z"])
        #expect(source.events.map(\.actor) == ["teststream", "2024/05/09/[$LATEST]abc1024"])
        #expect(source.events.map(\.text) == ["Test MESSAGE1", "Test MESSAGE2"])
        #expect(source.events.first?.timeText == "1712567843827")
        #expect(
            source.events.first?.attributes["event-id"] == "00091539120382912324200901570000096855579456010247667712")
        #expect(source.events.first?.attributes["ingestion-time"] == "1712567844822")
    }

    @Test func cloudflareLogpushIsReadAsJSONLines() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_cloudflare.json"))
        #expect(source.summary.format == "json-lines")
        #expect(source.summary.records == 1)
        #expect(source.summary.skipped == 0)
        let event = try #require(source.events.first)
        #expect(event.time.iso8601 == "2022-10-30T00:00:02.000Z")
        #expect(event.timeText == "2022-10-30T00:00:02Z")
        #expect(event.attributes["ClientRequestHost"] == "www.ripe.net")
        #expect(event.attributes["EdgeResponseStatus"] == "301")
        #expect(event.attributes["RayID"] == "761fde4e984e5ab2")
    }
}
