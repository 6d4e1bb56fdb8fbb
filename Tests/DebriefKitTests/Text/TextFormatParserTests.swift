import Testing
@testable import DebriefKit

@Suite struct ApacheErrorLogParserTests {
    @Test func readsBothGenerationsInTheSourceZone() throws {
        let run = try parse(
            """
            [Sun Dec 04 04:47:44 2005] [error] [client 1.2.3.4] Directory index forbidden by rule: /var/www/html/
            [Wed Oct 11 14:32:52.123456 2023] [core:error] [pid 1234:tid 5678] [client 10.0.0.7:51234] AH00124: Request exceeded the limit of 10 internal redirects
              printed by a CGI script on stderr
            [Wed Oct 11 14:32:53 2023 [warn] stamp without its bracket
            [Wed Oct 11 14:33:00.5 2023] [proxy_http:trace3] [pid 1234] AH01144: No protocol handler was valid
            """, as: .apacheErrorLog, timeZone: "Europe/Berlin")
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events.map(\.time.iso8601) == [
            "2005-12-04T03:47:44.000Z", "2023-10-11T12:32:52.123Z", "2023-10-11T12:32:52.123Z", "2023-10-11T12:33:00.500Z",
        ])
        let old = run.events[0]
        #expect(old.severity == .error)
        #expect(old.actor == nil)
        #expect(old.attributes["client"] == "1.2.3.4")
        #expect(old.text == "Directory index forbidden by rule: /var/www/html/")
        #expect(old.timeText == "Sun Dec 04 04:47:44 2005")
        let modern = run.events[1]
        #expect(modern.severity == .error)
        #expect(modern.actor == "core")
        #expect(modern.attributes["pid"] == "1234")
        #expect(modern.attributes["tid"] == "5678")
        #expect(modern.attributes["client"] == "10.0.0.7:51234")
        #expect(modern.attributes["code"] == "AH00124")
        #expect(modern.text == "Request exceeded the limit of 10 internal redirects\n  printed by a CGI script on stderr")
        let raw = run.events[2]
        #expect(raw.attributes["parse"] == "raw")
        #expect(raw.source.line == 4)
        #expect(run.diagnostics.map(\.line) == [4])
        #expect(run.events[3].severity == .trace)
        #expect(run.events[3].actor == "proxy_http")
    }
}

@Suite struct HAProxyLogParserTests {
    static let log = """
        Feb 25 16:19:38 lb1 haproxy[1]: Proxy web started.
        Feb 25 16:19:49 lb1 haproxy[7]: 10.0.0.1:53332 [25/Feb/2019:16:19:48.143] web~ be_app/app1 0/0/7/1457/1487 503 11394 - - sH-- 2/1/0/0/0 0/0 {Mozilla/5.0 "quoted"} "GET /checkout HTTP/1.1"
        Feb 25 16:19:50 lb1 haproxy[7]: 10.0.0.2:40000 [25/Feb/2019:16:19:50.001] db_in be_db/db1 0/1/2000 1024 SD 1/1/0/0/0 0/0
        Feb 25 16:20:15 lb1 haproxy[7]: 95.216.197.33:56224 [25/Feb/2019:16:20:10.111] web/sktst2: SSL handshake failure
        --- cut here ---
        10.0.0.4:1234 [25/Feb/2019:16:21:00.000] web be_app/app2 0/0/1/2/3 200 50 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1"
        """

    @Test func requestsAreTimedByTheirAcceptDate() throws {
        let run = try parse(Self.log, as: .haproxy, timeZone: "Europe/Berlin")
        #expect(run.records == 6)
        #expect(run.skipped == 1)
        // The proxy message has only a year-less syslog stamp: it takes the accept dates' year.
        #expect(run.events.map(\.time.iso8601) == [
            "2019-02-25T15:19:38.000Z", "2019-02-25T15:19:48.143Z", "2019-02-25T15:19:50.001Z", "2019-02-25T15:20:10.111Z",
            "2019-02-25T15:20:10.111Z", "2019-02-25T15:21:00.000Z",
        ])
        let http = run.events[1]
        #expect(http.timeText == "25/Feb/2019:16:19:48.143")
        #expect(http.severity == .error)
        #expect(http.actor == "haproxy")
        #expect(http.text == "GET /checkout 503")
        #expect(http.attributes["frontend"] == "web")
        #expect(http.attributes["tls"] == "true")
        #expect(http.attributes["backend"] == "be_app")
        #expect(http.attributes["server"] == "app1")
        #expect(http.attributes["timers"] == "0/0/7/1457/1487")
        #expect(http.attributes["status"] == "503")
        #expect(http.attributes["termination"] == "sH--")
        #expect(http.attributes["client"] == "10.0.0.1:53332")
        #expect(http.attributes["host"] == "lb1")
        #expect(http.attributes["pid"] == "7")
        let tcp = run.events[2]
        #expect(tcp.severity == .warning)  // SD: the server side closed
        #expect(tcp.attributes["bytes"] == "1024")
        #expect(tcp.attributes["status"] == nil)
        #expect(tcp.text == "db_in → be_db/db1 TCP SD")
        #expect(run.events[3].text == "web/sktst2: SSL handshake failure")
        #expect(run.events[3].severity == .warning)
        #expect(run.events[4].attributes["parse"] == "raw")
        #expect(run.events[4].source.line == 5)
        #expect(run.events[5].attributes["status"] == "200")
        #expect(run.events[5].severity == .info)
        #expect(run.events[0].text == "Proxy web started.")
        #expect(run.events[0].source.line == 1)
    }

    @Test func theManifestYearServesMessagesBeforeTheFirstRequest() throws {
        let run = try parse("Dec 31 23:59:59 lb1 haproxy[1]: Proxy web started.\n", as: .haproxy, year: 2025)
        #expect(run.events.first?.time.iso8601 == "2025-12-31T23:59:59.000Z")
        #expect(run.skipped == 0)
    }
}

