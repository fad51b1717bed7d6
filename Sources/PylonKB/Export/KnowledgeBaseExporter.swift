import Foundation
import PylonHTML

/// Turns a knowledge base (a `RemoteSnapshot`) into a content tree pylon-kb publishes back to
/// the same HTML: collections → folders with `_collection.yml`, articles → `<name>.md` with
/// front matter, translations → `<name>.<lang>.md`, links between articles → relative `.md`
/// paths, a `pylon-kb.yml`, and the state file that makes the tree own what it came from.
/// Pure: `ExportWriter` writes the result; `ImageDownloader` fetches images beforehand.
public struct KnowledgeBaseExporter: Sendable {
    public init() {}

    /// The body pylon-kb exports for an article: what readers see when it is published (a
    /// newer unpublished draft is reported, not exported), the draft when it never was.
    public static func exportedBody(of article: RemoteArticle) -> String {
        article.isPublished ? (article.publishedHTML ?? article.draftHTML ?? "") : (article.draftHTML ?? "")
    }

    /// The `src` of every image in the bodies an export writes, in order, each once: what
    /// `--download-images` fetches.
    public static func imageSources(in snapshot: RemoteSnapshot) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for article in snapshot.articles.sorted(by: { $0.slug < $1.slug }) {
            var bodies = [exportedBody(of: article)]
            for language in article.translations.keys.sorted() {
                if let translation = article.translations[language],
                    isRealTranslation(translation, of: article)
                {
                    bodies.append(translation.liveHTML)
                }
            }
            for body in bodies {
                for src in imageSources(in: body) where seen.insert(src).inserted { result.append(src) }
            }
        }
        return result
    }

    static func imageSources(in html: String) -> [String] {
        var result: [String] = []
        func walk(_ nodes: [HTMLNode]) {
            for case .element(let element) in nodes {
                if element.name == "img", let src = element[attribute: "src"], !src.isEmpty {
                    result.append(src)
                }
                walk(element.children)
            }
        }
        walk(HTMLParser.parseFragment(html))
        return result
    }

    /// Pylon answers a listing in a language an article has no translation for with the
    /// article itself, so a "translation" identical to the original in title and both bodies
    /// is that fallback, not a translation.
    static func isRealTranslation(_ translation: RemoteTranslation, of article: RemoteArticle) -> Bool {
        translation.title != article.title || translation.publishedHTML != article.publishedHTML
            || translation.draftHTML != article.draftHTML
    }

    public func export(_ snapshot: RemoteSnapshot, options: ExportOptions) -> KnowledgeBaseExport {
        var run = ExportRun(snapshot: snapshot, options: options)
        return run.export()
    }
}

/// The working state of one export.
private struct ExportRun {
    let snapshot: RemoteSnapshot
    let options: ExportOptions
    var report = ExportReport()
    var files: [ExportedFile] = []

    /// Collection id → folder path ("a/b"); only collections that hold articles.
    var folders: [String: String] = [:]
    /// Collection id → path of slugs, as the planner matches collections.
    var slugPaths: [String: String] = [:]
    /// Article id → path of its Markdown file.
    var articlePaths: [String: String] = [:]
    /// Image src → exported image path.
    var imagePaths: [String: String] = [:]

    init(snapshot: RemoteSnapshot, options: ExportOptions) {
        self.snapshot = snapshot
        self.options = options
    }

    mutating func export() -> KnowledgeBaseExport {
        layOutCollections()
        layOutArticles()
        let siteURL = chooseSiteURL()
        report.siteURL = siteURL
        placeImages()
        writeArticles()
        files.append(ExportedFile(path: Configuration.fileName, text: configurationText(siteURL: siteURL)))
        files.sort { $0.path < $1.path }
        report.articles.sort { $0.path < $1.path }
        return KnowledgeBaseExport(files: files, state: makeState(), report: report)
    }

    // MARK: Collections

