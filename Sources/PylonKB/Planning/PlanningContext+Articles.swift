import Foundation
import PylonHTML

extension PlanningContext {
    mutating func planArticles(rendered: [String: RenderedArticle]) {
        let supported = Set(input.snapshot.knowledgeBase.supportedLanguages)
        for article in input.content.articles where !skipped.contains(article.path) {
            guard let identity = identities[article.path] else { continue }
            for translation in article.translations where !supported.contains(translation.language) {
                plan.blockers.append(
                    PlanNote(
                        kind: .apiLimitation, subject: translation.path,
                        message:
                            "The knowledge base does not support the language “\(translation.language)” (it supports \(input.snapshot.knowledgeBase.supportedLanguages.joined(separator: ", "))). Add the language in Pylon, or remove the file."
                    ))
            }
            let desired = desiredArticle(
                article, rendered: rendered, remote: identity.remote, supported: supported)
            switch identity {
            case .new:
                plan.articles.append(
                    ArticleStep(
                        action: .create, source: article.path, slug: article.slug, title: article.title,
                        collectionSlugPath: placement(of: article).slugPath, desired: desired,
                        changes: ["new"],
                        diff: TextDiff(old: [], new: forms.lines(desired.bodyHTML))))
            case .same(let remote):
                planUpdate(article, remote: remote, desired: desired)
            case .moved(let remote, let from, let to):
                planReplace(
                    article, remote: remote, desired: desired,
                    reason:
                        "moved from “\(from.isEmpty ? "(root)" : from)” to “\(to.isEmpty ? "(root)" : to)”; Pylon cannot move articles",
                    similarity: nil, freesSlug: true)
            case .renamed(let remote, let reason, let similarity):
                let why = "slug changed from “\(remote.slug)” to “\(article.slug)”: \(reason)"
                if input.state?.serverRenamesInPlace == true {
                    planUpdate(
                        article, remote: remote, desired: desired, renameReason: why, similarity: similarity)
                } else {
                    planReplace(
                        article, remote: remote, desired: desired, reason: why, similarity: similarity,
                        freesSlug: false)
                }
            }
        }
    }

    private func desiredArticle(
        _ article: Article, rendered: [String: RenderedArticle], remote: RemoteArticle?,
        supported: Set<String>
    ) -> DesiredArticle {
        let author = article.author ?? input.content.configuration.author
        let translations = article.translations.filter { supported.contains($0.language) }.map {
            translation in
            let html = rendered[translation.path]?.html ?? ""
            var changed = true
            if let remote, let existing = remote.translations[translation.language] {
                let baseline = recordedBaseline(article, language: translation.language, remote: remote)
                changed =
                    !baseline.sameTitle(local: translation.title, remote: existing.title)
                    || !baseline.sameBody(local: html, remote: existing.liveHTML, forms: forms)
            }
            var desired = DesiredTranslation(
                language: translation.language, path: translation.path, title: translation.title,
                bodyHTML: html,
                changed: changed)
            desired.draftBodyHTML = draftBodies[translation.path]
            return desired
        }
        var desired = DesiredArticle(
            title: article.title, bodyHTML: rendered[article.path]?.html ?? "", published: article.published,
            unlisted: article.unlisted, visibility: article.visibility.rawValue,
            aiAgentAccess: article.aiAgentAccess.rawValue, allowedAgentIDs: article.allowedAgentIDs,
            authorUserID: author.map { input.authorUserIDs[$0] } ?? input.defaultAuthor?.userID,
            translations: translations,
            protect: article.protect)
        desired.draftBodyHTML = draftBodies[article.path]
        desired.tags = desiredTags(article)
        return desired
    }

