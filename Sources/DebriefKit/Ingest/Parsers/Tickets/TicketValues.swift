extension JSONValue {
    /// A person's display name from the shapes trackers use: a plain string, or an object with
    /// `displayName`, `display_name`, `real_name`, `name`, `login`, `username` or an e-mail address.
    var personName: String? {
        if let name = nonEmptyString { return name }
        for key in ["displayName", "display_name", "real_name", "name", "login", "username", "emailAddress", "email"] {
            if let name = self[key]?.nonEmptyString { return name }
        }
        return nil
    }

    /// A field value as short text: strings and numbers as written, named objects by their name,
    /// arrays joined with commas; nil for null and empty values. Nesting is read four levels deep.
    var ticketValueText: String? { ticketValueText(depth: 0) }

    private func ticketValueText(depth: Int) -> String? {
        guard depth < 4 else { return nil }
        switch self {
        case .null: return nil
        case .string(let value): return value.isEmpty ? nil : value
        case .number, .bool: return text
        case .object(let object):
            for key in ["name", "displayName", "login", "title", "value"] {
                if let name = object[key]?.ticketValueText(depth: depth + 1) { return name }
            }
            let keys = object.keys.prefix(20).joined(separator: ", ")
            return keys.isEmpty ? nil : keys
        case .array(let values):
            let parts = values.prefix(20).compactMap { $0.ticketValueText(depth: depth + 1) }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
    }
}