@Suite struct W3CLogParserTests {
    @Test func fieldsDirectiveNamesTheColumnsAndTimesAreUTC() throws {
        let run = try parse(
            """
            #Software: Microsoft Internet Information Services 10.0
            #Version: 1.0
            #Date: 2026-11-17 13:00:00

            #Fields: date time s-sitename s-computername cs-method cs-uri-stem cs-uri-query c-ip cs(User-Agent) sc-status time-taken
            2026-11-17 13:58:31 W3SVC1 WEB01 POST /api/pay - 203.0.113.9 Mozilla/5.0+(Windows+NT+10.0) 500 1234
            2026-11-17 13:58:32 W3SVC1 WEB01 GET /healthz - 203.0.113.9 - 200 3
            garbled
            #Fields: time c-ip cs-method cs-uri-stem sc-status
            13:59:00.250 203.0.113.10 GET /missing 404
            """, as: .iisW3C, timeZone: "Europe/Berlin")
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events.map(\.time.iso8601) == [
            "2026-11-17T13:58:31.000Z", "2026-11-17T13:58:32.000Z", "2026-11-17T13:58:32.000Z", "2026-11-17T13:59:00.250Z",
        ])
        let first = run.events[0]
        #expect(first.text == "POST /api/pay 500")
        #expect(first.severity == .error)
        #expect(first.actor == "WEB01")
        #expect(first.attributes["status"] == "500")
        #expect(first.attributes["client"] == "203.0.113.9")
        #expect(first.attributes["user-agent"] == "Mozilla/5.0+(Windows+NT+10.0)")
        #expect(first.attributes["time-taken"] == "1234")
        #expect(first.attributes["query"] == nil)
        #expect(first.timeText == "2026-11-17 13:58:31")
        #expect(run.events[2].attributes["parse"] == "raw")
        #expect(run.events[2].source.line == 8)
        #expect(run.events[3].text == "GET /missing 404")
        #expect(run.events[3].severity == .notice)
    }

    @Test func localColumnsUseTheSourceZoneAndQuotedValuesKeepSpaces() throws {
        let run = try parse(
            """
            #Software: IIS Advanced Logging Module
            #Fields: date-local time-local cs-method cs-uri-stem cs(User-Agent) sc-status sc-substatus
            2026-07-01 10:00:00.363 GET /a "Mozilla/5.0 (X11; Linux)" 200 0
            2026-07-01 10:00:01.000 GET /b - 404 " ""garbage"" w/ spaces "
            """, as: .iisW3C, timeZone: "America/New_York")
        #expect(run.events.map(\.time.iso8601) == ["2026-07-01T14:00:00.363Z", "2026-07-01T14:00:01.000Z"])
        #expect(run.events[0].attributes["user-agent"] == "Mozilla/5.0 (X11; Linux)")
        #expect(run.events[1].attributes["sc-substatus"] == #" "garbage" w/ spaces "#)
        #expect(run.events[1].attributes["field-count"] == nil)
    }

    @Test func dataBeforeAnyFieldsDirectiveIsKeptRaw() throws {
        let run = try parse("2026-11-17 13:58:31 GET / 200\n#Fields: date time sc-status\n2026-11-17 13:58:32 200\n", as: .iisW3C)
        #expect(run.records == 2)
        #expect(run.skipped == 1)
        #expect(run.events.first?.source.line == 1)
        #expect(run.diagnostics.first?.message.contains("#Fields") == true)
    }
}