    mutating func layOutCollections() {
        let byID = Dictionary(
            snapshot.collections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // A parent that does not exist, or a chain of parents that loops, puts a collection at
        // the root (reported): everything still gets a folder.
        var parentOf: [String: String] = [:]
        for collection in snapshot.collections {
            guard let parent = collection.parentID else { continue }
            var seen: Set<String> = [collection.id]
            var current: String? = parent
            var loops = false
            while let id = current {
                if !seen.insert(id).inserted {
                    loops = true
                    break
                }
                current = byID[id]?.parentID
            }
            if byID[parent] == nil {
                report.warnings.append(
                    "Collection “\(collection.title)” (\(collection.slug)) names a parent collection \(parent) that does not exist; it is exported at the top level."
                )
            } else if loops {
                report.warnings.append(
                    "Collection “\(collection.title)” (\(collection.slug)) is its own ancestor in Pylon; it is exported at the top level."
                )
            } else {
                parentOf[collection.id] = parent
            }
        }
        // Only collections that hold articles, directly or below, become folders: pylon-kb
        // makes a collection of every folder with articles and of no other.
        var holdsArticles: Set<String> = []
        for article in snapshot.articles {
            var current = article.collectionID.flatMap { byID[$0] == nil ? nil : $0 }
            while let id = current, holdsArticles.insert(id).inserted { current = parentOf[id] }
        }
        var children: [String: [RemoteCollection]] = [:]
        // One folder per id, should a listing repeat a collection.
        var listed: Set<String> = []
        for collection in snapshot.collections where listed.insert(collection.id).inserted {
            children[parentOf[collection.id] ?? "", default: []].append(collection)
        }
        func place(parent: String, folder: String, slugPath: String) {
            // The folder's images go to `images/`, so no collection may take that name.
            var naming = ExportNaming(reserved: ["images"])
            for collection in Self.preferringExactNames(children[parent] ?? [], slug: \.slug, id: \.id) {
                guard holdsArticles.contains(collection.id) else {
                    report.warnings.append(
                        "Collection “\(collection.title)” (\(collection.slug)) has no articles, so it is not exported: pylon-kb makes collections only of folders with articles. Create it in Pylon by hand if you need it empty."
                    )
                    continue
                }
                let name = naming.claim(collection.slug, fallback: "collection")
                let path = folder.isEmpty ? name : folder + "/" + name
                let collectionSlugPath = slugPath.isEmpty ? collection.slug : slugPath + "/" + collection.slug
                folders[collection.id] = path
                slugPaths[collection.id] = collectionSlugPath
                report.collectionCount += 1
                if let problem = Slug.problem(with: collection.slug) {
                    report.warnings.append(
                        "\(path)/_collection.yml: \(problem) Pylon cannot change a collection's slug, so `check` will report this until the collection is replaced."
                    )
                }
                var lines = [ExportYAML.line("title", collection.title)]
                if let description = collection.description, !description.isEmpty {
                    lines.append(ExportYAML.line("description", description))
                }
                if name != collection.slug { lines.append(ExportYAML.line("slug", collection.slug)) }
                files.append(
                    ExportedFile(path: path + "/_collection.yml", text: lines.joined(separator: "\n") + "\n"))
                place(parent: collection.id, folder: path, slugPath: collectionSlugPath)
            }
        }
        place(parent: "", folder: "", slugPath: "")
    }

    /// Items whose slug is already a safe name first (they keep it), then by slug and id, so
    /// suffixes land on the odd ones and the same knowledge base always exports the same names.
    static func preferringExactNames<Item>(
        _ items: [Item], slug: KeyPath<Item, String>, id: KeyPath<Item, String>
    )
        -> [Item]
    {
        items.sorted { left, right in
            let leftExact = ExportNaming.base(left[keyPath: slug], fallback: "") == left[keyPath: slug]
            let rightExact = ExportNaming.base(right[keyPath: slug], fallback: "") == right[keyPath: slug]
            if leftExact != rightExact { return leftExact }
            if left[keyPath: slug] != right[keyPath: slug] {
                return left[keyPath: slug] < right[keyPath: slug]
            }
            return left[keyPath: id] < right[keyPath: id]
        }
    }

    // MARK: Articles

    func folder(of article: RemoteArticle) -> String {
        article.collectionID.flatMap { folders[$0] } ?? ""
    }

    mutating func layOutArticles() {
        let known = Set(snapshot.collections.map(\.id))
        var byFolder: [String: [RemoteArticle]] = [:]
        for article in snapshot.articles {
            if let collectionID = article.collectionID, !known.contains(collectionID) {
                report.warnings.append(
                    "“\(article.title)” (\(article.slug)) is in collection \(collectionID), which the knowledge base does not list; it is exported at the top level."
                )
            }
            byFolder[folder(of: article), default: []].append(article)
        }
        for (folder, articles) in byFolder {
            var naming = ExportNaming()
            for article in Self.preferringExactNames(articles, slug: \.slug, id: \.id) {
                let name = naming.claim(article.slug, fallback: "article")
                articlePaths[article.id] = (folder.isEmpty ? "" : folder + "/") + name + ".md"
            }
        }
    }

    // MARK: Links and images

    /// The prefix most links between articles were published with becomes `site_url`, so
    /// publishing the export writes the same links.
    mutating func chooseSiteURL() -> String? {
        let links = ExportLinks(articles: snapshot.articles)
        var prefixes: [String] = []
        for (_, bodies) in exportedBodies() {
            for body in bodies {
                for href in ExportLinks.hrefs(in: body.html) {
                    if let match = links.match(href) { prefixes.append(match.prefix) }
                }
            }
        }
        let (siteURL, others) = ExportLinks.dominantPrefix(prefixes)
        if !others.isEmpty {
            let described = others.sorted().map { $0.isEmpty ? "root-relative /articles/…" : $0 }
            report.warnings.append(
                "Links between articles use more than one address (\(([siteURL ?? "root-relative /articles/…"] + described).joined(separator: ", "))). They are all exported as relative .md links and publish as \(siteURL.map { "\($0)/articles/…" } ?? "/articles/…"); articles with the other form will show a change in the first plan."
            )
        }
        return siteURL
    }

    struct Body {
        /// "" for the default language.
        var language: String
        var title: String
        var html: String
    }

    /// Each exported article with the bodies it writes: its own, then its translations.
    func exportedBodies() -> [(RemoteArticle, [Body])] {
        snapshot.articles.sorted { (articlePaths[$0.id] ?? "") < (articlePaths[$1.id] ?? "") }.map {
            article in
            var bodies = [
                Body(
                    language: "", title: article.title, html: KnowledgeBaseExporter.exportedBody(of: article))
            ]
            for language in article.translations.keys.sorted() {
                guard let translation = article.translations[language],
                    KnowledgeBaseExporter.isRealTranslation(translation, of: article)
                else { continue }
                bodies.append(Body(language: language, title: translation.title, html: translation.liveHTML))
            }
            return (article, bodies)
        }
    }

    /// Each downloaded image once, by its bytes, in the `images/` folder beside the first
    /// article that shows it; later articles link to that file.
    mutating func placeImages() {
        guard let images = options.images else { return }
        var pathByHash: [String: String] = [:]
        var namingByFolder: [String: ExportNaming] = [:]
        for (article, bodies) in exportedBodies() {
            let folder = self.folder(of: article)
            for body in bodies {
                for src in KnowledgeBaseExporter.imageSources(in: body.html) where imagePaths[src] == nil {
                    guard let data = images[src] else { continue }
                    let hash = ContentHash.sha256(data)
                    if let existing = pathByHash[hash] {
                        imagePaths[src] = existing
                        continue
                    }
                    let (stem, ext) = Self.imageName(src: src, data: data)
                    var naming = namingByFolder[folder] ?? ExportNaming()
                    let name = naming.claimFile(stem: stem, extension: ext, fallback: "image")
                    namingByFolder[folder] = naming
                    let path = (folder.isEmpty ? "" : folder + "/") + "images/" + name
                    pathByHash[hash] = path
                    imagePaths[src] = path
                    files.append(ExportedFile(path: path, contents: data))
                    report.imageCount += 1
                }
            }
        }
    }

    /// A file name stem from the URL's last path component and an extension that says what
    /// the bytes are (pylon-kb tells an image's type by its extension when it uploads it).
    static func imageName(src: String, data: Data) -> (stem: String, ext: String) {
        let last =
            URL(string: src)?.lastPathComponent.removingPercentEncoding
            ?? String(src.split(separator: "/").last ?? "")
        let known = ["png", "jpg", "jpeg", "gif", "webp", "svg", "avif"]
        let urlExtension = (last as NSString).pathExtension.lowercased()
        let stem = (last as NSString).deletingPathExtension
        let ext = known.contains(urlExtension) ? urlExtension : sniffedExtension(data)
        return (stem, ext)
    }

    static func sniffedExtension(_ data: Data) -> String {
        let bytes = [UInt8](data.prefix(12))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "gif" }
        if bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46],
            bytes[8..<12] == [0x57, 0x45, 0x42, 0x50]
        {
            return "webp"
        }
        let head = String(decoding: data.prefix(256), as: UTF8.self).lowercased()
        if head.contains("<svg") || head.hasPrefix("<?xml") { return "svg" }
        return "bin"
    }

    // MARK: Files

    mutating func writeArticles() {
        let links = ExportLinks(articles: snapshot.articles)
        let paths = articlePaths
        let images = imagePaths
        for (article, bodies) in exportedBodies() {
            guard let path = articlePaths[article.id] else { continue }
            var kept: [String] = []
            var languages: [String] = []
            noteArticleProblems(article, path: path)
            for body in bodies {
                let filePath: String
                if body.language.isEmpty {
                    filePath = path
                } else {
                    let candidate = String(path.dropLast(3)) + ".\(body.language).md"
                    let name = String(candidate.split(separator: "/").last ?? "")
                    guard let parsed = Translation.languageCode(inFileName: name),
                        parsed.language == body.language
                    else {
                        report.warnings.append(
                            "\(path): the \(body.language) translation is not exported: pylon-kb names translations `name.<lang>.md` with a two-letter language (`fr`) or language and region (`pt-BR`), and “\(body.language)” is neither."
                        )
                        continue
                    }
                    filePath = candidate
                    languages.append(body.language)
                    report.translationCount += 1
                }
                let conversion = HTMLToMarkdown().convert(
                    body.html,
                    linkRewriter: { href in
                        guard let match = links.match(href), let target = paths[match.articleID] else {
                            return nil
                        }
                        return ContentPath.relative(to: target, fromFile: filePath) + match.fragment
                    },
                    imageRewriter: { src in
                        images[src].map { ContentPath.relative(to: $0, fromFile: filePath) }
                    })
                for tag in conversion.keptAsHTML where !kept.contains(tag) { kept.append(tag) }
                let frontMatter =
                    body.language.isEmpty
                    ? articleFrontMatter(article, path: path) : [ExportYAML.line("title", body.title)]
                var text = "---\n" + frontMatter.joined(separator: "\n") + "\n---\n"
                if !conversion.markdown.isEmpty { text += "\n" + conversion.markdown }
                files.append(ExportedFile(path: filePath, text: text))
            }
            report.articles.append(
                ExportReport.ArticleEntry(
                    path: path, slug: article.slug, title: article.title, published: article.isPublished,
                    keptAsHTML: kept, translations: languages))
        }
    }

    /// Keys at their defaults are left out, so files stay as short as an author would write them.
    func articleFrontMatter(_ article: RemoteArticle, path: String) -> [String] {
        var lines = [ExportYAML.line("title", article.title)]
        let name = String(path.split(separator: "/").last ?? "").dropLast(3)
        if name != article.slug { lines.append(ExportYAML.line("slug", article.slug)) }
        if !article.isPublished { lines.append(ExportYAML.line("published", false)) }
        if article.isUnlisted { lines.append(ExportYAML.line("unlisted", true)) }
        if let visibility = article.visibility, visibility != ArticleVisibility.public.rawValue {
            lines.append(ExportYAML.line("visibility", visibility))
        }
        if let access = article.aiAgentAccess, access != AIAgentAccess.inherit.rawValue {
            lines.append(ExportYAML.line("ai_agent_access", access))
        }
        if !article.allowedAgentIDs.isEmpty {
            lines.append(ExportYAML.line("allowed_agent_ids", list: article.allowedAgentIDs))
        }
        // Sorted: pylon-kb does not set the order of an article's tags, so none is implied.
        let tags = snapshot.tagValues(of: article)
        if !tags.isEmpty { lines.append(ExportYAML.line("tags", list: TagValues.sorted(tags))) }
        return lines
    }

    mutating func noteArticleProblems(_ article: RemoteArticle, path: String) {
        if let problem = Slug.problem(with: article.slug) {
            report.warnings.append(
                "\(path): \(problem) Pylon cannot change a slug, so `check` will report this until you give the article a valid slug (which publishes it as a new article with a redirect)."
            )
        }
        if article.title.trimmingCharacters(in: .whitespaces).isEmpty {
            report.warnings.append(
                "\(path): the article has no title in Pylon; give it one before publishing.")
        }
        if let visibility = article.visibility, ArticleVisibility(rawValue: visibility) == nil {
            report.warnings.append(
                "\(path): visibility “\(visibility)” is not one pylon-kb knows (public, customer, internal_only); it is exported as is, and `check` will ask you to choose."
            )
        }
        if let access = article.aiAgentAccess, AIAgentAccess(rawValue: access) == nil {
            report.warnings.append(
                "\(path): ai_agent_access “\(access)” is not one pylon-kb knows (inherit, none, specific_agents); it is exported as is, and `check` will ask you to choose."
            )
        }
        if article.isPublished, let draft = article.draftHTML, let published = article.publishedHTML,
            CanonicalHTML.canonicalize(draft) != CanonicalHTML.canonicalize(published)
        {
            report.warnings.append(
                "\(path): “\(article.title)” has unpublished draft changes in Pylon; the published text was exported, not the draft. Publish or discard the draft in Pylon and export again, or copy the changes into the file."
            )
        }
    }

    func configurationText(siteURL: String?) -> String {
        var lines = ["# pylon-kb settings, written by `pylon-kb export` (see docs/configuration.md)."]
        switch options.source {
        case .knowledgeBase(let id):
            lines.append(
                "# Exported from the knowledge base “\(snapshot.knowledgeBase.title)”.")
            lines.append(ExportYAML.line("knowledge_base", id))
        case .local:
            lines += [
                "# Exported from the embedded local knowledge base. This folder gets a local knowledge",
                "# base of its own (in .pylon-kb/local/), empty until the first `pylon-kb apply`;",
                "# replace `target: local` with `knowledge_base: <id>` to publish to Pylon.",
                "target: local",
            ]
        }
        if let author = options.author {
            lines.append(ExportYAML.line("author", author))
        } else {
            lines.append("# author: docs@example.com   # a Pylon user's email or id; new articles need one")
        }
        if let siteURL { lines.append(ExportYAML.line("site_url", siteURL)) }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: State

    /// The state file a first `apply` of this tree would have written: the tree owns its
    /// articles and collections from day one, so renames and removals work at once, images
    /// keep their URLs (no second upload), and edits made in Pylon after the export are drift.
    func makeState() -> DeploymentState? {
        guard case .knowledgeBase(let id) = options.source else { return nil }
        var state = DeploymentState(knowledgeBaseID: id)
        for (collectionID, slugPath) in slugPaths {
            guard let collection = snapshot.collections.first(where: { $0.id == collectionID }) else {
                continue
            }
            state.collections[slugPath] = .init(id: collection.id, title: collection.title)
        }
        for (article, bodies) in exportedBodies() {
            guard let path = articlePaths[article.id] else { continue }
            var hashes: [String: String] = [:]
            var titles: [String: String] = [:]
            for body in bodies {
                hashes[body.language] = StateHashing.bodyHash(body.html)
                titles[body.language] = body.title
            }
            var record = DeploymentState.ArticleRecord(
                id: article.id, identifier: article.identifier, slug: article.slug,
                collectionID: article.collectionID, appliedBodyHashes: hashes, appliedTitles: titles)
            // What was read is what the server stores: the stored baseline too, so the server's
            // own normalisation of these bodies is never taken for an edit made in Pylon.
            record.storedBodyHashes = hashes
            record.storedTitles = titles
            // As if applied: a tag changed in Pylon after the export is drift.
            if article.tagIDs != nil {
                record.appliedTags = TagValues.sorted(snapshot.tagValues(of: article))
            }
            state.articles[path] = record
        }
        for (src, path) in imagePaths {
            guard let data = options.images?[src] else { continue }
            let hash = ContentHash.sha256(data)
            // The first source wins, so the same bytes under two URLs record one stable entry.
            if state.images[hash] == nil || src < state.images[hash]!.url {
                state.images[hash] = .init(url: src, source: path)
            }
        }
        return state
    }
}
