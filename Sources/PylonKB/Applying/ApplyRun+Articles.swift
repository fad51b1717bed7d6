import Foundation
import PylonAPI

extension ApplyRun {
    /// `creationPositions`: each created article's place in the creation order; this create
    /// may wait for the articles it links to that come before it.
    func createArticle(_ step: ArticleStep, creationPositions: [String: Int]) async {
        guard let source = step.source, let desired = step.desired else {
            preconditionFailure("a create step always has a source and a desired article")
        }
        let key = ApplyOutcomes.Key.article(source: source)
        func fail(_ message: String, skipped: Bool = false) async {
            await outcomes.resolve(
                key, .failure(DependencyFailure(message: "“\(step.title)” (\(source)) was not created")))
            await reporter.failed(source, skipped ? "skipped: \(message)" : message)
        }
        guard let author = desired.authorUserID else {
            await fail(
                "no author: Pylon needs one to create an article. Set `author` (an email or user id) in pylon-kb.yml or the front matter."
            )
            return
        }
        let collection: String?
        switch await collectionID(step.collectionSlugPath) {
        case .success(let id): collection = id
        case .failure(let failure):
            await fail(failure.message, skipped: true)
            return
        }
        let position = creationPositions[source] ?? 0
        let waitFor = LinkOrder.targets(of: step).filter {
            creationPositions[$0].map { $0 < position } ?? false
        }
        let body: String
        var translations: [ArticleTranslationInput] = []
        switch await resolve(desired.bodyHTML, awaiting: waitFor, dropUnresolved: true) {
        case .success(let html): body = html
        case .failure(let failure):
            await fail(failure.message, skipped: true)
            return
        }
        for translation in desired.translations {
            switch await resolve(translation.bodyHTML, awaiting: waitFor, dropUnresolved: true) {
            case .success(let html):
                translations.append(
                    ArticleTranslationInput(
                        language: translation.language, title: translation.title, bodyHTML: html))
            case .failure(let failure):
                await fail(failure.message, skipped: true)
                return
            }
        }

        do {
            if let holder = step.slugHolder {
                // An unrelated article holds the slug (the plan says why). A redirect planned
                // from its path (a merge) is remembered first, like a move's.
                if let oldPath = holder.publicPath,
                    let redirect = plan.redirects.first(where: { $0.fromPath == oldPath })
                {
                    await recorder.update {
                        if !$0.pendingRedirects.contains(where: { $0.fromPath == oldPath }) {
                            $0.pendingRedirects.append(
                                .init(fromPath: oldPath, targetSource: redirect.targetSource))
                        }
                    }
                }
                try await deleteArticle(id: holder.id)
                await recorder.update { state in
                    for (path, record) in state.articles where record.id == holder.id {
                        state.articles[path] = nil
                    }
                }
            }
            if step.probesRenameInPlace, let old = step.existing, await renamesInPlace(old, to: step.slug) {
                try await finishRenameInPlace(
                    step, old: old, desired: desired, body: body, translations: translations)
                return
            }
            if step.action == .replace, step.freesSlugFirst, let old = step.existing {
                // A move keeps its slug, so the old article must go first. The pending redirect
                // is written before the delete so a run killed in between still creates it.
                if let oldPath = old.publicPath {
                    await recorder.update {
                        $0.pendingRedirects.append(.init(fromPath: oldPath, targetSource: source))
                    }
                }
                try await deleteArticle(id: old.id)
                await recorder.update { state in
                    for (path, record) in state.articles where record.id == old.id {
                        state.articles[path] = nil
                    }
                }
            }
            if step.action == .replace, !step.freesSlugFirst, let oldPath = step.existing?.publicPath {
                // A rename: once the new article exists the old one is an orphan to the next
                // plan. The pending redirect, written first, keeps the old path and the old
                // article's fate (see planOrphans) if this run is killed before the redirect.
                await recorder.update {
                    if !$0.pendingRedirects.contains(where: { $0.fromPath == oldPath }) {
                        $0.pendingRedirects.append(.init(fromPath: oldPath, targetSource: source))
                    }
                }
            }
            let request = CreateArticleRequest(
                title: desired.title, bodyHTML: body, authorUserID: author, slug: step.slug,
                collectionID: collection,
                isPublished: desired.published, isUnlisted: desired.unlisted,
                translations: translations.isEmpty ? nil : translations,
                visibilityConfig: Self.visibilityConfig(desired))
            let article = try await createOrAdopt(request, slug: step.slug)
            guard let id = article.id else {
                throw ApplyError("Pylon created “\(step.slug)” but returned no id.")
            }
            let created = CreatedArticle(
                id: id, identifier: article.identifier, slug: article.slug ?? step.slug, url: article.url)
            await record(
                source: source, created: created, collectionID: collection, desired: desired, body: body,
                translations: translations, answer: article)
            await outcomes.resolve(key, .success(.article(created)))
            await applyTags(step, articleID: id, source: source)
            let verb = step.action == .replace ? "replaced “\(step.existing?.slug ?? "")” with" : "created"
            // A draft has no public page yet: say so rather than print an empty or dead URL.
            let shown = desired.published ? (created.url ?? created.publicPath ?? step.slug) : "(draft)"
            await reporter.completed(
                "\(verb) \(source) → \(shown)",
                url: desired.published ? created.url.map { (source, $0) } : nil)
        } catch {
            await fail(describe(error))
        }
    }

