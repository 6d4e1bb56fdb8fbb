import Foundation
import Testing
@testable import DebriefKit

/// The text-log formats on real files from ../shared/corpus, read in place.
@Suite(.enabled(if: TestPaths.corpusAvailable, TestPaths.corpusMissing))
struct CorpusTextLogTests {
    /// One loghub sample: its detected format and the span it covers once sorted.
    struct Loghub: CustomTestStringConvertible, Sendable {
        var system: String
        var format: InputFormat
        var year: Int?
        var first: String
        var last: String
        var testDescription: String { system }
    }

    /// All 16 loghub samples have 2000 records; `year` is given only where the stamps carry none.
    static let loghub: [Loghub] = [
        Loghub(system: "Android", format: .textLog, year: 2017, first: "2017-03-17T16:13:38.811Z", last: "2017-03-17T16:16:09.141Z"),
        Loghub(system: "Apache", format: .apacheErrorLog, first: "2005-12-04T04:47:44.000Z", last: "2005-12-05T19:15:57.000Z"),
        Loghub(system: "BGL", format: .textLog, first: "2005-06-03T22:42:50.675Z", last: "2006-01-03T15:13:09.127Z"),
        Loghub(system: "HDFS", format: .textLog, first: "2008-11-09T20:36:15.000Z", last: "2008-11-11T10:20:17.000Z"),
        Loghub(system: "HPC", format: .textLog, first: "2003-08-06T09:52:50.000Z", last: "2006-04-27T01:13:18.000Z"),
        Loghub(system: "Hadoop", format: .textLog, first: "2015-10-18T18:01:47.978Z", last: "2015-10-18T18:10:55.202Z"),
        Loghub(system: "HealthApp", format: .textLog, first: "2017-12-23T22:15:29.606Z", last: "2017-12-24T01:02:35.789Z"),
        Loghub(system: "Linux", format: .syslog, year: 2005, first: "2005-06-14T15:16:01.000Z", last: "2005-07-27T14:42:00.000Z"),
        Loghub(system: "Mac", format: .syslog, year: 2017, first: "2017-07-01T09:00:55.000Z", last: "2017-07-08T08:10:46.000Z"),
        Loghub(system: "OpenSSH", format: .syslog, year: 2017, first: "2017-12-10T06:55:46.000Z", last: "2017-12-10T11:04:45.000Z"),
        Loghub(system: "OpenStack", format: .textLog, first: "2017-05-16T00:00:00.008Z", last: "2017-05-16T00:14:47.687Z"),
        Loghub(system: "Proxifier", format: .textLog, year: 2016, first: "2016-07-26T13:30:34.000Z", last: "2016-10-30T21:21:48.000Z"),
        Loghub(system: "Spark", format: .textLog, first: "2017-06-09T20:10:40.000Z", last: "2017-06-09T20:11:11.000Z"),
        Loghub(system: "Thunderbird", format: .textLog, first: "2005-11-09T20:01:01.000Z", last: "2005-11-09T20:15:32.000Z"),
        Loghub(system: "Windows", format: .textLog, first: "2016-09-28T04:30:30.000Z", last: "2016-09-29T02:04:40.000Z"),
        Loghub(system: "Zookeeper", format: .textLog, first: "2015-07-29T17:41:44.747Z", last: "2015-08-25T11:26:28.145Z"),
    ]

    @Test(arguments: loghub)
    func loghubSample(_ sample: Loghub) throws {
        let source = readSource(TestPaths.corpus("logs/loghub/\(sample.system)_2k.log"), year: sample.year)
        #expect(source.summary.format == sample.format.rawValue)
        #expect(source.summary.records == 2000)
        #expect(source.summary.skipped == 0)
        #expect(source.summary.unplaced == 0)
        #expect(source.events.count == 2000)
        #expect(source.events.first?.time.iso8601 == sample.first)
        #expect(source.events.last?.time.iso8601 == sample.last)
        #expect(!source.diagnostics.all.contains { $0.severity != .note })
        #expect(!source.events.contains { $0.text.hasSuffix("\r") })
    }

