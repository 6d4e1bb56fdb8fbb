/// The ticket an event is about: its key, title and link, shared by every ticket parser so their
/// events read alike ("SERVER-123 status: In Progress → Resolved") and carry the same attributes.
struct TicketSubject: Sendable, Hashable {
    /// The ticket's key as its tracker shows it (`SERVER-123`, `INC0010042`, `owner/repo#28`).
    var key: String?
    /// The ticket's title or summary.
    var title: String?
    /// A link to the ticket for people (not an API address).
    var url: String?
    /// How sentences name the ticket when its key is unknown ("PyGithub/PyGithub issue").
    var name: String?

    /// Creates a subject.
    init(key: String? = nil, title: String? = nil, url: String? = nil, name: String? = nil) {
        self.key = key
        self.title = title
        self.url = url
        self.name = name
    }

    /// How sentences name the ticket.
    var label: String { key ?? name ?? "ticket" }

    /// The `ticket`, `title` and `url` attributes.
    var attributes: Attributes {
        var attributes = Attributes()
        if let key { attributes["ticket"] = key }
        if let title { attributes["title"] = title }
        if let url { attributes["url"] = url }
        return attributes
    }
}
