extension SeverityGuess {
    /// The severity guessed from a message's bytes, noting `severity-basis: text` in `attributes`
    /// when one is found (for sources whose records carry no level).
    static func guess(_ text: UnsafeRawBufferPointer, noting attributes: inout Attributes) -> Severity? {
        guard let guessed = guess(text) else { return nil }
        attributes["severity-basis"] = "text"
        return guessed
    }

    /// The severity guessed from a message, noting `severity-basis: text` in `attributes`.
    static func guess(_ text: String, noting attributes: inout Attributes) -> Severity? {
        var text = text
        return text.withUTF8 { guess(UnsafeRawBufferPointer($0), noting: &attributes) }
    }
}
