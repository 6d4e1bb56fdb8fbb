import Dispatch
import Foundation

/// Wall-clock durations of the pipeline's stages, for `debrief build --timings` and the benchmark.
public struct StageTimings: Sendable, Hashable {
    /// Stage names and their durations in seconds, in the order they ran.
    public private(set) var stages: [(name: String, seconds: Double)] = []
    /// The process's peak resident memory after each stage, in MB (Linux; 0 elsewhere).
    public private(set) var peakMegabytes: [Int] = []

    /// Creates an empty record.
    public init() {}

    /// A clock reading to pass to `record(_:since:)`.
    public static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Records a stage that started at `start` (from `now`) and has just ended.
    public mutating func record(_ name: String, since start: UInt64) {
        stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        peakMegabytes.append(Self.peakResidentMegabytes())
    }

    /// Runs `body`, recording how long it took under `name`.
    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        peakMegabytes.append(Self.peakResidentMegabytes())
        return result
    }

    /// `resolve 0.001s (12 MB), ingest 2.310s (96 MB), …` — time and peak memory so far.
    public var summary: String {
        zip(stages, peakMegabytes).map { "\($0.name) \(format3($0.seconds))s (\($1) MB)" }.joined(separator: ", ")
    }

    /// The high-water mark of resident memory (`VmHWM` in /proc/self/status), in MB.
    static func peakResidentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes / 1024
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
