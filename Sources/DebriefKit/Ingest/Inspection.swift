import Foundation

/// What Debrief makes of one evidence path, for `debrief inspect`: for each source it stands for, the
/// format detected and how sure detection was (or why nothing matched, with the closest candidates),
/// the record counts, the time range and the first events, normalised to UTC.
///
/// A file is one source; a zip archive stands for its members (or is one source when a bundle format
/// such as a Slack export recognises it), a folder for the files in it.
public struct Inspection: Sendable {
    /// A format that scored above zero for a source, with its confidence.
    public struct Candidate: Sendable, Hashable {
        /// The format.
        public var format: InputFormat
        /// Its confidence, 0–1.
        public var confidence: Double
    }

    /// One source read.
    public struct Source: Sendable {
        /// Counts, format, confidence and time range, as the report's `sources` shows them.
        public var summary: SourceSummary
        /// Why no format was chosen, when none was.
        public var reason: String?
        /// The formats that scored above zero, best first (at most three); empty when the format was
        /// given or the source is a bundle.
        public var candidates: [Candidate]
        /// The first events in time order (at most the limit asked for).
        public var events: [Event]
        /// Problems found while reading it.
        public var diagnostics: [Diagnostic]
    }

    /// The path as given.
    public var path: String
    /// The sources the path stands for, in order.
    public var sources: [Source]
    /// Problems with the path itself (it does not exist, an archive cannot be opened, …).
    public var diagnostics: [Diagnostic]

    /// Reads `path` the way `debrief build` would, keeping the first `limit` events of each source.
    ///
    /// - Parameters:
    ///   - format: reads every source as this format instead of detecting it.
    ///   - timeZone: the zone for timestamps that carry none (as `timezone:` in the manifest).
    ///   - year: the year for year-less timestamps (as `year:` in the manifest).
    public static func inspect(
        path: String, format: InputFormat? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!, year: Int? = nil,
        limit: Int = 10, limits: IngestLimits = IngestLimits()
    ) -> Inspection {
        inspect(paths: [path], format: format, timeZone: timeZone, year: year, limit: limit, limits: limits)[0]
    }

    /// Reads several paths as `debrief build` reads an incident's sources: year-less timestamps take
    /// their year from the other, dated files unless `year` is given. One inspection per path, in order.
    public static func inspect(
        paths: [String], format: InputFormat? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        year: Int? = nil, limit: Int = 10, limits: IngestLimits = IngestLimits()
    ) -> [Inspection] {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var expanded: [(path: String, specs: [SourceSpec], diagnostics: Diagnostics)] = []
        for path in paths {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            var diagnostics = Diagnostics()
            var specs: [SourceSpec] = []
            if FileManager.default.fileExists(atPath: url.path) {
                let template = SourceSpec(url: url, displayPath: path, format: format, timeZone: timeZone, year: year)
                specs = IncidentLoader.expand(
                    url, root: root, template: template, excluding: [], limits: limits, diagnostics: &diagnostics)
                if specs.isEmpty && diagnostics.all.isEmpty { diagnostics.warn("nothing to read here", path: path) }
            } else {
                diagnostics.error("no such file or folder", path: path)
            }
            expanded.append((path, specs, diagnostics))
        }
        let reader = SourceReader(limits: limits)
        var ingested = Ingester(reader: reader).ingest(expanded.flatMap(\.specs))[...]
        return expanded.map { path, specs, diagnostics in
            let sources = specs.map { spec in
                let source = ingested.popFirst() ?? reader.read(spec)
                return Self.source(source, spec: spec, reader: reader, limit: limit)
            }
            return Inspection(path: path, sources: sources, diagnostics: diagnostics.all)
        }
    }

    /// What inspection keeps of one source read.
    static func source(_ ingested: IngestedSource, spec: SourceSpec, reader: SourceReader, limit: Int) -> Source {
        var reason: String?
        if ingested.summary.format == "unrecognized" || ingested.summary.format == "unreadable",
            let message = ingested.diagnostics.all.first(where: { $0.severity != .note })?.message
        {
            reason = message.hasPrefix("not read: ") ? String(message.dropFirst("not read: ".count)) : message
        }
        return Source(
            summary: ingested.summary, reason: reason,
            candidates: spec.format == nil ? candidates(for: spec, reader: reader) : [],
            events: Array(ingested.events.prefix(max(0, limit))), diagnostics: ingested.diagnostics.all)
    }

    /// The formats that score above zero on the source's first bytes, best first.
    static func candidates(for spec: SourceSpec, reader: SourceReader) -> [Candidate] {
        guard spec.container != .bundle else { return [] }
        var compressed = false
        guard var lines = try? reader.open(spec, compressed: &compressed) else { return [] }
        let bytes = lines.peek(upTo: SourceReader.sampleSize)
        let sample = SniffSample(bytes: bytes, isComplete: bytes.count < SourceReader.sampleSize)
        guard !sample.isBinary else { return [] }
        // Ties keep registry order, as detection breaks them.
        let scored = InputFormat.allCases.enumerated().map { ($0.offset, $0.element.confidence(for: sample)) }
        let ranked = scored.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return ranked.prefix(3).map { Candidate(format: InputFormat.allCases[$0.0], confidence: $0.1) }
    }

    /// Whether any error was reported (a missing path, an unreadable file, records that could not be
    /// placed).
    public var hasErrors: Bool {
        (diagnostics + sources.flatMap(\.diagnostics)).contains { $0.severity == .error }
    }

    // MARK: - Names given on the command line

