import Foundation
import GRDB

/// A recorded `POST …/articles/{id}/request-review` (newer surface). Pylon's API offers no way
/// to read them back; tests read them with `RunningEmulator.reviewRequests(knowledgeBaseID:)`.
public struct EmulatorReviewRequest: Sendable, Equatable, Codable {
    public var id: String
    public var knowledgeBaseID: String
    public var articleID: String
    public var reviewerUserIDs: [String]
    public var requestAIReview: Bool
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id
        case knowledgeBaseID = "knowledge_base_id"
        case articleID = "article_id"
        case reviewerUserIDs = "reviewer_user_ids"
        case requestAIReview = "request_ai_review"
        case createdAt = "created_at"
    }
}

extension EmulatorStore {
    /// Records a review request. The article must have an unpublished current version: never
    /// published, or a draft that differs from what is published.
    func requestReview(
        knowledgeBaseID: String, articleID: String, reviewerUserIDs: [String], requestAIReview: Bool
    ) async throws -> EmulatorReviewRequest {
        try await writer.write { db in
            _ = try Self.knowledgeBase(db, id: knowledgeBaseID)
            let article = try Self.article(db, knowledgeBaseID: knowledgeBaseID, id: articleID)
            for userID in reviewerUserIDs
            where try Row.fetchOne(db, sql: "SELECT 1 FROM user WHERE id = ?", arguments: [userID]) == nil {
                throw APIError.badRequest("reviewer_user_ids: user \(userID) does not exist.")
            }
            guard !article.isPublished || article.publishedHTML != article.draftHTML else {
                throw APIError.badRequest(
                    "Article \(articleID) has no unpublished version to review: its draft is what is published. "
                        + "Change its body first.")
            }
            let request = EmulatorReviewRequest(
                id: Self.newID(), knowledgeBaseID: knowledgeBaseID, articleID: articleID,
                reviewerUserIDs: reviewerUserIDs, requestAIReview: requestAIReview, createdAt: Self.now())
            try db.execute(
                sql: """
                    INSERT INTO review_request (id, kb_id, article_id, reviewer_user_ids, request_ai_review, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    request.id, knowledgeBaseID, articleID, reviewerUserIDs.joined(separator: ","),
                    requestAIReview, request.createdAt,
                ])
            return request
        }
    }

    func reviewRequests(knowledgeBaseID: String) async throws -> [EmulatorReviewRequest] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM review_request WHERE kb_id = ? ORDER BY seq",
                arguments: [knowledgeBaseID]
            ).map { row in
                let reviewers: String = row["reviewer_user_ids"]
                return EmulatorReviewRequest(
                    id: row["id"], knowledgeBaseID: row["kb_id"], articleID: row["article_id"],
                    reviewerUserIDs: reviewers.split(separator: ",").map(String.init),
                    requestAIReview: row["request_ai_review"], createdAt: row["created_at"])
            }
        }
    }

    /// The first seeded user: the newer surface's `/me` answers it as the token's user.
    func firstUser() async throws -> UserRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM user ORDER BY seq LIMIT 1").map(UserRecord.init(row:))
        }
    }
}
