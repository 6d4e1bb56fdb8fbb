import Foundation
import Yams

/// The incident's `incident.yml`: what the incident is and where its evidence lives.
///
/// Every key is optional. Without `sources`, every file under the incident folder is read and its
/// format detected. Unknown keys and bad values are errors that name the key, the file and the line,
/// because a silently ignored typo (`timzone:`) would shift every timestamp.
public struct Manifest: Sendable, Hashable {
    /// The incident's title.
    public var title: String?
    /// The incident's identifier (`INC-2041`).
    public var id: String?
    /// The incident's severity.
    public var severity: IncidentSeverity?
    /// The zone for sources whose timestamps carry none (IANA name, e.g. `Europe/Berlin`).
    public var timeZone: String?
    /// The year for sources whose timestamps carry none, when the other sources cannot tell.
    public var year: Int?
    /// The evidence files; nil means every file under the folder.
    public var sources: [Source]?
    /// Milestone overrides, targets, status-update cadence, review deadline, focus window, collapse.
    public var analysis = AnalysisSettings()

    /// One evidence file named by the manifest.
    public struct Source: Sendable, Hashable {
        /// The file's path, relative to the manifest's folder.
        public var path: String
        /// The format, when detection should be overridden.
        public var format: InputFormat?
        /// The zone for this file's zone-less timestamps.
        public var timeZone: String?
        /// The year for this file's year-less timestamps.
        public var year: Int?
        /// Which column holds what, for formats whose columns vary (`chat-csv`): logical names from
        /// `Manifest.columnNames` to header names.
        public var columns: [String: String]?
        /// The manifest line that names this source (for diagnostics).
        public var line: Int?
        /// A clock correction added to every timestamp of this source, in seconds (`offset: -37s`).
        public var offsetSeconds: Int64?

        /// Creates a source entry.
        public init(
            path: String, format: InputFormat? = nil, timeZone: String? = nil, year: Int? = nil, line: Int? = nil,
            columns: [String: String]? = nil
        ) {
            self.path = path
            self.format = format
            self.timeZone = timeZone
            self.year = year
            self.line = line
            self.columns = columns
        }
    }

    /// Creates a manifest.
    public init(
        title: String? = nil, id: String? = nil, severity: IncidentSeverity? = nil, timeZone: String? = nil,
        year: Int? = nil, sources: [Source]? = nil
    ) {
        self.title = title
        self.id = id
        self.severity = severity
        self.timeZone = timeZone
        self.year = year
        self.sources = sources
    }

    /// The keys a manifest may have at the top level.
    public static let topLevelKeys = [
        "title", "id", "severity", "timezone", "year", "sources", "milestones", "targets", "statusUpdates",
        "reviewDue", "focus", "collapse",
    ]
    /// The keys a `sources` entry may have.
    public static let sourceKeys = ["path", "format", "timezone", "year", "columns", "offset"]
    /// The keys of `targets`.
    public static let targetKeys = ["acknowledge", "mitigate", "resolve"]
    /// The keys of `statusUpdates`.
    public static let statusUpdateKeys = ["interval", "pattern"]
    /// The keys of `focus`.
    public static let focusKeys = ["before", "after"]
    /// The keys of `collapse`.
    public static let collapseKeys = ["window", "minCount", "examples"]
    /// The logical column names a source's `columns` mapping may use.
    public static let columnNames = ["time", "author", "text", "channel", "thread"]

