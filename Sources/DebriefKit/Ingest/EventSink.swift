/// Where a parser puts what it reads: events, records kept raw, and diagnostics for one source.
///
/// The sink keeps the books for the nothing-lost invariant: every record a parser reports becomes
/// exactly one event (parsed, or kept raw as a `note` when it could not be parsed) or is counted into
/// a burst, so `records` equals the records on the timeline. Raw records take the time of the record
/// before them (or, at the start of a source, of the first one after); a source with no datable
/// record at all cannot be placed on the timeline, and its records are counted as `unplaced` with an
/// error.
///
/// Two modes: a sink made with `init(context:)` collects every event (tests, `debrief inspect`); a
/// sink made with `init(context:collapse:sourceIndex:)` streams events into a `StreamingCollapser`,
/// so memory follows the entries kept rather than the records read, and parsers may `absorb`
/// records that join a burst without building them.
public struct EventSink {
    /// The context the source is parsed in.
    public let context: ParseContext
    /// The events, in the order they were read (collecting mode only; empty when collapsing).
    public private(set) var events: [Event] = []
    /// Problems found so far.
    public var diagnostics = Diagnostics()
    /// Records read (parsed, kept raw, or absorbed into a burst).
    public private(set) var records = 0
    /// Records that could not be parsed and were kept raw.
    public private(set) var skipped = 0
    /// Records that could not be placed on the timeline (no datable record in the whole source).
    public private(set) var unplaced = 0
    /// How many records arrived earlier in time than the one before them.
    public private(set) var outOfOrder = 0
    /// The earliest record's time.
    public private(set) var earliest: Instant?
    /// The latest record's time.
    public private(set) var latest: Instant?
    /// The path records are attributed to: the source, or the bundle member being read.
    public private(set) var currentPath: String
    /// Resolves zone-less wall-clock times for this source.
    public var localTime: LocalTimeResolver
    /// Supplies years to year-less timestamps for this source.
    public var years: YearResolver

    private var collapser: StreamingCollapser?
    /// Deploy classification by template hash (see `commit`).
    private var deployByTemplate: [UInt64: String?] = [:]
    /// The most recent event, held back so continuation lines can still be added to it.
    private var pending: Event?
    private var lastRecordAbsorbed = false
    private var pendingRaw: [Event] = []
    /// Records before the first datable one beyond `maxPendingRaw`: counted, not kept.
    private var pendingRawOverflow = 0
    /// How many records may wait for a time before further ones are only counted.
    static let maxPendingRaw = 100_000
    private var memberRecords = 0
    private var lastTime: Instant?
    private var lastLine: Int?
    private var partOnLine = 0
    private var reportedYearBasis = false
    /// The source's clock correction in nanoseconds (0 for most sources).
    private let offset: Int64

    /// Creates a sink that collects every event.
    public init(context: ParseContext) {
        self.context = context
        offset = context.offsetSeconds &* 1_000_000_000
        currentPath = context.path
        localTime = LocalTimeResolver(zone: context.timeZone)
        years = YearResolver(
            fixedYear: context.year, reference: context.referenceInstant, referenceBasis: context.referenceBasis)
    }

    /// Creates a sink that streams events into a burst collapser (and classifies deploys).
    public init(context: ParseContext, collapse: BurstCollapser.Settings, sourceIndex: Int) {
        self.init(context: context)
        collapser = StreamingCollapser(settings: collapse, sourceIndex: sourceIndex)
    }

    /// The path of what is being read (the source, or the current bundle member).
    public var path: String { currentPath }

    /// Whether any record has been read.
    public var hasRecords: Bool { records > 0 }

    /// Starts a bundle member: later records and diagnostics name `displayPath`, numbered from 1.
    public mutating func beginMember(_ displayPath: String) {
        currentPath = displayPath
        memberRecords = 0
        lastLine = nil
    }

    /// The instant of the most recent record, if any.
    public var latestTime: Instant? { lastTime }

    // MARK: - Emitting

    /// Makes a source reference for the next record, numbering several records on one line.
    public mutating func reference(line: Int?, offset: Int64?) -> SourceRef {
        if let line, line == lastLine {
            partOnLine += 1
        } else {
            partOnLine = 0
        }
        lastLine = line
        memberRecords += 1
        return SourceRef(path: currentPath, line: line, offset: offset, record: memberRecords, part: partOnLine)
    }

