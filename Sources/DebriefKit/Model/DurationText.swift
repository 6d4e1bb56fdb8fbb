/// Durations as people write them in manifests: `30m`, `-37s`, `1h30m`, `2d`, `90` (seconds), `1.5h`.
public enum DurationText {
    /// Seconds for `text`, or nil when it is not a duration.
    public static func seconds(_ text: String) -> Int64? {
        var body = Substring(text.trimmingWhitespace.lowercased())
        guard !body.isEmpty else { return nil }
        var sign: Double = 1
        if body.first == "-" || body.first == "+" {
            sign = body.first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        if let plain = Double(body) { return Int64((sign * plain).rounded()) }
        var total: Double = 0
        var number = ""
        var sawUnit = false
        for character in body where character != " " {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { return nil }
            let unit: Double
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            case "w": unit = 604_800
            default: return nil
            }
            total += value * unit
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { return nil }
        return Int64((sign * total).rounded())
    }

    /// `45s`, `12m`, `1h30m`, `2d` (the shortest exact form).
    public static func text(_ seconds: Int64) -> String {
        if seconds == 0 { return "0s" }
        var rest = abs(seconds)
        var parts = ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts += "\(rest / size)\(unit)"
            rest %= size
        }
        return (seconds < 0 ? "-" : "") + parts
    }
}
