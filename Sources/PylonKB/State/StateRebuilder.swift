/// A state file rebuilt from the knowledge base, for when the one on disk cannot be read (torn
/// by hand, damaged by a merge, written by a newer version).
///
/// It records what the content and the knowledge base agree on: each collection and article
/// matched by slug path and slug, with the bodies and titles Pylon holds now as the last
/// applied ones. That is what a no-state run assumes anyway (an article edited in Pylon cannot
/// be told from one pylon-kb wrote), so nothing is lost by writing it down, and the next run
/// starts detecting drift and renames again. Redirects cannot be listed through the API and
/// uploaded images cannot be told from other attachments, so those start empty.
public enum StateRebuilder {
    public static func rebuild(knowledgeBaseID: String, tree: ContentTree, snapshot: RemoteSnapshot)
        -> DeploymentState
    {
        var state = DeploymentState(knowledgeBaseID: knowledgeBaseID)
        let index = RemoteIndex(snapshot)
        var slugPaths: [String: String] = ["": ""]
        for collection in tree.collections {
            let parent = collection.parentPath.flatMap { slugPaths[$0] } ?? ""
            let slugPath = parent.isEmpty ? collection.slug : parent + "/" + collection.slug
            slugPaths[collection.path] = slugPath
            if let remote = index.collectionsBySlugPath[slugPath] {
                state.collections[slugPath] = DeploymentState.CollectionRecord(
                    id: remote.id, title: remote.title)
            }
        }
        for article in tree.articles {
            guard let remote = index.articlesBySlug[article.slug] else { continue }
            var record = DeploymentState.ArticleRecord(
                id: remote.id, identifier: remote.identifier, slug: remote.slug,
                collectionID: remote.collectionID,
                protect: article.protect ? true : nil)
            record.appliedTitles[""] = remote.title
            record.appliedBodyHashes[""] = RemoteFingerprint.bodyHash(remote.liveHTML)
            var drafts: [String: String] = [:]
            if let draft = remote.draftHTML, RemoteFingerprint.bodyHash(draft) != record.appliedBodyHashes[""]
            {
                // An unpublished draft Pylon holds now is not "an edit made in Pylon" either.
                drafts[""] = RemoteFingerprint.bodyHash(draft)
            }
            for translation in article.translations {
                guard let remoteTranslation = remote.translations[translation.language] else { continue }
                record.appliedTitles[translation.language] = remoteTranslation.title
                record.appliedBodyHashes[translation.language] = RemoteFingerprint.bodyHash(
                    remoteTranslation.liveHTML)
            }
            if !drafts.isEmpty { record.appliedDraftHashes = drafts }
            // Pylon's bodies are what it stores: the stored baseline is the same.
            record.storedBodyHashes = record.appliedBodyHashes
            record.storedTitles = record.appliedTitles
            if !drafts.isEmpty { record.storedDraftHashes = drafts }
            state.articles[article.path] = record
        }
        return state
    }
}