    /// Records a parsed event.
    public mutating func emit(
        time: Instant, timeText: String, line: Int?, offset: Int64?, kind: Event.Kind, actor: String? = nil,
        severity: Severity? = nil, text: String, attributes: Attributes = Attributes()
    ) {
        let source = reference(line: line, offset: offset)
        append(
            Event(
                time: time, timeText: timeText, source: source, kind: kind, actor: actor, severity: severity,
                text: text, attributes: attributes))
    }

    /// Records an event built by the parser (its `source` must come from `reference(line:offset:)`).
    public mutating func append(_ event: Event) {
        var event = event
        if offset != 0 { event.time = event.time.adding(nanoseconds: offset) }
        note(time: event.time)
        if !pendingRaw.isEmpty {
            for var raw in pendingRaw {
                raw.time = event.time
                commit(raw)
            }
            pendingRaw.removeAll()
        }
        if let previous = pending { commit(previous) }
        pending = event
        lastRecordAbsorbed = false
    }

    /// Counts a log record into a burst that already exists for `key` in its time bucket, without
    /// building the event. Returns false when there is no such burst (or the sink is collecting);
    /// the parser then builds the event and `emit`s it as usual. Line-oriented log parsers call this
    /// first: most records of a busy log join a burst, so most lines never become `String`s.
    public mutating func absorb(_ key: BurstKey, time: Instant, line: Int?, offset: Int64?) -> Bool {
        let time = self.offset == 0 ? time : time.adding(nanoseconds: self.offset)
        guard collapser != nil, pendingRaw.isEmpty, collapser?.absorb(key, time: time) == true else { return false }
        _ = reference(line: line, offset: offset)
        note(time: time)
        lastRecordAbsorbed = true
        return true
    }

    /// Keeps a record that could not be parsed as a raw `note` event and reports why.
    ///
    /// - Parameters:
    ///   - text: the record's text (cut to the raw-text limit).
    ///   - reason: why it could not be parsed, e.g. "no timestamp".
    ///   - kind: groups the warning for the per-kind cap.
    public mutating func keepRaw(text: String, line: Int?, offset: Int64?, reason: String, kind: String? = nil) {
        var kept = text
        var attributes: Attributes = ["parse": "raw", "reason": reason]
        if kept.utf8.count > context.limits.maxRawTextLength {
            kept = String(decoding: kept.utf8.prefix(context.limits.maxRawTextLength), as: UTF8.self)
            attributes["truncated"] = "true"
        }
        diagnostics.warn("\(reason); kept as raw text", path: currentPath, line: line, kind: kind ?? reason)
        skipped += 1
        records += 1
        let source = reference(line: line, offset: offset)
        let event = Event(
            time: lastTime ?? Instant(nanosecondsSinceEpoch: 0), timeText: "", source: source, kind: .note,
            text: kept, attributes: attributes)
        if let previous = pending {
            commit(previous)
            pending = nil
        }
        lastRecordAbsorbed = false
        if lastTime != nil {
            commit(event)
        } else if pendingRaw.count < Self.maxPendingRaw {
            pendingRaw.append(event)
        } else {
            pendingRawOverflow += 1
        }
    }

    /// Keeps a line that could not be parsed; convenience over `keepRaw(text:…)`.
    public mutating func keepRaw(_ line: Line, reason: String, kind: String? = nil) {
        keepRaw(text: line.text, line: line.number, offset: line.offset, reason: reason, kind: kind)
    }

    /// Adds text to the most recent record (a continuation line such as a stack-trace frame).
    /// Returns false when there is no record to attach to. The continuation of a record that joined a
    /// burst is counted with it and not kept (the burst keeps its examples' text).
    @discardableResult
    public mutating func appendContinuation(_ text: String) -> Bool {
        if lastRecordAbsorbed { return true }
        guard var event = pending else { return false }
        if event.text.utf8.count >= context.limits.maxRawTextLength * 16 {
            event.attributes["continuation-truncated"] = "true"
        } else {
            event.text += "\n" + text
        }
        pending = event
        return true
    }

