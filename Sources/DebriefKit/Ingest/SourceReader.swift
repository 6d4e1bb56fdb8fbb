import Foundation

/// Reads one evidence file end to end: opens it (decompressing gzip), detects its format, runs the
/// parser and accounts for every record. Never throws: a file that cannot be read becomes a summary
/// with an error diagnostic, and the run goes on.
public struct SourceReader: Sendable {
    /// Limits applied to every source.
    public var limits: IngestLimits
    /// How bursts collapse while reading; nil keeps every event (`IngestedSource.events`).
    public var collapse: BurstCollapser.Settings?
    /// Counts bytes read, for a progress display.
    public var progress: ProgressCounter?
    /// How many bytes detection looks at.
    public static let sampleSize = 64 * 1024

    /// Creates a reader.
    public init(limits: IngestLimits = IngestLimits(), collapse: BurstCollapser.Settings? = nil) {
        self.limits = limits
        self.collapse = collapse
    }

    /// A sink for one source in this reader's mode.
    func makeSink(_ context: ParseContext, sourceIndex: Int) -> EventSink {
        if let collapse { return EventSink(context: context, collapse: collapse, sourceIndex: sourceIndex) }
        return EventSink(context: context)
    }

    /// What a quick look at a source's start tells: its size, whether its timestamps may lack a
    /// year, and the instants of its first records (for anchoring year-less sources).
    public struct Probe: Sendable {
        /// The file's size on disk (0 for bundles and archive members).
        public var size: Int64
        /// Whether the source's timestamps may lack a year.
        public var mayLackYear: Bool
        /// The earliest and latest instants among the first records, when they could be read.
        public var instants: [Instant]
        /// The detection made while probing, so reading does not sniff again.
        public var detection: FormatSniffer.Detection?
    }

    /// Detects the format and reads the first records of line formats (from the 64 KiB sample) and of
    /// small documents, without reading the whole source.
    public func probe(_ spec: SourceSpec) -> Probe {
        let size = (try? FileManager.default.attributesOfItem(atPath: spec.url.path)[.size] as? NSNumber)?.int64Value ?? 0
        guard spec.container != .bundle else {
            return Probe(size: size, mayLackYear: spec.format?.mayLackYear ?? false, instants: [])
        }
        var detection: FormatSniffer.Detection?
        if spec.format == nil {
            let found = detect(spec)
            detection = FormatSniffer.Detection(format: found.format, confidence: found.confidence, reason: found.reason)
        }
        guard let format = spec.format ?? detection?.format else {
            return Probe(size: size, mayLackYear: false, instants: [], detection: detection)
        }
        // Year-less sources are anchored by others; their own first records are not needed.
        if format.mayLackYear { return Probe(size: size, mayLackYear: true, instants: [], detection: detection) }
        var compressed = false
        guard var reader = try? open(spec, compressed: &compressed) else {
            return Probe(size: size, mayLackYear: format.mayLackYear, instants: [], detection: detection)
        }
        var sink = EventSink(context: ParseContext(path: spec.displayPath, timeZone: spec.timeZone, year: spec.year, limits: limits))
        switch format.makeParser() {
        case .lines(var parser):
            let sample = reader.peek(upTo: Self.sampleSize)
            var sampleReader = LineReader(stream: MemoryByteStream(sample), maxLineLength: limits.maxLineLength)
            let keepLast = sample.count >= Self.sampleSize  // the sample's last line may be cut
            sampleReader.forEachLine { line in
                if keepLast && line.offset + Int64(line.bytes.count) >= Int64(sample.count) { return }
                parser.parse(line, into: &sink)
            }
        case .document(let parser):
            guard size <= 8 << 20, let document = try? reader.readRemaining(limit: 8 << 20, path: spec.displayPath) else {
                break
            }
            try? parser.parse(document: document, into: &sink)
        case .bundle:
            break
        }
        let times = sink.finish().filter { $0.attributes["parse"] != "raw" }.map(\.time)
        guard let first = times.min(), let last = times.max() else {
            return Probe(size: size, mayLackYear: format.mayLackYear, instants: [], detection: detection)
        }
        return Probe(size: size, mayLackYear: format.mayLackYear, instants: [first, last], detection: detection)
    }

    /// Detects the format of `spec` (or takes the manifest's) without parsing it.
    public func detect(_ spec: SourceSpec) -> (format: InputFormat?, confidence: Double, reason: String?) {
        if let format = spec.format { return (format, 1, nil) }
        do {
            var compressed = false
            var reader = try open(spec, compressed: &compressed)
            let bytes = reader.peek(upTo: Self.sampleSize)
            let detection = FormatSniffer.detect(SniffSample(bytes: bytes, isComplete: bytes.count < Self.sampleSize))
            return (detection.format, detection.confidence, detection.reason)
        } catch {
            return (nil, 0, (error as? DebriefError)?.message ?? "\(error)")
        }
    }

