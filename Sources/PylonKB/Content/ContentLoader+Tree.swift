import Foundation
import Yams

/// Building the tree from the parsed files: articles with their translations, the collections
/// their folders make, and the uniqueness rules (slugs, previous slugs, redirects) across them.
extension ContentLoader {
    // MARK: - Articles

    func buildArticles(
        _ files: [ParsedFile], configuration: Configuration, sections: SectionPages,
        tallies: inout [Tally], diagnostics: inout [Diagnostic]
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
                    makeTranslation(
                        file, language: language, basePath: basePath, tallies: &tallies,
                        diagnostics: &diagnostics))
                continue
            }
            guard file.readable else { continue }
            let placement =
                sections.placements[file.path]
                ?? SectionPages.Placement(
                    collectionPath: directory,
                    defaultSlug: ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
                )
            articles.append(
                makeArticle(
                    file, placement: placement, configuration: configuration, sections: sections,
                    tallies: &tallies, diagnostics: &diagnostics))
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

    private func title(
        of file: ParsedFile, configuration: Configuration = Configuration(), sections: SectionPages? = nil,
        tallies: inout [Tally], diagnostics: inout [Diagnostic]
    ) -> String {
        if let title = file.frontMatter.title ?? file.headingTitle { return title }
        if let title = sections?.navigationTitles[file.path] { return title }
        let stem = ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        // A title lost in malformed front matter is already reported with the YAML error.
        if file.frontMatter.isMalformed { return ContentCollection.humanisedTitle(folderName: stem) }
        if let dialect = configuration.dialect {
            // The generator titles such a page after its file; so does pylon-kb, with a note.
            let placement = sections?.placements[file.path]
            let name = placement.map(\.defaultSlug) ?? stem
            tallies.append(
                Tally(
                    key: "title from file name",
                    message:
                        "A page without a title (no `title:` and no `# Heading`) is titled after its file name, as \(dialect.displayName) does; add `title:` to choose the title.",
                    path: file.path, line: 1))
            return ContentCollection.humanisedTitle(folderName: name)
        }
        diagnostics.append(
            .error(
                file.path, line: 1,
                "This article has no title; add `title:` to the front matter or start the text with a `# Heading`."
            ))
        return ContentCollection.humanisedTitle(folderName: stem)
    }

    private func makeArticle(
        _ file: ParsedFile, placement: SectionPages.Placement, configuration: Configuration,
        sections: SectionPages, tallies: inout [Tally], diagnostics: inout [Diagnostic]
    ) -> Article {
        let frontMatter = file.frontMatter
        let collectionPath = placement.collectionPath
        let fileStem = placement.defaultSlug
        let slugChoice = Slug.choose(
            explicit: frontMatter.slug, name: fileStem, origin: "file name", pinWhere: "the front matter")
        let slug = slugChoice.slug
        if let (severity, message) = slugChoice.diagnostic {
            diagnostics.append(
                Diagnostic(severity, path: file.path, line: frontMatter.keyLines["slug"] ?? 1, message))
        }
        var article = Article(
            path: file.path,
            collectionPath: collectionPath,
            slug: slug,
            title: title(
                of: file, configuration: configuration, sections: sections, tallies: &tallies,
                diagnostics: &diagnostics),
            published: frontMatter.heldBySource == nil
                && (frontMatter.published ?? configuration.defaultPublished),
            unlisted: frontMatter.unlisted ?? (frontMatter.unlistedBySource != nil),
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
        article.sourceLines = file.sourceLines
        article.orderHint = frontMatter.orderHint
        return article
    }

    private func makeTranslation(
        _ file: ParsedFile, language: String, basePath: String, tallies: inout [Tally],
        diagnostics: inout [Diagnostic]
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
        var translation = Translation(
            language: language, path: file.path,
            title: title(of: file, tallies: &tallies, diagnostics: &diagnostics),
            markdown: file.body, bodyLineOffset: file.bodyLineOffset, frontMatter: file.frontMatter)
        translation.sourceLines = file.sourceLines
        return translation
    }

    func checkDuplicateSlugs(_ articles: [Article], diagnostics: inout [Diagnostic]) {
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

    func buildCollections(
        articles: [Article], files: Set<String>, pagesFolder: String = "", diagnostics: inout [Diagnostic]
    ) -> [ContentCollection] {
        var folders: Set<String> = []
        for article in articles {
            let depth =
                article.collectionPath.split(separator: "/").count - pagesFolder.split(separator: "/").count
            if depth > Self.maximumCollectionDepth {
                diagnostics.append(
                    .error(
                        article.path, line: nil,
                        "This article is \(depth) folders deep, and each folder is a collection in Pylon; collections may nest at most \(Self.maximumCollectionDepth) levels, so move it higher up."
                    ))
            }
            // Folders above the pages folder are the site's, not collections.
            var folder = article.collectionPath
            while !folder.isEmpty, folder != pagesFolder {
                guard folders.insert(folder).inserted else { break }
                folder = ContentPath.directory(of: folder)
            }
        }
        var collections: [ContentCollection] = []
        for folder in folders.sorted() {
            let name = (folder as NSString).lastPathComponent
            let parent = ContentPath.directory(of: folder)
            var collection = ContentCollection(
                path: folder, parentPath: parent.isEmpty || parent == pagesFolder ? nil : parent, slug: name,
                title: ContentCollection.humanisedTitle(folderName: name), description: nil)
            let metadataPath = "\(folder)/\(ContentCollection.fileName)"
            var slugLine: Int?
            if files.contains(metadataPath), let text = readText(metadataPath, diagnostics: &diagnostics) {
                slugLine = readCollectionMetadata(
                    text, path: metadataPath, into: &collection, diagnostics: &diagnostics)
            }
            let slugChoice = Slug.choose(
                explicit: slugLine == nil ? nil : collection.slug, name: name, key: "collection slug",
                origin: "folder name", pinWhere: metadataPath)
            collection.slug = slugChoice.slug
            if let (severity, message) = slugChoice.diagnostic {
                diagnostics.append(
                    Diagnostic(
                        severity, path: slugLine == nil ? folder : metadataPath, line: slugLine, message))
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