    /// An update in place; with `renameReason`, also the slug (servers seen to allow it).
    private mutating func planUpdate(
        _ article: Article, remote: RemoteArticle, desired: DesiredArticle, renameReason: String? = nil,
        similarity: Double? = nil
    ) {
        var changes: [String] = renameReason == nil ? [] : ["slug"]
        // The body readers see is the one to compare; for a draft here, Pylon's draft.
        let remoteBody = desired.published ? remote.liveHTML : (remote.draftHTML ?? remote.liveHTML)
        let baseline = recordedBaseline(article, remote: remote)
        if !baseline.sameTitle(local: desired.title, remote: remote.title) { changes.append("title") }
        if !baseline.sameBody(local: desired.bodyHTML, remote: remoteBody, forms: forms) {
            changes.append("body")
        }
        if desired.published && !remote.isPublished { changes.append("published") }
        if !desired.published && remote.isPublished
            && ServerCapability.articleUnpublish.status(in: input.state) != false
        {
            // Newer surface: apply unpublishes with `is_published: false` (asking once).
            changes.append("unpublish")
        } else if !desired.published && remote.isPublished {
            plan.warnings.append(
                PlanNote(
                    kind: .apiLimitation, subject: article.path,
                    message:
                        "“\(article.title)” says `published: false`, but it is published in Pylon and the API cannot unpublish it; changes go to its draft. Unpublish it in Pylon, or set `unlisted: true` to hide it from navigation and search."
                ))
        }
        if remote.isUnlisted != desired.unlisted { changes.append("unlisted") }
        if (remote.visibility ?? "public") != desired.visibility
            || (remote.aiAgentAccess ?? "inherit") != desired.aiAgentAccess
            || remote.allowedAgentIDs.sorted() != desired.allowedAgentIDs.sorted()
        {
            changes.append("visibility")
        }
        for translation in desired.translations where translation.changed {
            changes.append("translation:\(translation.language)")
        }
        // A pending draft (migrate) is compared on its own: the published body can match while
        // the draft still has to be saved, e.g. after a run stopped between the two.
        if let draft = desired.draftBodyHTML,
            !baseline.sameDraft(local: draft, remote: remote.draftHTML ?? "", forms: forms)
        {
            changes.append("draft")
        }
        for translation in desired.translations {
            guard let draft = translation.draftBodyHTML else { continue }
            let remoteDraft = remote.translations[translation.language]?.draftHTML ?? ""
            if !recordedBaseline(article, language: translation.language, remote: remote)
                .sameDraft(local: draft, remote: remoteDraft, forms: forms)
            {
                changes.append("draft:\(translation.language)")
            }
        }
        let tags = tagChange(remote, desired: desired)
        if tags != nil { changes.append("tags") }
        guard !changes.isEmpty else { return }

        let drift = hasDrift(article, remote: remote) || hasTagDrift(article, remote: remote)
        if drift {
            let what =
                "“\(article.title)” was edited in Pylon since pylon-kb last published it; applying would overwrite those edits."
            switch onDrift {
            case .fail:
                plan.blockers.append(
                    PlanNote(
                        kind: .articleDrift, subject: article.path,
                        message:
                            what
                            + " Copy the edits into \(article.path), or rerun with `--on-drift overwrite` (or `skip`)."
                    ))
            case .skip:
                plan.warnings.append(
                    PlanNote(
                        kind: .articleDrift, subject: article.path,
                        message: what + " Skipped (`on_drift: skip`)."))
                return
            case .overwrite:
                plan.warnings.append(
                    PlanNote(
                        kind: .articleDrift, subject: article.path,
                        message: what + " Overwriting (`on_drift: overwrite`)."))
            }
        }
        let diff =
            changes.contains("body")
            ? TextDiff(
                old: forms.lines(remoteBody),
                new: forms.lines(desired.bodyHTML))
            : nil
        plan.articles.append(
            ArticleStep(
                action: .update, source: article.path, slug: article.slug, title: article.title,
                collectionSlugPath: placement(of: article).slugPath, existing: existing(remote),
                desired: desired, reason: renameReason.map { $0 + "; this server keeps the identifier" },
                similarity: similarity, changes: changes, diff: diff, drift: drift))
        plan.articles[plan.articles.count - 1].tags = tags
    }

    /// Edited in Pylon since the last apply: the state file remembers what was written and what
    /// the server stored (a draft apply saved on purpose, migrate's pending drafts, included).
    private func hasDrift(_ article: Article, remote: RemoteArticle) -> Bool {
        let bodies = [remote.publishedHTML, remote.draftHTML].compactMap { $0 }
        return recordedBaseline(article, remote: remote).drifted(
            remoteBodies: bodies, remoteTitle: remote.title, forms: forms)
    }

