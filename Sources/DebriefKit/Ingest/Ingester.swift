import Dispatch
import Foundation

/// Reads every source of an incident, in parallel, in two rounds.
///
/// Round one reads the sources whose timestamps carry a year; their time range then anchors the
/// year-less ones (BSD syslog and the like), read in round two. Results come back in the order of
/// the specs, whatever order the threads finish in.
public struct Ingester: Sendable {
    /// Reads each source.
    public var reader: SourceReader
    /// How many sources are read at once.
    public var parallelism: Int

    /// Creates an ingester.
    public init(reader: SourceReader = SourceReader(), parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.reader = reader
        self.parallelism = max(1, parallelism)
    }

    /// Reads all `specs`; the manifest `year`, if any, is already in each spec.
    public func ingest(_ specs: [SourceSpec]) -> [IngestedSource] {
        // Detection reads only the first 64 KiB, so doing it twice (here and in `read`) is cheap.
        let needsYear = parallelMap(specs) { spec -> Bool in
            guard spec.year == nil, let format = spec.format ?? reader.detect(spec).format else { return false }
            return format.mayLackYear
        }
        var results = [IngestedSource?](repeating: nil, count: specs.count)
        let firstRound = specs.indices.filter { !needsYear[$0] }
        let read = parallelMap(firstRound) { index in reader.read(specs[index], sourceIndex: index) }
        for (index, source) in zip(firstRound, read) { results[index] = source }
        let secondRound = specs.indices.filter { needsYear[$0] }
        if !secondRound.isEmpty {
            let reference = Self.referenceInstant(results.compactMap { $0?.summary })
            let read = parallelMap(secondRound) { index in
                reader.read(specs[index], referenceInstant: reference, sourceIndex: index)
            }
            for (index, source) in zip(secondRound, read) { results[index] = source }
        }
        return results.map { $0! }
    }

    /// The median of the dated sources' first and last instants: robust against one stray export.
    static func referenceInstant(_ summaries: [SourceSummary]) -> Instant? {
        let instants = summaries.flatMap { [$0.firstTime, $0.lastTime].compactMap { $0 } }.sorted()
        guard !instants.isEmpty else { return nil }
        return instants[instants.count / 2]
    }

    /// Maps in parallel, keeping order.
    func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1, parallelism > 1 else { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: min(parallelism, items.count)) { _ in
            while true {
                let index = next.increment()
                guard index < items.count else { return }
                results.set(index, transform(items[index]))
            }
        }
        return results.values()
    }
}

/// Slots filled from several threads, each slot once.
final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: R) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [R] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// A counter shared between threads.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// Returns the current value and adds one.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}
