import Foundation
import PylonAPI

/// What follows the creates and updates: redirects from old paths, the old halves of renames,
/// and orphans, each only once what replaces it exists.
extension ApplyRun {
    func deleteArticle(id: String) async throws {
        do {
            try await client.deleteArticle(knowledgeBaseID: knowledgeBaseID, id: id)
        } catch let error as PylonAPIError where error.status == 404 {
            // Already gone (an earlier run got this far): that is what we wanted.
        }
    }

    func createRedirect(_ step: RedirectStep) async {
        let key = ApplyOutcomes.Key.redirect(fromPath: step.fromPath)
        var targetID = step.targetID
        if targetID == nil {
            switch await outcomes.value(.article(source: step.targetSource)) {
            case .success(.article(let created)): targetID = created.id
            case .failure(let failure):
                await outcomes.resolve(key, .failure(failure))
                await reporter.failed("redirect \(step.fromPath)", "skipped: \(failure.message)")
                return
            default: preconditionFailure("article outcome holds another kind of value")
            }
        }
        guard let objectID = targetID else { return }
        if case .success(.article(let created))? = await outcomes.peek(.article(source: step.targetSource)),
            let identifier = created.identifier, step.fromPath.hasPrefix("/articles/\(identifier)-")
        {
            // Renamed in place: Pylon routes by identifier, so the old path still leads there.
            await outcomes.resolve(key, .success(.done))
            await reporter.completed(
                "no redirect needed for \(step.fromPath): same article, renamed in place")
            return
        }
        do {
            do {
                _ = try await client.createRouteRedirect(
                    knowledgeBaseID: knowledgeBaseID,
                    CreateRouteRedirectRequest(fromPath: step.fromPath, objectID: objectID))
            } catch let error as PylonAPIError where error.status == 400 && error.existsID != nil {
                // A redirect from this path exists already (an earlier run's POST that landed
                // unseen): Pylon keeps one per path, and that is the one.
                await reporter.warn("redirect \(step.fromPath) already existed in Pylon; kept it.")
            } catch let error as PylonAPIError where error.kind == .ambiguous {
                // Redirects cannot be listed; sending again either creates it or says it exists.
                do {
                    _ = try await client.createRouteRedirect(
                        knowledgeBaseID: knowledgeBaseID,
                        CreateRouteRedirectRequest(fromPath: step.fromPath, objectID: objectID))
                } catch let again as PylonAPIError where again.status == 400 && again.existsID != nil {}
            }
            await recorder.update([.redirects]) { state in
                state.redirects.append(
                    .init(fromPath: step.fromPath, objectID: objectID, objectType: "article"))
                state.pendingRedirects.removeAll { $0.fromPath == step.fromPath }
            }
            await outcomes.resolve(key, .success(.done))
            await reporter.completed("redirected \(step.fromPath) → \(step.targetSource)")
        } catch {
            await outcomes.resolve(
                key, .failure(DependencyFailure(message: "redirect \(step.fromPath) failed")))
            await reporter.failed("redirect \(step.fromPath)", describe(error))
        }
    }

    /// The old article of a rename goes only once its replacement and redirect exist.
    func retireOldArticle(_ step: ArticleStep) async {
        guard let source = step.source, let old = step.existing, let fate = step.oldArticleFate, fate != .keep
        else { return }
        switch await outcomes.value(.article(source: source)) {
        case .failure(let failure):
            await reporter.failed("old article \(old.slug)", "kept: \(failure.message)")
            return
        case .success(.article(let created)) where created.id == old.id:
            await reporter.completed("kept \(step.slug): renamed in place, nothing to retire")
            return
        default:
            break
        }
        if let path = old.publicPath, plan.redirects.contains(where: { $0.fromPath == path }),
            case .failure = await outcomes.value(.redirect(fromPath: path))
        {
            await reporter.failed(
                "old article \(old.slug)", "kept, because the redirect from \(path) was not created")
            return
        }
        do {
            switch fate {
            case .delete:
                try await deleteArticle(id: old.id)
                await recorder.update { state in
                    for (path, record) in state.articles where record.id == old.id {
                        state.articles[path] = nil
                    }
                }
                await reporter.completed("deleted old article \(old.slug)")
            case .unlist:
                _ = try await client.updateArticle(
                    knowledgeBaseID: knowledgeBaseID, id: old.id, UpdateArticleRequest(isUnlisted: true))
                await recorder.update { state in
                    for (path, record) in state.articles where record.id == old.id {
                        state.articles[path] = nil
                    }
                    if !state.retiredArticleIDs.contains(old.id) { state.retiredArticleIDs.append(old.id) }
                }
                await reporter.completed("unlisted old article \(old.slug)")
            case .keep:
                break
            }
        } catch {
            await reporter.failed("old article \(old.slug)", describe(error))
        }
    }

    func removeOrphan(_ step: ArticleStep) async {
        guard let old = step.existing else { return }
        let subject = step.collectionSlugPath.isEmpty ? old.slug : step.collectionSlugPath + "/" + old.slug
        // A merged page (or the old half of an interrupted rename) whose path this run redirects
        // goes only once the redirect exists, as a rename's old article does.
        if let path = old.publicPath, plan.redirects.contains(where: { $0.fromPath == path }),
            case .failure = await outcomes.value(.redirect(fromPath: path))
        {
            await reporter.failed(subject, "kept, because the redirect from \(path) was not created")
            return
        }
        do {
            if step.action == .remove {
                try await deleteArticle(id: old.id)
                await reporter.completed("deleted \(subject)")
            } else {
                _ = try await client.updateArticle(
                    knowledgeBaseID: knowledgeBaseID, id: old.id, UpdateArticleRequest(isUnlisted: true))
                await reporter.completed("unlisted \(subject)")
            }
            let retire = step.action == .unlist
            await recorder.update { state in
                for (path, record) in state.articles where record.id == old.id { state.articles[path] = nil }
                // The old half of an interrupted rename: kept unlisted behind its redirect, like
                // a rename that ran through, so no later removal policy deletes it.
                if retire, let path = old.publicPath,
                    state.redirects.contains(where: { $0.fromPath == path })
                        || state.pendingRedirects.contains(where: { $0.fromPath == path }),
                    !state.retiredArticleIDs.contains(old.id)
                {
                    state.retiredArticleIDs.append(old.id)
                }
            }
        } catch {
            await reporter.failed(subject, describe(error))
        }
    }
}
