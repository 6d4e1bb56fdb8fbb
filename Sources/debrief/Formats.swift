import ArgumentParser
import DebriefKit

extension DebriefCommand {
    struct Formats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every input format Debrief reads, with the name to use in incident.yml.",
            discussion: """
                Formats are grouped by the kind of events they yield. NAME is what `format:` in \
                incident.yml and `debrief inspect --format` take.
                """)

        @Flag(help: "Print Markdown tables (as in the README) instead of text.")
        var markdown = false

        func run() {
            print(markdown ? FormatCatalog.markdown() : FormatCatalog.text(), terminator: "")
        }
    }
}
