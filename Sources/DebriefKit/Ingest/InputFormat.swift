/// Every input format Debrief reads: the registry.
///
/// Adding a case makes the compiler list every place that must learn about it (detection, parser,
/// documentation). Raw values are the names used in the manifest's `format:` and on the command line.
public enum InputFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case jsonLines = "json-lines"
    case syslog = "syslog"
    case syslog5424 = "syslog-rfc5424"
    case accessLog = "access-log"
    case pagerDutyLogEntries = "pagerduty-log-entries"

    /// A short human name.
    public var title: String {
        switch self {
        case .jsonLines: "JSON lines"
        case .syslog: "BSD syslog (RFC 3164)"
        case .syslog5424: "Syslog (RFC 5424)"
        case .accessLog: "nginx / Apache access log"
        case .pagerDutyLogEntries: "PagerDuty incident log entries"
        }
    }

    /// What the parser reads and how it finds time, for `debrief formats` and the README.
    public var summary: String {
        switch self {
        case .jsonLines:
            "one JSON object per line; time from ts/time/timestamp/@timestamp/date/… (ISO 8601 or epoch s/ms/µs/ns), level and message fields by common names"
        case .syslog:
            "`Mmm dd hh:mm:ss host tag[pid]: message`, optional <PRI>; no year (inferred) and no zone (manifest zone)"
        case .syslog5424:
            "`<PRI>1 timestamp host app procid msgid [SD] message` (also without <PRI>, as rsyslog writes files); zone from the timestamp"
        case .accessLog:
            "common and combined log format (`host ident user [dd/Mmm/yyyy:hh:mm:ss ±hhmm] \"request\" status bytes …`); 5xx are errors"
        case .pagerDutyLogEntries:
            "REST `GET /incidents/{id}/log_entries` responses (or a bare array), any order; trigger/acknowledge/escalate/resolve become transitions"
        }
    }

    /// The kind of events this format yields, for documentation.
    public var eventKind: Event.Kind {
        switch self {
        case .jsonLines, .syslog, .syslog5424, .accessLog: .log
        case .pagerDutyLogEntries: .alert
        }
    }

    /// Whether timestamps may lack a year, so the source must be read after the dated ones.
    public var mayLackYear: Bool {
        switch self {
        case .syslog: true
        case .jsonLines, .syslog5424, .accessLog, .pagerDutyLogEntries: false
        }
    }

    /// A fresh parser for one source.
    public func makeParser() -> EventParser {
        switch self {
        case .jsonLines: .lines(JSONLinesParser())
        case .syslog, .syslog5424: .lines(SyslogParser())
        case .accessLog: .lines(AccessLogParser())
        case .pagerDutyLogEntries: .document(PagerDutyLogParser())
        }
    }

    /// Whether this format reads a multi-file bundle (a folder or zip) rather than one file.
    public var isBundle: Bool {
        if case .bundle = makeParser() { return true }
        return false
    }

    /// How confident this format is that it can read a bundle (0 for single-file formats).
    public func confidence(forBundle sample: BundleSample) -> Double {
        switch self {
        case .jsonLines, .syslog, .syslog5424, .accessLog, .pagerDutyLogEntries: 0
        }
    }

    /// How confident this format is that it can read `sample`, from 0 (no) to 1 (certain).
    public func confidence(for sample: SniffSample) -> Double {
        switch self {
        case .jsonLines: JSONLinesParser.confidence(for: sample)
        case .syslog: SyslogParser.confidence3164(for: sample)
        case .syslog5424: SyslogParser.confidence5424(for: sample)
        case .accessLog: AccessLogParser.confidence(for: sample)
        case .pagerDutyLogEntries: PagerDutyLogParser.confidence(for: sample)
        }
    }
}
