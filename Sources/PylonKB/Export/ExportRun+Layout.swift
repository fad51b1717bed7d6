/// Where everything goes: a folder per collection that holds articles (with its
/// `_collection.yml`) and a file name per article, each unique in its folder.
extension ExportRun {
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

    // MARK: Article files

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
}
