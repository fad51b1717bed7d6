import Foundation
import PylonEmulator
import Testing

/// The `go` and `hostile` wire profiles, seen as a client sees them.
@Suite("Wire profiles")
struct WireProfileTests {
    /// Property lists of the component schemas in `openapi-kb.json` / `openapi-tags.json`.
    static let schemas: [String: Set<String>] = [
        "KnowledgeBase": ["default_language", "id", "slug", "supported_languages", "title"],
        "Collection": [
            "created_at", "description", "icon", "id", "parent_collection_id", "slug", "title",
            "visibility_config",
        ],
        "Article": [
            "collection_id", "current_draft_content_html", "current_published_content_html", "id",
            "identifier",
            "is_published", "is_unlisted", "last_published_at", "slug", "title", "url", "visibility_config",
        ],
        "User": ["avatar_url", "email", "emails", "id", "name", "role_id", "status"],
        "Me": ["id", "name"],
        "RouteRedirect": ["created_at", "from_path", "id", "language", "object_id", "object_type"],
        "Attachment": ["description", "id", "name", "url"],
        "Tag": ["hex_color", "id", "object_type", "value"],
        "Pagination": ["cursor", "has_next_page"],
        "Error": ["errors", "exists_id", "request_id"],
        "VisibilityConfig": [
            "ai_agent_access", "allowed_agent_ids", "customer_visibility_condition", "visibility",
        ],
    ]

