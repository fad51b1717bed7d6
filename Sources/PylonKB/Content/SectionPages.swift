import Foundation
import Yams

/// The pages a docs-site generator treats specially, sorted out before articles are built:
///
/// - A *section page* (`_index.md` in Hugo; `index.md`/`README.md` in Docusaurus, MkDocs,
///   Jekyll and docfx; Docusaurus also `guides/guides.md`) describes its folder: its title and
///   description become the collection's. When it has text of its own, it is also published as
///   an article in that collection whose slug is the folder's name (what readers of the old
///   site knew it by). The pages folder's own section page has no collection to describe; its
///   text, if any, becomes an article with the slug `index`.
/// - A Hugo *leaf bundle* (`install/index.md`) is the page `install`, in its parent's collection.
/// - A *redirect stub* (`redirect_to`, docfx `redirect_url`) is no article: the loader turns it
///   into a redirect to its target (`SiteRedirects`).
///
/// Without a dialect none of this applies: `index.md` is an article like any other.
struct SectionPages {
    /// Where an article is placed and what its slug is when its front matter does not say.
    struct Placement {
        var collectionPath: String
        var defaultSlug: String
    }

    private(set) var articleFiles: [ContentLoader.ParsedFile] = []
    private(set) var placements: [String: Placement] = [:]
    private(set) var stubs: [ContentLoader.ParsedFile] = []
    /// Page path → the title the site's navigation gives it (MkDocs `nav`), for pages
    /// without a title of their own.
    var navigationTitles: [String: String] = [:]
    /// Collection folder → (title, description) from its section page.
    private(set) var descriptions: [String: (title: String?, description: String?)] = [:]

    init(_ files: [ContentLoader.ParsedFile], configuration: Configuration) {
        let pages = configuration.pagesFolder
        for file in files {
            if file.frontMatter.redirectTo != nil, configuration.dialect != nil {
                stubs.append(file)
                continue
            }
            let folder = ContentPath.directory(of: file.path)
            let name = (file.path as NSString).lastPathComponent
            let stem = (name as NSString).deletingPathExtension
            let folderName = (folder as NSString).lastPathComponent
            let collection = folder == pages ? "" : folder
            switch Self.role(stem: stem, folderName: folderName, dialect: configuration.dialect) {
            case .page:
                placements[file.path] = Placement(collectionPath: collection, defaultSlug: stem)
                articleFiles.append(file)
            case .leafBundle where !collection.isEmpty:
                let parent = ContentPath.directory(of: folder)
                placements[file.path] = Placement(
                    collectionPath: parent == pages ? "" : parent, defaultSlug: folderName)
                articleFiles.append(file)
            case .leafBundle, .section:
                if !collection.isEmpty {
                    descriptions[collection] = (
                        file.frontMatter.navigationTitle ?? file.frontMatter.title ?? file.headingTitle,
                        file.frontMatter.description
                    )
                }
                guard Self.hasText(file.body) else { continue }
                placements[file.path] = Placement(
                    collectionPath: collection, defaultSlug: collection.isEmpty ? "index" : folderName)
                articleFiles.append(file)
            }
        }
    }

    enum Role { case page, section, leafBundle }

    static func role(stem: String, folderName: String, dialect: Dialect?) -> Role {
        switch dialect {
        case nil: return .page
        case .hugo?:
            if stem == "_index" { return .section }
            return stem == "index" ? .leafBundle : .page
        case .docusaurus?:
            return ["index", "README", "readme"].contains(stem) || stem == folderName ? .section : .page
        case .mkdocs?, .jekyll?, .docfx?:
            return ["index", "README", "readme"].contains(stem) ? .section : .page
        }
    }

    /// Whether a section page says anything beyond its title: headings alone, comments and
    /// blank lines are a landing page's frame, not an article.
    static func hasText(_ body: String) -> Bool {
        body.split(separator: "\n").contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("<!--") && !trimmed.hasPrefix("#")
        }
    }

    /// Docusaurus' `_category_.json` (or `.yml`) names its folder: `label` is the collection's
    /// title and `link.description` (or `description`) its description, ahead of the index page.
    mutating func readCategories(files: Set<String>, read: (String) -> String?) {
        for file in files.sorted() {
            let name = (file as NSString).lastPathComponent
            guard ["_category_.json", "_category_.yml", "_category_.yaml"].contains(name),
                let text = read(file)
            else { continue }
            let folder = ContentPath.directory(of: file)
            var label: String?
            var description: String?
            if name.hasSuffix(".json") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                else { continue }
                label = object["label"] as? String
                description =
                    (object["link"] as? [String: Any])?["description"] as? String ?? object["description"]
                    as? String
            } else if let parsed = try? YAMLReader.parse(text) {
                label = parsed["label"]?.string
                description = parsed["link"]?["description"]?.string ?? parsed["description"]?.string
            }
            let existing = descriptions[folder]
            descriptions[folder] = (label ?? existing?.title, description ?? existing?.description)
        }
    }

    /// Gives collections the titles and descriptions their section pages set, unless
    /// `_collection.yml` already did (it is pylon-kb's own and wins).
    func describe(_ collections: inout [ContentCollection]) {
        for index in collections.indices {
            guard let (title, description) = descriptions[collections[index].path] else { continue }
            let folderName = (collections[index].path as NSString).lastPathComponent
            let titleIsDefault =
                collections[index].title == ContentCollection.humanisedTitle(folderName: folderName)
            if titleIsDefault, let title, !title.isEmpty {
                collections[index].title = title
            }
            if collections[index].description == nil { collections[index].description = description }
        }
    }
}
