/// What the manifest says about the analysis: overrides, targets, cadence, deadlines, focus and
/// burst collapse. Every field has a default from common incident-management practice.
public struct AnalysisSettings: Sendable, Hashable {
    /// Milestone times the team fixed by hand; they win over any evidence.
    public var milestoneOverrides: [MilestoneKind: Instant] = [:]
    /// Response and resolution targets overriding the severity's defaults.
    public var targets: TargetOverrides = TargetOverrides()
    /// How often status updates are due, in seconds (nil: the severity's default).
    public var statusUpdateInterval: Int64?
    /// A regular expression that marks a chat message as a status update, besides the built-in phrases.
    public var statusUpdatePattern: String?
    /// How long after resolution the written review is due, in seconds.
    public var reviewDueSeconds: Int64 = 24 * 3600
    /// How much before impact start and after resolution the reports show.
    public var focusBeforeSeconds: Int64 = 30 * 60
    /// See `focusBeforeSeconds`.
    public var focusAfterSeconds: Int64 = 30 * 60
    /// Burst collapse settings.
    public var collapse = BurstCollapser.Settings()

    /// Creates default settings.
    public init() {}

    /// Target overrides; nil keeps the severity's default.
    public struct TargetOverrides: Sendable, Hashable {
        /// Detected → acknowledged.
        public var acknowledgeSeconds: Int64?
        /// Impact start → mitigated.
        public var mitigateSeconds: Int64?
        /// Impact start → resolved.
        public var resolveSeconds: Int64?

        /// Creates overrides.
        public init(acknowledgeSeconds: Int64? = nil, mitigateSeconds: Int64? = nil, resolveSeconds: Int64? = nil) {
            self.acknowledgeSeconds = acknowledgeSeconds
            self.mitigateSeconds = mitigateSeconds
            self.resolveSeconds = resolveSeconds
        }
    }
}