    private mutating func note(time: Instant) {
        records += 1
        if let lastTime, time < lastTime { outOfOrder += 1 }
        lastTime = time
        if earliest.map({ time < $0 }) ?? true { earliest = time }
        if latest.map({ time > $0 }) ?? true { latest = time }
    }

    private mutating func commit(_ event: Event) {
        guard collapser != nil else {
            events.append(event)
            return
        }
        var event = event
        let key = BurstKey(event: event)
        if event.kind == .log {
            // Whether the words make it a deploy depends only on the template's literal words, so it
            // is worked out once per template; a structured field is checked every time.
            let basis: String?
            if let field = EventClassifier.fieldBasis(event) {
                basis = field
            } else if let cached = deployByTemplate[key.template] {
                basis = cached
            } else {
                basis = EventClassifier.textBasis(event.text)
                if deployByTemplate.count < 100_000 { deployByTemplate[key.template] = basis }
            }
            if let basis {
                event.kind = .deploy
                event.attributes["kind-basis"] = basis
            }
        }
        collapser?.add(event, key: key)
    }

    // MARK: - Time helpers

    /// The instant for a parsed timestamp: its own offset, else the source's zone; supplies a year
    /// when the text had none. Nil (with a diagnostic) when no year can be inferred.
    public mutating func instant(for parsed: ParsedTimestamp, line: Int?) -> Instant? {
        var civil = parsed.civil
        if !parsed.hasYear {
            guard let year = years.year(month: civil.month, day: civil.day) else {
                diagnostics.error(
                    "timestamp has no year and none can be inferred: add 'year:' to the manifest or include a fully dated source",
                    path: currentPath, line: line)
                return nil
            }
            if !reportedYearBasis, let basis = years.basis {
                reportedYearBasis = true
                diagnostics.note("timestamps carry no year; took \(year) from \(basis)", path: currentPath, line: line)
            }
            civil.year = year
            if civil.month == 2 && civil.day == 29 && !CivilDate.isLeapYear(year) { return nil }
        }
        if let offset = parsed.offsetSeconds { return civil.instant(offsetSeconds: offset) }
        return localTime.instant(for: civil)
    }

    // MARK: - Finishing

    /// Places raw records still waiting for a time and hands over the last held event.
    private mutating func settle() {
        if let previous = pending {
            commit(previous)
            pending = nil
        }
        if pendingRawOverflow > 0 {
            // Records beyond the cap before any datable record: their text was not kept, so they
            // cannot be placed even if a later record had a time.
            unplaced += pendingRawOverflow
            records -= pendingRawOverflow
            diagnostics.error(
                "\(pendingRawOverflow) unreadable records before the first datable one were counted but not kept",
                path: context.path)
            pendingRawOverflow = 0
        }
        guard !pendingRaw.isEmpty else { return }
        if let lastTime {
            for var raw in pendingRaw {
                raw.time = lastTime
                commit(raw)
            }
        } else {
            unplaced += pendingRaw.count
            records -= pendingRaw.count
            diagnostics.error(
                "no record in this source has a usable timestamp; \(pendingRaw.count) record(s) could not be placed on the timeline (set 'format:' in the manifest if it was misdetected)",
                path: context.path)
        }
        pendingRaw.removeAll()
    }

    /// Finishes a collecting sink: the events in read order.
    public mutating func finish() -> [Event] {
        settle()
        return events
    }

    /// Finishes either kind of sink: the timeline entries, sorted by time (ties in read order).
    public mutating func finishEntries(sourceIndex: Int) -> [TimelineEntry] {
        settle()
        if var collapser {
            self.collapser = nil
            return collapser.finish()
        }
        let ordered = outOfOrder > 0 ? Self.stableSorted(events) : events
        return ordered.map { TimelineEntry(event: $0, sourceIndex: sourceIndex) }
    }

    /// Events sorted by time; events at the same instant keep their reading order.
    static func stableSorted(_ events: [Event]) -> [Event] {
        events.enumerated().sorted { lhs, rhs in
            lhs.element.time != rhs.element.time ? lhs.element.time < rhs.element.time : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
