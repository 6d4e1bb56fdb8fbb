/// Finds the line of increasing byte offsets in a document, reading each byte once.
struct LineCounter {
    private let bytes: UnsafeRawBufferPointer
    private var line = 1
    private var counted = 0

    /// A counter over `bytes` (a whole document).
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The 1-based line of `offset`; offsets must not decrease between calls.
    mutating func line(at offset: Int) -> Int {
        while counted < min(offset, bytes.count) {
            if bytes[counted] == 0x0A { line += 1 }
            counted += 1
        }
        return line
    }

    /// The line where `slice` (a part of the document) starts.
    mutating func line(of slice: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress, let start = slice.baseAddress else { return line }
        return line(at: base.distance(to: start))
    }

    /// The byte offset of `slice` in the document.
    func offset(of slice: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress, let start = slice.baseAddress else { return 0 }
        return base.distance(to: start)
    }
}
