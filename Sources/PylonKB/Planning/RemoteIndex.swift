/// Lookups over a snapshot: collections by slug path, articles by slug and id.
struct RemoteIndex: Sendable {
    let snapshot: RemoteSnapshot
    /// Slug path (`guides/integrations`) → collection. The first by id wins when two share one.
    let collectionsBySlugPath: [String: RemoteCollection]
    let slugPathByCollectionID: [String: String]
    let articlesBySlug: [String: RemoteArticle]
    let articlesByID: [String: RemoteArticle]
    /// Slug paths that more than one remote collection has.
    let duplicateSlugPaths: [String]

    init(_ snapshot: RemoteSnapshot) {
        self.snapshot = snapshot
        let byID = Dictionary(
            snapshot.collections.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var pathByID: [String: String] = [:]
        func slugPath(_ collection: RemoteCollection, depth: Int) -> String? {
            if let known = pathByID[collection.id] { return known }
            // A parent cycle cannot come from Pylon, but must not hang us if it does.
            guard depth < 64 else { return nil }
            var path = collection.slug
            if let parentID = collection.parentID {
                guard let parent = byID[parentID], let parentPath = slugPath(parent, depth: depth + 1) else {
                    return nil
                }
                path = parentPath + "/" + collection.slug
            }
            pathByID[collection.id] = path
            return path
        }
        var byPath: [String: RemoteCollection] = [:]
        var duplicates: Set<String> = []
        for collection in snapshot.collections.sorted(by: { $0.id < $1.id }) {
            guard let path = slugPath(collection, depth: 0) else { continue }
            if byPath[path] == nil { byPath[path] = collection } else { duplicates.insert(path) }
        }
        collectionsBySlugPath = byPath
        slugPathByCollectionID = pathByID
        articlesBySlug = Dictionary(
            snapshot.articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        articlesByID = Dictionary(
            snapshot.articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        duplicateSlugPaths = duplicates.sorted()
    }
}
