import ArgumentParser
import DebriefKit

extension DebriefCommand {
    struct Formats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every input format Debrief reads, with the name to use in incident.yml.")

        func run() {
            for format in InputFormat.allCases {
                print("\(format.rawValue)")
                print("    \(format.title) — \(format.eventKind.rawValue) events")
                print("    \(format.summary)")
            }
        }
    }
}
