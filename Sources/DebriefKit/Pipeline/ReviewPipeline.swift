import Foundation

/// What to build and how.
public struct BuildOptions: Sendable {
    /// The incident folder or manifest file.
    public var path: String
    /// Where reports go; nil means `report/` inside the incident folder. Used here only to keep the
    /// output folder out of the evidence walk.
    public var outputDirectory: URL?
    /// The audience.
    public var audience: Audience
    /// The formats to render.
    public var formats: [ReportFormat]
    /// A template folder that overrides the others.
    public var templatesDirectory: URL?
    /// The generation time written into reports (from `SOURCE_DATE_EPOCH` when set).
    public var generatedAt: Instant
    /// Limits on inputs.
    public var limits: IngestLimits
    /// How many sources to read at once.
    public var parallelism: Int
    /// How bursts of similar log records collapse; nil takes the manifest's `collapse:` (or defaults).
    public var collapse: BurstCollapser.Settings?
    /// Counts bytes read, for a progress display (set by the command line when it shows one).
    public var progress: ProgressCounter?

    /// Creates options.
    public init(
        path: String, outputDirectory: URL? = nil, audience: Audience = .internal,
        formats: [ReportFormat] = ReportFormat.allCases, templatesDirectory: URL? = nil,
        generatedAt: Instant, limits: IngestLimits = IngestLimits(),
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
        collapse: BurstCollapser.Settings? = nil
    ) {
        self.collapse = collapse
        self.path = path
        self.outputDirectory = outputDirectory
        self.audience = audience
        self.formats = formats
        self.templatesDirectory = templatesDirectory
        self.generatedAt = generatedAt
        self.limits = limits
        self.parallelism = parallelism
    }
}

/// What a build produced, before anything is written.
public struct BuildResult: Sendable {
    /// The resolved incident.
    public var input: IncidentInput
    /// The review.
    public var review: Review
    /// The rendered reports.
    public var files: [RenderedFile]
    /// Where the reports should be written.
    public var outputDirectory: URL
    /// Every diagnostic, in a deterministic order.
    public var diagnostics: [Diagnostic]
    /// How long each stage took (never written into reports).
    public var timings: StageTimings
}

/// The whole job as named stages over values: resolve → ingest → merge → analyse → render.
///
/// Only the command-line front end writes files; this returns what to write, so tests and other
/// tools can run the pipeline without touching the disk.
public struct ReviewPipeline: Sendable {
    /// Creates a pipeline.
    public init() {}

    /// Runs every stage for `options`.
    public func build(_ options: BuildOptions) throws -> BuildResult {
        var timings = StageTimings()
        let defaultOutput = Self.defaultOutputDirectory(for: options.path)
        let outputDirectory = options.outputDirectory ?? defaultOutput
        let input = try timings.measure("resolve") {
            try IncidentLoader.load(
                path: options.path, excluding: [outputDirectory, defaultOutput], limits: options.limits)
        }
        let review = makeReview(input: input, options: options, timings: &timings)
        let files = try timings.measure("render") {
            let templates = try TemplateSet.load(searchPath: templateSearchPath(options: options, input: input))
            return try ReportRenderer(templates: templates).render(
                review, audience: options.audience, formats: options.formats)
        }
        return BuildResult(
            input: input, review: review, files: files, outputDirectory: outputDirectory,
            diagnostics: review.diagnostics, timings: timings)
    }

    /// Ingests, merges and analyses; the review as values.
    public func makeReview(input: IncidentInput, options: BuildOptions) -> Review {
        var timings = StageTimings()
        return makeReview(input: input, options: options, timings: &timings)
    }

