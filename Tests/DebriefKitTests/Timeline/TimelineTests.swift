import Testing
@testable import DebriefKit

@Suite struct TimelineTests {
    func event(_ time: String, _ text: String, path: String = "a.log", line: Int, kind: Event.Kind = .log,
               severity: Severity? = .error) -> Event {
        Event(time: instant(time), timeText: time, source: SourceRef(path: path, line: line, record: line), kind: kind,
              severity: severity, text: text)
    }

    @Test func mergeIsByTimeThenSourceThenPosition() {
        let a = [event("2026-01-01T00:00:01Z", "a1", line: 1), event("2026-01-01T00:00:03Z", "a2", line: 2)]
        let b = [event("2026-01-01T00:00:01Z", "b1", path: "b.log", line: 1), event("2026-01-01T00:00:02Z", "b2", path: "b.log", line: 2)]
        let merged = TimelineMerger().merge([
            a.map { TimelineEntry(event: $0, sourceIndex: 0) }, b.map { TimelineEntry(event: $0, sourceIndex: 1) },
        ])
        #expect(merged.map(\.event.text) == ["a1", "b1", "b2", "a2"])
    }

    @Test func burstsCollapseWithCountsAndTemplates() {
        var events: [Event] = []
        for second in 0..<10 {
            events.append(event("2026-01-01T00:00:\(second < 10 ? "0" : "")\(second)Z",
                                "pool exhausted; waited \(5000 + second)ms for 10.0.0.\(second)", line: second + 1))
        }
        events.append(event("2026-01-01T00:00:30Z", "deploy started", line: 11, kind: .deploy, severity: .info))
        events.append(event("2026-01-01T00:00:31Z", "something else entirely", line: 12))
        let entries = BurstCollapser().collapse(events, sourceIndex: 0)
        #expect(entries.count == 3)
        #expect(entries[0].count == 10)
        #expect(entries[0].template == "pool exhausted; waited <*>ms for <*>")
        #expect(entries[0].lastTime == instant("2026-01-01T00:00:09Z"))
        #expect(entries[0].examples == ["a.log:1", "a.log:2", "a.log:3"])
        #expect(entries[1].event.kind == .deploy)
        #expect(entries.reduce(0) { $0 + $1.count } == events.count)
    }

    @Test func collapseRespectsBucketsAndThreshold() {
        let events = (0..<4).map { event("2026-01-01T00:0\($0 * 2):00Z", "same message", line: $0 + 1) }
        // 300 s buckets: minutes 0, 2, 4 fall in one bucket, minute 6 in the next.
        let entries = BurstCollapser().collapse(events, sourceIndex: 0)
        #expect(entries.map(\.count) == [3, 1])
        let strict = BurstCollapser(settings: .init(windowSeconds: 300, minimumCount: 4)).collapse(events, sourceIndex: 0)
        #expect(strict.map(\.count) == [1, 1, 1, 1])
    }

    @Test(arguments: [
        ("GET /api/v1/orders/884213 502", "GET /api/v<*>/orders/<*> <*>"),
        ("Started session-224.scope - Session 224 of User deploy.", "Started session-<*>.scope - Session <*> of User deploy."),
        ("request 7f3a9c2e-1b2c-4d5e-8f90-123456789abc failed", "request <*> failed"),
        ("user 'alice' logged in from 192.168.1.20:5544", "user '<*>' logged in from <*>"),
        ("cafe bed dead beef", "cafe bed dead beef"),
        ("Layer7 timeout at 10:30.", "Layer<*> timeout at <*>."),
    ])
    func templateMasking(text: String, template: String) {
        #expect(TemplateMasker.template(of: text) == template)
    }

    @Test func deploysAreRecognised() {
        var events = [
            event("2026-01-01T00:00:00Z", "rolling out payments-api 2.14.0", line: 1, severity: nil),
            event("2026-01-01T00:00:01Z", "payment authorized", line: 2, severity: .info),
        ]
        events.append(Event(time: instant("2026-01-01T00:00:02Z"), timeText: "", source: SourceRef(path: "a", line: 3, record: 3),
                            kind: .log, text: "ok", attributes: ["event": "deploy"]))
        EventClassifier.classify(&events)
        #expect(events.map(\.kind) == [.deploy, .log, .deploy])
        #expect(events[2].attributes["kind-basis"] == "field event=deploy")
    }
}

@Suite struct TemplateHasherTests {
    @Test(arguments: [
        ["POST", " ", "/api/v1/orders/884213", " ", "502"],
        ["a", "bcdefghijklmnopq", "", "rstuvwxyz0123456789"],
        ["Accepted publickey for alice from 10.0.0.1 port 22", ""],
    ])
    func piecesHashLikeTheJoinedText(pieces: [String]) {
        var hasher = TemplateHasher()
        for piece in pieces {
            var copy = piece
            if piece == " " {
                hasher.feed(byte: 0x20)
            } else {
                copy.withUTF8 { hasher.feed(UnsafeRawBufferPointer($0)) }
            }
        }
        #expect(hasher.value == TemplateMasker.templateHash(of: pieces.joined()))
    }

    @Test func differentTemplatesHashDifferently() {
        let texts = ["a", "ab", "a\u{0}", "waited <*>ms", "waited 5ms", "waited 5 ms", "POST /x 502", "POST /x 503"]
        let hashes = Set(texts.map(TemplateMasker.templateHash(of:)))
        // "waited <*>ms" and "waited 5ms" share a template; 502/503 mask to the same placeholder.
        #expect(hashes.count == texts.count - 2)
    }
}
