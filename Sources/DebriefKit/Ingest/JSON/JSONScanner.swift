/// Walks the members of one JSON object in place, without building values.
///
/// JSON-lines logs run to millions of lines; building a `JSONValue` for each would allocate every
/// key and value. The scanner hands out byte ranges instead, and callers decode only the members
/// they keep. Nested objects and arrays are skipped by bracket matching (string-aware) and can be
/// scanned in turn from their range.
public struct JSONScanner {
    /// The type of a member's value.
    public enum Kind: Sendable, Hashable {
        case string, number, bool, null, object, array
    }

    /// One member of the scanned object.
    public struct Member {
        /// The key's bytes between the quotes (escapes not decoded).
        public let key: UnsafeRawBufferPointer
        /// The value's type.
        public let kind: Kind
        /// The value's bytes: for strings, between the quotes; otherwise the whole value text.
        public let value: UnsafeRawBufferPointer
        /// Whether the string value contains backslash escapes (decode before use).
        public let valueHasEscapes: Bool

        /// Whether the key equals `name` (ASCII, case-insensitive).
        @inline(__always)
        public func keyEquals(_ name: StaticString) -> Bool {
            JSONScanner.equalsIgnoringCase(key, name)
        }

        /// The value decoded as a string: string contents unescaped, other scalars as written.
        public var stringValue: String {
            switch kind {
            case .string:
                if !valueHasEscapes { return String(decoding: value, as: UTF8.self) }
                return JSONScanner.unescape(value)
            default:
                return String(decoding: value, as: UTF8.self)
            }
        }

        /// The key as a string (escapes decoded).
        public var keyString: String {
            key.contains(0x5C) ? JSONScanner.unescape(key) : String(decoding: key, as: UTF8.self)
        }
    }

    /// Why an object could not be scanned.
    public struct Failure: Error, Sendable, Hashable {
        /// What was wrong.
        public var message: String
        /// The byte offset in the scanned buffer.
        public var offset: Int
    }

