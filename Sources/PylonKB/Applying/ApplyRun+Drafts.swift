import PylonAPI

/// Which pending drafts a step saves after its published bodies are written. Pylon's PATCH
/// with `publish_updated_body_html: true` sets the draft and the published body alike, so a
/// draft must be written after the last publishing PATCH of its article (and translation).
enum DraftSaving {
    struct Draft: Sendable {
        /// nil for the knowledge base's default language.
        var language: String?
        var html: String
    }

    static func drafts(_ step: ArticleStep) -> [Draft] {
        guard let desired = step.desired, desired.published, step.source != nil else { return [] }
        let isUpdate = step.action == .update
        var result: [Draft] = []
        if let draft = desired.draftBodyHTML {
            let mainWritten = step.changes.contains {
                !$0.hasPrefix("translation:") && !$0.hasPrefix("draft:")
            }
            if !isUpdate || mainWritten { result.append(Draft(language: nil, html: draft)) }
        }
        for translation in desired.translations {
            guard let draft = translation.draftBodyHTML else { continue }
            let written =
                step.changes.contains("translation:\(translation.language)")
                || step.changes.contains("draft:\(translation.language)")
            if !isUpdate || written { result.append(Draft(language: translation.language, html: draft)) }
        }
        return result
    }

    static func draftCount(_ step: ArticleStep) -> Int {
        switch step.action {
        case .create, .replace, .update: drafts(step).count
        case .remove, .unlist: 0
        }
    }
}

extension ApplyRun {
    /// Saves the pending drafts of an article this run created or updated, without publishing
    /// them, once every identifier its links need exists.
    func saveDrafts(_ step: ArticleStep) async {
        guard let source = step.source else { return }
        guard case .success(.article(let article))? = await outcomes.peek(.article(source: source)) else {
            return  // The article itself failed; that is reported already.
        }
        var writes: [BodyWrite] = []
        for draft in DraftSaving.drafts(step) {
            let subject = draft.language.map { "\(source) (\($0))" } ?? source
            do {
                let targets = PendingReference.pendingArticles(in: draft.html)
                let html = try await resolve(draft.html, awaiting: targets, dropUnresolved: false).get()
                let answer = try await client.updateArticle(
                    knowledgeBaseID: knowledgeBaseID, id: article.id,
                    UpdateArticleRequest(bodyHTML: html, language: draft.language))
                writes.append(
                    await bodyWrite(
                        articleID: article.id, language: draft.language ?? "", sent: html, title: nil,
                        answer: answer, published: false, isDraft: true))
            } catch let failure as DependencyFailure {
                await reporter.warn(
                    "\(subject): its pending draft was not saved: \(failure.message). The next run saves it.")
            } catch {
                await reporter.warn(
                    "\(subject): its pending draft was not saved (\(describe(error))). The next run saves it."
                )
            }
        }
        guard !writes.isEmpty else { return }
        let recorded = writes
        await recorder.update([.article(source: source)]) { $0.articles[source]?.record(recorded) }
    }
}
