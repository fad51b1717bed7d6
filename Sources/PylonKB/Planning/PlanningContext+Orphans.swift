import Foundation

/// Articles no file names any more (`on_remove`, or a rename's fate for a merged page or the
/// old half of an interrupted rename), and the redirects front matter and interrupted runs ask for.
extension PlanningContext {
    mutating func planOrphans() {
        let pendingRedirectPaths = Set(input.state?.pendingRedirects.map(\.fromPath) ?? [])
        // Paths pylon-kb already redirected to another article: an article still at such a path
        // is the old half of a rename whose run was killed after the redirect and before the
        // old article was unlisted (a move deletes its old article before redirecting).
        var redirectedTo: [String: Set<String>] = [:]
        for redirect in input.state?.redirects ?? [] where redirect.objectType == "article" {
            redirectedTo[redirect.fromPath, default: []].insert(redirect.objectID)
        }
        let protectedIDs = Set(input.state?.articles.values.filter { $0.protect == true }.map(\.id) ?? [])
        for remote in orphanCandidates.sorted(by: { $0.slug < $1.slug }) {
            let path = remote.collectionID.flatMap { index.slugPathByCollectionID[$0] } ?? ""
            let subject = path.isEmpty ? remote.slug : path + "/" + remote.slug
            if protectedIDs.contains(remote.id) {
                plan.warnings.append(
                    PlanNote(
                        kind: .protected, subject: subject,
                        message:
                            "“\(remote.title)” has no source file but was published with `protect: true`; it is left alone."
                    ))
                continue
            }
            if let merge = mergedInto[remote.id] {
                // Its path now leads to the page its text went into: it is retired like the
                // old article of a rename, not left to `on_remove`.
                retireLikeARename(
                    remote, collectionSlugPath: path,
                    reason:
                        "merged into \(merge.source) (\(Self.percent(merge.containment)) of its text is there; `on_rename: \(onRename.rawValue)`)"
                )
                continue
            }
            if let publicPath = remote.publicPath,
                pendingRedirectPaths.contains(publicPath)
                    || redirectedTo[publicPath].map({ !$0.contains(remote.id) }) == true
            {
                // The old half of a rename an apply was killed in the middle of (the new article
                // exists; the redirect is pending or made): it gets the rename's fate.
                retireLikeARename(
                    remote, collectionSlugPath: path,
                    reason: "the old article of an interrupted rename (`on_rename: \(onRename.rawValue)`)")
                continue
            }
            switch onRemove {
            case .report:
                plan.warnings.append(
                    PlanNote(
                        kind: .orphan, subject: subject,
                        message:
                            "“\(remote.title)” is in Pylon but has no source file. It is left alone (`on_remove: report`); set `on_remove: unlist` or `delete` to clean it up."
                    ))
            case .unlist:
                guard !remote.isUnlisted else { continue }
                plan.articles.append(
                    ArticleStep(
                        action: .unlist, source: nil, slug: remote.slug, title: remote.title,
                        collectionSlugPath: path,
                        existing: existing(remote), reason: "no source file (`on_remove: unlist`)",
                        changes: ["unlisted"]))
            case .delete:
                plan.articles.append(
                    ArticleStep(
                        action: .remove, source: nil, slug: remote.slug, title: remote.title,
                        collectionSlugPath: path,
                        existing: existing(remote), reason: "no source file (`on_remove: delete`)",
                        changes: ["deleted"]))
            }
        }
    }

    /// An article whose address now leads elsewhere (a merge, an interrupted rename) gets the
    /// fate of a rename's old article (`on_rename`), unless it is already unlisted.
    private mutating func retireLikeARename(
        _ remote: RemoteArticle, collectionSlugPath: String, reason: String
    ) {
        guard onRename == .delete || !remote.isUnlisted else { return }
        plan.articles.append(
            ArticleStep(
                action: onRename == .delete ? .remove : .unlist, source: nil, slug: remote.slug,
                title: remote.title, collectionSlugPath: collectionSlugPath, existing: existing(remote),
                reason: reason, changes: [onRename == .delete ? "deleted" : "unlisted"]))
    }

    mutating func planRedirectsFromFrontMatter() {
        let done = Set(input.state?.redirects.map(\.fromPath) ?? [])
        var planned = Set(plan.redirects.map(\.fromPath))
        var wanted: [(path: String, source: String, reason: String)] = []
        // Redirects an interrupted run promised (it deleted an old article to free a slug)
        // come first: they are the only record of that old path.
        for pending in input.state?.pendingRedirects ?? [] {
            wanted.append((pending.fromPath, pending.targetSource, "left over from an interrupted apply"))
        }
        for article in input.content.articles where !skipped.contains(article.path) {
            for path in article.redirectFrom {
                wanted.append((path, article.path, "`redirect_from` in front matter"))
            }
        }
        for (path, source, reason) in wanted where !done.contains(path) && !planned.contains(path) {
            guard let identity = identities[source], !skipped.contains(source) else { continue }
            var targetID: String?
            if case .same(let remote) = identity { targetID = remote.id }
            planned.insert(path)
            plan.redirects.append(
                RedirectStep(fromPath: path, targetSource: source, targetID: targetID, reason: reason))
        }
    }
}
