/// Shared presentation helpers: times, durations and escaping for Markdown and HTML.
enum TextFormatting {
    /// `2026-11-17 14:05:12Z`.
    static func dateTime(_ instant: Instant) -> String {
        let c = instant.civil
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2)) \(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))Z"
    }

    /// `14:05:12`.
    static func clock(_ instant: Instant) -> String {
        let c = instant.civil
        return "\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
    }

    /// `2026-11-17`.
    static func date(_ instant: Instant) -> String {
        let c = instant.civil
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    /// `45s`, `12m 30s`, `2h 05m`, `3d 4h`.
    static func duration(_ seconds: Int64) -> String {
        let negative = seconds < 0
        let s = abs(seconds)
        let text: String
        switch s {
        case ..<60: text = "\(s)s"
        case ..<3600: text = "\(s / 60)m \(pad(Int(s % 60), 2))s"
        case ..<86_400: text = "\(s / 3600)h \(pad(Int(s % 3600 / 60), 2))m"
        default: text = "\(s / 86_400)d \(s % 86_400 / 3600)h"
        }
        return negative ? "-" + text : text
    }

    /// Escapes text for a Markdown table cell or paragraph: Markdown syntax and HTML are neutralised,
    /// line breaks become spaces. Everything from inputs goes through this before it reaches a `.md`.
    static func markdown(_ text: String, limit: Int = 400) -> String {
        var output = ""
        var count = 0
        for character in text {
            if count >= limit {
                output += "…"
                break
            }
            count += 1
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "~": output += "\\" + String(character)
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\n", "\r", "\r\n", "\t": output += " "
            default: output.append(character)
            }
        }
        return output
    }

    /// Escapes text for HTML element content and quoted attribute values.
    static func html(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    /// Cuts text to `limit` characters with an ellipsis.
    static func truncate(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    /// `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var output = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { output += "," }
            output.append(character)
        }
        return value < 0 ? "-" + output : output
    }
}
