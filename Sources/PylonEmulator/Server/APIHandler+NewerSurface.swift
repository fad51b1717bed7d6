import Foundation

/// The endpoints and fields of the contract's "Newer surface", and tags (`openapi-tags.json`).
extension APIHandler {
    /// An article's `data`; the newer surface adds its `tag_ids`.
    func articleAnswer(_ article: ArticleRecord, site: String) async throws -> JSONValue {
        WireFormat.article(article, site: site, tagIDs: try await tagIDs([article])?[article.id])
    }

    /// nil in the documented surface, whose Article has no tag field.
    func tagIDs(_ articles: [ArticleRecord]) async throws -> [String: [String]]? {
        guard surface == .current else { return nil }
        return try await store.tagIDs(articleIDs: articles.map(\.id))
    }

    /// The organization; the newer surface adds the token's user (the first seeded user).
    func me() async throws -> JSONValue {
        let organization = try await store.organization()
        var fields: [String: JSONValue] = [
            "id": .string(organization.id), "name": .string(organization.name),
        ]
        if surface == .current, let user = try await store.firstUser() {
            fields["user"] = .object([
                "id": .string(user.id), "email": .string(user.email), "name": .string(user.name),
            ])
        }
        return .object(fields)
    }

    func updateCollection(_ call: Call) async throws -> CollectionRecord {
        let body = try JSONBody(bytes: call.body)
        if body.fields["parent_collection_id"] != nil {
            throw APIError.badRequest(
                "parent_collection_id cannot be changed: a collection cannot move. "
                    + "Create a new collection under the other parent instead.")
        }
        let title = try body.string("title")
        if let title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw APIError.badRequest("title must not be empty.")
        }
        let changes = CollectionChanges(
            title: title, description: try body.string("description"),
            slug: try body.string("slug").map { try checkedSlug($0) },
            visibilityJSON: try visibility(body.object("visibility_config"), base: nil))
        return try await store.updateCollection(
            knowledgeBaseID: call.segments[1], id: call.segments[3], changes)
    }

    func createTag(_ call: Call) async throws -> TagRecord {
        let body = try JSONBody(bytes: call.body)
        let value = try body.nonEmptyString("value")
        let objectType = try body.enumeration(
            "object_type", allowed: ["account", "article", "issue"], required: true)!
        let hexColor = try body.string("hex_color").flatMap { $0.isEmpty ? nil : $0 }
        if let hexColor, !Self.isHexColor(hexColor) {
            throw APIError.badRequest("hex_color must look like #1a2b3c; \"\(hexColor)\" does not.")
        }
        return try await store.createTag(value: value, objectType: objectType, hexColor: hexColor)
    }

    static func isHexColor(_ text: String) -> Bool {
        text.count == 7 && text.hasPrefix("#") && text.dropFirst().allSatisfy(\.isHexDigit)
    }

    func requestReview(_ call: Call) async throws -> EmulatorReviewRequest {
        let body = try JSONBody(bytes: call.body)
        let reviewers = try body.stringArray("reviewer_user_ids") ?? []
        let aiReview = try body.bool("request_ai_review") ?? false
        guard !reviewers.isEmpty || aiReview else {
            throw APIError.badRequest(
                "Send reviewer_user_ids (at least one user id) and/or request_ai_review: true.")
        }
        return try await store.requestReview(
            knowledgeBaseID: call.segments[1], articleID: call.segments[3], reviewerUserIDs: reviewers,
            requestAIReview: aiReview)
    }
}
