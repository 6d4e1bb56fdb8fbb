import ArgumentParser
import DebriefKit

@main
struct DebriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debrief",
        abstract: "Turn an incident's logs, chat, tickets and pages into a post-incident review.",
        discussion: """
            Debrief reads the evidence an outage leaves behind — server and application logs, chat \
            exports, ticket history, paging records — from an incident folder, puts every record on \
            one UTC timeline, finds the milestones (detected, acknowledged, resolved, …) and writes the \
            review as Markdown, HTML and JSON. It works offline, on files you already have.

            Start with:
              debrief build path/to/incident          writes path/to/incident/report/report.{md,html,json}
              debrief inspect path/to/file            shows the format detected and the first events
              debrief formats                         lists every input format Debrief reads

            An incident folder holds the evidence files and, optionally, incident.yml:
              title: Checkout returned 502s
              id: INC-2041
              severity: P1
              timezone: Europe/Berlin      # for timestamps that carry no zone
              sources:                     # optional; without it every file is read and its format detected
                - path: logs/app.jsonl
                - path: logs/syslog
                  format: syslog
            """,
        version: DebriefVersion.current,
        subcommands: [Build.self, Status.self, Inspect.self, Formats.self],
        defaultSubcommand: nil
    )
}
