/// Draws the incident as an inline SVG: one lane per event kind, a tick per notable entry, and a
/// labelled line per milestone. Every string from the inputs is escaped here, because the result is
/// inserted into the HTML unescaped.
enum TimelineSVG {
    static let width = 960
    static let laneHeight = 26
    static let left = 90
    static let right = 20
    static let top = 44

    static func render(review: Review, rows: [TimelineEntry]) -> String {
        let milestones = MilestoneKind.allCases.compactMap { kind in review.milestones[kind].map { (kind, $0) } }
        var instants = rows.map(\.time) + milestones.map(\.1.time)
        instants += rows.compactMap(\.lastTime)
        guard let start = instants.min(), let end = instants.max() else { return "" }
        let span = max(Int64(60), start.seconds(to: end))
        let padding = max(Int64(30), span / 40)
        let origin = start.adding(seconds: -padding)
        let total = Double(span + 2 * padding)
        let kinds = Event.Kind.allCases.filter { kind in rows.contains { $0.event.kind == kind } }
        let plotWidth = Double(width - left - right)
        let height = top + max(1, kinds.count) * laneHeight + 34

        func x(_ instant: Instant) -> Int {
            left + Int((Double(origin.seconds(to: instant)) / total * plotWidth).rounded())
        }

        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline-svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"Incident timeline\">\n"
        // Lanes.
        for (index, kind) in kinds.enumerated() {
            let y = top + index * laneHeight
            svg += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(Int(plotWidth))\" height=\"\(laneHeight - 4)\" class=\"lane\"/>\n"
            svg += "<text x=\"\(left - 8)\" y=\"\(y + laneHeight / 2 + 2)\" class=\"lane-label\" text-anchor=\"end\">\(kind.rawValue)</text>\n"
        }
        // Axis with about six labels.
        let axisY = top + kinds.count * laneHeight + 4
        svg += "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(width - right)\" y2=\"\(axisY)\" class=\"axis\"/>\n"
        let step = niceStep(Int64(total) / 6)
        var tick = Instant(secondsSinceEpoch: (origin.secondsSinceEpoch / step + 1) * step) ?? origin
        while tick < origin.adding(seconds: Int64(total)) {
            let tx = x(tick)
            svg += "<line x1=\"\(tx)\" y1=\"\(axisY)\" x2=\"\(tx)\" y2=\"\(axisY + 5)\" class=\"axis\"/>\n"
            svg += "<text x=\"\(tx)\" y=\"\(axisY + 18)\" class=\"axis-label\" text-anchor=\"middle\">\(TextFormatting.clock(tick).prefix(5))</text>\n"
            tick = tick.adding(seconds: step)
        }
        // Entries.
        for row in rows {
            guard let lane = kinds.firstIndex(of: row.event.kind) else { continue }
            let y = top + lane * laneHeight + 3
            let x1 = x(row.time)
            let severity = row.event.severity?.rawValue ?? "none"
            let label = TextFormatting.html(
                "\(TextFormatting.clock(row.time)) \(row.event.actor.map { $0 + ": " } ?? "")\(TextFormatting.truncate(row.event.text, 120))"
                    + (row.count > 1 ? " (×\(row.count))" : ""))
            if let last = row.lastTime, row.count > 1 {
                let x2 = max(x1 + 2, x(last))
                svg += "<rect x=\"\(x1)\" y=\"\(y)\" width=\"\(x2 - x1)\" height=\"\(laneHeight - 10)\" class=\"burst sev-\(severity)\"><title>\(label)</title></rect>\n"
            } else {
                svg += "<rect x=\"\(x1 - 1)\" y=\"\(y)\" width=\"3\" height=\"\(laneHeight - 10)\" class=\"tick sev-\(severity)\"><title>\(label)</title></rect>\n"
            }
        }
        // Milestones, labels staggered so neighbours do not overlap.
        for (index, (kind, milestone)) in milestones.enumerated() {
            let mx = x(milestone.time)
            let labelY = 14 + (index % 2) * 14
            svg += "<line x1=\"\(mx)\" y1=\"\(labelY + 4)\" x2=\"\(mx)\" y2=\"\(axisY)\" class=\"milestone\"/>\n"
            svg += "<text x=\"\(mx)\" y=\"\(labelY)\" class=\"milestone-label\" text-anchor=\"middle\">\(TextFormatting.html(kind.title)) \(TextFormatting.clock(milestone.time).prefix(5))</text>\n"
        }
        svg += "</svg>"
        return svg
    }

    /// A round step (in seconds) close to `seconds`: 1, 2, 5, 10, 15, 30 minutes, 1, 2, 3, 6, 12 hours, days.
    static func niceStep(_ seconds: Int64) -> Int64 {
        let steps: [Int64] = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400]
        return steps.first { $0 >= seconds } ?? max(86_400, (seconds / 86_400 + 1) * 86_400)
    }
}
