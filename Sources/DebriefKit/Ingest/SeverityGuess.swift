/// Guesses a severity from free text, for formats without a level field (BSD syslog, plain text).
///
/// Conservative on purpose: an explicit level token (`ERROR`, `[warn]`, `level=error`, `<E>`) is
/// trusted; otherwise only strong failure words count (`error`, `fatal`, `panic`, `exception` →
/// error; `failed`, `failure`, `timeout`, `refused`, `down`, … → warning). Events whose severity was
/// guessed carry the attribute `severity-basis: text`.
enum SeverityGuess {
    /// Upper-case tokens that state a level outright.
    private static let explicitLevels: Set<String> = [
        "ERROR", "ERR", "WARN", "WARNING", "FATAL", "CRITICAL", "CRIT", "INFO", "DEBUG", "NOTICE", "TRACE",
        "SEVERE", "EMERG", "ALERT", "PANIC",
    ]

    static func guess(_ text: UnsafeRawBufferPointer) -> Severity? {
        var strongest: Severity?
        var i = 0
        let n = min(text.count, 512)
        while i < n {
            // Words are runs of ASCII letters.
            while i < n, !isLetter(text[i]) { i += 1 }
            let start = i
            while i < n, isLetter(text[i]) { i += 1 }
            guard (3...9).contains(i - start) else { continue }
            let word = UnsafeRawBufferPointer(rebasing: text[start..<i])
            if word.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
                let token = String(decoding: word, as: UTF8.self)
                if explicitLevels.contains(token), let level = Severity(levelName: token) { return level }
            }
            if let candidate = keyword(word), candidate > (strongest ?? .trace) { strongest = candidate }
        }
        return strongest
    }

    private static func keyword(_ word: UnsafeRawBufferPointer) -> Severity? {
        var lowered = [UInt8](word)
        for index in lowered.indices where lowered[index] >= 0x41 && lowered[index] <= 0x5A { lowered[index] += 32 }
        switch String(decoding: lowered, as: UTF8.self) {
        case "error", "errors", "fatal", "panic", "exception", "critical", "segfault", "oom", "crashed", "crash":
            return .error
        case "failed", "failure", "failing", "timeout", "refused", "unreachable", "down", "denied", "unhealthy",
            "exhausted", "degraded", "warning", "warn", "dropped":
            return .warning
        default:
            return nil
        }
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }
}
