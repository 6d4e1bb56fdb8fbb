/// Whether the incident met one response or resolution target for its severity.
public struct TargetResult: Sendable, Hashable {
    /// `acknowledge`, `mitigate` or `resolve`.
    public var name: String
    /// The target in words (`2h`, `3 working days`).
    public var target: String
    /// The target in seconds, when it is a fixed span.
    public var targetSeconds: Int64?
    /// The latest time that meets the target.
    public var deadline: Instant?
    /// The measured span in seconds, when both ends are known.
    public var actualSeconds: Int64?
    /// Whether it was met; nil when it cannot be told yet.
    public var met: Bool?
    /// Where the target comes from (`P1 default`, `manifest`).
    public var basis: String
}

/// A stretch longer than the agreed interval without a status update.
public struct CadenceGap: Sendable, Hashable {
    /// Where the gap starts (the previous update, or detection).
    public var start: Instant
    /// Where it ends (the next update, or resolution).
    public var end: Instant
    /// Its length in seconds.
    public var seconds: Int64
    /// The update that opens the gap, if it is an update.
    public var startEventID: String?
    /// The update that closes the gap, if it is an update.
    public var endEventID: String?
}

/// The audit of status updates against the expected cadence.
public struct CadenceAudit: Sendable, Hashable {
    /// The expected interval in seconds.
    public var intervalSeconds: Int64
    /// Where the interval comes from.
    public var basis: String
    /// The status updates found, by event id, in time order.
    public var updates: [String]
    /// The window audited.
    public var windowStart: Instant
    /// See `windowStart`.
    public var windowEnd: Instant
    /// Gaps longer than the interval.
    public var gaps: [CadenceGap]
}

/// An error-level log template that appeared for the first time, or spiked, during the incident.
public struct FlaggedTemplate: Sendable, Hashable {
    /// The source it was seen in.
    public var source: String
    /// The masked template.
    public var template: String
    /// `new` or `spike`.
    public var reason: String
    /// The first record of it in the incident window.
    public var firstSeen: Instant
    /// Its id.
    public var firstEventID: String
    /// The last record of it in the incident window.
    public var lastSeen: Instant
    /// The id of the entry holding that last record.
    public var lastEventID: String
    /// Records in the incident window.
    public var count: Int
    /// Records in the baseline before the window (same length).
    public var baselineCount: Int
}

/// A suggested clock correction for a source whose timestamps lag or lead the others consistently.
public struct SkewSuggestion: Sendable, Hashable {
    /// The source whose clock seems off.
    public var source: String
    /// The source it was compared with.
    public var reference: String
    /// The correction to add (`offset:` in the manifest), in seconds.
    public var offsetSeconds: Int64
    /// How many matched happenings support it.
    public var pairs: Int
    /// The spread of the observed lags (median absolute deviation), in seconds.
    public var spreadSeconds: Int64
}
