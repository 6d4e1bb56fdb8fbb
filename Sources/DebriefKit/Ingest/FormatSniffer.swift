/// Decides an input's format from its content, never from its name.
public enum FormatSniffer {
    /// The outcome of looking at a sample.
    public struct Detection: Sendable, Hashable {
        /// The format chosen, or nil when none is confident enough.
        public var format: InputFormat?
        /// The winning confidence, 0–1.
        public var confidence: Double
        /// Why nothing was chosen, when nothing was.
        public var reason: String?
    }

    /// The lowest confidence at which a format is accepted.
    public static let threshold = 0.5

    /// Picks the most confident format; ties go to the earlier format in `InputFormat.allCases`.
    public static func detect(_ sample: SniffSample) -> Detection {
        if sample.bytes.isEmpty {
            return Detection(format: nil, confidence: 0, reason: "empty file")
        }
        // A text format with binary-safe fields (the journal export format) looks binary too; only
        // formats that say they read such bytes are asked about it.
        let candidates = sample.isBinary ? InputFormat.allCases.filter(\.descriptor.readsBinary) : InputFormat.allCases
        var best: (InputFormat, Double)?
        for format in candidates {
            let confidence = format.confidence(for: sample)
            if confidence > (best?.1 ?? 0) { best = (format, confidence) }
        }
        guard let (format, confidence) = best, confidence >= threshold else {
            if sample.isBinary {
                return Detection(format: nil, confidence: 0, reason: "binary data, not text")
            }
            return Detection(
                format: nil, confidence: best?.1 ?? 0,
                reason: "no known format matches its first lines; set 'format:' for it in incident.yml (see `debrief formats`)")
        }
        return Detection(format: format, confidence: confidence, reason: nil)
    }
}
