/// Debrief's version, written into every report.
public enum DebriefVersion {
    /// The version string.
    public static let current = "0.1.0"
}