    @Test func loghubFieldsThatMatter() throws {
        func first(_ system: String, year: Int? = nil) -> Event? {
            readSource(TestPaths.corpus("logs/loghub/\(system)_2k.log"), year: year).events.first
        }
        let hadoop = try #require(first("Hadoop"))
        #expect(hadoop.severity == .info)
        #expect(hadoop.actor == "org.apache.hadoop.mapreduce.v2.app.MRAppMaster")
        #expect(hadoop.attributes["thread"] == "main")
        let hdfs = try #require(first("HDFS"))
        #expect(hdfs.actor == "dfs.DataNode$PacketResponder")
        #expect(hdfs.attributes["pid"] == "148")
        #expect(hdfs.timeText == "081109 203615")
        let android = try #require(first("Android", year: 2017))
        #expect(android.severity == .debug)
        #expect(android.actor == "WindowManager")
        #expect(android.attributes["tid"] == "2395")
        let bgl = try #require(first("BGL"))
        #expect(bgl.time.iso8601Exact == "2005-06-03T22:42:50.675872Z")  // epoch seconds + the local stamp's µs
        #expect(bgl.timeText == "1117838570")
        let thunderbird = try #require(first("Thunderbird"))
        #expect(thunderbird.actor == "crond(pam_unix)")
        #expect(thunderbird.attributes["host"] == "dn228/dn228")
        // HPC's lines are out of time order; its first line, once sorted, is elsewhere.
        let hpc = readSource(TestPaths.corpus("logs/loghub/HPC_2k.log"))
        #expect(hpc.summary.reordered > 0)
        let hpcLine1 = try #require(hpc.events.first { $0.source.line == 1 })
        #expect(hpcLine1.attributes["prefix"] == "134681 node-246 unix.hw state_change.unavailable")
        #expect(hpcLine1.time.iso8601 == "2004-02-26T14:12:22.000Z")  // epoch 1077804742, mid-line
        let windows = try #require(first("Windows"))
        #expect(windows.actor == "CBS")
        #expect(windows.severity == .info)
        let openStack = try #require(first("OpenStack"))
        #expect(openStack.actor == "nova.osapi_compute.wsgi.server")
        #expect(openStack.attributes["prefix"] == "nova-api.log.1.2017-05-16_13:53:08")
        let healthApp = try #require(first("HealthApp"))
        #expect(healthApp.actor == "Step_LSC")
        let apache = try #require(first("Apache"))
        #expect(apache.severity == .notice)
        #expect(apache.text == "workerEnv.init() ok /etc/httpd/conf/workers2.properties")
        let zookeeper = readSource(TestPaths.corpus("logs/loghub/Zookeeper_2k.log")).events
        #expect(zookeeper.contains { $0.severity == .warning })
        #expect(zookeeper.contains { $0.severity == .error })
    }

