import Foundation
import Yams

/// Loads a content folder into a `ContentTree`, collecting every problem it finds as a
/// diagnostic instead of stopping at the first one.
///
/// Rules (see docs/content-layout.md): every folder that holds articles is a collection;
/// `*.md` files are articles and `name.<lang>.md` is a translation of `name.md`; names
/// starting with `_` or `.` are not content (Jekyll's `_includes/`, `_defaults.md`, `.git`),
/// except `_collection.yml`, which describes its folder.
public struct ContentLoader: Sendable {
    public var root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public struct Result: Sendable {
        public var tree: ContentTree
        public var diagnostics: [Diagnostic]
    }

    /// Thrown only when the root itself cannot be read; everything else is a diagnostic.
    public struct RootError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public func load() async throws(RootError) -> Result {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw RootError(
                description:
                    "\(root.path) is not a folder. Pass the folder that holds pylon-kb.yml and your articles."
            )
        }
        var diagnostics: [Diagnostic] = []
        let listing = listFiles(diagnostics: &diagnostics)

        var configuration = Configuration()
        if listing.files.contains(Configuration.fileName) {
            if let text = readText(Configuration.fileName, diagnostics: &diagnostics) {
                configuration = Configuration.parse(text, diagnostics: &diagnostics)
            }
        }

        let markdownFiles = listing.files.filter { $0.hasSuffix(".md") && Self.isContent($0) }.sorted()
        let parsed = await parseConcurrently(markdownFiles)
        for file in parsed { diagnostics += file.diagnostics }

