/// Guesses a severity from free text, for formats without a level field (BSD syslog, plain text).
///
/// Conservative on purpose: an explicit upper-case level token (`ERROR`, `WARN`, `FATAL`, …) is
/// trusted; otherwise only strong failure words count (`error`, `fatal`, `panic`, `exception` →
/// error; `failed`, `failure`, `timeout`, `refused`, `down`, … → warning). Events whose severity was
/// guessed carry the attribute `severity-basis: text`. Runs on bytes without allocating: it sees
/// every line of a log that has no level field.
enum SeverityGuess {
    /// A word and what it implies; `explicit` words count only when written in upper case.
    struct Word {
        let bytes: [UInt8]
        let severity: Severity
        let explicit: Bool
    }

    /// The vocabulary, bucketed by first letter (lower case) for a quick reject.
    static let table: [[Word]] = {
        var table = [[Word]](repeating: [], count: 26)
        func add(_ word: String, _ severity: Severity, explicit: Bool) {
            let bytes = Array(word.lowercased().utf8)
            table[Int(bytes[0] - 0x61)].append(Word(bytes: bytes, severity: severity, explicit: explicit))
        }
        for (word, severity) in [
            ("error", Severity.error), ("err", .error), ("warn", .warning), ("warning", .warning),
            ("fatal", .critical), ("critical", .critical), ("crit", .critical), ("info", .info),
            ("debug", .debug), ("notice", .notice), ("trace", .trace), ("severe", .error), ("emerg", .critical),
            ("alert", .critical), ("panic", .critical),
        ] {
            add(word, severity, explicit: true)
        }
        for word in ["error", "errors", "fatal", "panic", "exception", "critical", "segfault", "oom", "crashed", "crash"] {
            add(word, .error, explicit: false)
        }
        for word in [
            "failed", "failure", "failing", "timeout", "refused", "unreachable", "down", "denied", "unhealthy",
            "exhausted", "degraded", "warning", "warn", "dropped",
        ] {
            add(word, .warning, explicit: false)
        }
        return table
    }()

    static func guess(_ text: UnsafeRawBufferPointer) -> Severity? {
        var strongest: Severity?
        var i = 0
        let n = min(text.count, 512)
        while i < n {
            while i < n, !isLetter(text[i]) { i += 1 }
            let start = i
            var allUpper = true
            while i < n, isLetter(text[i]) {
                if text[i] >= 0x61 { allUpper = false }
                i += 1
            }
            let length = i - start
            guard length >= 3, length <= 11 else { continue }
            let first = Int((text[start] | 0x20) - 0x61)
            for word in table[first] where word.bytes.count == length {
                var equal = true
                for k in 1..<length where (text[start + k] | 0x20) != word.bytes[k] {
                    equal = false
                    break
                }
                guard equal else { continue }
                if word.explicit {
                    if allUpper { return word.severity }
                } else if word.severity > (strongest ?? .trace) {
                    strongest = word.severity
                }
            }
        }
        return strongest
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26
    }
}

extension Severity {
    /// Recognises a level name given as bytes (`ERROR`, `warn`, `E`, `Information`, …) without
    /// building a `String` for the common names; nil if unknown.
    public init?(levelBytes bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        if let known = Self.commonLevels.first(where: { $0.bytes.count == bytes.count && Self.equalIgnoringCase($0.bytes, bytes) }) {
            self = known.severity
            return
        }
        self.init(levelName: String(decoding: bytes, as: UTF8.self))
    }

    private static let commonLevels: [(bytes: [UInt8], severity: Severity)] = [
        ("info", Severity.info), ("error", .error), ("warn", .warning), ("warning", .warning), ("debug", .debug),
        ("notice", .notice), ("trace", .trace), ("fatal", .critical), ("critical", .critical), ("err", .error),
        ("information", .info),
    ].map { (Array($0.0.utf8), $0.1) }

    private static func equalIgnoringCase(_ lower: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        for index in 0..<lower.count where bytes[index] | 0x20 != lower[index] { return false }
        return true
    }
}
