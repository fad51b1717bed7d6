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
            for body in bodies(of: article) {
                for src in imageSources(in: body.html) where seen.insert(src).inserted { result.append(src) }
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

    /// One body an export writes for an article.
    struct Body {
        /// "" for the default language.
        var language: String
        var title: String
        var html: String
    }

    /// The bodies an export writes for `article`: its own, then its real translations by language.
    static func bodies(of article: RemoteArticle) -> [Body] {
        var bodies = [Body(language: "", title: article.title, html: exportedBody(of: article))]
        for language in article.translations.keys.sorted() {
            guard let translation = article.translations[language], translation.isReal(of: article) else {
                continue
            }
            bodies.append(Body(language: language, title: translation.title, html: translation.liveHTML))
        }
        return bodies
    }

    public func export(_ snapshot: RemoteSnapshot, options: ExportOptions) -> KnowledgeBaseExport {
        var run = ExportRun(snapshot: snapshot, options: options)
        return run.export()
    }
}

/// The working state of one export.
struct ExportRun {
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

    /// Each exported article with the bodies it writes: its own, then its translations.
    func exportedBodies() -> [(RemoteArticle, [KnowledgeBaseExporter.Body])] {
        snapshot.articles.sorted { (articlePaths[$0.id] ?? "") < (articlePaths[$1.id] ?? "") }.map {
            ($0, KnowledgeBaseExporter.bodies(of: $0))
        }
    }
}
