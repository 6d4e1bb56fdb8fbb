#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first bytes of an input, prepared for format detection.
public struct SniffSample: Sendable {
    /// Up to the first 64 KiB (decompressed).
    public let bytes: [UInt8]
    /// The sample decoded as UTF-8 (lossy), for substring tests.
    public let text: String
    /// The first non-blank complete lines (at most 40).
    public let lines: [String]
    /// Whether the sample looks binary (NUL bytes or mostly control characters).
    public let isBinary: Bool
    /// Whether the sample is the whole input.
    public let isComplete: Bool

    /// Prepares a sample; `isComplete` says whether the input ended within it.
    public init(bytes: [UInt8], isComplete: Bool) {
        self.bytes = bytes
        self.isComplete = isComplete
        text = String(decoding: bytes, as: UTF8.self)
        var control = 0
        var nul = false
        for byte in bytes.prefix(8192) {
            if byte == 0 { nul = true }
            if byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x0C && byte != 0x1B {
                control += 1
            }
        }
        isBinary = nul || (bytes.count > 0 && control * 10 > min(bytes.count, 8192))
        var lines: [String] = []
        var body = bytes[...]
        if !isComplete, let lastNewline = bytes.lastIndex(of: 0x0A) { body = bytes[..<lastNewline] }
        for raw in body.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var line = raw
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            lines.append(String(decoding: line, as: UTF8.self))
            if lines.count == 40 { break }
        }
        self.lines = lines
    }

    /// The first non-white-space byte.
    public var firstSignificantByte: UInt8? {
        bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    /// Whether the sample contains `needle` (a byte search: detection asks this dozens of times per
    /// file, and `String.contains` walks grapheme clusters).
    public func contains(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            guard !pattern.isEmpty else { return true }
            return bytes.withUnsafeBytes { haystack in
                guard let base = haystack.baseAddress, let needle = pattern.baseAddress, let first = pattern.first,
                    haystack.count >= pattern.count
                else { return false }
                var offset = 0
                let last = haystack.count - pattern.count
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let position = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position, needle, pattern.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    /// The share of sample lines for which `matches` holds (0 when there are none).
    public func share(of matches: (String) -> Bool) -> Double {
        guard !lines.isEmpty else { return 0 }
        return Double(lines.filter(matches).count) / Double(lines.count)
    }
}
