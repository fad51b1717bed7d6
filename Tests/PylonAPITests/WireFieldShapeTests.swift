import Foundation
import PylonAPI
import Testing

/// Every field of every wire type, in every shape a Go server (or a looser one) can send it:
/// absent, `null`, `""`, zero values, numbers for strings and strings for numbers and
/// booleans, each surrounded by unknown fields in two orders. One test case per
/// (type, field, shape); the expected reading per field kind is the contract in
/// `docs/api-client.md`, "Wire tolerance".
@Suite struct WireFieldShapeTests {
    @Test(arguments: WireFieldCase.all)
    func eachFieldReadsEachShapeTheDocumentedWay(_ field: WireFieldCase) throws {
        for document in field.documents {
            let reading = try field.read(Data(document.utf8))
            #expect(reading == field.expected, "\(document)")
        }
    }

    @Test func everyDecodedFieldOfEveryTypeIsCovered() {
        let covered = Set(WireFieldCase.all.map { "\($0.typeName).\($0.key)" })
        for (typeName, keys) in WireFieldCase.schemaFields {
            for key in keys {
                #expect(covered.contains("\(typeName).\(key)"), "\(typeName).\(key) has no shape cases")
            }
        }
    }
}

/// How a field is read; each kind has one list of shapes and readings.
enum WireFieldKind: String, Sendable {
    case id, identifier, text, timestamp, html, bool, list, tagList, errors, filterValue, object, filters

