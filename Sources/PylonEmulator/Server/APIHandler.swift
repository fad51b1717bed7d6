import Foundation
import PylonAPI

/// The Pylon endpoints: validates input, calls the store, shapes the `data` of the answer.
struct APIHandler: Sendable {
    let store: EmulatorStore
    let honourSlugUpdates: Bool
    let surface: APISurface

    /// One API call, already authenticated and past rate limits and faults.
    struct Call: Sendable {
        var endpoint: PylonEndpoint
        /// Path segments, percent-decoded.
        var segments: [String]
        var query: [String: String]
        var body: [UInt8]
        var contentType: String?
        /// Scheme, host and port the client used, e.g. `http://127.0.0.1:8080`.
        var origin: String
    }

    /// The envelope fields besides `request_id`: `data` and, for lists, `pagination`.
    func handle(_ call: Call) async throws -> [String: JSONValue] {
        let segments = call.segments
        if surface == .documented,
            let schema = DocumentedRequestSchema.body(
                of: call.endpoint, honourSlugUpdates: honourSlugUpdates),
            !call.body.isEmpty
        {
            try schema.check(try JSONBody(bytes: call.body).value)
        }
        switch call.endpoint {
        case .listKnowledgeBases:
            let bases = try await store.knowledgeBases()
            return [
                "data": .array(bases.map(WireFormat.knowledgeBase)),
                "pagination": WireFormat.pagination(nextCursor: nil),
            ]
        case .getKnowledgeBase:
            return ["data": WireFormat.knowledgeBase(try await store.knowledgeBase(id: segments[1]))]
        case .listCollections:
            let collections = try await store.collections(knowledgeBaseID: segments[1])
            return ["data": .array(collections.map(WireFormat.collection))]
        case .getCollection:
            return [
                "data": WireFormat.collection(
                    try await store.collection(knowledgeBaseID: segments[1], id: segments[3]))
            ]
        case .createCollection:
            return ["data": WireFormat.collection(try await createCollection(call))]
        case .deleteCollection:
            try await store.deleteCollection(knowledgeBaseID: segments[1], id: segments[3])
            return [:]
        case .listArticles:
            let (cursor, limit) = try pageParameters(call.query["cursor"], call.query["limit"])
            let base = try await store.knowledgeBase(id: segments[1])
            let page = try await store.articles(
                knowledgeBaseID: base.id, after: cursor, limit: limit, language: call.query["language"])
            let site = site(call, base)
            let tags = try await tagIDs(page.items)
            return [
                "data": .array(page.items.map { WireFormat.article($0, site: site, tagIDs: tags?[$0.id]) }),
                "pagination": WireFormat.pagination(nextCursor: page.nextCursor),
            ]
        case .getArticle:
            let base = try await store.knowledgeBase(id: segments[1])
            let article = try await store.article(
                knowledgeBaseID: base.id, id: segments[3], language: call.query["language"])
            return ["data": try await articleAnswer(article, site: site(call, base))]
        case .createArticle:
            let base = try await store.knowledgeBase(id: segments[1])
            let article = try await store.createArticle(knowledgeBaseID: base.id, try newArticle(call.body))
            return ["data": try await articleAnswer(article, site: site(call, base))]
        case .updateArticle:
            let base = try await store.knowledgeBase(id: segments[1])
            let article = try await store.updateArticle(
                knowledgeBaseID: base.id, id: segments[3], try articleChanges(call.body))
            return ["data": try await articleAnswer(article, site: site(call, base))]
        case .deleteArticle:
            try await store.deleteArticle(knowledgeBaseID: segments[1], id: segments[3])
            return [:]
        case .createRouteRedirect:
            return ["data": WireFormat.routeRedirect(try await createRouteRedirect(call))]
        case .createAttachment:
            return ["data": try await createAttachment(call)]
        case .getMe:
            return ["data": try await me()]
        case .listUsers:
            let (cursor, limit) = try pageParameters(call.query["cursor"], call.query["limit"])
            let page = try await store.users(after: cursor, limit: limit)
            return [
                "data": .array(page.items.map(WireFormat.user)),
                "pagination": WireFormat.pagination(nextCursor: page.nextCursor),
            ]
        case .getUser:
            return ["data": WireFormat.user(try await store.user(id: segments[1]))]
        case .searchUsers:
            return try await searchUsers(call)
        case .updateCollection:
            return ["data": WireFormat.collection(try await updateCollection(call))]
        case .requestArticleReview:
            return ["data": WireFormat.reviewRequest(try await requestReview(call))]
        case .listTags:
            let (cursor, limit) = try pageParameters(call.query["cursor"], call.query["limit"])
            let page = try await store.tags(after: cursor, limit: limit)
            return [
                "data": .array(page.items.map(WireFormat.tag)),
                "pagination": WireFormat.pagination(nextCursor: page.nextCursor),
            ]
        case .createTag:
            return ["data": WireFormat.tag(try await createTag(call))]
        }
    }