    /// Creates the article; when the POST may have landed, or the slug turns out to be taken by
    /// an article with the same title (an earlier interrupted run, or a concurrent one), finds
    /// that article instead of making a second one.
    func createOrAdopt(_ request: CreateArticleRequest, slug: String) async throws -> WireArticle {
        do {
            return try await client.createArticle(knowledgeBaseID: knowledgeBaseID, request)
        } catch let error as PylonAPIError where error.kind == .ambiguous {
            if let existing = try await findArticle(slug: slug) {
                return try await converge(existing, to: request)
            }
            return try await client.createArticle(knowledgeBaseID: knowledgeBaseID, request)
        } catch let error as PylonAPIError where error.existsID != nil && error.status == 400 {
            let existing = try await client.article(knowledgeBaseID: knowledgeBaseID, id: error.existsID!)
            guard existing.title == request.title || existing.collectionID == request.collectionID else {
                throw error
            }
            return try await converge(existing, to: request)
        }
    }

    /// An adopted article gets the body and settings this run meant to create.
    private func converge(_ existing: WireArticle, to request: CreateArticleRequest) async throws
        -> WireArticle
    {
        guard let id = existing.id else { return existing }
        let updated = try await client.updateArticle(
            knowledgeBaseID: knowledgeBaseID, id: id,
            UpdateArticleRequest(
                title: request.title, bodyHTML: request.bodyHTML, isUnlisted: request.isUnlisted,
                publishUpdatedBodyHTML: request.isPublished, visibilityConfig: request.visibilityConfig))
        for translation in request.translations ?? [] {
            _ = try await client.updateArticle(
                knowledgeBaseID: knowledgeBaseID, id: id,
                UpdateArticleRequest(
                    title: translation.title, bodyHTML: translation.bodyHTML, language: translation.language,
                    publishUpdatedBodyHTML: request.isPublished))
        }
        var result = updated
        if result.identifier == nil { result.identifier = existing.identifier }
        if result.slug == nil { result.slug = existing.slug }
        return result
    }

    func findArticle(slug: String) async throws -> WireArticle? {
        try await client.listArticles(knowledgeBaseID: knowledgeBaseID).first { $0.slug == slug }
    }

    /// Remembers what was written and what the server stored, so the next plan can tell edits
    /// made in Pylon (drift) from the server's own normalisation. `answer` is the server's
    /// answer about the default language; `translationAnswers` those of translation PATCHes.
    /// Translations sent inside the create body have no answer of their own: they are read back.
    func record(
        source: String, created: CreatedArticle, collectionID: String?, desired: DesiredArticle, body: String,
        translations: [ArticleTranslationInput], answer: WireArticle,
        translationAnswers: [String: WireArticle] = [:]
    ) async {
        var writes = [
            await bodyWrite(
                articleID: created.id, language: "", sent: body, title: desired.title, answer: answer,
                published: desired.published)
        ]
        for translation in translations {
            writes.append(
                await bodyWrite(
                    articleID: created.id, language: translation.language, sent: translation.bodyHTML,
                    title: translation.title, answer: translationAnswers[translation.language],
                    published: desired.published))
        }
        let recorded = writes
        await recorder.update([.article(source: source)]) { state in
            var record = DeploymentState.ArticleRecord(
                id: created.id, identifier: created.identifier, slug: created.slug,
                collectionID: collectionID, protect: desired.protect ? true : nil)
            record.record(recorded)
            record.appliedVisibility = desired.visibility
            record.appliedUnlisted = desired.unlisted
            state.articles[source] = record
        }
    }