    /// Parses manifest text; `path` names the file in errors.
    public static func parse(_ text: String, path: String) throws -> Manifest {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DebriefError.yaml(error, path: path)
        }
        guard let root else { return Manifest() }
        let reader = NodeReader(path: path)
        guard let mapping = root.mapping else {
            throw reader.error("the manifest must be a mapping of keys (title, severity, sources, …)", at: root)
        }
        var manifest = Manifest()
        for (keyNode, value) in mapping {
            let key = try reader.key(keyNode)
            switch key {
            case "title": manifest.title = try reader.string(value, key: key)
            case "id": manifest.id = try reader.string(value, key: key)
            case "severity": manifest.severity = try reader.severity(value, key: key)
            case "timezone": manifest.timeZone = try reader.timeZone(value, key: key)
            case "year": manifest.year = try reader.year(value, key: key)
            case "sources": manifest.sources = try reader.sources(value)
            case "milestones": manifest.analysis.milestoneOverrides = try reader.milestones(value, timeZone: manifest.timeZone)
            case "targets":
                for (name, node) in try reader.mapping(value, key: key, allowed: targetKeys) {
                    let seconds = try reader.duration(node, key: "targets.\(name)", positive: true)
                    switch name {
                    case "acknowledge": manifest.analysis.targets.acknowledgeSeconds = seconds
                    case "mitigate": manifest.analysis.targets.mitigateSeconds = seconds
                    default: manifest.analysis.targets.resolveSeconds = seconds
                    }
                }
            case "statusUpdates":
                for (name, node) in try reader.mapping(value, key: key, allowed: statusUpdateKeys) {
                    if name == "interval" {
                        manifest.analysis.statusUpdateInterval = try reader.duration(node, key: "statusUpdates.interval", positive: true)
                    } else {
                        manifest.analysis.statusUpdatePattern = try reader.pattern(node, key: "statusUpdates.pattern")
                    }
                }
            case "reviewDue": manifest.analysis.reviewDueSeconds = try reader.duration(value, key: key, positive: true)
            case "focus":
                for (name, node) in try reader.mapping(value, key: key, allowed: focusKeys) {
                    let seconds = try reader.duration(node, key: "focus.\(name)", positive: false)
                    if name == "before" {
                        manifest.analysis.focusBeforeSeconds = seconds
                    } else {
                        manifest.analysis.focusAfterSeconds = seconds
                    }
                }
            case "collapse":
                var settings = manifest.analysis.collapse
                for (name, node) in try reader.mapping(value, key: key, allowed: collapseKeys) {
                    switch name {
                    case "window": settings.windowSeconds = try reader.duration(node, key: "collapse.window", positive: true)
                    case "minCount": settings.minimumCount = try reader.count(node, key: "collapse.minCount", minimum: 2)
                    default: settings.examples = try reader.count(node, key: "collapse.examples", minimum: 1)
                    }
                }
                manifest.analysis.collapse = settings
            default: throw reader.unknownKey(key, at: keyNode, allowed: topLevelKeys)
            }
        }
        // Times in `milestones:` without an offset are read in the manifest's zone, which may be given after them.
        if manifest.timeZone != nil, let node = mapping["milestones"] {
            manifest.analysis.milestoneOverrides = try reader.milestones(node, timeZone: manifest.timeZone)
        }
        return manifest
    }

    /// Reads and parses the manifest at `url`.
    public static func load(from url: URL, displayPath: String) throws -> Manifest {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DebriefError.wrapping(error, path: displayPath, action: "read the manifest")
        }
        guard data.count <= 1 << 20 else { throw DebriefError("manifest is larger than 1 MiB", path: displayPath) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DebriefError("manifest is not valid UTF-8", path: displayPath)
        }
        return try parse(text, path: displayPath)
    }
}

/// Reads typed values from YAML nodes, turning every mistake into an error naming key and line.
struct NodeReader {
    let path: String

    func error(_ message: String, at node: Node) -> DebriefError {
        DebriefError(message, path: path, line: node.mark?.line)
    }

    func key(_ node: Node) throws -> String {
        guard let key = node.scalar?.string else { throw error("keys must be plain names", at: node) }
        return key
    }

    func unknownKey(_ key: String, at node: Node, allowed: [String]) -> DebriefError {
        var message = "unknown key '\(key)'"
        if let suggestion = closest(to: key, in: allowed) { message += " (did you mean '\(suggestion)'?)" }
        message += "; allowed here: " + allowed.joined(separator: ", ")
        return error(message, at: node)
    }

    func string(_ node: Node, key: String) throws -> String {
        guard let scalar = node.scalar else { throw error("'\(key)' must be text", at: node) }
        return scalar.string
    }

    func severity(_ node: Node, key: String) throws -> IncidentSeverity {
        let text = try string(node, key: key)
        guard let severity = IncidentSeverity(text: text) else {
            throw error("'\(key)' must be one of P0, P1, P2, P3 (got '\(text)')", at: node)
        }
        return severity
    }

    func timeZone(_ node: Node, key: String) throws -> String {
        let text = try string(node, key: key)
        guard TimeZone(identifier: text) != nil else {
            throw error("'\(key)' must be an IANA time zone such as 'Europe/Berlin' or 'UTC' (got '\(text)')", at: node)
        }
        return text
    }

    func year(_ node: Node, key: String) throws -> Int {
        guard let year = node.int, (1970...2200).contains(year) else {
            throw error("'\(key)' must be a four-digit year (got '\(node.scalar?.string ?? "a non-scalar")')", at: node)
        }
        return year
    }

    func format(_ node: Node, key: String) throws -> InputFormat {
        let text = try string(node, key: key)
        guard let format = InputFormat(rawValue: text) else {
            var message = "unknown format '\(text)'"
            if let suggestion = closest(to: text, in: InputFormat.allCases.map(\.rawValue)) {
                message += " (did you mean '\(suggestion)'?)"
            }
            throw error(message + "; `debrief formats` lists them", at: node)
        }
        return format
    }

    func columns(_ node: Node, key: String) throws -> [String: String] {
        guard let mapping = node.mapping else {
            throw error("'\(key)' must be a mapping such as '{ time: Timestamp, author: User, text: Message }'", at: node)
        }
        var result: [String: String] = [:]
        for (nameNode, value) in mapping {
            let name = try self.key(nameNode)
            guard Manifest.columnNames.contains(name) else {
                throw unknownKey(name, at: nameNode, allowed: Manifest.columnNames)
            }
            result[name] = try string(value, key: name)
        }
        return result
    }