    func site(_ call: Call, _ base: KnowledgeBaseRecord) -> String {
        "\(call.origin)/kb/\(base.slug)"
    }

    /// `limit` 1–999 (default 100) and an opaque cursor, as Pylon's article listing takes them.
    func pageParameters(_ cursorText: String?, _ limitText: String?) throws -> (Int64?, Int) {
        var limit = 100
        if let limitText {
            guard let value = Int(limitText), (1...999).contains(value) else {
                throw APIError.badRequest("limit must be an integer from 1 to 999; \"\(limitText)\" is not.")
            }
            limit = value
        }
        guard let cursorText, !cursorText.isEmpty else { return (nil, limit) }
        guard let cursor = Cursor.decode(cursorText) else {
            throw APIError.badRequest("cursor \"\(cursorText)\" is not a cursor this server returned.")
        }
        return (cursor, limit)
    }

    private func createCollection(_ call: Call) async throws -> CollectionRecord {
        let body = try JSONBody(bytes: call.body)
        let title = try body.nonEmptyString("title")
        let slug = try body.string("slug").map { try checkedSlug($0) }
        let parent = try body.string("parent_collection_id").flatMap { $0.isEmpty ? nil : $0 }
        let description = try body.string("description").flatMap { $0.isEmpty ? nil : $0 }
        return try await store.createCollection(
            knowledgeBaseID: call.segments[1], title: title, slug: slug, parentID: parent,
            description: description,
            visibilityJSON: try visibility(body.object("visibility_config"), base: nil))
    }

    func checkedSlug(_ text: String) throws -> String {
        let slug = text.trimmingCharacters(in: .whitespaces)
        guard !slug.isEmpty, !slug.contains("/") else {
            throw APIError.badRequest("slug must be a non-empty path segment; \"\(text)\" is not.")
        }
        return slug
    }

    private func newArticle(_ bytes: [UInt8]) throws -> NewArticle {
        let body = try JSONBody(bytes: bytes)
        let title = try body.nonEmptyString("title")
        let bodyHTML = try body.requiredString("body_html")
        let author = try body.requiredString("author_user_id")
        var translations: [(language: String, title: String, bodyHTML: String)] = []
        for (index, item) in (try body.array("translations") ?? []).enumerated() {
            guard case .object(let fields) = item else {
                throw APIError.badRequest("translations[\(index)] must be an object.")
            }
            let translation = JSONBody(fields: fields, prefix: "translations[\(index)].")
            translations.append(
                (
                    try translation.nonEmptyString("language"), try translation.requiredString("title"),
                    try translation.requiredString("body_html")
                ))
        }
        return NewArticle(
            title: title, bodyHTML: bodyHTML, authorUserID: author,
            collectionID: try body.string("collection_id").flatMap { $0.isEmpty ? nil : $0 },
            slug: try body.string("slug").map { try checkedSlug($0) },
            isPublished: try body.bool("is_published") ?? false,
            isUnlisted: try body.bool("is_unlisted") ?? false,
            visibilityJSON: try visibility(body.object("visibility_config"), base: nil)
                ?? Self.defaultVisibility,
            translations: translations)
    }

    static let defaultVisibility = #"{"ai_agent_access":"inherit","visibility":"public"}"#