    @Test func javaApplicationLog() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_java.0"))
        #expect(source.summary.format == "text-log")
        #expect(source.summary.records == 20)
        #expect(source.events.first?.time.iso8601 == "2025-01-24T07:00:30.139Z")
        #expect(source.events.last?.time.iso8601 == "2025-01-24T07:05:38.884Z")
        let event = try #require(source.events.dropFirst().first)
        #expect(event.actor == "FarmApplication")
        #expect(event.attributes["thread"] == "main")
        #expect(event.text.hasPrefix("Starting FarmApplication v3.0.7"))
        // A message that starts with a tab is still its own record: it has its own timestamp.
        #expect(source.events[6].text == "/objroot/iorroot/activators/activator-ts_one.ior")
        #expect(source.events[6].source.line == 7)
        let berlin = readSource(TestPaths.corpus("logs/lnav/logfile_java.0"), timeZone: "Europe/Berlin")
        #expect(berlin.events.first?.time.iso8601 == "2025-01-24T06:00:30.139Z")
    }

    @Test func postgresLogWithZoneAbbreviations() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_postgres.0"), timeZone: "Europe/Berlin")
        #expect(source.summary.format == "text-log")
        #expect(source.summary.records == 21)  // 28 lines, 7 of them blank
        #expect(source.events.first?.time.iso8601 == "2025-08-13T08:45:01.123Z")  // PDT, whatever the source zone
        #expect(source.events.last?.time.iso8601 == "2025-08-13T08:50:02.010Z")
        let error = try #require(source.events.first { $0.severity == .error })
        #expect(error.text == #"relation "nonexistent_table" does not exist at character 15"#)
        #expect(error.attributes["pid"] == "12389")
        #expect(error.time.iso8601 == "2025-08-13T08:46:12.212Z")
    }

    @Test func haproxyViaSyslog() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_haproxy.0"))
        #expect(source.summary.format == "haproxy")
        #expect(source.summary.records == 17)
        #expect(source.summary.skipped == 0)
        // The three start-up messages have only a year-less syslog stamp; the accept dates give 2019.
        #expect(source.events.first?.time.iso8601 == "2019-02-25T16:19:38.000Z")
        #expect(source.events.last?.time.iso8601 == "2019-02-25T16:20:14.317Z")
        let request = try #require(source.events.first { $0.attributes["timers"] == "0/0/7/1457/1487" })
        #expect(request.time.iso8601 == "2019-02-25T16:19:48.143Z")
        #expect(request.timeText == "25/Feb/2019:16:19:48.143")
        #expect(request.attributes["frontend"] == "prod_http_in")
        #expect(request.attributes["backend"] == "bk_admin")
        #expect(request.attributes["server"] == "nginx_sonst")
        #expect(request.attributes["status"] == "200")
        #expect(request.attributes["termination"] == "----")
        #expect(request.attributes["client"] == "141.35.244.171:53332")
        #expect(request.severity == .info)
        let failure = try #require(source.events.first { $0.text.contains("SSL handshake failure") })
        #expect(failure.time.iso8601 == "2019-02-25T16:20:10.111Z")
        #expect(failure.severity == .warning)
        #expect(source.events.filter { $0.attributes["status"] != nil }.count == 13)
    }

    @Test func iisAdvancedLoggingW3C() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_w3c.3"))
        #expect(source.summary.format == "iis-w3c")
        #expect(source.summary.records == 3)
        #expect(source.summary.skipped == 0)
        // date-local / time-local: the source zone applies.
        #expect(source.events.map(\.time.iso8601) == [
            "2012-08-15T17:00:00.363Z", "2012-08-15T17:00:00.660Z", "2012-08-15T17:00:00.675Z",
        ])
        let pacific = readSource(TestPaths.corpus("logs/lnav/logfile_w3c.3"), timeZone: "America/Los_Angeles")
        #expect(pacific.events.first?.time.iso8601 == "2012-08-16T00:00:00.363Z")
        #expect(source.events.map(\.text) == [
            "GET /Products/theProduct 200", "GET /Topic/hw43061 301", "GET /hello/world/6,681965 404",
        ])
        #expect(source.events[2].attributes["sc-substatus"] == #" "garbage" w/ spaces "#)
        #expect(source.events[2].attributes["client"] == "173.5.0.0")
        #expect(source.events[2].severity == .notice)
        #expect(source.events[0].attributes["TimeTakenMS"] == "109")
    }

    @Test func dockerComposeWithTimestamps() throws {
        let source = readSource(TestPaths.corpus("logs/lnav/logfile_docker_compose_with_ts.0"))
        #expect(source.summary.format == "docker-logs")
        #expect(source.summary.records == 22)
        #expect(source.summary.skipped == 0)
        #expect(source.events.first?.time.iso8601Exact == "2024-04-25T05:32:35.019558005Z")
        #expect(source.events.last?.time.iso8601Exact == "2024-04-25T05:54:43.948541926Z")
        #expect(Set(source.events.compactMap(\.actor)) == ["web-1", "redis-1"])
        #expect(!source.events.contains { $0.text.contains("\u{1B}") || ($0.actor ?? "").contains("\u{1B}") })
        let warning = try #require(source.events.first { $0.text.hasPrefix("WARNING: This is a development server") })
        #expect(warning.actor == "web-1")
        #expect(warning.severity == .warning)
        #expect(warning.time.iso8601Exact == "2024-04-25T05:32:35.600215839Z")
    }

    @Test func windowsErrorReportingEvent() throws {
        let source = readSource(TestPaths.corpus("logs/windows/winlogbeat_evtx-rendered-xml_application-WER-1001.xml"))
        #expect(source.summary.format == "windows-event-xml")
        #expect(source.summary.records == 1)
        let event = try #require(source.events.first)
        #expect(event.time.iso8601Exact == "2020-02-18T02:52:37.121198600Z")
        #expect(event.timeText == "2020-02-18T02:52:37.1211986Z")
        #expect(event.actor == "Windows Error Reporting")
        #expect(event.severity == .info)
        #expect(event.attributes["event-id"] == "1001")
        #expect(event.attributes["channel"] == "Application")
        #expect(event.attributes["computer"] == "vagrant")
        #expect(event.attributes["record-id"] == "420107")
        #expect(event.attributes["data.3"] == "WindowsWcpOtherFailure3")
        #expect(event.text.hasPrefix("Windows Error Reporting 1001: 0, WindowsWcpOtherFailure3, Not available"))
        // The CRLF line ends inside <Data> become plain line breaks.
        #expect(event.attributes["data.16"]?.contains("\r") == false)
        #expect(event.attributes["data.16"]?.split(separator: "\n").count == 17)
    }
}
