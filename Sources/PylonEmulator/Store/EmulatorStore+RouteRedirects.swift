import Foundation
import GRDB

/// Route redirects: old paths of a knowledge base pointing at an article or collection.
extension EmulatorStore {
    func createRouteRedirect(
        knowledgeBaseID: String, fromPath: String, objectID: String, objectType: String, language: String?
    ) async throws -> EmulatorRouteRedirect {
        try await writer.write { db in
            let base = try Self.knowledgeBase(db, id: knowledgeBaseID)
            _ = try Self.checkLanguage(language, base: base, field: "language")
            let table = objectType == "article" ? "article" : "collection"
            guard
                try Row.fetchOne(
                    db, sql: "SELECT 1 FROM \(table) WHERE kb_id = ? AND id = ?",
                    arguments: [knowledgeBaseID, objectID]
                ) != nil
            else {
                throw APIError.badRequest(
                    "object_id: \(objectType) \(objectID) does not exist in knowledge base \(knowledgeBaseID)."
                )
            }
            if let existing = try String.fetchOne(
                db, sql: "SELECT id FROM route_redirect WHERE kb_id = ? AND from_path = ?",
                arguments: [knowledgeBaseID, fromPath])
            {
                throw APIError.badRequest(
                    "from_path: a route redirect from \"\(fromPath)\" already exists.", existsID: existing)
            }
            let redirect = EmulatorRouteRedirect(
                id: Self.newID(), knowledgeBaseID: knowledgeBaseID, fromPath: fromPath, objectID: objectID,
                objectType: objectType, language: language, createdAt: Self.now())
            try db.execute(
                sql: """
                    INSERT INTO route_redirect (id, kb_id, from_path, object_id, object_type, language, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    redirect.id, knowledgeBaseID, fromPath, objectID, objectType, language,
                    redirect.createdAt,
                ])
            return redirect
        }
    }

    func routeRedirects(knowledgeBaseID: String) async throws -> [EmulatorRouteRedirect] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM route_redirect WHERE kb_id = ? ORDER BY seq",
                arguments: [knowledgeBaseID]
            ).map { row in
                EmulatorRouteRedirect(
                    id: row["id"], knowledgeBaseID: row["kb_id"], fromPath: row["from_path"],
                    objectID: row["object_id"], objectType: row["object_type"], language: row["language"],
                    createdAt: row["created_at"])
            }
        }
    }
}
