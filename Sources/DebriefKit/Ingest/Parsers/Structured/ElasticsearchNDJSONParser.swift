/// Reads Elasticsearch/OpenSearch hits exported one per line (elasticdump, `jq -c '.hits.hits[]'`):
/// `{"_index", "_id", "_source": {…}}`; a line holding a bare `_source` document is read too.
///
/// Hits are read as `ElasticsearchHit` describes: the `_source` through the JSON-lines rules (ECS
/// `@timestamp`, `message`, `log.level`, `service.name`), plus `index` and `id`. Times carry their
/// own offset; zone-less ones use the source's zone.
///
/// ## Leniency
/// A line that is not JSON, a hit without `_source` and a document without a usable time are kept
/// raw with a warning; blank lines are skipped.
public struct ElasticsearchNDJSONParser: LineEventParser {
    /// The registry entry.
    public static let descriptor = FormatDescriptor(
        title: "Elasticsearch/OpenSearch hits, one per line",
        summary: "search hits as NDJSON (`{\"_index\",\"_id\",\"_source\":{…}}` per line, elasticdump, `jq -c .hits.hits[]`); _source read like json-lines (ECS @timestamp, message, log.level, service.name); zone-less times use the source zone",
        eventKind: .log, makeParser: { .lines(ElasticsearchNDJSONParser()) }, confidence: confidence(for:))

    private var plain = JSONLinesParser()

    /// Creates a parser.
    public init() {}

    public mutating func parse(_ line: Line, into sink: inout EventSink) {
        if line.isBlank { return }
        if !ElasticsearchHit.read(line.bytes, line: line.number, offset: line.offset, into: &sink) {
            plain.parse(line, into: &sink)
        }
    }

    /// The share of sample lines that are hits; a bare `_source` per line is left to json-lines.
    public static func confidence(for sample: SniffSample) -> Double {
        guard sample.firstSignificantByte == 0x7B else { return 0 }
        return sample.share(of: ElasticsearchHit.isHit) * 0.96
    }
}