    func updateArticle(_ step: ArticleStep) async {
        guard let source = step.source, let desired = step.desired, let existing = step.existing else {
            preconditionFailure("an update step always has a source, a desired and an existing article")
        }
        let allTargets = LinkOrder.targets(of: step)
        // Pending drafts ("draft", "draft:fr") are saved after everything else (`saveDrafts`).
        // "unpublish" is its own small PATCH (`unpublish`), so a server that rejects
        // `is_published` does not lose the rest of the update; tags are set on their own
        // afterwards (`applyTags`).
        let mainChanged = step.changes.contains {
            !$0.hasPrefix("translation:") && !$0.hasPrefix("draft") && $0 != "unpublish" && $0 != "tags"
        }
        do {
            var writes: [BodyWrite] = []
            if mainChanged {
                let body = try await resolve(desired.bodyHTML, awaiting: allTargets, dropUnresolved: false)
                    .get()
                let updated = try await client.updateArticle(
                    knowledgeBaseID: knowledgeBaseID, id: existing.id,
                    UpdateArticleRequest(
                        title: desired.title, bodyHTML: body, isUnlisted: desired.unlisted,
                        publishUpdatedBodyHTML: desired.published,
                        visibilityConfig: Self.visibilityConfig(desired),
                        slug: step.changes.contains("slug") ? step.slug : nil))
                if step.changes.contains("slug"), updated.slug != step.slug {
                    await recorder.update { $0.serverRenamesInPlace = false }
                    throw ApplyError(
                        "The server did not change the slug of “\(existing.slug)” to “\(step.slug)” this time. Run `pylon-kb plan` again: it plans a replace with a redirect instead."
                    )
                }
                if step.changes.contains("published"), updated.isPublished == false {
                    throw ApplyError(
                        "Pylon kept “\(step.title)” unpublished: its API may not publish an article that was created as a draft. Publish it once in Pylon's editor; later applies keep it up to date."
                    )
                }
                writes.append(
                    await bodyWrite(
                        articleID: existing.id, language: "", sent: body, title: desired.title,
                        answer: updated,
                        published: desired.published))
            }
            for translation in desired.translations where translation.changed {
                let body = try await resolve(
                    translation.bodyHTML, awaiting: allTargets, dropUnresolved: false
                ).get()
                let answer = try await client.updateArticle(
                    knowledgeBaseID: knowledgeBaseID, id: existing.id,
                    UpdateArticleRequest(
                        title: translation.title, bodyHTML: body, language: translation.language,
                        publishUpdatedBodyHTML: desired.published))
                writes.append(
                    await bodyWrite(
                        articleID: existing.id, language: translation.language, sent: body,
                        title: translation.title, answer: answer, published: desired.published))
            }
            var unpublishFailure: String?
            if step.changes.contains("unpublish") {
                unpublishFailure = await unpublish(step, id: existing.id)
            }
            let recorded = writes
            await recorder.update([.article(source: source)]) { state in
                var record =
                    state.articles[source]
                    ?? .init(
                        id: existing.id, identifier: existing.identifier, slug: existing.slug,
                        collectionID: existing.collectionID)
                record.id = existing.id
                record.slug = step.slug
                record.protect = desired.protect ? true : nil
                record.record(recorded)
                if mainChanged {
                    // The PATCH sent both settings.
                    record.appliedVisibility = desired.visibility
                    record.appliedUnlisted = desired.unlisted
                }
                state.articles[source] = record
            }
            let created = CreatedArticle(
                id: existing.id, identifier: existing.identifier, slug: existing.slug, url: nil)
            await outcomes.resolve(.article(source: source), .success(.article(created)))
            await applyTags(step, articleID: existing.id, source: source)
            if let unpublishFailure {
                await reporter.failed(source, unpublishFailure)
            } else {
                await reporter.completed("updated \(source) (\(step.changes.joined(separator: ", ")))")
            }
        } catch let failure as DependencyFailure {
            await outcomes.resolve(.article(source: source), .failure(failure))
            await reporter.failed(source, "skipped: \(failure.message)")
        } catch {
            await outcomes.resolve(
                .article(source: source),
                .failure(DependencyFailure(message: "“\(step.title)” (\(source)) was not updated")))
            await reporter.failed(source, describe(error))
        }
    }

    /// Second pass: an article created with links to articles that did not exist yet.
    func patchLinks(_ step: ArticleStep) async {
        guard let source = step.source, let desired = step.desired else { return }
        guard case .success(.article(let created))? = await outcomes.peek(.article(source: source)) else {
            return
        }
        let targets = LinkOrder.targets(of: step)
        do {
            let body = try await resolve(desired.bodyHTML, awaiting: targets, dropUnresolved: false).get()
            let answer = try await client.updateArticle(
                knowledgeBaseID: knowledgeBaseID, id: created.id,
                UpdateArticleRequest(bodyHTML: body, publishUpdatedBodyHTML: desired.published))
            var writes = [
                await bodyWrite(
                    articleID: created.id, language: "", sent: body, title: nil, answer: answer,
                    published: desired.published)
            ]
            for translation in desired.translations {
                let html = try await resolve(translation.bodyHTML, awaiting: targets, dropUnresolved: false)
                    .get()
                guard
                    html != translation.bodyHTML
                        || !PendingReference.pendingArticles(in: translation.bodyHTML).isEmpty
                else { continue }
                let translationAnswer = try await client.updateArticle(
                    knowledgeBaseID: knowledgeBaseID, id: created.id,
                    UpdateArticleRequest(
                        bodyHTML: html, language: translation.language,
                        publishUpdatedBodyHTML: desired.published))
                writes.append(
                    await bodyWrite(
                        articleID: created.id, language: translation.language, sent: html, title: nil,
                        answer: translationAnswer, published: desired.published))
            }
            let recorded = writes
            await recorder.update([.article(source: source)]) {
                $0.articles[source]?.record(recorded)
            }
        } catch let failure as DependencyFailure {
            await reporter.warn(
                "\(source): links to other new articles were left out: \(failure.message). The next apply adds them."
            )
        } catch {
            await reporter.warn(
                "\(source): links to other new articles were left out (\(describe(error))). The next apply adds them."
            )
        }
    }
}