    /// Scans the object that fills `bytes` (surrounding white space allowed), calling `body` for
    /// each top-level member in order.
    public static func forEachMember(
        in bytes: UnsafeRawBufferPointer, _ body: (Member) -> Void
    ) throws(Failure) {
        var i = skipSpace(bytes, 0)
        guard i < bytes.count, bytes[i] == 0x7B else { throw Failure(message: "expected '{'", offset: i) }
        i = skipSpace(bytes, i + 1)
        if i < bytes.count, bytes[i] == 0x7D {
            guard skipSpace(bytes, i + 1) == bytes.count else {
                throw Failure(message: "unexpected text after the object", offset: i + 1)
            }
            return
        }
        while true {
            guard i < bytes.count, bytes[i] == 0x22 else {
                throw Failure(message: "expected a member name in quotes", offset: i)
            }
            let (keyEnd, _) = try stringEnd(bytes, i + 1)
            let key = UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<keyEnd])
            i = skipSpace(bytes, keyEnd + 1)
            guard i < bytes.count, bytes[i] == 0x3A else { throw Failure(message: "expected ':'", offset: i) }
            i = skipSpace(bytes, i + 1)
            guard i < bytes.count else { throw Failure(message: "unexpected end of line", offset: i) }
            let member: Member
            (member, i) = try value(in: bytes, at: i, key: key)
            body(member)
            i = skipSpace(bytes, i)
            guard i < bytes.count else { throw Failure(message: "unexpected end of line inside an object", offset: i) }
            if bytes[i] == 0x2C {
                i = skipSpace(bytes, i + 1)
                continue
            }
            if bytes[i] == 0x7D {
                guard skipSpace(bytes, i + 1) == bytes.count else {
                    throw Failure(message: "unexpected text after the object", offset: i + 1)
                }
                return
            }
            throw Failure(message: "expected ',' or '}'", offset: i)
        }
    }

    /// Scans the array that fills `bytes` (surrounding white space allowed), calling `body` for each
    /// element in order, as a member with an empty key; nested objects and arrays are handed out whole.
    public static func forEachElement(
        in bytes: UnsafeRawBufferPointer, _ body: (Member) -> Void
    ) throws(Failure) {
        var i = skipSpace(bytes, 0)
        guard i < bytes.count, bytes[i] == 0x5B else { throw Failure(message: "expected '['", offset: i) }
        i = skipSpace(bytes, i + 1)
        let noKey = UnsafeRawBufferPointer(rebasing: bytes[i..<i])
        if i < bytes.count, bytes[i] == 0x5D {
            guard skipSpace(bytes, i + 1) == bytes.count else {
                throw Failure(message: "unexpected text after the array", offset: i + 1)
            }
            return
        }
        while true {
            guard i < bytes.count else { throw Failure(message: "unexpected end inside an array", offset: i) }
            let element: Member
            (element, i) = try value(in: bytes, at: i, key: noKey)
            body(element)
            i = skipSpace(bytes, i)
            guard i < bytes.count else { throw Failure(message: "unexpected end inside an array", offset: i) }
            if bytes[i] == 0x2C {
                i = skipSpace(bytes, i + 1)
                continue
            }
            if bytes[i] == 0x5D {
                guard skipSpace(bytes, i + 1) == bytes.count else {
                    throw Failure(message: "unexpected text after the array", offset: i + 1)
                }
                return
            }
            throw Failure(message: "expected ',' or ']'", offset: i)
        }
    }

    /// The value starting at `index` (not white space) as a member named `key`, and the index after it.
    static func value(
        in bytes: UnsafeRawBufferPointer, at index: Int, key: UnsafeRawBufferPointer
    ) throws(Failure) -> (Member, Int) {
        var i = index
        let member: Member
        switch bytes[i] {
        case 0x22:
            let (end, escapes) = try stringEnd(bytes, i + 1)
            member = Member(
                key: key, kind: .string, value: UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<end]),
                valueHasEscapes: escapes)
            i = end + 1
        case 0x7B, 0x5B:
            let end = try containerEnd(bytes, i)
            member = Member(
                key: key, kind: bytes[i] == 0x7B ? .object : .array,
                value: UnsafeRawBufferPointer(rebasing: bytes[i..<end]), valueHasEscapes: false)
            i = end
        default:
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { break }
                i += 1
            }
            let text = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
            let kind: Kind
            switch bytes[start] {
            case 0x74, 0x66: kind = .bool
            case 0x6E: kind = .null
            case 0x2D, 0x30...0x39: kind = .number
            default: throw Failure(message: "unexpected character '\(printable(bytes[start]))'", offset: start)
            }
            member = Member(key: key, kind: kind, value: text, valueHasEscapes: false)
        }
        return (member, i)
    }

    @inline(__always)
    static func skipSpace(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Int {
        var i = index
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A else { break }
            i += 1
        }
        return i
    }

    /// The index of the closing quote of a string whose contents start at `index`.
    @inline(__always)
    static func stringEnd(_ bytes: UnsafeRawBufferPointer, _ index: Int) throws(Failure) -> (Int, Bool) {
        var i = index
        var escapes = false
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 { return (i, escapes) }
            if b == 0x5C {
                escapes = true
                i += 2
                continue
            }
            i += 1
        }
        throw Failure(message: "unterminated string", offset: index)
    }

    /// The index just past the object or array starting at `index`.
    static func containerEnd(_ bytes: UnsafeRawBufferPointer, _ index: Int) throws(Failure) -> Int {
        var depth = 0
        var i = index
        while i < bytes.count {
            switch bytes[i] {
            case 0x22:
                i = try stringEnd(bytes, i + 1).0
            case 0x7B, 0x5B:
                depth += 1
                if depth > 512 { throw Failure(message: "nested too deeply", offset: i) }
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return i + 1 }
            default:
                break
            }
            i += 1
        }
        throw Failure(message: "unterminated object or array", offset: index)
    }

    /// Decodes the escapes in string contents.
    static func unescape(_ contents: UnsafeRawBufferPointer) -> String {
        var quoted: [UInt8] = [0x22]
        quoted.append(contentsOf: contents)
        quoted.append(0x22)
        return (try? JSONParser().parse(quoted).string) ?? String(decoding: contents, as: UTF8.self)
    }

    @inline(__always)
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let pointer = name.utf8Start
        for i in 0..<count where bytes[i] | 0x20 != pointer[i] | 0x20 {
            return false
        }
        return true
    }
}
