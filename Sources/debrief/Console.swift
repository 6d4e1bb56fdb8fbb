import DebriefKit
import Foundation

/// Writes to the terminal: diagnostics and status to stderr, so stdout stays clean for pipes.
enum Console {
    static func error(_ line: String) { writeStandardError(line + "\n") }

    static func status(_ line: String) { writeStandardError(line + "\n") }

    static func print(_ diagnostics: [Diagnostic], quiet: Bool) {
        for diagnostic in diagnostics where !quiet || diagnostic.severity == .error {
            writeStandardError(diagnostic.description + "\n")
        }
    }

    static func writeStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A path relative to the working directory when inside it.
    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
