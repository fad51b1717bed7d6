import Foundation
import PylonAPI
import Testing

/// Whole responses written the way a Go encoder writes them: every schema field present, unset
/// ones as zero values (`""`, `false`, `null`, the zero time), in struct order rather than
/// alphabetical. Read through the client, envelopes and pagination included.
@Suite struct GoEncoderFixtureTests {
    private let kb = "kb-1"

    /// A client whose server answers every request with `body` (status 200).
    private func client(_ body: String) throws -> (PylonClient, FakeTransport) {
        try fakeClient { _, _ in FakeTransport.json(200, body) }
    }

    @Test func aTopLevelCollectionHasNoParentAndAZeroVisibilityIsNone() async throws {
        let (client, _) = try client(
            #"""
            {"data": [
              {"id": "c1", "title": "Guides", "slug": "guides", "description": "", "icon": "",
               "parent_collection_id": "", "created_at": "2026-01-02T03:04:05Z",
               "visibility_config": {"visibility": "", "ai_agent_access": "", "allowed_agent_ids": null,
                                     "customer_visibility_condition": null}},
              {"id": "c2", "title": "Setup", "slug": "setup", "description": "How to", "icon": "",
               "parent_collection_id": "c1", "created_at": "0001-01-01T00:00:00Z",
               "visibility_config": {"visibility": "public", "ai_agent_access": "inherit", "allowed_agent_ids": [],
                                     "customer_visibility_condition": {"field": "", "operator": "", "value": "",
                                                                       "values": null, "subfilters": null}}}
            ], "request_id": "r1"}
            """#)
        let collections = try await client.listCollections(knowledgeBaseID: kb)
        #expect(collections.map(\.id) == ["c1", "c2"])
        #expect(collections[0].parentCollectionID == nil)
        #expect(collections[0].description == nil)
        #expect(collections[0].icon == nil)
        #expect(collections[0].visibilityConfig == nil)
        #expect(collections[1].parentCollectionID == "c1")
        #expect(collections[1].createdAt == nil)
        #expect(
            collections[1].visibilityConfig
                == VisibilityConfig(visibility: "public", aiAgentAccess: "inherit", allowedAgentIDs: []))
    }

    @Test func aRootNeverPublishedArticleHasNoCollectionURLOrPublishedBody() async throws {
        let (client, transport) = try client(
            #"""
            {"data": [
              {"id": "a1", "identifier": "7918427120", "title": "Install", "slug": "install",
               "collection_id": "", "author_user_id": "", "current_draft_content_html": "<p>Draft</p>",
               "current_published_content_html": "", "is_published": false, "is_unlisted": false, "url": "",
               "visibility_config": null, "created_at": "", "updated_at": "2026-01-02T03:04:05.123Z",
               "last_published_at": "0001-01-01T00:00:00Z", "tag_ids": null},
              {"id": "a2", "identifier": 7918427121, "title": "Empty", "slug": "empty",
               "collection_id": "c1", "author_user_id": "u1", "current_draft_content_html": "",
               "current_published_content_html": "", "is_published": true, "is_unlisted": false,
               "url": "https://help.example/articles/7918427121-empty", "visibility_config": null,
               "created_at": "", "updated_at": "", "last_published_at": "2026-01-02T03:04:05+01:00",
               "tag_ids": ["", "t1"]}
            ],
             "pagination": {"cursor": "", "has_next_page": false}, "request_id": "r1"}
            """#)
        let articles = try await client.listArticles(knowledgeBaseID: kb)
        #expect(transport.requests.count == 1)
        let root = try #require(articles.first)
        #expect(root.collectionID == nil)
        #expect(root.authorUserID == nil)
        #expect(root.url == nil)
        #expect(root.currentPublishedContentHTML == nil)
        #expect(root.currentDraftContentHTML == "<p>Draft</p>")
        #expect(root.isPublished == false)
        #expect(root.lastPublishedAt == nil)
        #expect(root.createdAt == nil)
        #expect(root.updatedAt == "2026-01-02T03:04:05.123Z")
        #expect(root.tagIDs == [])
        let published = try #require(articles.last)
        // Published with an empty body: the empty body is the published one.
        #expect(published.currentPublishedContentHTML == "")
        #expect(published.currentDraftContentHTML == "")
        #expect(published.identifier == "7918427121")
        #expect(published.collectionID == "c1")
        #expect(published.tagIDs == ["t1"])
    }

    @Test func paginationStopsOnHasNextPageFalseWhateverTheCursor() async throws {
        let (client, transport) = try client(
            #"{"data": [{"id": "kb-1", "title": "Help", "slug": "", "default_language": "en", "supported_languages": null}], "pagination": {"cursor": "c-2", "has_next_page": false}, "request_id": ""}"#
        )
        let bases = try await client.listKnowledgeBases()
        #expect(transport.requests.count == 1)
        #expect(bases == [KnowledgeBase(id: "kb-1", title: "Help", defaultLanguage: "en")])
    }

    @Test func aNextPageWithAnEmptyCursorIsAPaginationError() async throws {
        let (client, _) = try client(
            #"{"data": [], "pagination": {"cursor": "", "has_next_page": true}, "request_id": "r1"}"#)
        let error = try await #require(throws: PylonAPIError.self) { try await client.listUsers() }
        #expect(error.kind == .pagination)
    }

    @Test func pagesAreFollowedWhenHasNextPageIsAStringAndStopWhenItIsNull() async throws {
        let (client, transport) = try fakeClient { _, index in
            index == 0
                ? FakeTransport.json(
                    200,
                    #"{"data": [{"id": "t1", "value": "billing", "object_type": "article", "hex_color": ""}], "pagination": {"cursor": "p2", "has_next_page": "true"}}"#
                )
                : FakeTransport.json(
                    200,
                    ##"{"data": [{"id": "", "value": "", "object_type": "", "hex_color": ""}, {"id": "t2", "value": "setup", "object_type": "issue", "hex_color": "#ff0000"}], "pagination": {"cursor": null, "has_next_page": null}}"##
                )
        }
        let tags = try await client.listTags()
        #expect(transport.requests.count == 2)
        #expect(transport.requests.last?.url.query?.contains("cursor=p2") == true)
        #expect(tags.map(\.id) == ["t1", nil, "t2"])
        #expect(tags[0].hexColor == nil)
        #expect(tags[2] == Tag(id: "t2", value: "setup", objectType: "issue", hexColor: "#ff0000"))
    }

    @Test func aGoUserReadsItsUnsetFieldsAsNone() async throws {
        let (client, _) = try client(
            #"{"data": {"id": "u1", "name": "", "email": "a@example.com", "emails": null, "avatar_url": "", "role_id": "", "status": ""}, "request_id": "r"}"#
        )
        #expect(try await client.user(id: "u1") == User(id: "u1", email: "a@example.com"))
    }

    @Test(
        arguments: [
            // The documented shape: the organization only.
            (#"{"id": "org-1", "name": "Acme"}"#, nil),
            // Nested: organization and user.
            (
                #"{"organization": {"id": "org-1", "name": "Acme"}, "user": {"id": "u1", "name": "Ada", "email": "ada@example.com", "emails": null, "avatar_url": "", "role_id": "", "status": "active"}}"#,
                "u1"
            ),
            // Flat with a user.
            (#"{"user": {"id": "u1", "email": "ada@example.com"}, "name": "Acme", "id": "org-1"}"#, "u1"),
            // A Go encoder's zero user is no user.
            (
                #"{"id": "org-1", "name": "Acme", "user": {"id": "", "name": "", "email": "", "emails": null, "avatar_url": "", "role_id": "", "status": ""}}"#,
                nil
            ),
            (#"{"organization": {"id": "org-1", "name": "Acme"}, "user": null}"#, nil),
        ] as [(String, String?)])
    func meReadsTheOrganizationAndTheUserInEveryShape(payload: String, userID: String?) async throws {
        let (client, _) = try client(#"{"data": \#(payload), "request_id": "r"}"#)
        let me = try await client.me()
        #expect(me.id == "org-1")
        #expect(me.name == "Acme")
        #expect(me.user?.id == userID)
    }

    @Test func aGoRouteRedirectAndAttachmentReadTheirUnsetFieldsAsNone() async throws {
        let (redirects, _) = try client(
            #"{"data": {"id": "rr1", "from_path": "/articles/1-old", "object_id": "a2", "object_type": "article", "language": "", "created_at": "0001-01-01T00:00:00Z"}, "request_id": "r"}"#
        )
        let redirect = try await redirects.createRouteRedirect(
            knowledgeBaseID: kb, CreateRouteRedirectRequest(fromPath: "/articles/1-old", objectID: "a2"))
        #expect(
            redirect
                == RouteRedirect(
                    id: "rr1", fromPath: "/articles/1-old", objectID: "a2", objectType: "article"))
        let (attachments, _) = try client(
            #"{"data": {"id": "at1", "name": "x.png", "url": "https://cdn.example/x.png", "description": ""}, "request_id": "r"}"#
        )
        let attachment = try await attachments.uploadAttachment(
            data: Data([1]), filename: "x.png", contentType: "image/png")
        #expect(attachment == Attachment(id: "at1", name: "x.png", url: "https://cdn.example/x.png"))
    }

    @Test func aGoErrorBodyWithAnEmptyExistsIDNamesNoExistingObject() async throws {
        let (client, _) = try fakeClient { _, index in
            index == 0
                ? FakeTransport.json(
                    409, #"{"errors": ["slug already exists"], "request_id": "r409", "exists_id": ""}"#)
                : FakeTransport.json(409, #"{"errors": null, "request_id": "", "exists_id": "a1"}"#)
        }
        let body = CreateArticleRequest(title: "T", bodyHTML: "<p>x</p>", authorUserID: "u1", slug: "t")
        let first = try await #require(throws: PylonAPIError.self) {
            try await client.createArticle(knowledgeBaseID: kb, body)
        }
        #expect(first.existsID == nil)
        #expect(first.requestID == "r409")
        #expect(first.errors == ["slug already exists"])
        let second = try await #require(throws: PylonAPIError.self) {
            try await client.createArticle(knowledgeBaseID: kb, body)
        }
        #expect(second.existsID == "a1")
        #expect(second.requestID == nil)
        #expect(second.errors.isEmpty)
    }

    @Test func knownKeysInAnyOrderReadTheSame() throws {
        let fields = [
            #""id": "a1""#, #""identifier": 7918427120"#, #""collection_id": """#, #""is_published": false"#,
            #""current_published_content_html": """#, #""title": "T""#, #""tag_ids": ["t1"]"#,
            #""visibility_config": {"allowed_agent_ids": ["g1", ""], "visibility": "customer"}"#,
        ]
        let forward = "{" + fields.joined(separator: ", ") + "}"
        let backward = "{" + fields.reversed().joined(separator: ", ") + "}"
        let a = try JSONDecoder().decode(Article.self, from: Data(forward.utf8))
        let b = try JSONDecoder().decode(Article.self, from: Data(backward.utf8))
        #expect(a == b)
        #expect(a.currentPublishedContentHTML == nil)
        #expect(a.visibilityConfig?.allowedAgentIDs == ["g1"])
    }
}
