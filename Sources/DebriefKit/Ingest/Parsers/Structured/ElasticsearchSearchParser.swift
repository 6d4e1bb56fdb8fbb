/// Reads Elasticsearch and OpenSearch `_search` responses (`{"took", "hits": {"hits": […]}}`, also
/// trimmed by `filter_path`), several appended to one file (scroll or `search_after` pages), or the
/// hits alone (`jq .hits`, `jq .hits.hits`).
///
/// Each hit is read as `ElasticsearchHit` describes: the `_source` through the JSON-lines rules
/// (ECS `@timestamp`, `message`, `log.level`, `service.name`; `host.name` and other fields as
/// attributes), plus `index` and `id`. Times carry their own offset; zone-less ones use the
/// source's zone. Event ids name the line each hit starts on.
///
/// ## Leniency
/// A hit without `_source` or without a usable time is kept raw with a warning; a document that
/// is not JSON or has no `hits` is an error.
public struct ElasticsearchSearchParser: DocumentEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Elasticsearch/OpenSearch _search response",
        summary: "`_search` responses (also appended scroll pages, or an array of hits); each hits.hits[]._source read like json-lines (ECS @timestamp, message, log.level, service.name), with index and id; zone-less times use the source zone",
        eventKind: .log, makeParser: { .document(ElasticsearchSearchParser()) }, confidence: confidence(for:))

    /// Creates a parser.
    public init() {}

    public func parse(document: [UInt8], into sink: inout EventSink) throws {
        try document.withUnsafeBytes { bytes in
            var lines = LineCounter(bytes)
            var found = false
            try JSONDocument.forEachValue(in: bytes, path: sink.path) { value, line in
                var hits: UnsafeRawBufferPointer? = value.first == 0x5B ? value : nil
                if hits == nil {
                    try? JSONScanner.forEachMember(in: value) { member in
                        guard member.keyEquals("hits") else { return }
                        if member.kind == .array { hits = member.value }  // `jq .hits` output
                        guard member.kind == .object else { return }
                        try? JSONScanner.forEachMember(in: member.value) { inner in
                            if inner.kind == .array, inner.keyEquals("hits") { hits = inner.value }
                        }
                    }
                }
                guard let hits else {
                    throw DebriefError("expected a search response with 'hits'", path: sink.path, line: line)
                }
                found = true
                do throws(JSONScanner.Failure) {
                    try JSONScanner.forEachElement(in: hits) { hit in
                        let number = lines.line(of: hit.value)
                        let offset = Int64(lines.offset(of: hit.value))
                        if hit.kind != .object
                            || !ElasticsearchHit.read(hit.value, line: number, offset: offset, into: &sink)
                        {
                            sink.keepRaw(
                                text: String(decoding: hit.value, as: UTF8.self), line: number, offset: offset,
                                reason: "not a search hit", kind: "not a search hit")
                        }
                    }
                } catch {
                    throw DebriefError(
                        "invalid JSON in hits: \(error.message)", path: sink.path,
                        line: lines.line(at: lines.offset(of: hits) + error.offset))
                }
            }
            if !found { throw DebriefError("no search response found", path: sink.path) }
        }
    }

    /// Confident when the sample is a search response (not hits one per line) holding `_source`s.
    public static func confidence(for sample: SniffSample) -> Double {
        guard let first = sample.firstSignificantByte, first == 0x7B || first == 0x5B else { return 0 }
        guard sample.contains("\"hits\""), sample.contains("\"_source\"") else { return 0 }
        if let line = sample.lines.first, ElasticsearchHit.isHit(line) { return 0 }
        return sample.contains("\"took\"") || sample.contains("\"timed_out\"") || sample.contains("\"_scroll_id\"")
            ? 0.95 : 0.7
    }
}
