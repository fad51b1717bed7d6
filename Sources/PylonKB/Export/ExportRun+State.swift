extension ExportRun {
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
            record.appliedVisibility = article.visibility ?? ArticleVisibility.public.rawValue
            record.appliedUnlisted = article.isUnlisted
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