    /// (JSON value or nil for "absent", expected reading). Readings are rendered as strings:
    /// booleans as "true"/"false", lists as "[a,b]", objects as "object".
    func shapes(valid: String) -> [(json: String?, expected: String?)] {
        let common: [(String?, String?)] = [(nil, nil), ("null", nil)]
        switch self {
        case .id:
            return common + [
                (#""""#, nil), (#""  ""#, nil), (#""id-1""#, "id-1"), (#"" id-1 ""#, "id-1"), ("42", "42"),
                ("7918427120.0", "7918427120"), ("true", nil), ("{}", nil), ("[]", nil),
            ]
        case .identifier:
            return common + [
                (#""""#, nil), ("0", nil), (#""0""#, nil), (#""7918427120""#, "7918427120"),
                ("7918427120", "7918427120"), ("7918427120.0", "7918427120"), ("true", nil),
            ]
        case .text:
            return common + [
                (#""""#, nil), (#""Some text""#, "Some text"), ("42", nil), ("false", nil), ("{}", nil),
            ]
        case .timestamp:
            return common + [
                (#""""#, nil), (#""0001-01-01T00:00:00Z""#, nil),
                (#""2026-03-01T10:00:00Z""#, "2026-03-01T10:00:00Z"),
                (#""2026-03-01T10:00:00.123456789+02:00""#, "2026-03-01T10:00:00.123456789+02:00"),
                (#""2026-03-01T10:00:00.5-07:00""#, "2026-03-01T10:00:00.5-07:00"), ("1772359200", nil),
            ]
        case .html:
            return common + [(#""""#, ""), (#""<p>x</p>""#, "<p>x</p>"), ("42", nil)]
        case .bool:
            return common + [
                ("false", "false"), ("true", "true"), (#""true""#, "true"), (#""false""#, "false"),
                (#""1""#, "true"),
                (#""0""#, "false"), ("1", "true"), ("0", "false"), (#""""#, nil), (#""yes""#, nil),
            ]
        case .list:
            return common + [
                ("[]", "[]"), (#"["a", "b"]"#, "[a,b]"), (#"["", "a", null, 5, " ", {"x": 1}]"#, "[a,5]"),
                (#""a""#, nil), ("{}", nil),
            ]
        case .tagList:
            // `null` is a Go encoder's empty slice: the field is there, the list is empty.
            return [
                (nil, nil), ("null", "[]"), ("[]", "[]"), (#"["t1", "", null, 7]"#, "[t1,7]"),
                (#""t1""#, "[]"),
            ]
        case .errors:
            return common + [
                ("[]", "[]"), (#"["Title is required", ""]"#, "[Title is required]"),
                (#""Title is required""#, "[Title is required]"), (#""""#, nil),
            ]
        case .filterValue:
            return common + [(#""""#, nil), (#""a@example.com""#, "a@example.com"), ("5", "5")]
        case .object:
            return common + [(#""""#, nil), ("[]", nil), ("{}", nil), (valid, "object")]
        case .filters:
            return common + [
                ("[]", "[]"),
                (
                    #"[{"field": "email"}, {}, {"field": "", "operator": "", "values": null}, "x", null]"#,
                    "[email]"
                ),
                (#""x""#, nil),
            ]
        }
    }
}

/// One (type, field, shape) case.
struct WireFieldCase: Sendable, CustomTestStringConvertible {
    var typeName: String
    var key: String
    var shapeJSON: String?
    var expected: String?
    var read: @Sendable (Data) throws -> String?

    var testDescription: String { "\(typeName).\(key) = \(shapeJSON ?? "absent")" }

    /// The field among unknown fields, before and after them.
    var documents: [String] {
        let field = shapeJSON.map { #""\#(key)": \#($0)"# }
        let before = [#""zz_new_field": {"deep": [1, null, {"x": ""}]}"#, field].compactMap { $0 }
        let after = [field, #""aa_new": """#, #""brand_new_flag": true"#, #""n": 1.5"#].compactMap { $0 }
        return ["{" + before.joined(separator: ", ") + "}", "{" + after.joined(separator: ", ") + "}"]
    }

    private static func render(_ value: String?) -> String? { value }
    private static func render(_ value: Bool?) -> String? { value.map { $0 ? "true" : "false" } }
    private static func render(_ value: [String]?) -> String? {
        value.map { "[" + $0.joined(separator: ",") + "]" }
    }
    private static func render<T>(object value: T?) -> String? { value == nil ? nil : "object" }

    private static func cases<T: Decodable & Sendable>(
        _ type: T.Type, _ key: String, _ kind: WireFieldKind, valid: String = "{}",
        _ reading: @escaping @Sendable (T) -> String?
    ) -> [WireFieldCase] {
        kind.shapes(valid: valid).map { shape in
            WireFieldCase(
                typeName: String(describing: T.self), key: key, shapeJSON: shape.json,
                expected: shape.expected
            ) { data in
                reading(try JSONDecoder().decode(T.self, from: data))
            }
        }
    }

    static let visibility = #"{"visibility": "public"}"#
    static let filter = #"{"field": "email", "operator": "equals", "value": "a@example.com"}"#

    static let all: [WireFieldCase] =
        articleCases + collectionCases + knowledgeBaseCases + userCases + meCases + tagCases + redirectCases
        + attachmentCases + errorCases + paginationCases + visibilityCases + filterCases

    static let articleCases: [WireFieldCase] =
        cases(Article.self, "id", .id) { render($0.id) }
        + cases(Article.self, "identifier", .identifier) { render($0.identifier) }
        + cases(Article.self, "slug", .text) { render($0.slug) }
        + cases(Article.self, "title", .text) { render($0.title) }
        + cases(Article.self, "collection_id", .id) { render($0.collectionID) }
        + cases(Article.self, "author_user_id", .id) { render($0.authorUserID) }
        + cases(Article.self, "current_draft_content_html", .html) { render($0.currentDraftContentHTML) }
        + cases(Article.self, "is_published", .bool) { render($0.isPublished) }
        + cases(Article.self, "is_unlisted", .bool) { render($0.isUnlisted) }
        + cases(Article.self, "url", .text) { render($0.url) }
        + cases(Article.self, "visibility_config", .object, valid: visibility) {
            render(object: $0.visibilityConfig)
        }
        + cases(Article.self, "created_at", .timestamp) { render($0.createdAt) }
        + cases(Article.self, "updated_at", .timestamp) { render($0.updatedAt) }
        + cases(Article.self, "last_published_at", .timestamp) { render($0.lastPublishedAt) }
        + cases(Article.self, "tag_ids", .tagList) { render($0.tagIDs) }

    static let collectionCases: [WireFieldCase] =
        cases(PylonCollection.self, "id", .id) { render($0.id) }
        + cases(PylonCollection.self, "title", .text) { render($0.title) }
        + cases(PylonCollection.self, "slug", .text) { render($0.slug) }
        + cases(PylonCollection.self, "description", .text) { render($0.description) }
        + cases(PylonCollection.self, "icon", .text) { render($0.icon) }
        + cases(PylonCollection.self, "parent_collection_id", .id) { render($0.parentCollectionID) }
        + cases(PylonCollection.self, "visibility_config", .object, valid: visibility) {
            render(object: $0.visibilityConfig)
        }
        + cases(PylonCollection.self, "created_at", .timestamp) { render($0.createdAt) }

    static let knowledgeBaseCases: [WireFieldCase] =
        cases(KnowledgeBase.self, "id", .id) { render($0.id) }
        + cases(KnowledgeBase.self, "title", .text) { render($0.title) }
        + cases(KnowledgeBase.self, "slug", .text) { render($0.slug) }
        + cases(KnowledgeBase.self, "default_language", .text) { render($0.defaultLanguage) }
        + cases(KnowledgeBase.self, "supported_languages", .list) { render($0.supportedLanguages) }

    static let userCases: [WireFieldCase] =
        cases(User.self, "id", .id) { render($0.id) }
        + cases(User.self, "name", .text) { render($0.name) }
        + cases(User.self, "email", .text) { render($0.email) }
        + cases(User.self, "emails", .list) { render($0.emails) }
        + cases(User.self, "avatar_url", .text) { render($0.avatarURL) }
        + cases(User.self, "role_id", .id) { render($0.roleID) }
        + cases(User.self, "status", .text) { render($0.status) }

    static let meCases: [WireFieldCase] =
        cases(Me.self, "id", .id) { render($0.id) }
        + cases(Me.self, "name", .text) { render($0.name) }
        // A user object without an id is no user: `{}` and a Go zero user read as none.
        + cases(Me.self, "user", .object, valid: #"{"id": "u1", "email": ""}"#) { render(object: $0.user) }
        + cases(Me.self, "organization", .object, valid: #"{"id": "org-1"}"#) {
            $0.id == nil ? nil : "object"
        }

    static let tagCases: [WireFieldCase] =
        cases(Tag.self, "id", .id) { render($0.id) }
        + cases(Tag.self, "value", .text) { render($0.value) }
        + cases(Tag.self, "object_type", .text) { render($0.objectType) }
        + cases(Tag.self, "hex_color", .text) { render($0.hexColor) }

    static let redirectCases: [WireFieldCase] =
        cases(RouteRedirect.self, "id", .id) { render($0.id) }
        + cases(RouteRedirect.self, "from_path", .text) { render($0.fromPath) }
        + cases(RouteRedirect.self, "object_id", .id) { render($0.objectID) }
        + cases(RouteRedirect.self, "object_type", .text) { render($0.objectType) }
        + cases(RouteRedirect.self, "language", .text) { render($0.language) }
        + cases(RouteRedirect.self, "created_at", .timestamp) { render($0.createdAt) }

    static let attachmentCases: [WireFieldCase] =
        cases(Attachment.self, "id", .id) { render($0.id) }
        + cases(Attachment.self, "name", .text) { render($0.name) }
        + cases(Attachment.self, "url", .text) { render($0.url) }
        + cases(Attachment.self, "description", .text) { render($0.description) }

    static let errorCases: [WireFieldCase] =
        cases(ErrorBody.self, "errors", .errors) { render($0.errors) }
        + cases(ErrorBody.self, "request_id", .id) { render($0.requestID) }
        + cases(ErrorBody.self, "exists_id", .id) { render($0.existsID) }

    static let paginationCases: [WireFieldCase] =
        cases(Pagination.self, "cursor", .id) { render($0.cursor) }
        + cases(Pagination.self, "has_next_page", .bool) { render($0.hasNextPage) }

    static let visibilityCases: [WireFieldCase] =
        cases(VisibilityConfig.self, "visibility", .text) { render($0.visibility) }
        + cases(VisibilityConfig.self, "ai_agent_access", .text) { render($0.aiAgentAccess) }
        + cases(VisibilityConfig.self, "allowed_agent_ids", .list) { render($0.allowedAgentIDs) }
        + cases(VisibilityConfig.self, "customer_visibility_condition", .object, valid: filter) {
            render(object: $0.customerVisibilityCondition)
        }

    static let filterCases: [WireFieldCase] =
        cases(SearchFilter.self, "field", .text) { render($0.field) }
        + cases(SearchFilter.self, "operator", .text) { render($0.operator) }
        + cases(SearchFilter.self, "value", .filterValue) { render($0.value) }
        + cases(SearchFilter.self, "values", .list) { render($0.values) }
        // Sub-filters that are Go zero structs say nothing and are dropped.
        + cases(SearchFilter.self, "subfilters", .filters) { value in
            render(value.subfilters.map { $0.map { $0.field ?? "?" } })
        }

    /// Every response field the schemas (`openapi-kb.json`, `openapi-tags.json`) and the newer
    /// surface name, per wire type: a field added to a type must be added to the cases too.
    static let schemaFields: [String: [String]] = [
        "Article": [
            "id", "identifier", "slug", "title", "collection_id", "author_user_id",
            "current_draft_content_html",
            "is_published", "is_unlisted", "url", "visibility_config", "created_at", "updated_at",
            "last_published_at", "tag_ids",
        ],
        "PylonCollection": [
            "id", "title", "slug", "description", "icon", "parent_collection_id", "visibility_config",
            "created_at",
        ],
        "KnowledgeBase": ["id", "title", "slug", "default_language", "supported_languages"],
        "User": ["id", "name", "email", "emails", "avatar_url", "role_id", "status"],
        "Me": ["id", "name", "user", "organization"],
        "Tag": ["id", "value", "object_type", "hex_color"],
        "RouteRedirect": ["id", "from_path", "object_id", "object_type", "language", "created_at"],
        "Attachment": ["id", "name", "url", "description"],
        "ErrorBody": ["errors", "request_id", "exists_id"],
        "Pagination": ["cursor", "has_next_page"],
        "VisibilityConfig": [
            "visibility", "ai_agent_access", "allowed_agent_ids", "customer_visibility_condition",
        ],
        "SearchFilter": ["field", "operator", "value", "values", "subfilters"],
    ]
}