    /// Reads `spec` fully. `referenceInstant` anchors year-less timestamps; `sourceIndex` is the
    /// source's place in the ingest order (the merge's tie-breaker).
    /// `detection`, when given, is a detection already made for this spec (by `probe`).
    public func read(
        _ spec: SourceSpec, referenceInstant: Instant? = nil, sourceIndex: Int = 0,
        detection known: FormatSniffer.Detection? = nil
    ) -> IngestedSource {
        var diagnostics = Diagnostics()
        let path = spec.displayPath
        let size = (try? FileManager.default.attributesOfItem(atPath: spec.url.path)[.size] as? NSNumber)?.int64Value ?? 0
        var summary = SourceSummary(
            path: path, format: "unreadable", confidence: 0, records: 0, skipped: 0, unplaced: 0, firstTime: nil,
            lastTime: nil, bytes: size, compressed: false, reordered: 0)
        if spec.container == .bundle {
            return readBundle(spec, summary: summary, referenceInstant: referenceInstant, sourceIndex: sourceIndex)
        }
        var compressed = false
        var reader: LineReader
        do {
            reader = try open(spec, compressed: &compressed)
        } catch {
            let failure = DebriefError.wrapping(error, path: path, action: "read this file")
            diagnostics.report(
                Diagnostic(.error, failure.message, path: spec.manifestLine == nil ? path : nil, line: nil))
            return IngestedSource(summary: summary, events: [], diagnostics: diagnostics)
        }
        summary.compressed = compressed
        let sampleBytes = reader.peek(upTo: Self.sampleSize)
        let format: InputFormat
        if let fixed = spec.format {
            format = fixed
            summary.confidence = 1
        } else {
            let detection =
                known ?? FormatSniffer.detect(SniffSample(bytes: sampleBytes, isComplete: sampleBytes.count < Self.sampleSize))
            guard let detected = detection.format else {
                summary.format = "unrecognized"
                summary.confidence = detection.confidence
                diagnostics.warn("not read: \(detection.reason ?? "format not recognised")", path: path)
                return IngestedSource(summary: summary, events: [], diagnostics: diagnostics)
            }
            format = detected
            summary.confidence = (detection.confidence * 100).rounded() / 100
        }
        summary.format = format.rawValue

        var context = ParseContext(
            path: path, timeZone: spec.timeZone, year: spec.year, limits: limits, columns: spec.columns)
        context.offsetSeconds = spec.offsetSeconds
        context.referenceInstant = referenceInstant
        if referenceInstant == nil, spec.year == nil, format.mayLackYear, let modified = Self.modificationTime(spec.url) {
            // Nothing else dates this incident: the file's modification time is the best guess left.
            context.referenceInstant = modified
            context.referenceBasis = "the file's modification time (no 'year:' in the manifest and no dated source)"
        }
        var sink = makeSink(context, sourceIndex: sourceIndex)
        switch format.makeParser() {
        case .lines(var parser):
            var lastLine = 0
            reader.forEachLine { line in
                lastLine = line.number
                if line.isTruncated {
                    sink.diagnostics.warn(
                        "line longer than \(limits.maxLineLength >> 10) KiB; only its start was read",
                        path: path, line: line.number, kind: "line too long")
                }
                parser.parse(line, into: &sink)
            }
            parser.finish(into: &sink)
            if let failure = reader.readError {
                sink.diagnostics.warn(failure.message, path: path, line: lastLine + 1)
            }
        case .document(let parser):
            do {
                let document = try reader.readRemaining(limit: limits.maxDocumentBytes, path: path)
                if let failure = reader.readError {
                    sink.diagnostics.warn(failure.message, path: path)
                }
                try parser.parse(document: document, into: &sink)
            } catch {
                let failure = DebriefError.wrapping(error, path: path, action: "read this \(format.title) document")
                sink.diagnostics.report(Diagnostic(.error, failure.message, path: path, line: failure.line))
            }
        case .bundle:
            sink.diagnostics.error(
                "\(format.rawValue) reads a folder or zip export, not a single file; name the folder in 'sources:'",
                path: path)
        }
        return finish(&sink, summary: summary, diagnostics: diagnostics, sourceIndex: sourceIndex)
    }