    /// Ingests, merges and analyses, recording stage timings.
    func makeReview(input: IncidentInput, options: BuildOptions, timings: inout StageTimings) -> Review {
        let collapse = options.collapse ?? input.manifest.analysis.collapse
        var reader = SourceReader(limits: options.limits, collapse: collapse)
        if let progress = options.progress {
            reader.progress = progress
            progress.expect(input.sources.reduce(Int64(0)) { total, spec in
                total + ((try? FileManager.default.attributesOfItem(atPath: spec.url.path)[.size] as? NSNumber)?.int64Value ?? 0)
            })
        }
        let ingester = Ingester(reader: reader, parallelism: options.parallelism)
        var sources = timings.measure("ingest") { ingester.ingest(input.sources) }
        var diagnostics = input.diagnostics
        for source in sources { diagnostics.append(contentsOf: source.diagnostics) }

        var merged = timings.measure("merge") { TimelineBuilder().build(sources) }
        // The merged timeline holds the entries now; the per-source copies can go.
        for index in sources.indices { sources[index].entries = [] }
        let manifest = input.manifest
        let zone = manifest.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        let analysisInput = AnalysisInput(
            timeline: merged, sources: sources.map(\.summary), severity: manifest.severity, settings: manifest.analysis,
            timeZone: zone)
        merged = Timeline()  // the analysis input holds the only reference now, and is handed over whole
        let started = StageTimings.now
        let (timeline, analysis) = IncidentAnalyzer().analyze(consume analysisInput)
        timings.record("analyse", since: started)
        for suggestion in analysis.skew {
            diagnostics.note(
                "timestamps run \(DurationText.text(abs(suggestion.offsetSeconds))) \(suggestion.offsetSeconds > 0 ? "behind" : "ahead of") \(suggestion.reference) (\(suggestion.pairs) matching records); consider 'offset: \(DurationText.text(suggestion.offsetSeconds))' for this source in incident.yml",
                path: suggestion.source)
        }
        let incident = IncidentInfo(
            id: manifest.id ?? input.root.lastPathComponent,
            title: manifest.title ?? "Incident \(manifest.id ?? input.root.lastPathComponent)",
            severity: manifest.severity)
        var whys: [WhyNode] = []
        var actionItems: [ActionItem] = []
        do {
            (whys, actionItems) = try ReviewFile.load(
                from: input.root, displayPath: IncidentLoader.displayPath(of: input.root.appendingPathComponent(ReviewFile.fileName), cwdRelative: true))
        } catch let error as DebriefError {
            diagnostics.report(error.diagnostic)
        } catch {
            diagnostics.error("cannot read \(ReviewFile.fileName): \(error)")
        }
        let known = Set(timeline.entries.map(\.id))
        func checkEvidence(_ nodes: [WhyNode]) {
            for node in nodes {
                for id in node.evidence where !known.contains(id) {
                    diagnostics.warn("why '\(TextFormatting.truncate(node.question, 60))' cites '\(id)', which is not on the timeline", path: ReviewFile.fileName)
                }
                checkEvidence(node.children)
            }
        }
        checkEvidence(whys)
        var review = Review(
            incident: incident, sources: sources.map(\.summary), timeline: timeline, milestones: analysis.milestones,
            metrics: analysis.metrics, dueTime: analysis.dueTime, whys: whys, actionItems: actionItems,
            diagnostics: diagnostics.all, generatedAt: options.generatedAt, toolVersion: DebriefVersion.current)
        review.targets = analysis.targets
        review.cadence = analysis.cadence
        review.flaggedTemplates = analysis.flaggedTemplates
        review.skew = analysis.skew
        review.focusStart = analysis.focusStart
        review.focusEnd = analysis.focusEnd
        return review
    }

    /// `report/` inside the incident folder (or beside the manifest).
    public static func defaultOutputDirectory(for path: String) -> URL {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        let folder = exists && !isDirectory.boolValue ? url.deletingLastPathComponent() : url
        return folder.appendingPathComponent("report")
    }

    /// `--templates`, then `Templates/` beside the manifest, then the repository's `Templates/`.
    func templateSearchPath(options: BuildOptions, input: IncidentInput) -> [URL] {
        var path: [URL] = []
        if let directory = options.templatesDirectory { path.append(directory) }
        path.append(input.root.appendingPathComponent("Templates"))
        path.append(Self.repositoryTemplates)
        return path
    }

    /// The `Templates/` folder of the source tree this binary was built from, if it still exists.
    static let repositoryTemplates: URL = {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Pipeline
            .deletingLastPathComponent()  // DebriefKit
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // repository
            .appendingPathComponent("Templates")
    }()
}
