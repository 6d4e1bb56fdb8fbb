/// The incident's severity on the common P0 (worst) to P3 scale.
public enum IncidentSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case p0 = "P0"
    case p1 = "P1"
    case p2 = "P2"
    case p3 = "P3"

    /// Parses `P1`, `p1`, `SEV1`, `sev-1`, `1`; nil for anything else.
    public init?(text: String) {
        var digits = text.uppercased().filter { $0 != "-" && $0 != " " && $0 != "_" }
        for prefix in ["SEV", "P", "S"] where digits.hasPrefix(prefix) {
            digits.removeFirst(prefix.count)
            break
        }
        guard digits.count == 1, let level = Int(digits), (0...3).contains(level) else { return nil }
        self = [.p0, .p1, .p2, .p3][level]
    }

    private var level: Int { Self.allCases.firstIndex(of: self)! }

    /// P0 < P1: a smaller level is more severe, so sorting puts the worst first.
    public static func < (lhs: IncidentSeverity, rhs: IncidentSeverity) -> Bool { lhs.level < rhs.level }
}
