import Foundation
import ZIPFoundation

/// Several files read as one source: an export that is a folder or a zip archive (a Slack
/// workspace export, say), whose members only make sense together.
public protocol InputBundle: AnyObject {
    /// The bundle's path as shown to the user.
    var displayPath: String { get }
    /// Member paths relative to the bundle root, `/`-separated, sorted.
    var members: [String] { get }
    /// Reads a member whole (bounded by the document limit).
    func read(_ member: String) throws -> [UInt8]
}

extension InputBundle {
    /// Whether the bundle has a member at `path`.
    public func contains(_ path: String) -> Bool { members.contains(path) }

    /// The path members are shown with: `bundle/member`.
    public func displayPath(of member: String) -> String { displayPath + "/" + member }
}

/// A folder read as a bundle.
public final class FolderBundle: InputBundle {
    public let displayPath: String
    public let members: [String]
    private let root: URL
    private let limit: Int

    /// Lists the regular files under `root` (hidden entries skipped).
    public init(root: URL, displayPath: String, limit: Int) {
        self.root = root
        self.displayPath = displayPath
        self.limit = limit
        members = IncidentLoader.walk(root, excluding: [], skipManifests: false)
            .map { IncidentLoader.relativePath(of: $0, to: root) }
            .sorted()
    }

    public func read(_ member: String) throws -> [UInt8] {
        let url = root.appendingPathComponent(member)
        let stream = try FileByteStream(url: url, displayPath: displayPath(of: member))
        return try stream.readAll(limit: limit, path: displayPath(of: member))
    }
}

/// A zip archive read in place: members are inflated into memory one at a time, never extracted
/// to disk. Member names that could escape a folder (`../`, absolute paths) are rejected, links are
/// ignored, and the total inflated size is capped so a zip bomb stops with a clear error.
public final class ZipBundle: InputBundle {
    public let displayPath: String
    public private(set) var members: [String] = []
    /// Member names refused as unsafe, with the reason.
    public private(set) var rejected: [(name: String, reason: String)] = []
    private let archive: Archive
    private let memberLimit: Int
    private let totalLimit: Int64
    private var inflated: Int64 = 0

    /// The most entries an archive may list.
    static let maxEntries = 200_000

    /// Opens `url` as a zip archive.
    public init(url: URL, displayPath: String, memberLimit: Int, totalLimit: Int64) throws {
        self.displayPath = displayPath
        self.memberLimit = memberLimit
        self.totalLimit = totalLimit
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw DebriefError("not a readable zip archive (truncated or corrupt): \(error)", path: displayPath)
        }
        var count = 0
        for entry in archive {
            count += 1
            guard count <= Self.maxEntries else {
                throw DebriefError("zip archive lists more than \(Self.maxEntries) entries; refused", path: displayPath)
            }
            guard entry.type == .file else { continue }
            let name = entry.path
            if let reason = Self.unsafeReason(name) {
                rejected.append((name, reason))
                continue
            }
            let last = name.split(separator: "/").last.map(String.init) ?? name
            if last.hasPrefix(".") || name.hasPrefix("__MACOSX/") { continue }
            members.append(name)
        }
        members.sort()
    }

    /// Why a member name is unsafe, or nil when it is fine.
    static func unsafeReason(_ name: String) -> String? {
        if name.hasPrefix("/") || name.hasPrefix("\\") || (name.count > 1 && name.dropFirst().first == ":") {
            return "absolute path"
        }
        let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if parts.contains("..") { return "path escapes the archive ('..')" }
        if name.contains("\0") { return "NUL in name" }
        return nil
    }

    public func read(_ member: String) throws -> [UInt8] {
        let path = displayPath(of: member)
        guard let entry = archive[member] else { throw DebriefError("no such member in the archive", path: path) }
        if entry.uncompressedSize > UInt64(memberLimit) {
            throw DebriefError("member inflates to \(entry.uncompressedSize) bytes, over the \(memberLimit >> 20) MiB limit", path: path)
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                bytes.append(contentsOf: chunk)
                inflated += Int64(chunk.count)
                if bytes.count > memberLimit {
                    throw DebriefError("member inflates past the \(memberLimit >> 20) MiB limit (zip bomb?); refused", path: path)
                }
                if inflated > totalLimit {
                    throw DebriefError(
                        "archive inflates past the \(totalLimit >> 20) MiB total limit (zip bomb?); refused", path: displayPath)
                }
            }
        } catch let error as DebriefError {
            throw error
        } catch {
            throw DebriefError("cannot inflate member: \(error)", path: path)
        }
        return bytes
    }

    /// Whether the file at `url` starts with a zip signature.
    public static func isZip(_ url: URL) -> Bool {
        guard let stream = try? FileByteStream(url: url, displayPath: url.path) else { return false }
        let magic = stream.peek(count: 4)
        return magic == [0x50, 0x4B, 0x03, 0x04] || magic == [0x50, 0x4B, 0x05, 0x06]
    }
}

/// What bundle detection looks at: the member list and a way to read small members.
public struct BundleSample {
    /// The bundle.
    public let bundle: any InputBundle

    /// Reads a member if it exists and is small, for detection.
    public func small(_ member: String, limit: Int = 1 << 20) -> [UInt8]? {
        guard bundle.contains(member), let bytes = try? bundle.read(member), bytes.count <= limit else { return nil }
        return bytes
    }
}
