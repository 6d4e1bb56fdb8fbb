import Foundation

/// A failure that stops a stage: a file that cannot be read at all, a manifest that cannot be used.
///
/// Conforms to `LocalizedError` because on Linux `localizedDescription` of other errors says nothing.
public struct DebriefError: Error, LocalizedError, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, as a lower-case sentence fragment.
    public var message: String
    /// The file at fault, when there is one.
    public var path: String?
    /// The line at fault, when known.
    public var line: Int?

    /// Creates an error.
    public init(_ message: String, path: String? = nil, line: Int? = nil) {
        self.message = message
        self.path = path
        self.line = line
    }

    /// The error as a diagnostic, `path:line: error: message`.
    public var diagnostic: Diagnostic { Diagnostic(.error, message, path: path, line: line) }

    public var description: String { diagnostic.description }
    public var errorDescription: String? { description }
}

extension DebriefError {
    /// Wraps any error thrown while working on `path` so the message names the file.
    public static func wrapping(_ error: any Error, path: String, action: String) -> DebriefError {
        if let own = error as? DebriefError { return own }
        let reason: String
        if let cocoa = error as? CocoaError, let underlying = cocoa.underlying as? POSIXError {
            reason = String(cString: strerror(underlying.code.rawValue)).lowercased()
        } else if let posix = error as? POSIXError {
            reason = String(cString: strerror(posix.code.rawValue)).lowercased()
        } else {
            reason = "\(error)"
        }
        return DebriefError("cannot \(action): \(reason)", path: path)
    }
}

extension CocoaError {
    fileprivate var underlying: (any Error)? { userInfo[NSUnderlyingErrorKey] as? any Error }
}
