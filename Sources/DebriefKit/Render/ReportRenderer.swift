/// Turns a `Review` into report files: Markdown and HTML through templates, JSON directly.
public struct ReportRenderer: Sendable {
    /// The templates to render with.
    public var templates: TemplateSet

    /// Creates a renderer.
    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// Renders `review` for `audience` in each of `formats`, in the order given.
    public func render(_ review: Review, audience: Audience, formats: [ReportFormat]) throws -> [RenderedFile] {
        try formats.map { format in
            switch format {
            case .json:
                return RenderedFile(name: format.fileName, contents: ReportJSON.render(review, audience: audience))
            case .markdown:
                let view = ReportView(review: review, audience: audience, includeSVG: false)
                return RenderedFile(name: format.fileName, contents: try templates.render("report.md", view))
            case .html:
                let view = ReportView(review: review, audience: audience, includeSVG: true)
                return RenderedFile(name: format.fileName, contents: try templates.render("report.html", view))
            }
        }
    }
}
