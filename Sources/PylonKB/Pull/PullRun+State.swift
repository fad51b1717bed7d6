import Foundation

/// Moving the state file's baselines to what was pulled: the next `plan` then sees the pulled
/// articles as unchanged, and a later edit in Pylon (a body the server never returned to
/// pylon-kb) as drift again, exactly as after an apply.
extension PullRun {
    /// `plan` and `tree` are the folder planned again after the files were written.
    mutating func moveBaselines(plan: Plan, tree: ContentTree) {
        let titles = Self.titles(tree)
        for edit in edits where !edit.markers {
            var record =
                state.articles[edit.articlePath]
                ?? DeploymentState.ArticleRecord(
                    id: edit.remote.id, identifier: edit.remote.identifier, slug: edit.remote.slug,
                    collectionID: edit.remote.collectionID)
            guard record.id == edit.remote.id else { continue }
            let language = edit.language
            if let pulled = edit.pulledBody {
                // What the file publishes now (Pylon's body itself when the two are equal).
                let local = renderedBody(of: edit, in: plan) ?? pulled
                record.appliedBodyHashes[language] = forms.bodyHash(local)
                record.storedBodyHashes = record.storedBodyHashes ?? [:]
                record.storedBodyHashes?[language] = forms.bodyHash(pulled)
            }
            if let title = edit.pulledTitle {
                record.appliedTitles[language] = titles[edit.path] ?? title
                record.storedTitles = record.storedTitles ?? [:]
                record.storedTitles?[language] = title
            }
            if let tags = edit.pulledTags { record.appliedTags = tags }
            if let visibility = edit.pulledVisibility { record.appliedVisibility = visibility }
            if let unlisted = edit.pulledUnlisted { record.appliedUnlisted = unlisted }
            state.articles[edit.articlePath] = record
        }
    }

    mutating func saveState(_ store: StateStore) throws {
        _ = try store.save(state)
    }

    private static func titles(_ tree: ContentTree) -> [String: String] {
        var titles: [String: String] = [:]
        for article in tree.articles {
            titles[article.path] = article.title
            for translation in article.translations { titles[translation.path] = translation.title }
        }
        return titles
    }
}
