/// Reduces a log message to its template by masking what varies between records of one kind:
/// numbers, hex ids, UUIDs, IP addresses, versions and durations (any run of hex digits and `.:-_/`
/// that contains a decimal digit), and quoted strings. `waited 5000ms for 10.0.3.7` and
/// `waited 3120ms for 10.0.9.1` share the template `waited <*>ms for <*>`.
///
/// Works on bytes and hashes as it goes; the template text is built only when asked for.
public enum TemplateMasker {
    /// The placeholder for a masked value.
    public static let placeholder = "<*>"

    /// The template of `text`.
    public static func template(of text: String) -> String {
        var builder = TemplateBuilder()
        var copy = text
        copy.withUTF8 { mask(UnsafeRawBufferPointer($0), into: &builder) }
        return String(decoding: builder.bytes, as: UTF8.self)
    }

    /// A 64-bit hash of the template of `text`, without building it.
    public static func templateHash(of text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { templateHash(of: UnsafeRawBufferPointer($0)) }
    }

    /// A 64-bit hash of the template of `bytes` (the UTF-8 of a message), without building it.
    @inline(__always)
    public static func templateHash(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = TemplateHasher()
        hasher.feed(bytes)
        return hasher.value
    }

    /// Feeds the masked form of `bytes` to `sink`: literal runs and placeholders, in order (at most
    /// the first 1 KiB is considered). Generic so each sink gets its own specialised loop.
    @inline(__always)
    static func mask<Sink: TemplateSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink) {
        let n = min(bytes.count, 1024)
        var i = 0
        var literalStart = 0
        while i < n {
            let byte = bytes[i]
            // Quoted strings: "…" or '…' closed on the same line within 256 bytes.
            if byte == 0x22 || (byte == 0x27 && (i == 0 || !isWordByte(bytes[i - 1]))) {
                var j = i + 1
                while j < n, j - i < 256, bytes[j] != byte { j += 1 }
                if j < n, bytes[j] == byte {
                    sink.literal(UnsafeRawBufferPointer(rebasing: bytes[literalStart..<(i + 1)]))
                    sink.placeholder()
                    literalStart = j
                    i = j + 1
                    continue
                }
            }
            // A variable run must start at a digit or a hex letter not glued to a preceding letter.
            if isHexDigit(byte), i == 0 || !isLetter(bytes[i - 1]) || isDecimal(byte) {
                var j = i
                var sawDigit = false
                while j < n {
                    let b = bytes[j]
                    if isDecimal(b) {
                        sawDigit = true
                    } else if isHexDigit(b) || b == 0x2E || b == 0x3A || b == 0x2D || b == 0x5F || b == 0x2F {
                        // separators and hex letters continue a run
                    } else {
                        break
                    }
                    j += 1
                }
                // Trailing separators belong to the text (`at 10:30.` keeps the dot).
                while j > i, !isHexDigit(bytes[j - 1]) { j -= 1 }
                // A run that is a plain word (hex letters only) or that continues into letters is text.
                if sawDigit, j > i, j >= n || !isLetter(bytes[j]) || isDecimal(bytes[j - 1]) {
                    if i > literalStart { sink.literal(UnsafeRawBufferPointer(rebasing: bytes[literalStart..<i])) }
                    sink.placeholder()
                    literalStart = j
                    i = j
                    continue
                }
                i = max(j, i + 1)
                continue
            }
            i += 1
        }
        if n > literalStart { sink.literal(UnsafeRawBufferPointer(rebasing: bytes[literalStart..<n])) }
    }

    @inline(__always) static func isDecimal(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
        isDecimal(b) || (b | 0x20) &- 0x61 < 6
    }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool { isLetter(b) || isDecimal(b) }
}

/// Receives a masked message: literal text and placeholders, in order.
protocol TemplateSink {
    mutating func literal(_ bytes: UnsafeRawBufferPointer)
    mutating func placeholder()
}

/// Builds the template text.
struct TemplateBuilder: TemplateSink {
    var bytes: [UInt8] = []
    mutating func literal(_ piece: UnsafeRawBufferPointer) { bytes.append(contentsOf: piece) }
    mutating func placeholder() { bytes.append(contentsOf: [0x3C, 0x2A, 0x3E]) }
}

/// Hashes the template of a message given in pieces, equal to `TemplateMasker.templateHash` of the
/// pieces joined (as long as no quoted string spans two pieces): lets a parser key a record whose
/// text it would build as `METHOD PATH STATUS` without building it.
public struct TemplateHasher: TemplateSink {
    /// The hash so far (FNV-1a over the masked bytes).
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Creates an empty hasher.
    public init() {}

    /// Adds the masked form of `bytes`.
    @inline(__always)
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        TemplateMasker.mask(bytes, into: &self)
    }

    /// Adds one literal byte (a separator such as a space).
    @inline(__always)
    public mutating func feed(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    @inline(__always)
    mutating func literal(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        value = hash
    }

    @inline(__always)
    mutating func placeholder() {
        feed(byte: 0x3C)
        feed(byte: 0x2A)
        feed(byte: 0x3E)
    }
}