    private func articleChanges(_ bytes: [UInt8]) throws -> ArticleChanges {
        let body = try JSONBody(bytes: bytes)
        let title = try body.string("title")
        if let title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw APIError.badRequest("title must not be empty.")
        }
        return ArticleChanges(
            title: title,
            bodyHTML: try body.string("body_html"),
            isUnlisted: try body.bool("is_unlisted"),
            language: try body.string("language").flatMap { $0.isEmpty ? nil : $0 },
            publishUpdatedBody: try body.bool("publish_updated_body_html") ?? false,
            visibilityJSON: nil,
            slug: honourSlugUpdates ? try body.string("slug").map { try checkedSlug($0) } : nil,
            isPublished: surface == .current ? try body.bool("is_published") : nil,
            tagIDs: surface == .current ? try body.stringArray("tag_ids") : nil
        ).with(visibility: try visibility(body.object("visibility_config"), base: nil))
    }

    /// Validates a `VisibilityConfig` and returns it as stored JSON, with defaults filled in.
    func visibility(_ config: JSONBody?, base: String?) throws -> String? {
        guard let config else { return nil }
        var fields: [String: JSONValue] = [:]
        fields["visibility"] = .string(
            try config.enumeration("visibility", allowed: ["public", "customer", "internal_only"]) ?? "public"
        )
        fields["ai_agent_access"] = .string(
            try config.enumeration("ai_agent_access", allowed: ["inherit", "none", "specific_agents"])
                ?? "inherit")
        if let agents = try config.stringArray("allowed_agent_ids") {
            fields["allowed_agent_ids"] = .array(agents.map(JSONValue.string))
        }
        if let condition = try config.object("customer_visibility_condition") {
            fields["customer_visibility_condition"] = try filter(condition)
        }
        return String(decoding: JSONValue.object(fields).encoded(), as: UTF8.self)
    }

    static let filterOperators = [
        "equals", "not_equals", "contains", "does_not_contain", "in", "not_in", "and", "or", "time_is_after",
        "time_is_before", "time_range", "string_contains", "string_does_not_contain", "is_set", "is_unset",
        "greater_than", "less_than", "greater_than_or_equals", "less_than_or_equals",
    ]

    /// Validates a `Filter` (recursively) and returns its normalised JSON.
    private func filter(_ body: JSONBody) throws -> JSONValue {
        var fields: [String: JSONValue] = [
            "field": .string(try body.requiredString("field")),
            "operator": .string(
                try body.enumeration("operator", allowed: Self.filterOperators, required: true)!),
        ]
        if let value = try body.string("value") { fields["value"] = .string(value) }
        if let values = try body.stringArray("values") {
            fields["values"] = .array(values.map(JSONValue.string))
        }
        if let subfilters = try body.array("subfilters") {
            fields["subfilters"] = .array(
                try subfilters.enumerated().map { index, item in
                    guard case .object(let nested) = item else {
                        throw APIError.badRequest("\(body.prefix)subfilters[\(index)] must be an object.")
                    }
                    return try filter(JSONBody(fields: nested, prefix: "\(body.prefix)subfilters[\(index)]."))
                })
        }
        return .object(fields)
    }

    private func createRouteRedirect(_ call: Call) async throws -> EmulatorRouteRedirect {
        let body = try JSONBody(bytes: call.body)
        let fromPath = try body.nonEmptyString("from_path")
        guard fromPath.hasPrefix("/"), !fromPath.hasPrefix("//"), !fromPath.contains("://") else {
            throw APIError.badRequest(
                "from_path must be a root-relative path such as /articles/1234567890-old-slug; \"\(fromPath)\" is not."
            )
        }
        let objectID = try body.nonEmptyString("object_id")
        let objectType = try body.enumeration(
            "object_type", allowed: ["article", "collection"], required: true)!
        let language = try body.string("language").flatMap { $0.isEmpty ? nil : $0 }
        return try await store.createRouteRedirect(
            knowledgeBaseID: call.segments[1], fromPath: fromPath, objectID: objectID, objectType: objectType,
            language: language)
    }

    private func createAttachment(_ call: Call) async throws -> JSONValue {
        guard let contentType = call.contentType,
            let form = MultipartFormData(contentType: contentType, body: call.body)
        else {
            throw APIError.badRequest("The request must be multipart/form-data with a file field.")
        }
        guard let file = form.parts.first(where: { $0.name == "file" && $0.filename != nil }) else {
            if form.parts.contains(where: { $0.name == "file_url" }) {
                throw APIError.badRequest(
                    "file_url is not supported by the emulator; upload the file in the file field.")
            }
            throw APIError.badRequest("file is required: send the file as the multipart field \"file\".")
        }
        let description = form.parts.first(where: { $0.name == "description" })
            .map { String(decoding: $0.body, as: UTF8.self) }
        let name = Self.safeFilename(file.filename ?? "file")
        let type =
            (file.contentType == nil || file.contentType == "application/octet-stream")
            ? MediaType.guess(filename: name) : file.contentType!
        let record = try await store.createAttachment(
            name: name, contentType: type, data: file.body, description: description)
        let encodedName = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "file"
        var fields: [String: JSONValue] = [
            "id": .string(record.id), "name": .string(name),
            "url": .string("\(call.origin)/attachments/\(record.id)/\(encodedName)"),
        ]
        if let description, !description.isEmpty { fields["description"] = .string(description) }
        return .object(fields)
    }

    /// Keeps only the last path component, so a hostile filename cannot reach other paths.
    static func safeFilename(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let trimmed = last.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty || trimmed == "." || trimmed == ".." ? "file" : trimmed
    }

    private func searchUsers(_ call: Call) async throws -> [String: JSONValue] {
        let body = try JSONBody(bytes: call.body)
        guard let filter = try body.object("filter") else { throw APIError.badRequest("filter is required.") }
        let field = try filter.requiredString("field")
        let filterOperator = try filter.enumeration(
            "operator", allowed: Self.filterOperators, required: true)!
        guard field == "email", filterOperator == "equals" else {
            throw APIError.badRequest(
                "filter: the emulator supports only {\"field\": \"email\", \"operator\": \"equals\"}.")
        }
        let value = try filter.requiredString("value")
        let limitText = try body.int("limit").map(String.init)
        let (cursor, limit) = try pageParameters(try body.string("cursor"), limitText)
        let page = try await store.users(after: cursor, limit: limit, email: value)
        return [
            "data": .array(page.items.map(WireFormat.user)),
            "pagination": WireFormat.pagination(nextCursor: page.nextCursor),
        ]
    }
}

extension ArticleChanges {
    fileprivate func with(visibility: String?) -> ArticleChanges {
        var copy = self
        copy.visibilityJSON = visibility
        return copy
    }
}
