/// Reads one Elasticsearch/OpenSearch search hit (`{"_index", "_id", "_source": {…}}`).
///
/// The `_source` document is read with the JSON-lines rules (`JSONLinesParser`), which know ECS:
/// time from `@timestamp` (or `timestamp`, `ts`, …), text from `message`, level from `log.level`,
/// actor from `service.name`; other fields, such as `host.name`, become attributes, joined by
/// `index` and `id` from the hit.
enum ElasticsearchHit {
    /// Reads the hit in `bytes` (found on `line`, at `offset`) into one event. Returns false,
    /// having read nothing, when the object is not a hit (no `_source` and no `_index`).
    static func read(_ bytes: UnsafeRawBufferPointer, line: Int, offset: Int64, into sink: inout EventSink) -> Bool {
        var source: UnsafeRawBufferPointer?
        var extra = Attributes()
        do throws(JSONScanner.Failure) {
            try JSONScanner.forEachMember(in: bytes) { member in
                if member.kind == .object, member.keyEquals("_source") {
                    source = member.value
                } else if member.kind == .string, member.keyEquals("_index") {
                    extra["index"] = member.stringValue
                } else if member.kind == .string, member.keyEquals("_id") {
                    extra["id"] = member.stringValue
                }
            }
        } catch {
            return false
        }
        guard let source else {
            guard extra["index"] != nil else { return false }
            sink.keepRaw(
                text: String(decoding: bytes, as: UTF8.self), line: line, offset: offset,
                reason: "search hit without _source (the query turned _source off)", kind: "hit without _source")
            return true
        }
        let start = bytes.baseAddress.flatMap { base in source.baseAddress.map { base.distance(to: $0) } } ?? 0
        var parser = JSONLinesParser()
        parser.parse(
            Line(bytes: source, number: line, offset: offset + Int64(start), isTruncated: false), adding: extra,
            into: &sink)
        return true
    }

    /// Whether a sample line is a hit: an object with `_source` and `_index` or `_id` at the top.
    static func isHit(_ line: String) -> Bool {
        guard let members = SniffSample.members(ofObjectLine: line) else { return false }
        return members.contains { $0.name == "_source" && $0.kind == .object }
            && members.contains { $0.name == "_index" || $0.name == "_id" }
    }
}