    /// The format named `name`, or an error that suggests the closest name.
    public static func format(named name: String) throws(DebriefError) -> InputFormat {
        if let format = InputFormat(rawValue: name) { return format }
        var message = "unknown format '\(name)'"
        if let suggestion = closest(to: name, in: InputFormat.allCases.map(\.rawValue)) {
            message += " (did you mean '\(suggestion)'?)"
        }
        throw DebriefError(message + "; `debrief formats` lists them")
    }

    /// The IANA zone named `name`, or an error.
    public static func timeZone(named name: String) throws(DebriefError) -> TimeZone {
        guard let zone = TimeZone(identifier: name) else {
            throw DebriefError("'\(name)' is not an IANA time zone such as 'Europe/Berlin' or 'UTC'")
        }
        return zone
    }

    // MARK: - Rendering

    /// Aligned text for a terminal; with `attributes`, each event's attributes follow it.
    public func text(attributes: Bool = false) -> String {
        var output = ""
        for diagnostic in diagnostics {
            output += diagnostic.description + "\n"
        }
        output += sources.map { Self.text($0, attributes: attributes) }.joined(separator: "\n")
        return output
    }

    /// How many diagnostics of one source the text shows.
    static let maxDiagnostics = 10

    static func text(_ source: Source, attributes: Bool) -> String {
        let summary = source.summary
        var output = summary.path + "\n"
        if let reason = source.reason {
            output += "  format      not read: \(reason)\n"
        } else {
            output += "  format      \(summary.format) (confidence \(ReportJSON.format2(summary.confidence)))\n"
        }
        if !source.candidates.isEmpty && (source.reason != nil || source.candidates.count > 1) {
            let list = source.candidates.map { "\($0.format.rawValue) \(ReportJSON.format2($0.confidence))" }
            output += "  candidates  \(list.joined(separator: ", "))\n"
        }
        output += "  records     \(summary.records) (skipped \(summary.skipped), unplaced \(summary.unplaced))\n"
        if summary.unplaced > 0 {
            output +=
                "  hint        no record could be placed in time: give --year (and --timezone), or name a dated file too\n"
        }
        if let first = summary.firstTime, let last = summary.lastTime {
            output += "  time        \(first.iso8601) … \(last.iso8601)\n"
        }
        if !source.events.isEmpty {
            let shown =
                source.events.count < summary.records
                ? "first \(source.events.count) of \(summary.records)" : "all \(summary.records)"
            output += "  events (\(shown), UTC):\n"
            let kindWidth = source.events.map(\.kind.rawValue.count).max() ?? 0
            let severityWidth = source.events.map { ($0.severity?.rawValue ?? "-").count }.max() ?? 0
            let actorWidth = min(24, source.events.map { cell($0.actor ?? "-", 24).count }.max() ?? 0)
            for event in source.events {
                let columns = [
                    event.time.iso8601, pad(event.kind.rawValue, kindWidth),
                    pad(event.severity?.rawValue ?? "-", severityWidth), pad(cell(event.actor ?? "-", 24), actorWidth),
                    cell(event.text, 160),
                ]
                output += "    " + columns.joined(separator: "  ") + "\n"
                if attributes && !event.attributes.isEmpty {
                    let pairs = event.attributes.sorted.map { "\($0.key)=\(cell($0.value, 120))" }
                    output += "      " + pairs.joined(separator: "  ") + "\n"
                }
            }
        }
        let repeatsReason = { (message: String) in
            source.reason.map { message == $0 || message == "not read: " + $0 } ?? false
        }
        let diagnostics = source.diagnostics.filter { !repeatsReason($0.message) }
        for diagnostic in diagnostics.prefix(maxDiagnostics) {
            output += "  " + diagnostic.description + "\n"
        }
        if diagnostics.count > maxDiagnostics {
            output += "  … \(diagnostics.count - maxDiagnostics) more diagnostics (all are in --json)\n"
        }
        return output
    }

    /// One line of at most `limit` characters: line breaks and tabs become spaces.
    static func cell(_ text: String, _ limit: Int) -> String {
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// JSON for scripts: an array with one object per source of every inspection, in order.
    public static func json(_ inspections: [Inspection], attributes: Bool = false) -> String {
        var elements: [JSONValue] = []
        for inspection in inspections {
            for diagnostic in inspection.diagnostics {
                var object = JSONObjectBuilder()
                object.set("path", inspection.path)
                object.set("error", diagnostic.message)
                elements.append(object.value)
            }
            for source in inspection.sources {
                elements.append(json(source, attributes: attributes))
            }
        }
        return JSONWriter.string(.array(elements))
    }

    static func json(_ source: Source, attributes: Bool) -> JSONValue {
        var members = ReportJSON.source(source.summary).object?.members ?? []
        members.append(("reason", source.reason.map(JSONValue.string) ?? .null))
        let candidates = source.candidates.map { candidate -> JSONValue in
            var object = JSONObjectBuilder()
            object.set("format", candidate.format.rawValue)
            object.set("confidence", .number(ReportJSON.format2(candidate.confidence)))
            return object.value
        }
        members.append(("candidates", .array(candidates)))
        let events = source.events.map { event -> JSONValue in
            var shown = event
            if !attributes { shown.attributes = Attributes() }
            return ReportJSON.entry(TimelineEntry(event: shown, sourceIndex: 0))
        }
        members.append(("events", .array(events)))
        members.append(("diagnostics", .array(source.diagnostics.map(ReportJSON.diagnostic))))
        return .object(JSONObject(members))
    }
}
