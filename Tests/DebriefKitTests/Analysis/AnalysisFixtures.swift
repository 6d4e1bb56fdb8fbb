import Foundation
@testable import DebriefKit

/// Builds small analysis inputs by hand: a list of sources (name, format) and events on them.
struct IncidentFixture {
    var sources: [(path: String, format: String)]
    var events: [(source: Int, time: String, kind: Event.Kind, text: String, attributes: Attributes, severity: Severity?)] = []
    var severity: IncidentSeverity? = .p1
    var settings = AnalysisSettings()

    init(sources: [(String, String)]) {
        self.sources = sources.map { (path: $0.0, format: $0.1) }
    }

    mutating func add(
        _ source: Int, _ time: String, _ kind: Event.Kind, _ text: String, _ attributes: Attributes = [:],
        severity: Severity? = nil
    ) {
        events.append((source, time, kind, text, attributes, severity))
    }

    var input: AnalysisInput {
        var perSource = [[TimelineEntry]](repeating: [], count: sources.count)
        for (offset, item) in events.enumerated() {
            let event = Event(
                time: instant(item.time), timeText: item.time,
                source: SourceRef(path: sources[item.source].path, line: offset + 1, record: offset + 1), kind: item.kind,
                actor: "someone", severity: item.severity, text: item.text, attributes: item.attributes)
            perSource[item.source].append(TimelineEntry(event: event, sourceIndex: item.source))
        }
        for index in perSource.indices { perSource[index].sort { $0.time < $1.time } }
        let summaries = sources.enumerated().map { index, source in
            SourceSummary(
                path: source.path, format: source.format, confidence: 1, records: perSource[index].count, skipped: 0,
                unplaced: 0, firstTime: perSource[index].first?.time, lastTime: perSource[index].last?.time, bytes: 0,
                compressed: false, reordered: 0)
        }
        return AnalysisInput(
            timeline: Timeline(entries: TimelineMerger().merge(perSource)), sources: summaries, severity: severity,
            settings: settings)
    }

    func analyze() -> (Timeline, IncidentAnalysis) { IncidentAnalyzer().analyze(input) }
}
