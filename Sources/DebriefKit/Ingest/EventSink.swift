/// Where a parser puts what it reads: events, records kept raw, and diagnostics for one source.
///
/// The sink keeps the books for the nothing-lost invariant: every record a parser reports becomes
/// exactly one event (parsed, or kept raw as a `note` when it could not be parsed), so `records`
/// equals the number of events. Raw records take the time of the record before them (or, at the
/// start of a source, of the first one after); a source with no datable record at all cannot be
/// placed on the timeline, and its records are counted as `unplaced` with an error.
public struct EventSink {
    /// The context the source is parsed in.
    public let context: ParseContext
    /// The events, in the order they were read.
    public private(set) var events: [Event] = []
    /// Problems found so far.
    public var diagnostics = Diagnostics()
    /// Records read (parsed or kept raw).
    public private(set) var records = 0
    /// Records that could not be parsed and were kept raw.
    public private(set) var skipped = 0
    /// Records that could not be placed on the timeline (no datable record in the whole source).
    public private(set) var unplaced = 0
    /// How many events arrived earlier in time than the one before them.
    public private(set) var outOfOrder = 0
    private var pendingRaw: [Event] = []
    /// The path records are attributed to: the source, or the bundle member being read.
    public private(set) var currentPath: String
    private var memberRecords = 0
    private var lastTime: Instant?
    private var lastLine: Int?
    private var partOnLine = 0
    /// Resolves zone-less wall-clock times for this source.
    public var localTime: LocalTimeResolver
    /// Supplies years to year-less timestamps for this source.
    public var years: YearResolver
    private var reportedYearBasis = false

    /// Creates a sink for a source.
    public init(context: ParseContext) {
        self.context = context
        currentPath = context.path
        localTime = LocalTimeResolver(zone: context.timeZone)
        years = YearResolver(fixedYear: context.year, reference: context.referenceInstant)
    }

    /// The path of what is being read (the source, or the current bundle member).
    public var path: String { currentPath }

    /// Starts a bundle member: later records and diagnostics name `displayPath`, numbered from 1.
    public mutating func beginMember(_ displayPath: String) {
        currentPath = displayPath
        memberRecords = 0
        lastLine = nil
    }

    /// The instant of the most recent event, if any.
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
        records += 1
        if let lastTime, event.time < lastTime { outOfOrder += 1 }
        lastTime = event.time
        if !pendingRaw.isEmpty {
            for var raw in pendingRaw {
                raw.time = event.time
                events.append(raw)
            }
            pendingRaw.removeAll()
        }
        events.append(event)
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
        let source = reference(line: line, offset: offset)
        let event = Event(
            time: lastTime ?? Instant(nanosecondsSinceEpoch: 0), timeText: "", source: source, kind: .note,
            text: kept, attributes: attributes)
        if lastTime != nil {
            records += 1
            events.append(event)
        } else {
            records += 1
            pendingRaw.append(event)
        }
    }

    /// Keeps a line that could not be parsed; convenience over `keepRaw(text:…)`.
    public mutating func keepRaw(_ line: Line, reason: String, kind: String? = nil) {
        keepRaw(text: line.text, line: line.number, offset: line.offset, reason: reason, kind: kind)
    }

    /// Adds text to the most recent event (a continuation line such as a stack-trace frame).
    /// Returns false when there is no event to attach to.
    @discardableResult
    public mutating func appendContinuation(_ text: String) -> Bool {
        guard !events.isEmpty else { return false }
        let index = events.count - 1
        let current = events[index].text.utf8.count
        guard current < context.limits.maxRawTextLength * 16 else {
            events[index].attributes["continuation-truncated"] = "true"
            return true
        }
        events[index].text += "\n" + text
        return true
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

    /// Places raw records still waiting for a time, and returns the events in read order.
    public mutating func finish() -> [Event] {
        if !pendingRaw.isEmpty {
            if let lastTime {
                for var raw in pendingRaw {
                    raw.time = lastTime
                    events.append(raw)
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
        return events
    }
}
