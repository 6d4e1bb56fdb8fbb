/// Decodes text that is mostly UTF-8 but may hold stray bytes from a legacy 8-bit charset, as IRC
/// logs do when clients with different encodings share a channel.
///
/// Valid UTF-8 sequences are kept; every byte that is not part of one is read as Windows-1252
/// (Latin-1 with the printable 0x80–0x9F block), so `ai\u{9A}ku` becomes `aišku` instead of `ai�ku`.
enum MixedEncodingText {
    /// Windows-1252's characters for bytes 0x80–0x9F (undefined ones map to the C1 control code).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The text of `bytes`.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            if let (scalar, length) = scalar(bytes, i) {
                scalars.append(scalar)
                i += length
                continue
            }
            let byte = bytes[i]
            let code = byte >= 0x80 && byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            i += 1
        }
        return String(scalars)
    }

    /// The scalar of the valid UTF-8 sequence at `index` and its length, or nil when there is none.
    static func scalar(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let length: Int
        let minimum: UInt32
        switch lead {
        case 0x00..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC2..<0xE0: (length, minimum) = (2, 0x80)
        case 0xE0..<0xF0: (length, minimum) = (3, 0x800)
        case 0xF0..<0xF5: (length, minimum) = (4, 0x10000)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
