import Foundation

/// Knowledge bases and their collections.
extension PylonClient {
    // MARK: Knowledge bases

    public func listKnowledgeBases() async throws -> [KnowledgeBase] {
        try await allPages(.listKnowledgeBases, path: "/knowledge-bases", subject: "the knowledge bases")
    }

    public func knowledgeBase(id: String) async throws -> KnowledgeBase {
        try await object(
            Call(.getKnowledgeBase, path: "/knowledge-bases/\(segment(id))", subject: "knowledge base \(id)"))
    }

    // MARK: Collections

    /// Every collection of the knowledge base (this endpoint is not paginated).
    public func listCollections(knowledgeBaseID: String) async throws -> [PylonCollection] {
        let call = Call(
            .listCollections, path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections",
            subject: "knowledge base \(knowledgeBaseID)")
        let (envelope, _) = try await send(call, as: LenientList<PylonCollection>.self)
        return envelope.data?.items ?? []
    }

    public func collection(knowledgeBaseID: String, id: String) async throws -> PylonCollection {
        try await object(
            Call(
                .getCollection,
                path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections/\(segment(id))",
                subject: "collection \(id) in knowledge base \(knowledgeBaseID)"))
    }

    public func createCollection(knowledgeBaseID: String, _ body: CreateCollectionRequest) async throws
        -> PylonCollection
    {
        var subject = "knowledge base \(knowledgeBaseID)"
        if let parent = body.parentCollectionID { subject += " (or parent collection \(parent))" }
        return try await object(
            Call(
                .createCollection, path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections",
                subject: subject, json: body,
                sent: "title \"\(body.title)\"" + (body.slug.map { ", slug \"\($0)\"" } ?? "")))
    }

    /// Deletes the collection and, permanently, every article and sub-collection inside it.
    public func deleteCollection(knowledgeBaseID: String, id: String) async throws {
        _ = try await send(
            Call(
                .deleteCollection,
                path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections/\(segment(id))",
                subject: "collection \(id) in knowledge base \(knowledgeBaseID)"), as: SkippedValue.self)
    }

    /// Newer surface: changes only the fields sent. Where the server lacks it, the error answers
    /// `indicatesMissingCapability` (see `PylonAPIError`).
    public func updateCollection(knowledgeBaseID: String, id: String, _ body: UpdateCollectionRequest)
        async throws -> PylonCollection
    {
        try await object(
            Call(
                .updateCollection,
                path: "/knowledge-bases/\(segment(knowledgeBaseID))/collections/\(segment(id))",
                subject: "collection \(id) in knowledge base \(knowledgeBaseID)", json: body))
    }
}
