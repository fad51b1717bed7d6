import Foundation
import GRDB

/// Attachments: uploaded files (images) served back by id.
extension EmulatorStore {
    func createAttachment(name: String, contentType: String, data: [UInt8], description: String?) async throws
        -> AttachmentRecord
    {
        let record = AttachmentRecord(id: Self.newID(), name: name, contentType: contentType, data: data)
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO attachment (id, name, content_type, data, description, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [record.id, name, contentType, Data(data), description, Self.now()])
        }
        return record
    }

    func attachment(id: String) async throws -> AttachmentRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM attachment WHERE id = ?", arguments: [id]).map { row in
                AttachmentRecord(
                    id: row["id"], name: row["name"], contentType: row["content_type"],
                    data: [UInt8](row["data"] as Data))
            }
        }
    }
}
