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
                var step = ArticleStep(
                    action: .create, source: article.path, slug: article.slug, title: article.title,
                    collectionSlugPath: placement(of: article).slugPath, desired: desired,
                    changes: ["new"],
                    diff: TextDiff(old: [], new: forms.lines(desired.bodyHTML)))
                if let holder = slugHolders[article.path] {
                    step.slugHolder = existing(holder)
                    step.reason = slugHolderReason(holder)
                }
                plan.articles.append(step)
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
                // A slug another article holds cannot be taken in place: that one goes first.
                if input.state?.serverRenamesInPlace == true, slugHolders[article.path] == nil {
                    planUpdate(
                        article, remote: remote, desired: desired, renameReason: why, similarity: similarity)
                } else {
                    planReplace(
                        article, remote: remote, desired: desired, reason: why, similarity: similarity,
                        freesSlug: freedFirst.contains(remote.id))
                    if let holder = slugHolders[article.path] {
                        plan.articles[plan.articles.count - 1].slugHolder = existing(holder)
                    }
                }
            }
        }
    }

    /// Why a new article deletes the one holding its slug first.
    private func slugHolderReason(_ holder: RemoteArticle) -> String {
        let owner = stateOwners[holder.id].map { " (published from \($0))" } ?? ""
        return
            "“\(holder.slug)” is held by “\(holder.title)”\(owner), whose text is unlike this one: two articles, not a rename; it is deleted first to free the slug"
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

    // MARK: Images, limits

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
                || ($0.action == .replace && $0.oldArticleFate != .keep) || $0.slugHolder != nil
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
