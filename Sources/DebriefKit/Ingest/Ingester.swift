import Dispatch
import Foundation

/// Reads every source of an incident in parallel.
///
/// Year-less timestamps (BSD syslog and the like) need a year from the incident's dated sources.
/// A quick probe of each dated source's first records gives that reference up front, so all
/// sources are read in one parallel round, largest first for balance. Only when no dated source can
/// be probed (a large document export, say) are the year-less ones read in a second round, after
/// the dated ones. Results come back in the order of the specs, whatever order threads finish in.
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
        let probes = parallelMap(specs) { reader.probe($0) }
        let needsYear = specs.indices.map { specs[$0].year == nil && probes[$0].mayLackYear }
        var results = [IngestedSource?](repeating: nil, count: specs.count)
        let dated = specs.indices.filter { !needsYear[$0] }
        let yearless = specs.indices.filter { needsYear[$0] }
        let probedInstants = dated.flatMap { probes[$0].instants }.sorted()
        if yearless.isEmpty || !probedInstants.isEmpty || dated.isEmpty {
            let reference = probedInstants.isEmpty ? nil : probedInstants[probedInstants.count / 2]
            read(specs.indices.map { $0 }, specs, probes, reference: { needsYear[$0] ? reference : nil }, into: &results)
        } else {
            read(dated, specs, probes, reference: { _ in nil }, into: &results)
            let reference = Self.referenceInstant(dated.compactMap { results[$0]?.summary })
            read(yearless, specs, probes, reference: { _ in reference }, into: &results)
        }
        return results.map { $0! }
    }

    /// Reads `indices` in parallel, largest file first, into their slots.
    private func read(
        _ indices: [Int], _ specs: [SourceSpec], _ probes: [SourceReader.Probe], reference: (Int) -> Instant?,
        into results: inout [IngestedSource?]
    ) {
        let ordered = indices.sorted { probes[$0].size != probes[$1].size ? probes[$0].size > probes[$1].size : $0 < $1 }
        let references = ordered.map(reference)
        let work = Array(zip(ordered, references)).map { WorkItem(index: $0.0, reference: $0.1) }
        let read = parallelMap(work) { item in
            reader.read(
                specs[item.index], referenceInstant: item.reference, sourceIndex: item.index,
                detection: probes[item.index].detection)
        }
        for (item, source) in zip(work, read) { results[item.index] = source }
    }

    struct WorkItem: Sendable {
        var index: Int
        var reference: Instant?
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
