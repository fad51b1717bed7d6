import Foundation
import GRDB

/// Seeding: the organization, knowledge bases and users an emulator starts with.
extension EmulatorStore {
    func seed(_ seed: EmulatorSeed) async throws {
        try await writer.write { db in
            if try Row.fetchOne(db, sql: "SELECT id FROM organization") == nil {
                try db.execute(
                    sql: "INSERT INTO organization (id, name) VALUES (?, ?)",
                    arguments: [Self.newID(), seed.organizationName])
            }
            for base in seed.knowledgeBases {
                guard !base.supportedLanguages.isEmpty else {
                    throw EmulatorError.invalidSeedValue(
                        "knowledge base \(base.id) has no supported languages")
                }
                let languages =
                    base.supportedLanguages.contains(base.defaultLanguage)
                    ? base.supportedLanguages : [base.defaultLanguage] + base.supportedLanguages
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO knowledge_base (id, title, slug, supported_languages, default_language)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        base.id, base.title, base.slug, languages.joined(separator: ","),
                        base.defaultLanguage,
                    ])
            }
            for user in seed.users {
                let exists = try Row.fetchOne(
                    db, sql: "SELECT id FROM user WHERE email = ? OR id = ?",
                    arguments: [user.email, user.id])
                if exists != nil { continue }
                try db.execute(
                    sql: "INSERT INTO user (id, email, name) VALUES (?, ?, ?)",
                    arguments: [user.id ?? Self.stableID(for: user.email), user.email, user.name])
            }
        }
    }

    /// A UUID-shaped id that stays the same for the same email across restarts.
    private static func stableID(for email: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var bytes: [UInt8] = []
        for byte in email.lowercased().utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        var generator = SplitMix64(seed: hash)
        for _ in 0..<2 { withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) } }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return uuid.uuidString.lowercased()
    }
}
