import Foundation
import GRDB

/// The organization, its knowledge bases and users (read-only through the API).
extension EmulatorStore {
    func organization() async throws -> (id: String, name: String) {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name FROM organization") else {
                preconditionFailure("seed() always creates the organization")
            }
            return (row["id"], row["name"])
        }
    }

    func knowledgeBases() async throws -> [KnowledgeBaseRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM knowledge_base ORDER BY seq").map(
                KnowledgeBaseRecord.init(row:))
        }
    }

    func knowledgeBase(id: String) async throws -> KnowledgeBaseRecord {
        try await writer.read { db in try Self.knowledgeBase(db, id: id) }
    }

    func knowledgeBase(slug: String) async throws -> KnowledgeBaseRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM knowledge_base WHERE slug = ?", arguments: [slug])
                .map(KnowledgeBaseRecord.init(row:))
        }
    }

    static func knowledgeBase(_ db: Database, id: String) throws -> KnowledgeBaseRecord {
        guard
            let row = try Row.fetchOne(db, sql: "SELECT * FROM knowledge_base WHERE id = ?", arguments: [id])
        else { throw APIError.notFound("Knowledge base \(id) not found.") }
        return KnowledgeBaseRecord(row: row)
    }

    func users(after cursor: Int64?, limit: Int, email: String? = nil) async throws -> Page<UserRecord> {
        try await writer.read { db in
            var sql = "SELECT * FROM user WHERE seq > ?"
            var arguments: StatementArguments = [cursor ?? 0]
            if let email {
                sql += " AND lower(email) = lower(?)"
                arguments += [email]
            }
            sql += " ORDER BY seq LIMIT ?"
            arguments += [limit + 1]
            var users = try Row.fetchAll(db, sql: sql, arguments: arguments).map(UserRecord.init(row:))
            let hasMore = users.count > limit
            if hasMore { users.removeLast() }
            return Page(
                items: users, nextCursor: hasMore ? users.last.map { Cursor.encode($0.sequence) } : nil)
        }
    }

    func user(id: String) async throws -> UserRecord {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM user WHERE id = ?", arguments: [id])
            else {
                throw APIError.notFound("User \(id) not found.")
            }
            return UserRecord(row: row)
        }
    }
}
