/// A strict, bounded JSON parser over bytes (RFC 8259).
///
/// Hostile inputs are expected: nesting deeper than `maxDepth` is an error rather than a stack
/// overflow, invalid UTF-8 inside strings is replaced with U+FFFD rather than rejected, and errors
/// carry the line and column where parsing stopped.
public struct JSONParser {
    /// Why a document could not be parsed, and where.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was wrong.
        public var message: String
        /// The byte offset where parsing stopped.
        public var offset: Int
        /// The 1-based line of `offset`.
        public var line: Int
        /// The 1-based column (in bytes) of `offset`.
        public var column: Int

        public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
    }

    /// How deep arrays and objects may nest.
    public var maxDepth = 512

    /// Creates a parser.
    public init(maxDepth: Int = 512) {
        self.maxDepth = maxDepth
    }

    /// Parses one JSON document filling all of `bytes` (white space around it is allowed).
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> JSONValue {
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        reader.skipWhitespace()
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw reader.failure("unexpected text after the JSON value") }
        return value
    }

    /// Parses a JSON document held in an array.
    public func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        let result: Result<JSONValue, Failure> = bytes.withUnsafeBytes { buffer in
            do throws(Failure) { return .success(try parse(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses a JSON document held in a string.
    public func parse(_ text: String) throws(Failure) -> JSONValue {
        try parse(Array(text.utf8))
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        let maxDepth: Int
        var index = 0

        init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        func failure(_ message: String) -> Failure {
            var line = 1
            var lineStart = 0
            let end = min(index, bytes.count)
            for i in 0..<end where bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            return Failure(message: message, offset: index, line: line, column: end - lineStart + 1)
        }

        @inline(__always)
        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
            guard index < bytes.count else { throw failure("unexpected end of input") }
            switch bytes[index] {
            case 0x7B: return .object(try parseObject(depth: depth + 1))
            case 0x5B: return .array(try parseArray(depth: depth + 1))
            case 0x22: return .string(try parseString())
            case 0x74: try expectWord("true"); return .bool(true)
            case 0x66: try expectWord("false"); return .bool(false)
            case 0x6E: try expectWord("null"); return .null
            case 0x2D, 0x30...0x39: return .number(try parseNumber())
            default:
                throw failure("unexpected character '\(printable(bytes[index]))'")
            }
        }

        mutating func parseObject(depth: Int) throws(Failure) -> JSONObject {
            guard depth <= maxDepth else { throw failure("nested deeper than \(maxDepth) levels") }
            index += 1
            var members: [(key: String, value: JSONValue)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x7D {
                index += 1
                return JSONObject(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x22 else { throw failure("expected a member name in quotes") }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == 0x3A else { throw failure("expected ':' after a member name") }
                index += 1
                skipWhitespace()
                let value = try parseValue(depth: depth)
                members.append((key, value))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of input inside an object") }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                if bytes[index] == 0x7D {
                    index += 1
                    return JSONObject(members)
                }
                throw failure("expected ',' or '}' in an object")
            }
        }

        mutating func parseArray(depth: Int) throws(Failure) -> [JSONValue] {
            guard depth <= maxDepth else { throw failure("nested deeper than \(maxDepth) levels") }
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x5D {
                index += 1
                return elements
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth))
                skipWhitespace()
                guard index < bytes.count else { throw failure("unexpected end of input inside an array") }
                if bytes[index] == 0x2C {
                    index += 1
                    continue
                }
                if bytes[index] == 0x5D {
                    index += 1
                    return elements
                }
                throw failure("expected ',' or ']' in an array")
            }
        }

        mutating func expectWord(_ word: StaticString) throws(Failure) {
            let length = word.utf8CodeUnitCount
            guard index + length <= bytes.count else { throw failure("unexpected end of input") }
            for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
                throw failure("unexpected character '\(printable(bytes[index + offset]))'")
            }
            index += length
        }

        mutating func parseNumber() throws(Failure) -> String {
            let start = index
            if bytes[index] == 0x2D { index += 1 }
            let digitsStart = index
            while index < bytes.count, bytes[index] &- 0x30 < 10 { index += 1 }
            guard index > digitsStart else { throw failure("a number needs digits") }
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                let fractionStart = index
                while index < bytes.count, bytes[index] &- 0x30 < 10 { index += 1 }
                guard index > fractionStart else { throw failure("a number needs digits after '.'") }
            }
            if index < bytes.count, bytes[index] | 0x20 == 0x65 {
                index += 1
                if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
                let exponentStart = index
                while index < bytes.count, bytes[index] &- 0x30 < 10 { index += 1 }
                guard index > exponentStart else { throw failure("a number needs digits in its exponent") }
            }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }

        /// Parses a string starting at the opening quote; the fast path copies runs without escapes.
        mutating func parseString() throws(Failure) -> String {
            index += 1
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 {
                    let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return value
                }
                if byte == 0x5C { break }
                if byte < 0x20 { throw failure("control character inside a string") }
                index += 1
            }
            guard index < bytes.count else { throw failure("unterminated string") }
            var scalars: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 {
                    index += 1
                    return String(decoding: scalars, as: UTF8.self)
                }
                if byte < 0x20 { throw failure("control character inside a string") }
                if byte != 0x5C {
                    scalars.append(byte)
                    index += 1
                    continue
                }
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case 0x22: scalars.append(0x22)
                case 0x5C: scalars.append(0x5C)
                case 0x2F: scalars.append(0x2F)
                case 0x62: scalars.append(0x08)
                case 0x66: scalars.append(0x0C)
                case 0x6E: scalars.append(0x0A)
                case 0x72: scalars.append(0x0D)
                case 0x74: scalars.append(0x09)
                case 0x75:
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        // A high surrogate should be followed by \uDC00–\uDFFF; otherwise it is replaced.
                        if index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 {
                            let save = index
                            index += 2
                            let low = try hex4()
                            if (0xDC00..<0xE000).contains(low) {
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                index = save
                                code = 0xFFFD
                            }
                        } else {
                            code = 0xFFFD
                        }
                    } else if (0xDC00..<0xE000).contains(code) {
                        code = 0xFFFD
                    }
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    index -= 1
                    throw failure("invalid escape '\\\(printable(escape))' in a string")
                }
            }
            throw failure("unterminated string")
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("unexpected end of input in a \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw failure("invalid hex digit in a \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}

/// A byte as it may appear in a message: printable ASCII as itself, anything else as hex.
func printable(_ byte: UInt8) -> String {
    (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: true)
}