    private mutating func planReplace(
        _ article: Article, remote: RemoteArticle, desired: DesiredArticle, reason: String,
        similarity: Double?,
        freesSlug: Bool
    ) {
        let earlierRedirects = (input.state?.redirects ?? []).filter { $0.objectID == remote.id }
        var fate: ArticleStep.OldArticleFate = freesSlug ? .delete : (onRename == .delete ? .delete : .unlist)
        if !earlierRedirects.isEmpty {
            let paths = earlierRedirects.map(\.fromPath).sorted().joined(separator: ", ")
            if freesSlug {
                plan.warnings.append(
                    PlanNote(
                        kind: .staleRedirects, subject: article.path,
                        message:
                            "Redirects created earlier (\(paths)) lead to “\(remote.slug)”, which must be deleted to free its slug for the move. Pylon cannot re-point redirects, so those paths will stop working; recreate them in Pylon's settings if they matter."
                    ))
            } else {
                fate = .unlist
                plan.warnings.append(
                    PlanNote(
                        kind: .staleRedirects, subject: article.path,
                        message:
                            "Redirects created earlier (\(paths)) lead to “\(remote.slug)”. Pylon cannot re-point redirects, so the old article is kept (unlisted) to keep those paths working."
                    ))
            }
        }
        let remoteBody = remote.liveHTML
        plan.articles.append(
            ArticleStep(
                action: .replace, source: article.path, slug: article.slug, title: article.title,
                collectionSlugPath: placement(of: article).slugPath, existing: existing(remote),
                desired: desired,
                reason: reason, similarity: similarity, changes: ["slug"],
                diff: TextDiff(
                    old: forms.lines(remoteBody),
                    new: forms.lines(desired.bodyHTML)),
                oldArticleFate: fate, freesSlugFirst: freesSlug,
                probesRenameInPlace: !freesSlug && input.state?.serverRenamesInPlace == nil))
        if let oldPath = remote.publicPath {
            plan.redirects.append(
                RedirectStep(
                    fromPath: oldPath, targetSource: article.path, reason: "replaces “\(remote.slug)”"))
        }
    }

    func existing(_ remote: RemoteArticle) -> ExistingArticle {
        ExistingArticle(
            id: remote.id, identifier: remote.identifier, slug: remote.slug, title: remote.title,
            collectionID: remote.collectionID,
            fingerprint: RemoteFingerprint.article(remote, bodyHash: forms.bodyHash))
    }

    // MARK: Orphans, redirects, images

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
            if let publicPath = remote.publicPath,
                pendingRedirectPaths.contains(publicPath)
                    || redirectedTo[publicPath].map({ !$0.contains(remote.id) }) == true
            {
                // The old half of a rename an apply was killed in the middle of (the new article
                // exists; the redirect is pending or made): it gets the rename's fate.
                if onRename == .delete || !remote.isUnlisted {
                    plan.articles.append(
                        ArticleStep(
                            action: onRename == .delete ? .remove : .unlist, source: nil, slug: remote.slug,
                            title: remote.title, collectionSlugPath: path, existing: existing(remote),
                            reason:
                                "the old article of an interrupted rename (`on_rename: \(onRename.rawValue)`)",
                            changes: [onRename == .delete ? "deleted" : "unlisted"]))
                }
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

    mutating func planImages(rendered: [String: RenderedArticle]) {
        var seen: Set<String> = []
        let paths = rendered.values.flatMap { $0.images.compactMap(\.path) }
        for path in Set(paths).sorted() {
            guard let image = input.images[path], !seen.contains(image.sha256) else { continue }
            seen.insert(image.sha256)
            if input.state?.images[image.sha256] == nil {
                plan.images.append(
                    ImageStep(
                        sha256: image.sha256, path: path, byteCount: image.byteCount,
                        mediaType: image.mediaType))
            }
        }
    }

    mutating func checkRemovalLimit() {
        guard let limit = input.options.maxRemovals else { return }
        let removals = plan.articles.filter {
            $0.action == .remove || $0.action == .unlist
                || ($0.action == .replace && $0.oldArticleFate != .keep)
        }.count
        if removals > limit {
            plan.blockers.append(
                PlanNote(
                    kind: .tooManyRemovals, subject: plan.knowledgeBase.id,
                    message:
                        "This run would remove or unlist \(removals) articles, more than `--max-removals \(limit)` allows. Check the plan; if it is right, raise the limit."
                ))
        }
    }
}

extension ArticleIdentity {
    var remote: RemoteArticle? {
        switch self {
        case .same(let remote), .moved(let remote, _, _), .renamed(let remote, _, _): remote
        case .new: nil
        }
    }
}
