import Foundation
import PylonAPI

/// Renames on a server that changes slugs through PATCH: asked once, then the article keeps its
/// identifier and only its content is updated.
extension ApplyRun {
    /// Asks the server once per run (and once per knowledge base, through the state file)
    /// whether PATCH can change a slug: the answer is what the response says, never assumed.
    func renamesInPlace(_ old: ExistingArticle, to slug: String) async -> Bool {
        await renameCapability.decide {
            do {
                let answer = try await client.updateArticle(
                    knowledgeBaseID: knowledgeBaseID, id: old.id, UpdateArticleRequest(slug: slug))
                let honoured = answer.slug == slug
                await recorder.update { $0.serverRenamesInPlace = honoured }
                return honoured
            } catch let error as PylonAPIError where error.indicatesMissingCapability(field: "slug") {
                // A server that validates PATCH bodies against Pylon's schema refuses `slug`:
                // that is an answer too, remembered like an ignored slug.
                await recorder.update { $0.serverRenamesInPlace = false }
                return false
            } catch {
                // No answer means no evidence: replace, and ask again next time.
                return false
            }
        }
    }

    /// The server changed the slug: the article keeps its id and identifier (so its old public
    /// path keeps routing to it); only its content is brought up to date.
    func finishRenameInPlace(
        _ step: ArticleStep, old: ExistingArticle, desired: DesiredArticle, body: String,
        translations: [ArticleTranslationInput]
    ) async throws {
        guard let source = step.source else { return }
        let updated = try await client.updateArticle(
            knowledgeBaseID: knowledgeBaseID, id: old.id,
            UpdateArticleRequest(
                title: desired.title, bodyHTML: body, isUnlisted: desired.unlisted,
                publishUpdatedBodyHTML: desired.published, visibilityConfig: Self.visibilityConfig(desired)))
        var translationAnswers: [String: WireArticle] = [:]
        for translation in translations {
            translationAnswers[translation.language] = try await client.updateArticle(
                knowledgeBaseID: knowledgeBaseID, id: old.id,
                UpdateArticleRequest(
                    title: translation.title, bodyHTML: translation.bodyHTML, language: translation.language,
                    publishUpdatedBodyHTML: desired.published))
        }
        let renamed = CreatedArticle(
            id: old.id, identifier: updated.identifier ?? old.identifier, slug: step.slug, url: updated.url)
        await record(
            source: source, created: renamed, collectionID: old.collectionID, desired: desired, body: body,
            translations: translations, answer: updated, translationAnswers: translationAnswers)
        await outcomes.resolve(.article(source: source), .success(.article(renamed)))
        await applyTags(step, articleID: old.id, source: source)
        await reporter.completed(
            "renamed \(old.slug) → \(step.slug) in place (the server keeps its identifier)",
            url: desired.published ? renamed.url.map { (source, $0) } : nil)
    }
}