    func sources(_ node: Node) throws -> [Manifest.Source] {
        guard let sequence = node.sequence else {
            throw error("'sources' must be a list of entries such as '- path: logs/app.log'", at: node)
        }
        var result: [Manifest.Source] = []
        for item in sequence {
            if let scalar = item.scalar {
                result.append(Manifest.Source(path: scalar.string, line: item.mark?.line))
                continue
            }
            guard let mapping = item.mapping else {
                throw error("each source must be a path or a mapping with 'path:'", at: item)
            }
            var source = Manifest.Source(path: "", line: item.mark?.line)
            for (keyNode, value) in mapping {
                let key = try self.key(keyNode)
                switch key {
                case "path": source.path = try string(value, key: key)
                case "format": source.format = try format(value, key: key)
                case "timezone": source.timeZone = try timeZone(value, key: key)
                case "year": source.year = try year(value, key: key)
                case "columns": source.columns = try columns(value, key: key)
                case "offset": source.offsetSeconds = try duration(value, key: "offset", positive: false)
                default: throw unknownKey(key, at: keyNode, allowed: Manifest.sourceKeys)
                }
            }
            guard !source.path.isEmpty else { throw error("a source needs 'path:'", at: item) }
            result.append(source)
        }
        return result
    }
}

extension NodeReader {
    /// A mapping whose keys must come from `allowed`, as (key, value) pairs in document order.
    func mapping(_ node: Node, key: String, allowed: [String]) throws -> [(String, Node)] {
        guard let mapping = node.mapping else {
            throw error("'\(key)' must be a mapping with keys " + allowed.joined(separator: ", "), at: node)
        }
        var result: [(String, Node)] = []
        for (keyNode, value) in mapping {
            let name = try self.key(keyNode)
            guard allowed.contains(name) else { throw unknownKey(name, at: keyNode, allowed: allowed) }
            result.append((name, value))
        }
        return result
    }

    /// A duration such as `30m`, `-37s` or `1h30m`.
    func duration(_ node: Node, key: String, positive: Bool) throws -> Int64 {
        let text = try string(node, key: key)
        guard let seconds = DurationText.seconds(text), !positive || seconds > 0 else {
            throw error(
                "'\(key)' must be a\(positive ? " positive" : "") duration such as 30m, 90s, 1h30m or 2d (got '\(text)')",
                at: node)
        }
        return seconds
    }

    /// A whole number at least `minimum`.
    func count(_ node: Node, key: String, minimum: Int) throws -> Int {
        guard let value = node.int, value >= minimum else {
            throw error("'\(key)' must be a whole number of at least \(minimum)", at: node)
        }
        return value
    }

    /// A regular expression that compiles.
    func pattern(_ node: Node, key: String) throws -> String {
        let text = try string(node, key: key)
        guard (try? NSRegularExpression(pattern: text, options: [.caseInsensitive])) != nil else {
            throw error("'\(key)' is not a valid regular expression: \(text)", at: node)
        }
        return text
    }

    /// `milestones:` — a mapping from milestone names to times (ISO 8601; without an offset, in the
    /// manifest's zone).
    func milestones(_ node: Node, timeZone: String?) throws -> [MilestoneKind: Instant] {
        let names = MilestoneKind.allCases.map(\.rawValue)
        var result: [MilestoneKind: Instant] = [:]
        for (name, value) in try mapping(node, key: "milestones", allowed: names) {
            let text = try string(value, key: "milestones.\(name)")
            guard let kind = MilestoneKind(rawValue: name), let parsed = TimestampParser.any(text), parsed.hasYear else {
                throw error("'milestones.\(name)' must be a date and time such as 2026-11-17T14:03:40Z (got '\(text)')", at: value)
            }
            var resolver = LocalTimeResolver(zone: timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!)
            guard let instant = parsed.offsetSeconds.flatMap({ parsed.civil.instant(offsetSeconds: $0) })
                ?? resolver.instant(for: parsed.civil)
            else {
                throw error("'milestones.\(name)' is not a valid time: \(text)", at: value)
            }
            result[kind] = instant
        }
        return result
    }
}

/// The candidate within edit distance 2 of `word`, if any (for "did you mean").
func closest(to word: String, in candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
    let lowered = Array(word.lowercased())
    let scored = candidates.map { ($0, distance(lowered, Array($0.lowercased()))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
    return best.0
}

extension DebriefError {
    /// A YAML syntax error with the file and line.
    static func yaml(_ error: YamlError, path: String) -> DebriefError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return DebriefError("invalid YAML: \(problem)", path: path, line: mark.line)
        default:
            return DebriefError("invalid YAML: \(error)", path: path)
        }
    }
}
