import PylonAPI

/// `apply --request-review`: who reviews the drafts an apply leaves.
public struct ReviewRequestOptions: Sendable, Hashable {
    /// Pylon user ids (emails already resolved, as `author` is).
    public var reviewerUserIDs: [String]
    /// Also ask Pylon's AI to review (it must be enabled for the organization).
    public var aiReview: Bool

    public init(reviewerUserIDs: [String], aiReview: Bool) {
        self.reviewerUserIDs = reviewerUserIDs
        self.aiReview = aiReview
    }

    /// Nothing to ask for.
    public var isEmpty: Bool { reviewerUserIDs.isEmpty && !aiReview }
}

extension ApplyRun {
    /// The articles this plan leaves as drafts: created unpublished, or updated (or unpublished)
    /// while the content says `published: false`. Pylon reviews an article's unpublished version.
    static func draftSteps(_ plan: Plan) -> [ArticleStep] {
        plan.articles.filter { step in
            guard let desired = step.desired, !desired.published, step.source != nil else { return false }
            return step.action == .create || step.action == .replace || step.action == .update
        }
    }

    /// Asks for review of each draft this apply wrote (one request per article, after every
    /// change). A server without review requests gets one try: one warning, recorded, no more
    /// requests. A failed request is reported with its article and request_id; the changes
    /// already made stand.
    func requestReviews(_ options: ReviewRequestOptions) async {
        guard !options.isEmpty else { return }
        let body = RequestReviewRequest(
            reviewerUserIDs: options.reviewerUserIDs.isEmpty ? nil : options.reviewerUserIDs,
            requestAIReview: options.aiReview ? true : nil)
        for step in Self.draftSteps(plan) {
            guard let source = step.source,
                case .success(.article(let article))? = await outcomes.peek(.article(source: source))
            else { continue }
            do {
                let outcome = try await capabilities.perform(.reviewRequests) {
                    try await client.requestArticleReview(
                        knowledgeBaseID: knowledgeBaseID, id: article.id, body)
                }
                switch outcome {
                case .done:
                    await reporter.completedAfterwards("asked for review of \(source)")
                case .unavailable(let firstNotice):
                    if firstNotice {
                        await reporter.warn(
                            "No review was requested: this server cannot \(ServerCapability.reviewRequests.ability). The state file remembers this; ask for review in Pylon's editor."
                        )
                    }
                    return
                }
            } catch {
                // `describe` ends with the request_id to give Pylon support, when there is one.
                await reporter.failedAfterwards(
                    source,
                    "the review request for “\(step.title)” failed (the article itself was applied; ask for review in Pylon's editor): \(describe(error))"
                )
            }
        }
    }
}

extension ApplyRun {
    /// `published: false` on an article published in Pylon: PATCH `is_published: false`, where
    /// the server takes it. Without it the article stays published (as before this capability
    /// existed) and one warning says so; the state remembers the answer. Returns why it failed,
    /// for any other error (the rest of the update stands).
    func unpublish(_ step: ArticleStep, id: String) async -> String? {
        let name = step.source ?? step.slug
        do {
            let outcome = try await capabilities.perform(.articleUnpublish, field: "is_published") {
                try await client.updateArticle(
                    knowledgeBaseID: knowledgeBaseID, id: id, UpdateArticleRequest(isPublished: false))
            }
            switch outcome {
            case .done(let article):
                if article.isPublished == true {
                    await reporter.warn(
                        "Pylon kept “\(step.title)” (\(name)) published after `is_published: false`. Unpublish it in Pylon, or set `unlisted: true`."
                    )
                }
            case .unavailable(let firstNotice):
                await reporter.warn(
                    "“\(step.title)” (\(name)) says `published: false` but stays published: this server cannot \(ServerCapability.articleUnpublish.ability)\(firstNotice ? " (remembered in the state file)" : ""). Unpublish it in Pylon, or set `unlisted: true`."
                )
            }
        } catch {
            return "updated, but not unpublished: \(describe(error))"
        }
        return nil
    }
}
