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

    /// Byte classes for the masking scan: one table lookup per byte instead of range tests. Kept
    /// as a pointer that lives for the process, so a lookup costs no reference counting.
    nonisolated(unsafe) static let classTable: UnsafePointer<UInt8> = {  // written once, then only read
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in UInt8(0x30)...0x39 { table[Int(byte)] = decimalClass }
        for byte in UInt8(0x41)...0x5A { table[Int(byte)] = letterClass }
        for byte in UInt8(0x61)...0x7A { table[Int(byte)] = letterClass }
        for byte in [UInt8(0x41), 0x42, 0x43, 0x44, 0x45, 0x46, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66] {
            table[Int(byte)] = letterClass | hexLetterClass
        }
        for byte in [UInt8(0x2E), 0x3A, 0x2D, 0x5F, 0x2F] { table[Int(byte)] = separatorClass }
        return UnsafePointer(table)
    }()
    static let decimalClass: UInt8 = 1
    static let hexLetterClass: UInt8 = 2
    static let letterClass: UInt8 = 4
    static let separatorClass: UInt8 = 8

    /// Feeds the masked form of `bytes` to `sink`: literal runs and placeholders, in order (at most
    /// the first 1 KiB is considered). Generic so each sink gets its own specialised loop.
    @inline(__always)
    static func mask<Sink: TemplateSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink) {
        do {
            let table = classTable
            let hex = decimalClass | hexLetterClass
            let runByte = hex | separatorClass
            let n = min(bytes.count, 1024)
            var i = 0
            var literalStart = 0
            var previous: UInt8 = 0  // class of bytes[i - 1]
            while i < n {
                let byte = bytes[i]
                let kind = table[Int(byte)]
                // Quoted strings: "…" or '…' closed on the same line within 256 bytes.
                if byte == 0x22 || (byte == 0x27 && previous & (letterClass | decimalClass) == 0) {
                    var j = i + 1
                    while j < n, j - i < 256, bytes[j] != byte { j += 1 }
                    if j < n, bytes[j] == byte {
                        sink.literal(UnsafeRawBufferPointer(rebasing: bytes[literalStart..<(i + 1)]))
                        sink.placeholder()
                        literalStart = j
                        i = j + 1
                        previous = 0
                        continue
                    }
                }
                // A variable run must start at a digit or a hex letter not glued to a preceding letter.
                if kind & hex != 0, kind & decimalClass != 0 || previous & letterClass == 0 {
                    var j = i
                    var sawDigit = false
                    while j < n {
                        let k = table[Int(bytes[j])]
                        if k & runByte == 0 { break }
                        if k & decimalClass != 0 { sawDigit = true }
                        j += 1
                    }
                    // Trailing separators belong to the text (`at 10:30.` keeps the dot).
                    while j > i, table[Int(bytes[j - 1])] & hex == 0 { j -= 1 }
                    // A run that is a plain word (hex letters only) or that continues into letters is text.
                    if sawDigit, j > i,
                        j >= n || table[Int(bytes[j])] & letterClass == 0 || table[Int(bytes[j - 1])] & decimalClass != 0
                    {
                        if i > literalStart { sink.literal(UnsafeRawBufferPointer(rebasing: bytes[literalStart..<i])) }
                        sink.placeholder()
                        literalStart = j
                        i = j
                        previous = table[Int(bytes[j - 1])]
                        continue
                    }
                    let next = max(j, i + 1)
                    previous = table[Int(bytes[next - 1])]
                    i = next
                    continue
                }
                previous = kind
                i += 1
            }
            if n > literalStart { sink.literal(UnsafeRawBufferPointer(rebasing: bytes[literalStart..<n])) }
        }
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
/// text it would build as `METHOD PATH STATUS` without building it. The hash mixes eight bytes at a
/// time and buffers partial words, so how the bytes are split into pieces does not matter.
public struct TemplateHasher: TemplateSink {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var total = 0

    /// Creates an empty hasher.
    public init() {}

    /// The hash of everything fed so far.
    public var value: UInt64 {
        var copy = self
        copy.mix(copy.pending ^ (UInt64(truncatingIfNeeded: copy.total) << 56))
        return copy.state
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        var x = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        state = x
    }

    /// Adds the masked form of `bytes`.
    @inline(__always)
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        TemplateMasker.mask(bytes, into: &self)
    }

    /// Adds one literal byte (a separator such as a space).
    @inline(__always)
    public mutating func feed(byte: UInt8) {
        pending |= UInt64(byte) << UInt64(pendingCount * 8)
        pendingCount += 1
        total += 1
        if pendingCount == 8 {
            mix(pending)
            pending = 0
            pendingCount = 0
        }
    }

    @inline(__always)
    mutating func literal(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        while pendingCount != 0, i < n {
            feed(byte: bytes[i])
            i += 1
        }
        while i + 8 <= n {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
            total += 8
        }
        while i < n {
            feed(byte: bytes[i])
            i += 1
        }
    }

    @inline(__always)
    mutating func placeholder() {
        feed(byte: 0x3C)
        feed(byte: 0x2A)
        feed(byte: 0x3E)
    }
}
