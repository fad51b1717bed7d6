import Foundation
import GRDB

/// A stored tag (`openapi-tags.json` `Tag`).
struct TagRecord: Sendable {
    var id: String
    var value: String
    var objectType: String
    var hexColor: String?
    var sequence: Int64

    init(row: Row) {
        id = row["id"]
        value = row["value"]
        objectType = row["object_type"]
        hexColor = row["hex_color"]
        sequence = row["seq"]
    }
}

extension EmulatorStore {
    func tags(after cursor: Int64?, limit: Int) async throws -> Page<TagRecord> {
        try await writer.read { db in
            var tags = try Row.fetchAll(
                db, sql: "SELECT * FROM tag WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [cursor ?? 0, limit + 1]
            ).map(TagRecord.init(row:))
            let hasMore = tags.count > limit
            if hasMore { tags.removeLast() }
            return Page(items: tags, nextCursor: hasMore ? tags.last.map { Cursor.encode($0.sequence) } : nil)
        }
    }

    /// A tag is unique by value and object type; a duplicate names the existing one.
    func createTag(value: String, objectType: String, hexColor: String?) async throws -> TagRecord {
        try await writer.write { db in
            if let existing = try String.fetchOne(
                db, sql: "SELECT id FROM tag WHERE value = ? AND object_type = ?",
                arguments: [value, objectType])
            {
                throw APIError.badRequest(
                    "value: a tag \"\(value)\" for object type \(objectType) already exists.",
                    existsID: existing)
            }
            let id = Self.newID()
            try db.execute(
                sql: "INSERT INTO tag (id, value, object_type, hex_color) VALUES (?, ?, ?, ?)",
                arguments: [id, value, objectType, hexColor])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tag WHERE id = ?", arguments: [id])
            else {
                preconditionFailure("the tag was just inserted")
            }
            return TagRecord(row: row)
        }
    }

    /// Tag ids per article, in the order they were set. Articles without tags map to `[]`.
    func tagIDs(articleIDs: [String]) async throws -> [String: [String]] {
        guard !articleIDs.isEmpty else { return [:] }
        return try await writer.read { db in
            var result = Dictionary(uniqueKeysWithValues: articleIDs.map { ($0, [String]()) })
            let placeholders = Array(repeating: "?", count: articleIDs.count).joined(separator: ", ")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT article_id, tag_id FROM article_tag WHERE article_id IN (\(placeholders))
                    ORDER BY article_id, position
                    """,
                arguments: StatementArguments(articleIDs))
            for row in rows { result[row["article_id"], default: []].append(row["tag_id"]) }
            return result
        }
    }

    /// Replaces all of an article's tags. Every id must be an existing `article` tag.
    static func replaceTags(_ db: Database, articleID: String, tagIDs: [String]) throws {
        var seen: Set<String> = []
        for tagID in tagIDs where seen.insert(tagID).inserted {
            guard
                let type = try String.fetchOne(
                    db, sql: "SELECT object_type FROM tag WHERE id = ?", arguments: [tagID])
            else { throw APIError.badRequest("tag_ids: tag \(tagID) does not exist.") }
            guard type == "article" else {
                throw APIError.badRequest("tag_ids: tag \(tagID) is for \(type) objects, not articles.")
            }
        }
        try db.execute(sql: "DELETE FROM article_tag WHERE article_id = ?", arguments: [articleID])
        var position = 0
        var inserted: Set<String> = []
        for tagID in tagIDs where inserted.insert(tagID).inserted {
            try db.execute(
                sql: "INSERT INTO article_tag (article_id, tag_id, position) VALUES (?, ?, ?)",
                arguments: [articleID, tagID, position])
            position += 1
        }
    }
}
