/// What a Grafana Loki stream's labels (and a line's structured metadata) say about its records.
///
/// Every label is kept as an attribute. The actor is the first present of `service_name`,
/// `service`, `app`, `application`, `job`, `container`, `component`; the severity comes from
/// `level`, `detected_level`, `severity` or `lvl`, else it is guessed from the line.
struct LokiLabels {
    /// Labels that name the emitter, best first.
    static let actorLabels = ["service_name", "service", "app", "application", "job", "container", "component"]
    /// Labels that hold a level.
    static let levelLabels = ["level", "detected_level", "severity", "lvl"]

    private var actorRank = Int.max
    private(set) var actor: String?
    private(set) var severity: Severity?
    private(set) var attributes = Attributes()

    /// Adds one label.
    mutating func add(_ name: String, _ value: String) {
        if let rank = Self.actorLabels.firstIndex(of: name), rank < actorRank, !value.isEmpty {
            actorRank = rank
            actor = value
        }
        if severity == nil, Self.levelLabels.contains(name) { severity = Severity(levelName: value) }
        JSONLinesParser.keep(name, value, in: &attributes)
    }

    /// Emits one log line of the stream.
    func emit(
        line text: String, time: Instant, timeText: String, line: Int?, offset: Int64?, into sink: inout EventSink
    ) {
        var attributes = attributes
        let severity = severity ?? SeverityGuess.guess(text, noting: &attributes)
        sink.emit(
            time: time, timeText: timeText, line: line, offset: offset, kind: .log, actor: actor, severity: severity,
            text: text, attributes: attributes)
    }
}
