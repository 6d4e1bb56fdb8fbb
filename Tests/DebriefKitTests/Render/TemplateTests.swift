import Foundation
import Testing
@testable import DebriefKit

@Suite struct TemplateTests {
    @Test func builtInTemplatesMatchTheTemplatesFolder() throws {
        let folder = TestPaths.repository.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(Set(names.map { String($0.dropLast(".mustache".count)) }) == Set(DefaultTemplates.all.keys))
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let key = String(name.dropLast(".mustache".count))
            #expect(DefaultTemplates.all[key].map { $0 + "\n" } == text, "run Scripts/embed-templates.sh after editing \(name)")
        }
    }

    @Test func aTemplateFolderOverridesOnlyWhatItHas() throws {
        let folder = TemporaryFolder()
        try folder.write("report.md.mustache", "{{% CONTENT_TYPE: MARKDOWN}}\n# {{title}} [{{severity}}]\n")
        let set = try TemplateSet.load(searchPath: [folder.url])
        #expect(set.origins["report.md"]?.hasSuffix("report.md.mustache") == true)
        #expect(set.origins["report.html"] == "built-in")
    }

    @Test func templateSyntaxErrorsNameFileAndLine() throws {
        let folder = TemporaryFolder()
        try folder.write("report.md.mustache", "line one\n{{#open}}\nnever closed\n")
        #expect(throws: DebriefError.self) { try TemplateSet.load(searchPath: [folder.url]) }
    }

    @Test func renderedReportsHaveNoUnfilledPlaceholders() throws {
        let result = try ReviewPipeline().build(
            BuildOptions(path: TestPaths.sample.path, generatedAt: Instant(nanosecondsSinceEpoch: 0)))
        for file in result.files {
            #expect(!file.contents.contains("{{"), "\(file.name)")
        }
        let html = try #require(result.files.first { $0.name == "report.html" }).contents
        #expect(html.contains("<svg"))
        #expect(!html.contains("http://") || !html.contains("<link"))
        #expect(!html.contains("src=\"http"))
    }
}

@Suite struct JSONWriterTests {
    @Test func escapesAndRoundTrips() throws {
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{07} <script> & \u{2028} é 😀"
        let value = JSONValue.object(JSONObject([("text", .string(tricky)), ("n", .number("12")), ("list", .array([.null, .bool(true)]))]))
        let text = JSONWriter.string(value)
        #expect(!text.contains("<"))
        #expect(!text.contains("\u{2028}"))
        #expect(text.contains("\\u0007"))
        #expect(try JSONParser().parse(text) == value)
    }
}

@Suite struct ReportJSONTests {
    @Test func slicedRenderingEqualsTheWholeTree() throws {
        let review = try ReviewPipeline().build(
            BuildOptions(path: TestPaths.sample.path, formats: [], generatedAt: Instant(nanosecondsSinceEpoch: 0))).review
        #expect(ReportJSON.render(review, audience: .internal) == JSONWriter.string(ReportJSON.value(for: review, audience: .internal)))
    }
}
