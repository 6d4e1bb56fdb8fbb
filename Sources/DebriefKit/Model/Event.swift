/// One thing that happened during an incident, normalised from any input source.
///
/// Every parser produces `Event`s; everything downstream (timeline, analysis, renderers) reads them.
/// The identity is derived from where the record was read, so reruns over the same inputs give the
/// same ids and a five-whys file can cite them.
public struct Event: Sendable, Hashable {
    /// When it happened, in UTC.
    public var time: Instant
    /// The timestamp exactly as the source wrote it (after trimming), for audit and display.
    public var timeText: String
    /// Where the record was read.
    public var source: SourceRef
    /// What kind of happening this is.
    public var kind: Kind
    /// Who or what did it (a person's display name, a service, a host), when the source says.
    public var actor: String?
    /// The level the source gave (log level, alert severity), normalised.
    public var severity: Severity?
    /// The human-readable text: a log message, a chat message, a ticket change.
    public var text: String
    /// Structured fields worth keeping (host, service, status code, transition, …).
    public var attributes: Attributes

    /// Creates an event.
    public init(
        time: Instant, timeText: String, source: SourceRef, kind: Kind, actor: String? = nil,
        severity: Severity? = nil, text: String, attributes: Attributes = Attributes()
    ) {
        self.time = time
        self.timeText = timeText
        self.source = source
        self.kind = kind
        self.actor = actor
        self.severity = severity
        self.text = text
        self.attributes = attributes
    }

    /// The stable identity: `path:line` for line-based sources, `path#record` for documents.
    public var id: String { source.eventID }
}

extension Event {
    /// The kinds of happening the timeline distinguishes.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A line or record from a log.
        case log
        /// A message in a chat channel.
        case chat
        /// A change to or comment on a ticket.
        case ticket
        /// A page, alert or state change from a paging or alerting system.
        case alert
        /// A deployment, rollback or configuration change.
        case deploy
        /// A status update to stakeholders or customers.
        case status
        /// Anything else worth noting, including records kept raw because they could not be parsed.
        case note
    }
}

/// The severity of an event, normalised from log levels, syslog priorities and alert severities.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case trace, debug, info, notice, warning, error, critical

    private var rank: Int {
        switch self {
        case .trace: 0
        case .debug: 1
        case .info: 2
        case .notice: 3
        case .warning: 4
        case .error: 5
        case .critical: 6
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// The severity of an RFC 5424 numeric severity (0 emergency … 7 debug).
    public init(syslogSeverity value: Int) {
        switch value {
        case ...2: self = .critical
        case 3: self = .error
        case 4: self = .warning
        case 5: self = .notice
        case 6: self = .info
        default: self = .debug
        }
    }

    /// Recognises common level names (`ERROR`, `warn`, `E`, `fatal`, `Information`, …); nil if unknown.
    public init?(levelName: some StringProtocol) {
        var lowered = ""
        lowered.reserveCapacity(levelName.utf8.count)
        for byte in levelName.utf8 {
            lowered.unicodeScalars.append(Unicode.Scalar(byte >= 65 && byte <= 90 ? byte + 32 : byte))
        }
        switch lowered {
        case "trace", "trc", "verbose", "v", "finest", "finer": self = .trace
        case "debug", "dbg", "d", "fine", "debug1", "debug2", "debug3", "debug4", "debug5": self = .debug
        case "info", "inf", "i", "information", "informational", "log", "config": self = .info
        case "notice", "n", "note": self = .notice
        case "warn", "warning", "w", "wrn": self = .warning
        case "error", "err", "e", "eror", "severe", "failure", "fail": self = .error
        case "critical", "crit", "fatal", "f", "alert", "emerg", "emergency", "panic", "c", "a", "disaster":
            self = .critical
        default: return nil
        }
    }
}
