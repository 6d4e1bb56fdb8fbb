#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of input, valid only inside the callback that receives it.
public struct Line {
    /// The line's bytes without the line terminator (`\n` or `\r\n`).
    public let bytes: UnsafeRawBufferPointer
    /// The 1-based line number.
    public let number: Int
    /// The byte offset of the line's first byte in the stream.
    public let offset: Int64
    /// Whether the line was longer than the reader's limit and was cut.
    public let isTruncated: Bool

    /// The line decoded as UTF-8, invalid sequences replaced with U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether the line holds only spaces and tabs.
    public var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
}

/// Splits a byte stream into lines with bounded memory.
///
/// Reads fixed-size chunks, finds line ends with `memchr`, and hands out lines as views into its
/// buffer. A line longer than `maxLineLength` is delivered cut to that length (flagged) and the rest
/// of it is skipped without being held, so a 100 MB line costs no more memory than a short one.
/// A leading UTF-8 byte-order mark is dropped.
public struct LineReader: ~Copyable {
    private let stream: any ByteStream
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var streamOffsetOfBuffer: Int64 = 0
    private var atEnd = false
    private var lineNumber = 0
    private var skippedBOM = false
    /// The longest line delivered whole; longer lines are cut to this many bytes.
    public let maxLineLength: Int
    /// Set when the stream failed part-way; lines before the failure were delivered.
    public private(set) var readError: DebriefError?
    /// Total bytes consumed from the stream so far.
    public var bytesRead: Int64 { streamOffsetOfBuffer + Int64(end) }

    /// Creates a reader over `stream`.
    public init(stream: any ByteStream, chunkSize: Int = 1 << 20, maxLineLength: Int = 1 << 20) {
        self.stream = stream
        self.maxLineLength = max(16, maxLineLength)
        buffer = .allocate(byteCount: max(chunkSize, self.maxLineLength) * 2, alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// Fills the buffer with at least `count` bytes (or the whole stream) without consuming them,
    /// and returns a copy of the unconsumed bytes (at most `count`): the sample a sniffer looks at.
    public mutating func peek(upTo count: Int) -> [UInt8] {
        while end - start < count && !atEnd {
            if !fill() { break }
        }
        skipBOMIfNeeded()
        let available = min(count, end - start)
        return Array(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + available)]))
    }

    /// Calls `body` for every line, in order. Stops early if `body` throws.
    public mutating func forEachLine(_ body: (Line) throws -> Void) rethrows {
        while true {
            skipBOMIfNeeded()
            if let newline = findNewline() {
                try deliver(from: start, to: newline, truncated: false, body)
                start = newline + 1
                continue
            }
            if end - start >= maxLineLength {
                try deliver(from: start, to: start + maxLineLength, truncated: true, body)
                discardRestOfLine()
                continue
            }
            if atEnd || !fill() {
                if start < end {
                    try deliver(from: start, to: end, truncated: false, body)
                    start = end
                }
                return
            }
        }
    }

    /// Reads the next line into a `String`, or nil at the end (convenient for small inputs and tests).
    public mutating func nextLineText() -> String? {
        var result: String?
        // forEachLine cannot stop after one line without throwing, so read one line directly.
        skipBOMIfNeeded()
        while result == nil {
            if let newline = findNewline() {
                lineNumber += 1
                result = String(decoding: trimmedCR(start, newline), as: UTF8.self)
                start = newline + 1
            } else if end - start >= maxLineLength {
                lineNumber += 1
                result = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + maxLineLength)]), as: UTF8.self)
                discardRestOfLine()
            } else if atEnd || !fill() {
                guard start < end else { return nil }
                lineNumber += 1
                result = String(decoding: trimmedCR(start, end), as: UTF8.self)
                start = end
            }
        }
        return result
    }

    /// Reads everything not yet consumed, failing once more than `limit` bytes would be held.
    /// Used by document formats (JSON, XML exports), which need the whole text at once. A stream that
    /// fails part-way returns what was read and leaves the failure in `readError`.
    public mutating func readRemaining(limit: Int, path: String) throws -> [UInt8] {
        skipBOMIfNeeded()
        var result: [UInt8] = []
        while true {
            let available = end - start
            if result.count + available > limit {
                throw DebriefError(
                    "larger than the \(limit >> 20) MiB limit for one document; split the export or raise the limit",
                    path: path)
            }
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
            start = end
            if !fill() { break }
        }
        return result
    }

    private mutating func deliver(
        from lower: Int, to upper: Int, truncated: Bool, _ body: (Line) throws -> Void
    ) rethrows {
        lineNumber += 1
        let line = Line(
            bytes: trimmedCR(lower, upper), number: lineNumber,
            offset: streamOffsetOfBuffer + Int64(lower), isTruncated: truncated)
        try body(line)
    }

    private func trimmedCR(_ lower: Int, _ upper: Int) -> UnsafeRawBufferPointer {
        var upper = upper
        if upper > lower && buffer[upper - 1] == 0x0D { upper -= 1 }
        return UnsafeRawBufferPointer(rebasing: buffer[lower..<upper])
    }

    private func findNewline() -> Int? {
        guard end > start else { return nil }
        guard let found = memchr(buffer.baseAddress! + start, 0x0A, end - start) else { return nil }
        return buffer.baseAddress!.distance(to: UnsafeMutableRawPointer(found))
    }

    private mutating func skipBOMIfNeeded() {
        guard !skippedBOM else { return }
        while end - start < 3 && !atEnd {
            if !fill() { break }
        }
        skippedBOM = true
        if end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF {
            start += 3
        }
    }

    /// Moves unconsumed bytes to the front and reads more; false at the end of the stream or on error.
    private mutating func fill() -> Bool {
        guard !atEnd else { return false }
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: remaining)
            }
            streamOffsetOfBuffer += Int64(start)
            start = 0
            end = remaining
        }
        guard end < buffer.count else { return false }
        do {
            let count = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if count == 0 {
                atEnd = true
                return false
            }
            end += count
            return true
        } catch {
            readError = error as? DebriefError ?? DebriefError("read failed: \(error)")
            atEnd = true
            return false
        }
    }

    /// Drops bytes up to and including the next newline, reading ahead as needed.
    private mutating func discardRestOfLine() {
        start += maxLineLength
        while true {
            if let newline = findNewline() {
                start = newline + 1
                return
            }
            start = end
            if !fill() { return }
        }
    }
}
