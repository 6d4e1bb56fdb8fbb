import Foundation
import Testing
@testable import DebriefKit

@Suite struct LineReaderTests {
    func lines(_ bytes: [UInt8], chunk: Int = 1 << 20, max: Int = 1 << 20) -> [(String, Int, Int64, Bool)] {
        var reader = LineReader(stream: MemoryByteStream(bytes), chunkSize: chunk, maxLineLength: max)
        var result: [(String, Int, Int64, Bool)] = []
        reader.forEachLine { result.append(($0.text, $0.number, $0.offset, $0.isTruncated)) }
        return result
    }

    @Test func splitsLFAndCRLFAndKeepsALastLineWithoutNewline() {
        let result = lines(Array("a\r\nbb\n\nccc".utf8))
        #expect(result.map(\.0) == ["a", "bb", "", "ccc"])
        #expect(result.map(\.1) == [1, 2, 3, 4])
        #expect(result.map(\.2) == [0, 3, 6, 7])
    }

    @Test func dropsALeadingByteOrderMark() {
        #expect(lines([0xEF, 0xBB, 0xBF] + Array("first\nsecond".utf8)).map(\.0) == ["first", "second"])
    }

    @Test func linesAcrossChunkBoundaries() {
        let text = (1...500).map { "line number \($0) with some padding" }.joined(separator: "\n")
        let result = lines(Array(text.utf8), chunk: 64, max: 64)
        #expect(result.count == 500)
        #expect(result.last?.0 == "line number 500 with some padding")
        #expect(result.allSatisfy { !$0.3 })
    }

    @Test func cutsAnOverlongLineWithoutHoldingIt() {
        let long = String(repeating: "x", count: 10_000)
        let result = lines(Array("short\n\(long)\nafter\n".utf8), chunk: 256, max: 256)
        #expect(result.map(\.0.count) == [5, 256, 5])
        #expect(result.map(\.3) == [false, true, false])
        #expect(result[2].1 == 3)
        #expect(result[2].2 == Int64(6 + 10_001))
    }

    @Test func invalidUTF8IsRepairedNotFatal() {
        let result = lines([0x61, 0xFF, 0xFE, 0x62, 0x0A, 0x63])
        #expect(result.map(\.0) == ["a\u{FFFD}\u{FFFD}b", "c"])
    }
}

@Suite struct GzipTests {
    func gzipFixture(_ name: String) throws -> LineReader {
        let url = TestPaths.fixtures.appendingPathComponent(name)
        let file = try FileByteStream(url: url, displayPath: name)
        return LineReader(stream: try GzipByteStream(upstream: file, displayPath: name))
    }

    @Test func readsConcatenatedMembers() throws {
        var reader = try gzipFixture("two-members.log.gz")
        var texts: [String] = []
        reader.forEachLine { texts.append($0.text) }
        #expect(texts == ["first member line 1", "first member line 2", "second member line 1"])
        let readError = reader.readError
        #expect(readError == nil)
    }

    @Test func truncatedStreamKeepsWhatWasReadAndSaysSo() throws {
        var reader = try gzipFixture("truncated.log.gz")
        var count = 0
        reader.forEachLine { _ in count += 1 }
        #expect(count > 100)
        let readError = reader.readError
        let error = try #require(readError)
        #expect(error.message.contains("truncated gzip"))
        #expect(error.path == "truncated.log.gz")
    }

    @Test func truncatedGzipThroughTheSourceReaderNamesFileAndLine() throws {
        let source = readSource(TestPaths.fixtures.appendingPathComponent("truncated.log.gz"), format: .syslog, year: 2026)
        #expect(source.summary.compressed)
        #expect(source.summary.records > 100)
        let warning = try #require(source.diagnostics.all.first { $0.message.contains("truncated gzip") })
        #expect(warning.path == "truncated.log.gz")
        #expect(warning.line == source.summary.records + 1)
    }
}
