#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes terminal escape sequences (colours, erase-line) that `docker compose logs` and
/// colourised application logs write into their lines.
enum ANSIEscapes {
    /// Whether `bytes` contain an escape character at all (one `memchr`).
    static func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0x1B, bytes.count) != nil
    }

    /// The bytes without CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC \`) and two-byte escapes.
    static func stripped(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            guard byte == 0x1B else {
                result.append(byte)
                i += 1
                continue
            }
            i += 1
            guard i < n else { break }
            switch bytes[i] {
            case 0x5B:  // CSI: parameters and intermediates, then one final byte 0x40–0x7E
                i += 1
                while i < n, !(bytes[i] >= 0x40 && bytes[i] <= 0x7E) { i += 1 }
                i += 1
            case 0x5D:  // OSC: up to BEL or ESC \
                i += 1
                while i < n, bytes[i] != 0x07, bytes[i] != 0x1B { i += 1 }
                if i < n, bytes[i] == 0x1B { i += 1 }
                i += 1
            default:
                i += 1
            }
        }
        return result
    }
}
