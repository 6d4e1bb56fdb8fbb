import Dispatch

/// Wall-clock durations of the pipeline's stages, for `debrief build --timings` and the benchmark.
public struct StageTimings: Sendable, Hashable {
    /// Stage names and their durations in seconds, in the order they ran.
    public private(set) var stages: [(name: String, seconds: Double)] = []

    /// Creates an empty record.
    public init() {}

    /// Runs `body`, recording how long it took under `name`.
    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        return result
    }

    /// `resolve 0.001s, ingest 2.310s, …`.
    public var summary: String {
        stages.map { "\($0.name) \(String(format3($0.seconds)))s" }.joined(separator: ", ")
    }

    public static func == (lhs: StageTimings, rhs: StageTimings) -> Bool {
        lhs.stages.map(\.name) == rhs.stages.map(\.name) && lhs.stages.map(\.seconds) == rhs.stages.map(\.seconds)
    }

    public func hash(into hasher: inout Hasher) {
        for stage in stages {
            hasher.combine(stage.name)
            hasher.combine(stage.seconds)
        }
    }
}

/// Three decimals without Foundation's locale-dependent formatting.
func format3(_ value: Double) -> String {
    let thousandths = Int((value * 1000).rounded())
    return "\(thousandths / 1000).\(pad(thousandths % 1000, 3))"
}
