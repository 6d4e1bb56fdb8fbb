/// What an HTTP status says about a request, shared by the web-server log formats.
enum HTTPStatus {
    /// 5xx is an error, 4xx a notice, anything else info.
    static func severity(_ status: Int) -> Severity {
        switch status {
        case 500...599: .error
        case 400...499: .notice
        default: .info
        }
    }
}
