import Foundation
import Testing
@testable import DebriefKit

@Suite struct ManifestTests {
    @Test func readsEveryKey() throws {
        let manifest = try Manifest.parse(
            """
            title: Checkout returned 502s
            id: INC-2041
            severity: sev1
            timezone: Europe/Berlin
            year: 2026
            sources:
              - logs/app.jsonl
              - path: logs/syslog
                format: syslog
                timezone: UTC
                year: 2025
            """, path: "incident.yml")
        #expect(manifest.title == "Checkout returned 502s")
        #expect(manifest.id == "INC-2041")
        #expect(manifest.severity == .p1)
        #expect(manifest.timeZone == "Europe/Berlin")
        #expect(manifest.year == 2026)
        #expect(manifest.sources?.map(\.path) == ["logs/app.jsonl", "logs/syslog"])
        #expect(manifest.sources?[1].format == .syslog)
        #expect(manifest.sources?[1].line == 8)
    }

    @Test func unknownKeyNamesKeyLineAndSuggestion() {
        #expect(throws: DebriefError.self) {
            do {
                _ = try Manifest.parse("title: x\ntimzone: UTC\n", path: "incident.yml")
            } catch let error as DebriefError {
                #expect(error.path == "incident.yml")
                #expect(error.line == 2)
                #expect(error.message.contains("unknown key 'timzone'"))
                #expect(error.message.contains("did you mean 'timezone'"))
                throw error
            }
        }
    }

    @Test(arguments: [
        ("severity: P7\n", "'severity' must be one of P0, P1, P2, P3"),
        ("timezone: Mars/Olympus\n", "IANA time zone"),
        ("sources:\n  - path: a.log\n    format: sysl0g\n", "unknown format 'sysl0g'"),
        ("sources:\n  - path: a.log\n    colour: red\n", "unknown key 'colour'"),
        ("year: twenty\n", "four-digit year"),
        ("title: [unclosed\n", "invalid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
    ])
    func badValuesAreClearErrors(text: String, message: String) {
        do {
            _ = try Manifest.parse(text, path: "incident.yml")
            Issue.record("expected an error for \(text)")
        } catch let error as DebriefError {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.path == "incident.yml")
            #expect(error.line != nil)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func missingSourceIsADiagnosticAndTheRunGoesOn() throws {
        let folder = TemporaryFolder()
        try folder.write("incident.yml", "sources:\n  - path: here.log\n  - path: gone.log\n")
        try folder.write("here.log", "Nov 17 14:52:07 host app[1]: hello\n")
        let input = try IncidentLoader.load(path: folder.path)
        #expect(input.sources.map(\.displayPath) == ["here.log"])
        let diagnostic = try #require(input.diagnostics.all.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.path?.hasSuffix("incident.yml") == true)
        #expect(diagnostic.message.contains("gone.log"))
    }

    @Test func folderWithoutManifestReadsEveryFileSorted() throws {
        let folder = TemporaryFolder()
        try folder.write("b.log", "x\n")
        try folder.write("a/z.log", "x\n")
        try folder.write(".hidden", "x\n")
        try folder.write("report/report.json", "{}\n")
        let input = try IncidentLoader.load(path: folder.path)
        #expect(input.sources.map(\.displayPath) == ["a/z.log", "b.log"])
    }
}
