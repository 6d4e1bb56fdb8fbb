import ArgumentParser
import CPlatform
import DebriefKit
import Foundation

extension DebriefCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the review for an incident folder.",
            discussion: """
                Reads every evidence file under PATH (or the files incident.yml lists), merges them into \
                one timeline and writes report.md, report.html and report.json to PATH/report/ (or --out).

                Problems with single records are warnings printed as `file:line: warning: message`; the \
                record is kept raw and the run goes on. The exit status is 0 when the reports were \
                written, 1 when an error was reported (or, with --strict, a warning), and 64 on usage errors.

                Set SOURCE_DATE_EPOCH to fix the generation time, so two builds of the same inputs are \
                byte-identical.
                """
        )

        @Argument(help: "The incident folder, or its incident.yml.", completion: .directory)
        var path: String

        @Option(name: .shortAndLong, help: "Where to write the reports (default: PATH/report).", completion: .directory)
        var out: String?

        @Option(help: "Who the report is for: \(Audience.allCases.map(\.rawValue).joined(separator: ", ")).")
        var audience: Audience = .internal

        @Option(
            name: .customLong("format"),
            help: "Comma-separated formats to write: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ",")).")
        var formats: String = ReportFormat.allCases.map(\.rawValue).joined(separator: ",")

        @Option(help: "A folder of templates that overrides the defaults (report.md.mustache, report.html.mustache).")
        var templates: String?

        @Option(help: "Collapse bursts of similar log records within buckets this long (e.g. 1m, 5m; default from incident.yml, else 5m).")
        var collapseWindow: String?

        @Option(help: "The smallest burst that collapses (default from incident.yml, else 3).")
        var collapseMin: Int?

        @Flag(help: "Keep every log record as its own timeline entry.")
        var noCollapse = false

        @Flag(help: "Treat warnings as errors for the exit status.")
        var strict = false

        @Flag(name: .shortAndLong, help: "Print only errors.")
        var quiet = false

        @Flag(help: "Print how long each stage took (resolve, ingest, merge, analyse, render, write).")
        var timings = false

        func validate() throws {
            _ = try parsedFormats()
            _ = try collapseSettings(manifest: BurstCollapser.Settings())
            if let collapseMin, collapseMin < 2 { throw ValidationError("--collapse-min must be at least 2") }
            if audience != .internal {
                throw ValidationError("the \(audience.rawValue) audience is not available yet; use --audience internal")
            }
        }

        func parsedFormats() throws -> [ReportFormat] {
            var result: [ReportFormat] = []
            for name in formats.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                let normalised = name == "markdown" ? "md" : name
                guard let format = ReportFormat(rawValue: normalised) else {
                    throw ValidationError("unknown format '\(name)'; use md, html or json")
                }
                if !result.contains(format) { result.append(format) }
            }
            guard !result.isEmpty else { throw ValidationError("--format needs at least one of md, html, json") }
            return result
        }

        /// The collapse settings the flags ask for, on top of the manifest's; nil when no flag is given.
        func collapseSettings(manifest: BurstCollapser.Settings) throws -> BurstCollapser.Settings? {
            if noCollapse { return .disabled }
            guard collapseWindow != nil || collapseMin != nil else { return nil }
            var settings = manifest
            if let collapseWindow {
                guard let seconds = DurationText.seconds(collapseWindow), seconds > 0 else {
                    throw ValidationError("--collapse-window takes a duration such as 1m or 5m (got '\(collapseWindow)')")
                }
                settings.windowSeconds = seconds
            }
            if let collapseMin { settings.minimumCount = collapseMin }
            return settings
        }

        func run() throws {
            debrief_return_memory_early(128 * 1024)
            var manifestCollapse = BurstCollapser.Settings()
            if collapseWindow != nil || collapseMin != nil,
                let input = try? IncidentLoader.load(path: path)
            {
                manifestCollapse = input.manifest.analysis.collapse
            }
            var options = BuildOptions(
                path: path,
                outputDirectory: out.map { URL(fileURLWithPath: $0).standardizedFileURL },
                audience: audience,
                formats: try parsedFormats(),
                templatesDirectory: try templates.map(Self.existingDirectory),
                generatedAt: GenerationTime.resolve(),
                collapse: try collapseSettings(manifest: manifestCollapse))
            let progress = !quiet && ProgressBar.isAvailable ? ProgressBar() : nil
            options.progress = progress?.counter
            progress?.start()
            let result: BuildResult
            do {
                result = try ReviewPipeline().build(options)
                progress?.stop()
            } catch let error as DebriefError {
                progress?.stop()
                Console.error(error.description)
                throw ExitCode.failure
            }
            Console.print(result.diagnostics, quiet: quiet)
            var stages = result.timings
            try stages.measure("write") { try write(result) }
            if timings { Console.status("timings: " + stages.summary) }
            let problems = result.diagnostics.filter { $0.severity == .error || (strict && $0.severity == .warning) }
            if !quiet {
                let records = result.review.sources.reduce(0) { $0 + $1.records }
                Console.status(
                    "wrote \(result.files.map(\.name).joined(separator: ", ")) to \(Console.display(result.outputDirectory)) "
                        + "(\(result.review.sources.count) sources, \(records) records, \(result.review.timeline.entries.count) timeline entries)")
            }
            if !problems.isEmpty { throw ExitCode.failure }
        }

        func write(_ result: BuildResult) throws {
            do {
                try FileManager.default.createDirectory(at: result.outputDirectory, withIntermediateDirectories: true)
                for file in result.files {
                    let url = result.outputDirectory.appendingPathComponent(file.name)
                    var contents = file.contents
                    // Write the string's own bytes: reports can be tens of megabytes.
                    try contents.withUTF8 { utf8 in
                        guard let base = utf8.baseAddress else { return try Data().write(to: url, options: .atomic) }
                        let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: utf8.count, deallocator: .none)
                        try data.write(to: url, options: .atomic)
                    }
                }
            } catch {
                Console.error(DebriefError.wrapping(error, path: Console.display(result.outputDirectory), action: "write the reports").description)
                throw ExitCode.failure
            }
        }

        static func existingDirectory(_ path: String) throws -> URL {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--templates: '\(path)' is not a folder")
            }
            return URL(fileURLWithPath: path).standardizedFileURL
        }
    }
}

extension Audience: ExpressibleByArgument {}
