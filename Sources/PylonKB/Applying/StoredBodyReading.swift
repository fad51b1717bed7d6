import PylonAPI

extension ApplyRun {
    /// What to record for one language after a successful write of `sent` (and `title`): its hash,
    /// and the hash and title of what the server stored, taken from its `answer` or, when the
    /// answer does not carry that language's body, read back with one GET.
    ///
    /// `published`: the write published, so the stored body is the published one; otherwise it is
    /// the draft. `answer` nil: the write's answer cannot be about this language (translations
    /// sent inside a create's body), so the body is always read back.
    ///
    /// A failed read-back leaves the stored value unknown and never fails the apply: the write
    /// itself succeeded, and an unknown stored value only means the next plan compares the
    /// canonical forms, as it did before stored values existed (at worst it sees a change where
    /// the server normalised, and the next apply records the value).
    func bodyWrite(
        articleID: String, language: String, sent: String, title: String?, answer: WireArticle?,
        published: Bool, isDraft: Bool = false
    ) async -> BodyWrite {
        var write = BodyWrite(
            language: language, sentHash: StateHashing.bodyHash(sent), sentTitle: title, isDraft: isDraft)
        var source = answer
        if Self.storedBody(in: answer, published: published, sent: sent) == nil {
            source = try? await client.article(
                knowledgeBaseID: knowledgeBaseID, id: articleID, language: language.isEmpty ? nil : language)
        }
        if let body = Self.storedBody(in: source, published: published, sent: sent) {
            write.storedHash = StateHashing.bodyHash(body)
            write.storedTitle = source?.title.flatMap { $0.isEmpty ? nil : $0 }
        }
        return write
    }

    /// The body `article` carries for the write: a Go server may answer `""` or null for a body it
    /// does not return, which must not be taken for an emptied article (unless empty was sent).
    private static func storedBody(in article: WireArticle?, published: Bool, sent: String) -> String? {
        guard let article else { return nil }
        let body = published ? article.currentPublishedContentHTML : article.currentDraftContentHTML
        guard let body, !body.isEmpty || sent.isEmpty else { return nil }
        return body
    }
}
