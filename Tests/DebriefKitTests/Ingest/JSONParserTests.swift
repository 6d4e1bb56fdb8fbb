import Testing
@testable import DebriefKit

@Suite struct JSONParserTests {
    @Test func parsesDocumentsKeepingNumbersAsText() throws {
        let value = try JSONParser().parse(#"{"a": [1, -2.5e3, true, null], "b": {"c": "d\u00e9\n"}, "big": 1700000000123456789}"#)
        #expect(value["a"]?[0]?.int64 == 1)
        #expect(value["a"]?[1]?.double == -2500)
        #expect(value["a"]?[2]?.bool == true)
        #expect(value["a"]?[3]?.isNull == true)
        #expect(value.value(at: "b.c")?.string == "dé\n")
        #expect(value["big"]?.int64 == 1_700_000_000_123_456_789)
    }

    @Test func surrogatePairsAndLoneSurrogates() throws {
        #expect(try JSONParser().parse(#""\ud83d\ude00""#).string == "😀")
        #expect(try JSONParser().parse(#""\ud83d x""#).string == "\u{FFFD} x")
    }

    @Test func errorsCarryLineAndColumn() {
        do {
            _ = try JSONParser().parse("{\n  \"a\": 1,\n  \"b\": ]\n}")
            Issue.record("expected a failure")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 8)
        }
    }

    @Test func deepNestingFailsInsteadOfOverflowingTheStack() {
        let hostile = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser().parse(hostile) }
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"unterminated", "{\"a\":1} x", "01x", "\"\\q\""])
    func rejectsMalformed(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser().parse(text) }
    }

    @Test func scannerWalksTopLevelMembersOnly() throws {
        var keys: [String] = []
        var kinds: [JSONScanner.Kind] = []
        var text = #"{"ts":"2026-01-01T00:00:00Z","n":{"x":"}"},"arr":[1,{"y":2}],"ok":true,"esc":"a\"b"}"#
        try text.withUTF8 { utf8 in
            try JSONScanner.forEachMember(in: UnsafeRawBufferPointer(utf8)) { member in
                keys.append(member.keyString)
                kinds.append(member.kind)
                if member.keyString == "esc" { #expect(member.stringValue == "a\"b") }
            }
        }
        #expect(keys == ["ts", "n", "arr", "ok", "esc"])
        #expect(kinds == [.string, .object, .array, .bool, .string])
    }
}
