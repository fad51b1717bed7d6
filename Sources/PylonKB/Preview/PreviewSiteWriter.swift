import Foundation
import PylonHTML
import PylonPreview

/// Writes the local preview site for `pylon-kb render`: one HTML page per article and
/// translation (mirroring the content tree, `guides/install.md` → `guides/install.html`),
/// an `index.html` listing every collection and article, the images the articles show, and
/// `_preview/` with the stylesheet, the script and the title-search index.
public struct PreviewSiteWriter: Sendable {
    public var contentRoot: URL
    public var outputDirectory: URL

    public init(contentRoot: URL, outputDirectory: URL) {
        self.contentRoot = contentRoot.standardizedFileURL
        self.outputDirectory = outputDirectory.standardizedFileURL
    }

    public struct Output: Sendable {
        public var pagesWritten: Int
        public var imagesCopied: Int
        public var index: URL
    }

    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The preview file of a content path: `a/b.md` → `a/b.html`.
    public static func pagePath(for contentPath: String) -> String {
        (contentPath.hasSuffix(".md") ? String(contentPath.dropLast(3)) : contentPath) + ".html"
    }

    /// Links from the page at `pagePath` resolve to the other preview pages and to the
    /// copied images, relative to the page so the site works from `file://`.
    public static func resolver(forPage pagePath: String, tree: ContentTree) -> LinkResolver {
        resolvers(for: tree)(pagePath)
    }

    /// The resolver of every page of `tree`; the lookup sets are built once, not per page.
    public static func resolvers(for tree: ContentTree) -> @Sendable (_ pagePath: String) -> LinkResolver {
        let pagePaths = Set(tree.articles.flatMap { [$0.path] + $0.translations.map(\.path) })
        let collectionPaths = Set(tree.collections.map(\.path))
        let files = tree.files
        let pagesFolder = tree.configuration.pagesFolder
        let addresses = tree.servedAddresses
        return { pagePath in
            let fromFile = Self.pagePath(for: pagePath)
            return LinkResolver(
                articleURL: { path in
                    switch ContentChecker.linkTarget(
                        path, pagePaths: pagePaths, collectionPaths: collectionPaths, files: files)
                    {
                    case .page(let target)?:
                        return ContentPath.relative(to: Self.pagePath(for: target), fromFile: fromFile)
                    case .collection(let folder)?:
                        let index = ContentPath.relative(to: "index.html", fromFile: fromFile)
                        return folder.isEmpty ? index : "\(index)#collection-\(folder)"
                    case .file, nil:
                        return nil
                    }
                },
                imageURL: { path in
                    files.contains(path) ? ContentPath.relative(to: path, fromFile: fromFile) : nil
                }, pagesFolder: pagesFolder, servedAddresses: addresses)
        }
    }

    /// Writes the site. Refuses to write anywhere but below `outputDirectory`, and refuses an
    /// output folder that is the content folder itself (pages would land among the sources).
    public func write(tree: ContentTree, pages: [ContentChecker.Page]) throws(WriteError) -> Output {
        if outputDirectory.path == contentRoot.path {
            throw WriteError(
                description:
                    "The output folder \(outputDirectory.path) is the content folder; choose another one with --out, such as out/preview."
            )
        }
        do {
            try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw WriteError(
                description:
                    "The output folder \(outputDirectory.path) could not be created: \(error.localizedDescription)"
            )
        }
        let template = PreviewTemplate(tree: tree, pages: pages)
        var createdDirectories: Set<String> = []
        var navigationByCollection: [String: String] = [:]
        for page in pages {
            let collection = page.article.collectionPath
            let navigation =
                navigationByCollection[collection]
                ?? {
                    let navigation = template.navigation(forCollection: collection)
                    navigationByCollection[collection] = navigation
                    return navigation
                }()
            try writeFile(
                Data(template.articlePage(page, navigation: navigation).utf8),
                to: Self.pagePath(for: page.path), createdDirectories: &createdDirectories)
        }
        try writeFile(
            Data(template.indexPage().utf8), to: "index.html", createdDirectories: &createdDirectories)
        for (text, path) in [
            (PreviewAssets.stylesheet, PreviewTemplate.stylesheetPath),
            (PreviewAssets.script, PreviewTemplate.scriptPath),
            (PreviewSearchEntry.scriptFile(template.searchEntries()), PreviewTemplate.searchIndexPath),
        ] {
            try writeFile(Data(text.utf8), to: path, createdDirectories: &createdDirectories)
        }

        var images: Set<String> = []
        for page in pages {
            for image in page.rendered.images {
                if let path = image.path, tree.files.contains(path) { images.insert(path) }
            }
        }
        for image in images.sorted() {
            guard
                let data = FileManager.default.contents(
                    atPath: contentRoot.appendingPathComponent(image).path)
            else {
                throw WriteError(description: "The image \(image) could not be read; check its permissions.")
            }
            try writeFile(data, to: image, createdDirectories: &createdDirectories)
        }
        return Output(
            pagesWritten: pages.count, imagesCopied: images.count,
            index: outputDirectory.appendingPathComponent("index.html"))
    }

    private func writeFile(
        _ data: Data, to relativePath: String, createdDirectories: inout Set<String>
    ) throws(WriteError) {
        // Content paths are already normalised, but this is the one place that writes, so it
        // checks again rather than trusting every caller.
        guard ContentPath.resolve(relativePath, fromFile: "") == relativePath, !relativePath.isEmpty else {
            throw WriteError(
                description:
                    "Refusing to write \(relativePath): it is not a plain path inside the output folder.")
        }
        let url = outputDirectory.appendingPathComponent(relativePath).standardizedFileURL
        guard url.path.hasPrefix(outputDirectory.path + "/") else {
            throw WriteError(
                description: "Refusing to write \(url.path): it is outside \(outputDirectory.path).")
        }
        do {
            let directory = url.deletingLastPathComponent()
            if createdDirectories.insert(directory.path).inserted {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            // Not atomic: a preview is rewritten whole on every run, and temp-and-rename per
            // page doubled the time of writing 10,000 pages.
            try data.write(to: url)
        } catch {
            throw WriteError(description: "\(url.path) could not be written: \(error.localizedDescription)")
        }
    }
}
