import Foundation

/// An incident folder resolved into a manifest and the list of evidence files to read.
public struct IncidentInput: Sendable {
    /// The incident folder (the manifest's folder).
    public var root: URL
    /// The manifest file, when there is one.
    public var manifestURL: URL?
    /// The manifest (empty when there is no file).
    public var manifest: Manifest
    /// The evidence files, in a deterministic order (manifest order, or sorted paths).
    public var sources: [SourceSpec]
    /// Problems found while resolving (missing files named by the manifest, …).
    public var diagnostics: Diagnostics
}

/// Finds an incident's manifest and evidence files.
public enum IncidentLoader {
    /// File names recognised as the manifest inside an incident folder.
    public static let manifestNames = ["incident.yml", "incident.yaml"]
    /// Names never read as evidence when walking a folder.
    public static let ignoredNames: Set<String> = ["Templates", "report", "whys.yml", "review.yml"]

    /// Picks the bundle format that recognises a folder or archive, if any.
    enum BundleDetector {
        static func detect(_ bundle: any InputBundle) -> InputFormat? {
            let sample = BundleSample(bundle: bundle)
            var best: (InputFormat, Double)?
            for format in InputFormat.allCases where format.isBundle {
                let confidence = format.confidence(forBundle: sample)
                if confidence > (best?.1 ?? 0) { best = (format, confidence) }
            }
            guard let best, best.1 >= FormatSniffer.threshold else { return nil }
            return best.0
        }
    }

