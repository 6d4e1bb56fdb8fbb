import ArgumentParser
import DebriefKit
import Foundation

extension DebriefCommand {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how Debrief reads evidence files: format, counts, time range and the first events.",
            discussion: """
                For each FILE, prints the format detected and how sure detection was (or why nothing \
                matched, with the closest candidates), how many records were read and skipped, the first \
                and last instant (UTC) and the first events as the timeline will show them. A zip archive \
                stands for its members, a folder for its files.

                --format, --timezone and --year do what `format:`, `timezone:` and `year:` do in \
                incident.yml; without --year, year-less timestamps take their year from the other, dated \
                files named, as in a build. The exit status is 1 when an error was reported (a missing or unreadable \
                file, records that could not be placed), else 0.
                """
        )

        @Argument(help: "The evidence files to read.", completion: .file())
        var files: [String]

        @Option(help: "Read every file as this format instead of detecting it (names from `debrief formats`).")
        var format: String?

        @Option(help: "IANA time zone for timestamps that carry none (default UTC).")
        var timezone: String?

        @Option(help: "Year for timestamps that carry none.")
        var year: Int?

        @Option(help: "How many events to show per file.")
        var limit = 10

        @Flag(help: "Show each event's attributes.")
        var attributes = false

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one file to inspect") }
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
            if let year, !(1970...2200).contains(year) { throw ValidationError("--year must be a four-digit year") }
            do {
                _ = try format.map(Inspection.format(named:))
                _ = try timezone.map(Inspection.timeZone(named:))
            } catch {
                throw ValidationError(error.message)
            }
        }

        func run() throws {
            let forced = try format.map(Inspection.format(named:))
            let zone = try timezone.map(Inspection.timeZone(named:)) ?? TimeZone(identifier: "UTC")!
            let inspections = Inspection.inspect(paths: files, format: forced, timeZone: zone, year: year, limit: limit)
            if json {
                print(Inspection.json(inspections, attributes: attributes), terminator: "")
            } else {
                print(inspections.map { $0.text(attributes: attributes) }.joined(separator: "\n"), terminator: "")
            }
            if inspections.contains(where: \.hasErrors) { throw ExitCode.failure }
        }
    }
}