        var articles = buildArticles(parsed, configuration: configuration, diagnostics: &diagnostics)
        articles.sort { $0.path < $1.path }
        checkDuplicateSlugs(articles, diagnostics: &diagnostics)
        let collections = buildCollections(
            articles: articles, files: listing.files, diagnostics: &diagnostics)
        let tree = ContentTree(
            configuration: configuration, collections: collections, articles: articles, files: listing.files,
            root: root)
        return Result(tree: tree, diagnostics: diagnostics)
    }

    /// False for paths with a component starting with `_` or `.`.
    public static func isContent(_ path: String) -> Bool {
        !path.split(separator: "/").contains { $0.hasPrefix("_") || $0.hasPrefix(".") }
    }

    // MARK: - Files

    private struct Listing {
        var files: Set<String> = []
    }

    private func listFiles(diagnostics: inout [Diagnostic]) -> Listing {
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

    private func readText(_ path: String, diagnostics: inout [Diagnostic]) -> String? {
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
    private struct ParsedFile: Sendable {
        var path: String
        var frontMatter = FrontMatter()
        var body = ""
        var bodyLineOffset = 0
        var headingTitle: String?
        var diagnostics: [Diagnostic] = []
        var readable = true
    }

    private func parseConcurrently(_ paths: [String]) async -> [ParsedFile] {
        let chunkSize = max(64, paths.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        let chunks = stride(from: 0, to: paths.count, by: chunkSize).map {
            Array(paths[$0..<min($0 + chunkSize, paths.count)])
        }
        return await withTaskGroup(of: [ParsedFile].self) { group in
            for chunk in chunks {
                group.addTask { chunk.map(parse) }
            }
            var all: [ParsedFile] = []
            for await part in group { all += part }
            return all.sorted { $0.path < $1.path }
        }
    }

    private func parse(_ path: String) -> ParsedFile {
        var file = ParsedFile(path: path)
        guard let text = readText(path, diagnostics: &file.diagnostics) else {
            file.readable = false
            return file
        }
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
            return file
        }
        if let yaml = split.yaml {
            file.frontMatter = FrontMatter.parse(
                yaml, path: path, lineOffset: 1, diagnostics: &file.diagnostics)
        }
        file.body = split.body
        file.bodyLineOffset = split.bodyLineOffset
        if file.frontMatter.title == nil { file.headingTitle = Self.firstHeading(in: split.body) }
        return file
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

    // MARK: - Articles

    private func buildArticles(
        _ files: [ParsedFile], configuration: Configuration, diagnostics: inout [Diagnostic]
    ) -> [Article] {
        let paths = Set(files.map(\.path))
        var translationsByBase: [String: [Translation]] = [:]
        var articles: [Article] = []
        for file in files {
            let directory = ContentPath.directory(of: file.path)
            let name = (file.path as NSString).lastPathComponent
            if let (baseName, language) = Translation.languageCode(inFileName: name) {
                let basePath = directory.isEmpty ? baseName : "\(directory)/\(baseName)"
                guard paths.contains(basePath) else {
                    diagnostics.append(
                        .error(
                            file.path, line: nil,
                            "This file is named as the `\(language)` translation of \(basePath), which does not exist; add \(basePath) or rename this file."
                        ))
                    continue
                }
                guard file.readable else { continue }
                translationsByBase[basePath, default: []].append(
                    makeTranslation(file, language: language, basePath: basePath, diagnostics: &diagnostics))
                continue
            }
            guard file.readable else { continue }
            articles.append(
                makeArticle(
                    file, collectionPath: directory, configuration: configuration, diagnostics: &diagnostics))
        }
        for (basePath, translations) in translationsByBase {
            // `x.pt-br.md` and `x.pt-BR.md` are both the pt-BR translation; only one can be sent.
            var seen: [String: String] = [:]
            for translation in translations.sorted(by: { $0.path < $1.path }) {
                if let other = seen[translation.language] {
                    diagnostics.append(
                        .error(
                            translation.path, line: nil,
                            "This file is a second `\(translation.language)` translation of \(basePath), after \(other); keep one of them."
                        ))
                } else {
                    seen[translation.language] = translation.path
                }
            }
        }
        for index in articles.indices {
            articles[index].translations = (translationsByBase[articles[index].path] ?? []).sorted {
                $0.language < $1.language
            }
        }
        return articles
    }

    private func title(of file: ParsedFile, diagnostics: inout [Diagnostic]) -> String {
        if let title = file.frontMatter.title ?? file.headingTitle { return title }
        let stem = ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        // A title lost in malformed front matter is already reported with the YAML error.
        if file.frontMatter.isMalformed { return ContentCollection.humanisedTitle(folderName: stem) }
        diagnostics.append(
            .error(
                file.path, line: 1,
                "This article has no title; add `title:` to the front matter or start the text with a `# Heading`."
            ))
        return ContentCollection.humanisedTitle(folderName: stem)
    }

    private func makeArticle(
        _ file: ParsedFile, collectionPath: String, configuration: Configuration,
        diagnostics: inout [Diagnostic]
    ) -> Article {
        let frontMatter = file.frontMatter
        let fileStem = ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let slug = frontMatter.slug ?? fileStem
        if let problem = Slug.problem(with: slug) {
            let origin =
                frontMatter.slug == nil
                ? " It comes from the file name; add `slug: \(Slug.suggestion(for: slug))` to the front matter or rename the file."
                : ""
            diagnostics.append(.error(file.path, line: frontMatter.keyLines["slug"] ?? 1, problem + origin))
        }
        var article = Article(
            path: file.path,
            collectionPath: collectionPath,
            slug: slug,
            title: title(of: file, diagnostics: &diagnostics),
            published: frontMatter.published ?? configuration.defaultPublished,
            unlisted: frontMatter.unlisted ?? false,
            visibility: frontMatter.visibility ?? configuration.defaultVisibility,
            aiAgentAccess: frontMatter.aiAgentAccess ?? .inherit,
            allowedAgentIDs: frontMatter.allowedAgentIDs,
            author: frontMatter.author ?? configuration.author,
            previousSlugs: frontMatter.previousSlugs,
            redirectFrom: frontMatter.redirectFrom,
            protect: frontMatter.protect ?? false,
            markdown: file.body,
            bodyLineOffset: file.bodyLineOffset,
            frontMatter: frontMatter,
            translations: [])
        article.tags = frontMatter.tags
        return article
    }

    private func makeTranslation(
        _ file: ParsedFile, language: String, basePath: String, diagnostics: inout [Diagnostic]
    ) -> Translation {
        // A translation is the same Pylon article in another language: settings live in the
        // original file, so setting them here would silently do nothing.
        for key in FrontMatter.knownKeys where key != "title" {
            if let line = file.frontMatter.keyLines[key] {
                diagnostics.append(
                    .warning(
                        file.path, line: line,
                        "`\(key)` in a translation is ignored; translations share the settings of \(basePath)."
                    ))
            }
        }
        return Translation(
            language: language, path: file.path, title: title(of: file, diagnostics: &diagnostics),
            markdown: file.body, bodyLineOffset: file.bodyLineOffset, frontMatter: file.frontMatter)
    }

    private func checkDuplicateSlugs(_ articles: [Article], diagnostics: inout [Diagnostic]) {
        var firstBySlug: [String: Article] = [:]
        for article in articles {
            if let first = firstBySlug[article.slug] {
                diagnostics.append(
                    .error(
                        article.path, line: article.frontMatter.keyLines["slug"] ?? 1,
                        "The slug \"\(article.slug)\" is also used by \(first.path); slugs must be unique in a knowledge base, so set a different `slug:` in one of them."
                    ))
            } else {
                firstBySlug[article.slug] = article
            }
        }
        // A redirect has one target: an old slug or path claimed twice, or an old slug that
        // is some article's current slug, would make the redirect ambiguous or shadow a page.
        var previousOwner: [String: Article] = [:]
        var redirectOwner: [String: Article] = [:]
        for article in articles {
            let line = article.frontMatter.keyLines["previous_slugs"]
            for previous in article.previousSlugs {
                if let current = firstBySlug[previous] {
                    let whose =
                        current.path == article.path
                        ? "this article's own slug" : "the slug of \(current.path)"
                    diagnostics.append(
                        .error(
                            article.path, line: line,
                            "The previous slug \"\(previous)\" is \(whose); remove it from `previous_slugs`.")
                    )
                } else if let other = previousOwner[previous], other.path != article.path {
                    diagnostics.append(
                        .error(
                            article.path, line: line,
                            "The previous slug \"\(previous)\" is also listed by \(other.path); an old slug can redirect to only one article."
                        ))
                } else {
                    previousOwner[previous] = article
                }
            }
            for path in article.redirectFrom {
                if let other = redirectOwner[path], other.path != article.path {
                    diagnostics.append(
                        .error(
                            article.path, line: article.frontMatter.keyLines["redirect_from"],
                            "The redirect from \(path) is also listed by \(other.path); a path can redirect to only one article."
                        ))
                } else {
                    redirectOwner[path] = article
                }
            }
        }
    }

    // MARK: - Collections

    /// How deeply folders (collections) may nest. A help center's navigation is a few levels;
    /// a runaway tree (a generated or looping folder structure) would create a collection per level.
    public static let maximumCollectionDepth = 16

    private func buildCollections(
        articles: [Article], files: Set<String>, diagnostics: inout [Diagnostic]
    ) -> [ContentCollection] {
        var folders: Set<String> = []
        for article in articles {
            let depth = article.collectionPath.split(separator: "/").count
            if depth > Self.maximumCollectionDepth {
                diagnostics.append(
                    .error(
                        article.path, line: nil,
                        "This article is \(depth) folders deep, and each folder is a collection in Pylon; collections may nest at most \(Self.maximumCollectionDepth) levels, so move it higher up."
                    ))
            }
            var folder = article.collectionPath
            while !folder.isEmpty {
                guard folders.insert(folder).inserted else { break }
                folder = ContentPath.directory(of: folder)
            }
        }
        var collections: [ContentCollection] = []
        for folder in folders.sorted() {
            let name = (folder as NSString).lastPathComponent
            let parent = ContentPath.directory(of: folder)
            var collection = ContentCollection(
                path: folder, parentPath: parent.isEmpty ? nil : parent, slug: name,
                title: ContentCollection.humanisedTitle(folderName: name), description: nil)
            let metadataPath = "\(folder)/\(ContentCollection.fileName)"
            var slugLine: Int?
            if files.contains(metadataPath), let text = readText(metadataPath, diagnostics: &diagnostics) {
                slugLine = readCollectionMetadata(
                    text, path: metadataPath, into: &collection, diagnostics: &diagnostics)
            }
            if let problem = Slug.problem(with: collection.slug, key: "collection slug") {
                if let slugLine {
                    diagnostics.append(.error(metadataPath, line: slugLine, problem))
                } else {
                    diagnostics.append(
                        .error(
                            folder, line: nil,
                            problem
                                + " It comes from the folder name; rename the folder or set `slug:` in \(ContentCollection.fileName)."
                        ))
                }
            }
            collections.append(collection)
        }
        for file in files.sorted() where (file as NSString).lastPathComponent == ContentCollection.fileName {
            let folder = ContentPath.directory(of: file)
            guard !folders.contains(folder), Self.isContent(folder) else { continue }
            let reason =
                folder.isEmpty
                ? "the content root is the knowledge base itself, not a collection"
                : "\(folder) holds no articles, so it is not a collection"
            diagnostics.append(.warning(file, line: nil, "This file is ignored: \(reason)."))
        }
        var seen: [String: ContentCollection] = [:]
        for collection in collections {
            let key = "\(collection.parentPath ?? "")\u{0}\(collection.slug)"
            if let other = seen[key] {
                diagnostics.append(
                    .error(
                        collection.path, line: nil,
                        "The collection slug \"\(collection.slug)\" is also used by \(other.path) in the same parent; give one of them a different `slug:` in \(ContentCollection.fileName)."
                    ))
            } else {
                seen[key] = collection
            }
        }
        return collections
    }

    /// Returns the line of `slug` when it is set.
    private func readCollectionMetadata(
        _ text: String, path: String, into collection: inout ContentCollection,
        diagnostics: inout [Diagnostic]
    ) -> Int? {
        let node: Yams.Node?
        do {
            node = try YAMLReader.parse(text)
        } catch {
            diagnostics.append(.error(path, line: error.line, error.message))
            return nil
        }
        guard
            var fields = YAMLFields(
                node, path: path, lineOffset: 0, what: "content of \(ContentCollection.fileName)",
                diagnostics: &diagnostics)
        else { return nil }
        fields.warnUnknownKeys(
            known: ["title", "description", "slug", "visibility"], in: ContentCollection.fileName)
        if let title = fields.string("title")?.trimmingCharacters(in: .whitespaces), !title.isEmpty {
            collection.title = title
        }
        if let description = fields.string("description")?.trimmingCharacters(in: .whitespacesAndNewlines),
            !description.isEmpty
        {
            collection.description = description
        }
        if let visibility = fields.choice("visibility", ArticleVisibility.self) {
            collection.visibility = visibility
        }
        var slugLine: Int?
        if let slug = fields.string("slug") {
            collection.slug = slug
            slugLine = fields.line(of: "slug")
        }
        diagnostics += fields.diagnostics
        return slugLine
    }
}
