/// The body of `POST …/articles/{article_id}/request-review` (newer surface): reviewers by
/// Pylon user id and/or an AI review. The article must have an unpublished current version.
public struct RequestReviewRequest: Sendable, Codable, Hashable {
    public var reviewerUserIDs: [String]?
    public var requestAIReview: Bool?

    public init(reviewerUserIDs: [String]? = nil, requestAIReview: Bool? = nil) {
        self.reviewerUserIDs = reviewerUserIDs
        self.requestAIReview = requestAIReview
    }

    enum CodingKeys: String, CodingKey {
        case reviewerUserIDs = "reviewer_user_ids"
        case requestAIReview = "request_ai_review"
    }
}