    /// Resolves `path` (an incident folder or a manifest file).
    ///
    /// - Parameter excluding: folders to leave out of the walk (the report output folder).
    /// - Throws: `DebriefError` when the path does not exist or the manifest is invalid.
    public static func load(path: String, excluding: [URL] = [], limits: IngestLimits = IngestLimits()) throws
        -> IncidentInput
    {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DebriefError("no such file or folder", path: path)
        }
        let root: URL
        var manifestURL: URL?
        if isDirectory.boolValue {
            root = url
            manifestURL = manifestNames.map { url.appendingPathComponent($0) }
                .first { FileManager.default.fileExists(atPath: $0.path) }
        } else {
            root = url.deletingLastPathComponent()
            manifestURL = url
        }
        var manifest = Manifest()
        if let manifestURL {
            manifest = try Manifest.load(from: manifestURL, displayPath: displayPath(of: manifestURL, cwdRelative: true))
        }
        var diagnostics = Diagnostics()
        let defaultZone = manifest.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        var specs: [SourceSpec] = []
        if let listed = manifest.sources {
            let manifestPath = manifestURL.map { displayPath(of: $0, cwdRelative: true) }
            var seen: Set<String> = []
            for entry in listed {
                let fileURL = URL(fileURLWithPath: entry.path, relativeTo: root).standardizedFileURL
                var entryIsDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: fileURL.path, isDirectory: &entryIsDirectory) else {
                    diagnostics.error(
                        "source '\(entry.path)' does not exist (looked for \(fileURL.path)); the other sources are still read",
                        path: manifestPath, line: entry.line)
                    continue
                }
                let template = SourceSpec(
                    url: fileURL, displayPath: relativePath(of: fileURL, to: root), format: entry.format,
                    timeZone: entry.timeZone.flatMap(TimeZone.init(identifier:)) ?? defaultZone,
                    year: entry.year ?? manifest.year, manifestLine: entry.line, columns: entry.columns,
                    offsetSeconds: entry.offsetSeconds ?? 0)
                let expanded = expand(
                    fileURL, root: root, template: template, excluding: excluding + [manifestURL].compactMap { $0 },
                    limits: limits, diagnostics: &diagnostics)
                for spec in expanded where seen.insert(spec.displayPath).inserted {
                    specs.append(spec)
                }
            }
        } else {
            let template = SourceSpec(url: root, displayPath: "", timeZone: defaultZone, year: manifest.year)
            specs = expand(
                root, root: root, template: template, excluding: excluding + [manifestURL].compactMap { $0 },
                limits: limits, diagnostics: &diagnostics, isRoot: true)
        }
        if specs.isEmpty {
            diagnostics.warn("no evidence files found; add logs, exports or a 'sources:' list", path: path)
        }
        return IncidentInput(
            root: root, manifestURL: manifestURL, manifest: manifest, sources: specs, diagnostics: diagnostics)
    }

    /// The sources a path stands for: a bundle (a folder or zip a bundle format recognises) is one
    /// source; another zip stands for its members; a folder for the sources of its entries.
    static func expand(
        _ url: URL, root: URL, template: SourceSpec, excluding: [URL], limits: IngestLimits,
        diagnostics: inout Diagnostics, isRoot: Bool = false
    ) -> [SourceSpec] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        var spec = template
        spec.url = url
        spec.displayPath = relativePath(of: url, to: root)
        if isDirectory.boolValue {
            if !isRoot, template.format == nil || template.format?.isBundle == true,
                let format = template.format ?? BundleDetector.detect(
                    FolderBundle(root: url, displayPath: spec.displayPath, limit: limits.maxDocumentBytes))
            {
                spec.format = format
                spec.container = .bundle
                return [spec]
            }
            var result: [SourceSpec] = []
            for child in walk(url, excluding: excluding, recursive: false) {
                result += expand(
                    child, root: root, template: template, excluding: excluding, limits: limits,
                    diagnostics: &diagnostics)
            }
            return result
        }
        guard ZipBundle.isZip(url) else { return [spec] }
        let bundle: ZipBundle
        do {
            bundle = try ZipBundle(
                url: url, displayPath: spec.displayPath, memberLimit: limits.maxDocumentBytes,
                totalLimit: limits.maxArchiveBytes)
        } catch let error as DebriefError {
            diagnostics.error(error.message, path: spec.displayPath)
            return []
        } catch {
            diagnostics.error("cannot open the zip archive: \(error)", path: spec.displayPath)
            return []
        }
        for (name, reason) in bundle.rejected {
            diagnostics.warn("member '\(name)' refused: \(reason)", path: spec.displayPath, kind: "unsafe zip member")
        }
        if let format = template.format ?? BundleDetector.detect(bundle), format.isBundle {
            spec.format = format
            spec.container = .bundle
            return [spec]
        }
        return bundle.members.map { member in
            var memberSpec = spec
            memberSpec.container = .zipMember(member)
            memberSpec.displayPath = bundle.displayPath(of: member)
            return memberSpec
        }
    }

    /// Regular files and folders under `folder`, sorted by path, skipping hidden entries and ignored
    /// names; folders are descended into when `recursive`.
    static func walk(_ folder: URL, excluding: [URL], recursive: Bool = true, skipManifests: Bool = true) -> [URL] {
        let excludedPaths = Set(excluding.map { $0.standardizedFileURL.resolvingSymlinksInPath().path })
        var result: [URL] = []
        func visit(_ directory: URL, depth: Int) {
            guard depth < 16,
                let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
            else { return }
            for name in names.sorted() where !name.hasPrefix(".") && !ignoredNames.contains(name) {
                let child = directory.appendingPathComponent(name)
                if excludedPaths.contains(child.standardizedFileURL.resolvingSymlinksInPath().path) { continue }
                if skipManifests && manifestNames.contains(name) && depth == 0 { continue }
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue && recursive {
                    visit(child, depth: depth + 1)
                } else {
                    result.append(child)
                }
            }
        }
        visit(folder, depth: 0)
        return result
    }

    /// `file`'s path relative to `root` when inside it, else as an absolute path.
    static func relativePath(of file: URL, to root: URL) -> String {
        let filePath = file.standardizedFileURL.path
        let rootPath = root.standardizedFileURL.path
        let prefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        return filePath.hasPrefix(prefix) ? String(filePath.dropFirst(prefix.count)) : filePath
    }

    /// A path for messages: relative to the working directory when inside it.
    static func displayPath(of url: URL, cwdRelative: Bool) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return relativePath(of: url, to: cwd)
    }
}