    /// Sorts what the sink holds if it arrived out of order and fills in the summary.
    func finish(_ sink: inout EventSink, summary: SourceSummary, diagnostics: Diagnostics, sourceIndex: Int)
        -> IngestedSource
    {
        var summary = summary
        var diagnostics = diagnostics
        var events: [Event] = []
        let entries: [TimelineEntry]
        if collapse == nil {
            events = sink.finish()
            if sink.outOfOrder > 0 { events = EventSink.stableSorted(events) }
            entries = events.map { TimelineEntry(event: $0, sourceIndex: sourceIndex) }
        } else {
            entries = sink.finishEntries(sourceIndex: sourceIndex)
        }
        summary.reordered = sink.outOfOrder
        summary.offsetSeconds = sink.context.offsetSeconds
        summary.records = sink.records
        summary.skipped = sink.skipped
        summary.unplaced = sink.unplaced
        summary.firstTime = sink.earliest
        summary.lastTime = sink.latest
        diagnostics.append(contentsOf: sink.diagnostics)
        return IngestedSource(summary: summary, events: events, entries: entries, diagnostics: diagnostics)
    }

    /// The file's modification time, if it can be read.
    static func modificationTime(_ url: URL) -> Instant? {
        guard let date = try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date else {
            return nil
        }
        return Instant(secondsSinceEpoch: Int64(date.timeIntervalSince1970))
    }

    /// Reads a folder or zip archive as one source with a bundle format.
    func readBundle(_ spec: SourceSpec, summary: SourceSummary, referenceInstant: Instant?, sourceIndex: Int)
        -> IngestedSource
    {
        var summary = summary
        var diagnostics = Diagnostics()
        let path = spec.displayPath
        var context = ParseContext(path: path, timeZone: spec.timeZone, year: spec.year, limits: limits)
        context.referenceInstant = referenceInstant
        context.offsetSeconds = spec.offsetSeconds
        var sink = makeSink(context, sourceIndex: sourceIndex)
        guard let format = spec.format, case .bundle(let parser) = format.makeParser() else {
            diagnostics.error("\(spec.format?.rawValue ?? "no format") cannot read a folder or archive", path: path)
            return IngestedSource(summary: summary, events: [], diagnostics: diagnostics)
        }
        summary.format = format.rawValue
        summary.confidence = 1
        do {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: spec.url.path, isDirectory: &isDirectory)
            let bundle: any InputBundle =
                isDirectory.boolValue
                ? FolderBundle(root: spec.url, displayPath: path, limit: limits.maxDocumentBytes)
                : try ZipBundle(
                    url: spec.url, displayPath: path, memberLimit: limits.maxDocumentBytes,
                    totalLimit: limits.maxArchiveBytes)
            summary.compressed = !isDirectory.boolValue
            try parser.parse(bundle: bundle, into: &sink)
        } catch {
            let failure = DebriefError.wrapping(error, path: path, action: "read this \(format.title) export")
            sink.diagnostics.report(Diagnostic(.error, failure.message, path: failure.path ?? path, line: failure.line))
        }
        return finish(&sink, summary: summary, diagnostics: diagnostics, sourceIndex: sourceIndex)
    }

    /// Opens the source's bytes (a file, or a zip member inflated into memory), wrapping them in a
    /// decompressor when they start with the gzip magic number.
    func open(_ spec: SourceSpec, compressed: inout Bool) throws -> LineReader {
        if case .zipMember(let member) = spec.container {
            let archive = try ZipBundle(
                url: spec.url, displayPath: IncidentLoader.relativePath(of: spec.url, to: spec.url.deletingLastPathComponent()),
                memberLimit: limits.maxDocumentBytes, totalLimit: limits.maxArchiveBytes)
            let bytes = try archive.read(member)
            compressed = true
            let stream = MemoryByteStream(bytes)
            if bytes.starts(with: [0x1F, 0x8B]) {
                return LineReader(stream: try GzipByteStream(upstream: stream, displayPath: spec.displayPath), maxLineLength: limits.maxLineLength)
            }
            return LineReader(stream: stream, maxLineLength: limits.maxLineLength)
        }
        let file = try FileByteStream(url: spec.url, displayPath: spec.displayPath, progress: progress)
        let magic = file.peek(count: 2)
        if magic == [0x1F, 0x8B] {
            compressed = true
            let gzip = try GzipByteStream(upstream: file, displayPath: spec.displayPath)
            return LineReader(stream: gzip, maxLineLength: limits.maxLineLength)
        }
        compressed = false
        return LineReader(stream: file, maxLineLength: limits.maxLineLength)
    }
}