@Suite struct WindowsEventXMLParserTests {
    static let events = """
        <Events>
        <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Service Control Manager' Guid='{555908d1-a6d7-4695-8e1e-26931d2012f4}'/><EventID Qualifiers='49152'>7031</EventID><Level>2</Level><Task>0</Task><Keywords>0x8080000000000000</Keywords><TimeCreated SystemTime='2026-11-17T13:58:31.1211986Z'/><EventRecordID>11035</EventRecordID><Execution ProcessID='1592' ThreadID='20684'/><Channel>System</Channel><Computer>web01.shop.local</Computer><Security UserID='S-1-5-18'/></System><EventData><Data Name='param1'>Payments Worker</Data><Data Name='param2'>1</Data></EventData><RenderingInfo Culture='en-US'><Message>The Payments Worker service terminated unexpectedly.  It has done this 1 time(s).</Message><Level>Error</Level></RenderingInfo></Event>
        <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4625</EventID><Level>0</Level><Keywords>0x8010000000000000</Keywords><TimeCreated SystemTime='2026-11-17T13:58:32.5Z'/><Channel>Security</Channel></System><EventData><Data Name='TargetUserName'>deploy</Data><Data Name='IpAddress'>203.0.113.9</Data></EventData></Event>
        <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Broken'/><EventID>1</EventID><Level>4</Level></System></Event>
        <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Application Error'/><EventID>1000</EventID><Level>1</Level><TimeCreated SystemTime='2026-11-17T13:58:33Z'/></System><EventData><Data>checkout.exe</Data><Data></Data><Data>c0000005</Data></EventData></Event>
        </Events>
        """

