import Foundation
import Mustache

/// The report templates in use, each loaded from the first place that has it.
///
/// Search order: `--templates DIR`, then `Templates/` beside the incident's manifest, then the
/// repository's `Templates/`, then the defaults compiled into the binary (so an installed binary
/// works without any files, and never traps on a missing resource bundle).
public struct TemplateSet: Sendable {
    /// The parsed templates, by name (`report.md`, `report.html`, and any partials).
    public let library: MustacheLibrary
    /// Where each template came from (a file path, or `built-in`).
    public let origins: [String: String]

    /// The templates every report needs.
    public static let requiredNames = ["report.md", "report.html"]

    /// Loads templates from `directories` (earlier wins), falling back to the built-in defaults.
    public static func load(searchPath directories: [URL]) throws -> TemplateSet {
        MarkdownContentType.registerOnce()
        var sources: [String: (text: String, origin: String)] = [:]
        for directory in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".mustache") {
                let templateName = String(name.dropLast(".mustache".count))
                guard sources[templateName] == nil else { continue }
                let url = directory.appendingPathComponent(name)
                do {
                    let text = try String(contentsOf: url, encoding: .utf8)
                    sources[templateName] = (text, url.path)
                } catch {
                    throw DebriefError.wrapping(error, path: url.path, action: "read the template")
                }
            }
        }
        for (name, text) in DefaultTemplates.all where sources[name] == nil {
            sources[name] = (text, "built-in")
        }
        var library = MustacheLibrary()
        var origins: [String: String] = [:]
        for name in sources.keys.sorted() {
            guard let (text, origin) = sources[name] else { continue }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw DebriefError(
                    "template error: \(error.error) near '\(error.context.line.trimmingWhitespace)'",
                    path: origin, line: error.context.lineNumber)
            }
            origins[name] = origin
        }
        return TemplateSet(library: library, origins: origins)
    }

    /// Renders template `name` with `view`.
    public func render(_ name: String, _ view: ReportView) throws -> String {
        guard let output = library.render(view, withTemplate: name) else {
            throw DebriefError("no template named '\(name)'")
        }
        return output
    }
}

/// Escapes values for Markdown in templates that declare `{{% CONTENT_TYPE: MARKDOWN}}`.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { TextFormatting.markdown(text, limit: .max) }

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()

    /// Makes `MARKDOWN` known to the template parser (idempotent).
    static func registerOnce() { _ = registration }
}
