import Foundation

/// Counts the bytes read from disk while sources are ingested, for a progress display.
///
/// Files add to it once per chunk (1 MiB), so the lock costs nothing measurable.
public final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var read: Int64 = 0
    private var total: Int64 = 0

    /// Creates a counter.
    public init() {}

    /// Adds bytes read.
    public func add(_ bytes: Int) {
        lock.lock()
        read += Int64(bytes)
        lock.unlock()
    }

    /// Sets the bytes expected in all.
    public func expect(_ bytes: Int64) {
        lock.lock()
        total = bytes
        lock.unlock()
    }

    /// Bytes read so far and bytes expected.
    public var snapshot: (read: Int64, total: Int64) {
        lock.lock()
        defer { lock.unlock() }
        return (read, total)
    }
}
