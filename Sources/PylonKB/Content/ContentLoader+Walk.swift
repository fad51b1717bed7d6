import Foundation

/// The file walk: which files the content folder holds (links that leave it are refused),
/// reading them as text, and splitting each Markdown file into front matter and body.
extension ContentLoader {
    // MARK: - Files

    struct Listing {
        var files: Set<String> = []
    }

    func listFiles(diagnostics: inout [Diagnostic]) -> Listing {
        var listing = Listing()
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return listing }
        let realRoot = root.resolvingSymlinksInPath().path
        while let next = enumerator.nextObject() as? String {
            let name = (next as NSString).lastPathComponent
            let type = Self.entryType(atPath: root.path + "/" + next)
            if name.hasPrefix(".") {
                if type == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            switch type {
            case .typeRegular?:
                listing.files.insert(next)
            case .typeSymbolicLink?:
                // A link may point anywhere; only files that really live under the root are
                // content, so nothing outside it is ever read or uploaded.
                let target = root.appendingPathComponent(next).resolvingSymlinksInPath().path
                var targetIsDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: target, isDirectory: &targetIsDirectory)
                if target.hasPrefix(realRoot + "/"), exists, !targetIsDirectory.boolValue {
                    listing.files.insert(next)
                } else if Self.isContent(next), next.hasSuffix(".md") || next.hasSuffix(".yml") {
                    // An article or settings file that silently disappeared would unpublish
                    // or change pages, so a link that leaves the root, dangles or loops is an error.
                    diagnostics.append(
                        .error(
                            next, line: nil,
                            "This symbolic link points outside the content root, nowhere, or into a loop; replace it with the file itself."
                        ))
                } else if targetIsDirectory.boolValue, Self.isContent(next) {
                    // Links to folders are not followed (they can loop or leave the root), so the
                    // articles behind one would be missing from the knowledge base without notice.
                    diagnostics.append(
                        .error(
                            next, line: nil,
                            "This symbolic link to a folder is not followed; move the folder into the content root instead of linking to it."
                        ))
                } else {
                    diagnostics.append(
                        .warning(
                            next, line: nil,
                            "This symbolic link points outside the content root (or nowhere), so it is ignored."
                        ))
                }
            default:
                continue
            }
        }
        return listing
    }

    /// The type of a directory entry itself (a link is a link), from one `lstat`. FileManager's
    /// attributes also look up the owner's and group's names: a tenth of loading 1,000 files.
    static func entryType(atPath path: String) -> FileAttributeType? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .typeRegular
        case S_IFDIR: return .typeDirectory
        case S_IFLNK: return .typeSymbolicLink
        default: return .typeUnknown
        }
    }

    /// The largest content file read. Pylon articles are a few kilobytes of HTML; a file this
    /// big is a mistake (a log or an export saved as `.md`) and would only slow every run down.
    public static let maximumFileSize = 5_000_000

    func readText(_ path: String, diagnostics: inout [Diagnostic]) -> String? {
        let fullPath = root.path + "/" + path
        var info = stat()
        if stat(fullPath, &info) == 0, Int(info.st_size) > Self.maximumFileSize {
            let size = Int(info.st_size)
            diagnostics.append(
                .error(
                    path, line: nil,
                    "The file is \(size / 1_000_000) MB; content files may be at most \(Self.maximumFileSize / 1_000_000) MB, so split it or remove what does not belong in a help article."
                ))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: fullPath) else {
            diagnostics.append(.error(path, line: nil, "The file could not be read; check its permissions."))
            return nil
        }
        do {
            let text = try SourceText.decode(data)
            // NUL is valid UTF-8 but never text: the file is binary (or corrupted), and Pylon
            // would store the bytes as they are.
            if let nul = text.utf8.firstIndex(of: 0) {
                let line = text.utf8[..<nul].count { $0 == UInt8(ascii: "\n") } + 1
                diagnostics.append(
                    .error(
                        path, line: line,
                        "The file contains a NUL byte, so it is binary rather than text; save it as UTF-8 text."
                    ))
                return nil
            }
            return text
        } catch {
            diagnostics.append(
                .error(
                    path, line: error.line,
                    "The file is not valid UTF-8 text; save it with UTF-8 encoding."))
            return nil
        }
    }

    // MARK: - Parsing

    /// One Markdown file after reading and front matter parsing.
    struct ParsedFile: Sendable {
        var path: String
        var frontMatter = FrontMatter()
        var body = ""
        var bodyLineOffset = 0
        var headingTitle: String?
        var diagnostics: [Diagnostic] = []
        var readable = true
        /// See `DialectTranslation.sourceLines`.
        var sourceLines: [Int]?
        /// Findings reported once per kind for the whole folder.
        var tallies: [Tally] = []
    }

    /// What every page's translation may look up: the folder's files and pages, and the
    /// site's parameters (Hugo).
    struct SiteLookup: Sendable {
        var files: Set<String>
        var pages: Set<String>
        var parameters: [String: String]
    }

    func parseConcurrently(_ paths: [String], configuration: Configuration, files: Set<String>) async
        -> [ParsedFile]
    {
        let site = SiteLookup(
            files: files, pages: Set(paths),
            parameters: SiteVariables.siteVariables(
                dialect: configuration.dialect, siteFolder: configuration.siteFolder, files: files,
                read: { readIncluded($0) }))
        let chunkSize = max(64, paths.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        let chunks = stride(from: 0, to: paths.count, by: chunkSize).map {
            Array(paths[$0..<min($0 + chunkSize, paths.count)])
        }
        return await withTaskGroup(of: [ParsedFile].self) { group in
            for chunk in chunks {
                group.addTask { chunk.map { parse($0, configuration: configuration, site: site) } }
            }
            var all: [ParsedFile] = []
            for await part in group { all += part }
            return all.sorted { $0.path < $1.path }
        }
    }

    private func parse(_ path: String, configuration: Configuration, site: SiteLookup) -> ParsedFile {
        var file = ParsedFile(path: path)
        guard let text = readText(path, diagnostics: &file.diagnostics) else {
            file.readable = false
            return file
        }
        guard let parseCache else {
            return parse(path, text: text, into: file, configuration: configuration, site: site).file
        }
        return parseCache.value(for: path, input: text) {
            let parsed = parse(path, text: text, into: file, configuration: configuration, site: site)
            return (parsed.file, keep: parsed.cacheable)
        }
    }

    /// The page's text split, its front matter read and its dialect translated; `cacheable`
    /// is false when it read an included file.
    private func parse(
        _ path: String, text: String, into start: ParsedFile, configuration: Configuration, site: SiteLookup
    ) -> (file: ParsedFile, cacheable: Bool) {
        var file = start
        let includes = IncludeFlag()
        let split: FrontMatterSplit
        do {
            split = try FrontMatterSplit.split(text)
        } catch {
            file.diagnostics.append(
                .error(
                    path, line: 1,
                    "The front matter that starts on line 1 is never closed; add a line with `---` after it.")
            )
            file.readable = false
            return (file, true)
        }
        if let yaml = split.yaml {
            file.frontMatter = FrontMatter.parse(
                yaml, path: path, lineOffset: 1, dialect: configuration.dialect,
                diagnostics: &file.diagnostics)
        }
        file.body = split.body
        file.bodyLineOffset = split.bodyLineOffset
        var parameters = site.parameters
        if configuration.dialect == .hugo, let yaml = split.yaml, split.body.contains("param") {
            // `param` reads the page's own front matter first (its `params:` and top level).
            parameters.merge(SiteVariables.parameters(in: yaml, toml: false, topLevel: true)) { $1 }
            parameters.merge(SiteVariables.parameters(in: yaml, toml: false, topLevel: false)) { $1 }
        }
        if configuration.dialect == .jekyll, let yaml = split.yaml, split.body.contains("page.") {
            // `{{ page.x }}`: the page's own front matter.
            for (key, value) in SiteVariables.parameters(in: yaml, toml: false, topLevel: true) {
                parameters["page." + key] = value
            }
        }
        let translation = DialectTranslator.translate(
            split.body,
            source: DialectSource(
                dialect: configuration.dialect, path: path, bodyLineOffset: split.bodyLineOffset,
                siteFolder: configuration.siteFolder, pagesFolder: configuration.pagesFolder,
                files: ContentFileReader(
                    read: { [self] in
                        includes.set()
                        return readIncluded($0)
                    }, exists: { site.files.contains($0) }),
                pagePaths: site.pages, siteParameters: parameters))
        file.body = translation.markdown
        file.sourceLines = translation.sourceLines
        file.diagnostics += translation.diagnostics
        file.tallies = translation.tallies
        if file.frontMatter.title == nil { file.headingTitle = Self.firstHeading(in: file.body) }
        return (file, !includes.wasRead)
    }

    /// A file an include names, read only when it is inside the content root (links too) and
    /// is text; nil otherwise (the translator reports a missing include).
    func readIncluded(_ path: String) -> String? {
        guard let resolved = ContentPath.resolve(path, fromFile: "x") else { return nil }
        let full = root.appendingPathComponent(resolved).resolvingSymlinksInPath().path
        let realRoot = root.resolvingSymlinksInPath().path
        guard full.hasPrefix(realRoot + "/") else { return nil }
        var ignored: [Diagnostic] = []
        return readText(resolved, diagnostics: &ignored)
    }

    /// The text of the first level-1 ATX heading outside code fences.
    static func firstHeading(in markdown: String) -> String? {
        var fence: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " })
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                continue
            }
            guard line.utf8.count - trimmed.utf8.count < 4, trimmed.hasPrefix("# ") else { continue }
            var text = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
            while text.hasSuffix("#") { text = String(text.dropLast()) }
            text = text.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { return text }
        }
        return nil
    }
}