    private func expectFields(
        _ object: [String: Any]?, _ schema: String, extra: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let keys = Set(object?.keys ?? [:].keys)
        let expected = Self.schemas[schema, default: []].union(extra)
        #expect(
            keys == expected, "\(schema): missing \(expected.subtracting(keys).sorted())",
            sourceLocation: sourceLocation)
    }

    @Test func goWritesEveryFieldOfEverySchemaWithGoZeroValues() async throws {
        let client = try await TestClient.start {
            $0.wire = .go; $0.apiSurface = .documented
        }
        defer { Task { await client.stop() } }
        let kb = "/knowledge-bases/\(client.kb)"

        let bases = try await client.get("/knowledge-bases")
        expectFields(bases.dataArray?.first, "KnowledgeBase")
        expectFields(bases.json?["pagination"] as? [String: Any], "Pagination")
        #expect((bases.json?["pagination"] as? [String: Any])?["cursor"] as? String == "")

        let collection = try await client.post("\(kb)/collections", ["title": "Top"])
        expectFields(collection.dataObject, "Collection")
        #expect(collection.dataObject?["parent_collection_id"] as? String == "")
        #expect(collection.dataObject?["description"] as? String == "")
        let visibility = collection.dataObject?["visibility_config"] as? [String: Any]
        expectFields(visibility, "VisibilityConfig")
        #expect(visibility?["customer_visibility_condition"] is NSNull)

        _ = try await client.createArticle(["title": "First"])
        let second = try await client.createArticle(["title": "Second"])
        expectFields(second, "Article")
        #expect(second["collection_id"] as? String == "")
        #expect(second["url"] as? String == "")
        #expect(second["current_published_content_html"] as? String == "")
        #expect(second["last_published_at"] as? String == "")
        #expect(second["is_published"] as? Bool == false)
        // Unset arrays are written as [] or null, varying from one object to the next.
        let listed = try await client.get("\(kb)/articles")
        let agentLists = (listed.dataArray ?? []).map {
            ($0["visibility_config"] as? [String: Any])?["allowed_agent_ids"]
        }
        #expect(agentLists.count == 2)
        #expect(
            agentLists.contains { $0 is NSNull } && agentLists.contains { ($0 as? [Any])?.isEmpty == true })

        let users = try await client.get("/users")
        expectFields(users.dataArray?.first, "User")
        #expect(users.dataArray?.first?["avatar_url"] as? String == "")
        expectFields(try await client.get("/me").dataObject, "Me")

        let redirect = try await client.post(
            "\(kb)/route-redirects",
            [
                "from_path": "/articles/1-old", "object_id": second["id"] as? String ?? "",
                "object_type": "article",
            ])
        expectFields(redirect.dataObject, "RouteRedirect")
        #expect(redirect.dataObject?["language"] as? String == "")

        let boundary = "b0undary"
        let multipart =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
            + "Content-Type: image/png\r\n\r\nPNG\r\n--\(boundary)--\r\n"
        let attachment = try await client.send(
            "POST", "/attachments", body: Data(multipart.utf8),
            contentType: "multipart/form-data; boundary=\(boundary)")
        expectFields(attachment.dataObject, "Attachment")

        let tag = try await client.post("/tags", ["value": "billing", "object_type": "article"])
        expectFields(tag.dataObject, "Tag")
        #expect(tag.dataObject?["hex_color"] as? String == "")

        let missing = try await client.get("\(kb)/articles/nope")
        #expect(missing.status == 404)
        expectFields(missing.json, "Error")
        #expect(missing.json?["exists_id"] as? String == "")
    }

    @Test func goInTheCurrentSurfaceAddsTagIDsAndTheUser() async throws {
        let client = try await TestClient.start { $0.wire = .go }
        defer { Task { await client.stop() } }
        let article = try await client.createArticle([:])
        expectFields(article, "Article", extra: ["tag_ids"])
        #expect((article["tag_ids"] as? [Any])?.isEmpty == true)
        let me = try await client.get("/me").dataObject
        expectFields(me, "Me", extra: ["user"])
        #expect((me?["user"] as? [String: Any])?["id"] as? String == client.author)
    }

    @Test func tidyWritesOnlyWhatIsSet() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        let article = try await client.createArticle([:])
        #expect(article["collection_id"] == nil)
        #expect(article["url"] == nil)
        let missing = try await client.get("/knowledge-bases/\(client.kb)/articles/nope")
        #expect(missing.json?["exists_id"] == nil)
    }

    @Test func hostileShufflesKeysAddsFieldsAndVariesIdentifiersAndTimestamps() async throws {
        let client = try await TestClient.start {
            $0.wire = .hostile; $0.wireSeed = 7
        }
        defer { Task { await client.stop() } }
        let kb = "/knowledge-bases/\(client.kb)"
        let created = try await client.createArticle(["is_published": true])
        let id = try #require(created["id"] as? String)
        var orders: Set<[String]> = []
        var identifierKinds: Set<String> = []
        var timestamps: Set<String> = []
        for _ in 0..<6 {
            let read = try await client.get("\(kb)/articles/\(id)")
            orders.insert(Self.topLevelKeys(read.data))
            let data = try #require(read.dataObject)
            identifierKinds.insert(data["identifier"] is String ? "string" : "number")
            #expect(read.json?["meta"] is [String: Any], "an unknown field on the envelope")
            #expect(!Set(data.keys).subtracting(Self.schemas["Article"]!).subtracting(["tag_ids"]).isEmpty)
            let visibility = try #require(data["visibility_config"] as? [String: Any])
            #expect(!Set(visibility.keys).subtracting(Self.schemas["VisibilityConfig"]!).isEmpty)
            timestamps.insert(try #require(data["last_published_at"] as? String))
        }
        #expect(orders.count > 1, "the envelope's key order differs between answers")
        #expect(identifierKinds == ["string", "number"])
        #expect(timestamps.count > 1)
        let instants = Set(timestamps.compactMap(Self.parseTimestamp))
        #expect(instants.count == 1, "\(timestamps) all name one instant")
    }

    @Test func hostileChoicesReplayForTheSameSeedAndRequests() async throws {
        func answers(seed: UInt64) async throws -> [Data] {
            let client = try await TestClient.start {
                $0.wire = .hostile; $0.wireSeed = seed
            }
            defer { Task { await client.stop() } }
            var result: [Data] = []
            for _ in 0..<3 { result.append(try await client.get("/knowledge-bases/\(client.kb)").data) }
            // Request ids are random; everything else must replay.
            return result.map { data in
                Data(
                    String(decoding: data, as: UTF8.self)
                        .replacingOccurrences(
                            of: #""req_[0-9a-f]+""#, with: "ID", options: .regularExpression
                        ).utf8)
            }
        }
        #expect(try await answers(seed: 3) == answers(seed: 3))
        #expect(try await answers(seed: 3) != answers(seed: 4))
    }

    /// The keys of the outermost object, in the order they appear in the bytes.
    static func topLevelKeys(_ data: Data) -> [String] {
        var keys: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var current = ""
        var expectingKey = false
        for byte in data {
            let character = Character(UnicodeScalar(byte))
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                    if expectingKey, depth == 1 { keys.append(current) }
                    expectingKey = false
                    continue
                }
                current.append(character)
                continue
            }
            switch character {
            case "\"":
                inString = true
                current = ""
            case "{", "[":
                depth += 1
                expectingKey = character == "{"
            case "}", "]": depth -= 1
            case ",": expectingKey = true
            case ":": expectingKey = false
            default: break
            }
        }
        return keys
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: text) ?? fractional.date(from: text)
    }
}
