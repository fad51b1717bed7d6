import Foundation

/// What `pylon-kb export` asks of the exporter.
public struct ExportOptions: Sendable {
    /// Where the exported `pylon-kb.yml` points.
    public enum Source: Sendable, Equatable {
        /// A Pylon knowledge base (or an emulator) by id.
        case knowledgeBase(String)
        /// The embedded local knowledge base (`target: local`).
        case local
    }

    public var source: Source
    /// The default author written to `pylon-kb.yml`, when known.
    public var author: String?
    /// Downloaded images by their `src` as it appears in the HTML; nil keeps image URLs as they
    /// are (`--download-images` off).
    public var images: [String: Data]?

    public init(source: Source, author: String? = nil, images: [String: Data]? = nil) {
        self.source = source
        self.author = author
        self.images = images
    }
}

/// One file of the exported tree.
public struct ExportedFile: Sendable, Equatable {
    /// Relative to the export folder, `/`-separated, never leaving it.
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }

    public var text: String { String(decoding: contents, as: UTF8.self) }
}

/// The exported tree, the state file that goes with it, and what happened on the way.
public struct KnowledgeBaseExport: Sendable {
    /// Sorted by path.
    public var files: [ExportedFile]
    /// `.pylon-kb/state.json` for the exported tree (nil for `target: local`, whose state lives
    /// with the local knowledge base's data).
    public var state: DeploymentState?
    public var report: ExportReport

    public init(files: [ExportedFile], state: DeploymentState?, report: ExportReport) {
        self.files = files
        self.state = state
        self.report = report
    }

    public func file(_ path: String) -> ExportedFile? {
        files.first { $0.path == path }
    }
}

/// What an export produced, for the summary and for review.
public struct ExportReport: Sendable, Equatable {
    public struct ArticleEntry: Sendable, Equatable {
        public var path: String
        public var slug: String
        public var title: String
        public var published: Bool
        /// Tags kept as raw HTML in the article or its translations (see docs/export-format.md).
        public var keptAsHTML: [String]
        /// Translation languages, sorted.
        public var translations: [String]
    }

    public var articles: [ArticleEntry] = []
    public var collectionCount = 0
    public var translationCount = 0
    public var imageCount = 0
    /// The `site_url` the links in the bodies were published with, when they are absolute.
    public var siteURL: String?
    /// Things a reviewer must know: drafts not exported, unusual slugs, skipped collections…
    public var warnings: [String] = []

    public init() {}

    public var draftCount: Int { articles.filter { !$0.published }.count }
}
