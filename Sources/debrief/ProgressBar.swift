import DebriefKit
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on stderr — bytes read, rate and time left — shown only when stderr is a
/// terminal and the input is large, so pipes, CI logs and small incidents stay quiet.
final class ProgressBar: @unchecked Sendable {
    /// Inputs smaller than this finish before a bar would help.
    static let threshold: Int64 = 64 << 20

    let counter = ProgressCounter()
    private let lock = NSLock()
    private var running = false
    private var thread: Thread?
    private let started = Date()

    /// Whether a bar can be shown at all (stderr is a terminal).
    static var isAvailable: Bool { isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil }

    func start() {
        lock.lock()
        running = true
        lock.unlock()
        let thread = Thread { [weak self] in
            while let self, self.isRunning {
                self.draw()
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        self.thread = thread
        thread.start()
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    func stop() {
        lock.lock()
        let wasRunning = running
        running = false
        lock.unlock()
        if wasRunning { Console.writeStandardError("\r\u{1B}[2K") }
    }

    private func draw() {
        let (read, total) = counter.snapshot
        guard total >= Self.threshold, read > 0 else { return }
        let elapsed = max(0.001, Date().timeIntervalSince(started))
        let rate = Double(read) / elapsed
        let fraction = min(1, Double(read) / Double(total))
        let width = 28
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let left = rate > 0 ? Double(total - read) / rate : 0
        let line =
            "\r\u{1B}[2Kreading [\(bar)] \(Self.megabytes(read)) / \(Self.megabytes(total)) MB  \(Int(rate / 1e6)) MB/s  ETA \(Int(left.rounded()))s"
        if isRunning { Console.writeStandardError(line) }
    }

    static func megabytes(_ bytes: Int64) -> String { String(bytes / 1_000_000) }
}