    @Test func eventsInAnEventsRoot() throws {
        let run = try parse(Self.events, as: .windowsEventXML, timeZone: "Europe/Berlin")
        #expect(run.records == 4)
        #expect(run.skipped == 1)
        #expect(run.events.map(\.time.iso8601Exact) == [
            "2026-11-17T13:58:31.121198600Z", "2026-11-17T13:58:32.500Z", "2026-11-17T13:58:32.500Z", "2026-11-17T13:58:33Z",
        ])
        let service = run.events[0]
        #expect(service.severity == .error)
        #expect(service.actor == "Service Control Manager")
        #expect(service.text == "The Payments Worker service terminated unexpectedly.  It has done this 1 time(s).")
        #expect(service.attributes["event-id"] == "7031")
        #expect(service.attributes["channel"] == "System")
        #expect(service.attributes["computer"] == "web01.shop.local")
        #expect(service.attributes["record-id"] == "11035")
        #expect(service.attributes["pid"] == "1592")
        #expect(service.attributes["user"] == "S-1-5-18")
        #expect(service.attributes["data.param1"] == "Payments Worker")
        #expect(service.id == "inline.log#1")
        let audit = run.events[1]
        #expect(audit.attributes["audit"] == "failure")
        #expect(audit.severity == .warning)
        #expect(audit.text == "Microsoft-Windows-Security-Auditing 4625: deploy, 203.0.113.9")
        let raw = run.events[2]
        #expect(raw.attributes["parse"] == "raw")
        #expect(raw.text == "Broken 1")
        #expect(run.diagnostics.first?.line == 4)
        let crash = run.events[3]
        #expect(crash.severity == .critical)
        #expect(crash.text == "Application Error 1000: checkout.exe, c0000005")
        #expect(crash.attributes["data.1"] == "checkout.exe")
        #expect(crash.attributes["data.3"] == "c0000005")
    }

    @Test func concatenatedEventsWithoutARootAreRead() throws {
        let events = (1...3).map { second in
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='P'/>"
                + "<EventID>7</EventID><Level>3</Level><TimeCreated SystemTime='2026-11-17T13:58:3\(second)Z'/></System></Event>"
        }
        let document = "<?xml version=\"1.0\"?>\n" + events.joined(separator: "\n")
        let run = try parse(document, as: .windowsEventXML)
        #expect(run.records == 3)
        #expect(run.events.map(\.time.iso8601) == [
            "2026-11-17T13:58:31.000Z", "2026-11-17T13:58:32.000Z", "2026-11-17T13:58:33.000Z",
        ])
        #expect(run.events.allSatisfy { $0.severity == .warning && $0.text == "P 7" })
    }

    @Test func convertToXmlObjectsUseTheSourceZone() throws {
        let run = try parse(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Objects>
              <Object Type="System.Diagnostics.Eventing.Reader.EventLogRecord">
                <Property Name="Message" Type="System.String">The start type of the BITS service was changed from auto start to demand start.</Property>
                <Property Name="Id" Type="System.Int32">7040</Property>
                <Property Name="Level" Type="System.Byte">4</Property>
                <Property Name="Keywords" Type="System.Int64">-9187343239835811840</Property>
                <Property Name="RecordId" Type="System.Int64">11035</Property>
                <Property Name="ProviderName" Type="System.String">Service Control Manager</Property>
                <Property Name="LogName" Type="System.String">System</Property>
                <Property Name="MachineName" Type="System.String">Win11-2</Property>
                <Property Name="UserId" Type="System.Security.Principal.SecurityIdentifier">
                  <Property Name="Value" Type="System.String">S-1-5-18</Property>
                </Property>
                <Property Name="TimeCreated" Type="System.DateTime">4/25/2022 11:51:07 AM</Property>
              </Object>
              <Object Type="System.Diagnostics.Eventing.Reader.EventLogRecord">
                <Property Name="Id" Type="System.Int32">41</Property>
                <Property Name="Level" Type="System.Byte">1</Property>
                <Property Name="ProviderName" Type="System.String">Microsoft-Windows-Kernel-Power</Property>
                <Property Name="TimeCreated" Type="System.DateTime">4/25/2022 1:02:03 PM</Property>
              </Object>
              <Object Type="System.Diagnostics.Eventing.Reader.EventLogRecord">
                <Property Name="Id" Type="System.Int32">42</Property>
                <Property Name="TimeCreated" Type="System.DateTime">yesterday</Property>
              </Object>
            </Objects>
            """, as: .windowsEventXML, timeZone: "Europe/Berlin")
        #expect(run.records == 3)
        #expect(run.skipped == 1)
        #expect(run.events.map(\.time.iso8601) == [
            "2022-04-25T09:51:07.000Z", "2022-04-25T11:02:03.000Z", "2022-04-25T11:02:03.000Z",
        ])
        #expect(run.events[0].actor == "Service Control Manager")
        #expect(run.events[0].severity == .info)
        #expect(run.events[0].attributes["audit"] == nil)
        #expect(run.events[0].attributes["user"] == "S-1-5-18")
        #expect(run.events[0].attributes["computer"] == "Win11-2")
        #expect(run.events[0].text.hasPrefix("The start type of the BITS service"))
        #expect(run.events[1].severity == .critical)
        #expect(run.events[1].text == "Microsoft-Windows-Kernel-Power 41")
        #expect(run.events[2].attributes["parse"] == "raw")
    }

    @Test func hostileOrForeignDocumentsAreRefused() throws {
        #expect(throws: DebriefError.self) { try parse("<Event><System>", as: .windowsEventXML) }
        #expect(throws: DebriefError.self) { try parse("<rss><channel/></rss>", as: .windowsEventXML) }
        // An external entity is never resolved: the reference stays literal text.
        let xxe = """
            <?xml version="1.0"?><!DOCTYPE Event [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Event><System><Provider Name='P'/><EventID>1</EventID><TimeCreated SystemTime='2026-11-17T13:58:31Z'/></System><EventData><Data>&x;</Data></EventData></Event>
            """
        let run = try parse(xxe, as: .windowsEventXML)
        #expect(run.events.first?.text == "P 1: &x;")
    }
}

@Suite struct DockerLogParserTests {
    @Test func composeOutputWithColoursAndPlainDockerLogs() throws {
        let compose = try parse(
            "\u{1B}[2K\u{1B}[36mweb-1    |\u{1B}[0m 2026-11-17T13:58:31.123456789Z \u{1B}[31mERROR: upstream timed out\u{1B}[0m\n"
                + "redis-1  | 2026-11-17T13:58:32.000000001Z 1:M 17 Nov 2026 13:58:32.000 * Ready to accept connections\n"
                + "Attaching to redis-1, web-1\n",
            as: .dockerLogs, timeZone: "Europe/Berlin")
        #expect(compose.records == 3)
        #expect(compose.skipped == 1)
        #expect(compose.events.map(\.actor) == ["web-1", "redis-1", nil])
        #expect(compose.events[0].time.iso8601Exact == "2026-11-17T13:58:31.123456789Z")
        #expect(compose.events[0].text == "ERROR: upstream timed out")
        #expect(compose.events[0].severity == .error)
        #expect(compose.events[1].text == "1:M 17 Nov 2026 13:58:32.000 * Ready to accept connections")
        #expect(compose.events[2].attributes["parse"] == "raw")
        #expect(compose.events[2].source.line == 3)

        let plain = try parse("2026-11-17T13:58:31.500000000Z listening on :8080\n", as: .dockerLogs)
        #expect(plain.events.first?.actor == nil)
        #expect(plain.events.first?.time.iso8601 == "2026-11-17T13:58:31.500Z")
        #expect(plain.events.first?.text == "listening on :8080")
    }
}
