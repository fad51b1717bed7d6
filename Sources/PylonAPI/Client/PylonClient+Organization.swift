import Foundation

/// What belongs to the organization rather than one knowledge base: tags, route redirects,
/// attachments, the organization itself and its users.
extension PylonClient {
    // MARK: Tags

    /// Every tag of the organization (all object types; filter by `objectType`).
    public func listTags() async throws -> [Tag] {
        try await allPages(.listTags, path: "/tags", subject: "the tags")
    }

    /// Creates a tag. Not idempotent: look the value up (`listTags`) before trying again.
    public func createTag(_ body: CreateTagRequest) async throws -> Tag {
        try await object(
            Call(
                .createTag, path: "/tags", subject: "tag \"\(body.value)\"", json: body,
                sent: "tag \"\(body.value)\""))
    }

    // MARK: Route redirects

    public func createRouteRedirect(knowledgeBaseID: String, _ body: CreateRouteRedirectRequest) async throws
        -> RouteRedirect
    {
        try await object(
            Call(
                .createRouteRedirect, path: "/knowledge-bases/\(segment(knowledgeBaseID))/route-redirects",
                subject: "knowledge base \(knowledgeBaseID) (or \(body.objectType) \(body.objectID))",
                json: body,
                sent: "from_path \"\(body.fromPath)\""))
    }

    // MARK: Attachments

    /// Uploads a file (multipart field `file`) and returns its CDN URL. Each upload makes a
    /// new URL: upload a given file once and reuse the result.
    public func uploadAttachment(
        data: Data, filename: String, contentType: String, description: String? = nil
    ) async throws -> Attachment {
        var form = MultipartFormData()
        form.addFile("file", filename: filename, contentType: contentType, data: data)
        if let description { form.addField("description", description) }
        var call = Call(.createAttachment, path: "/attachments", subject: "attachment \"\(filename)\"")
        call.body = form.finished()
        call.contentType = form.contentType
        call.sent = "file \"\(filename)\" (\(data.count) bytes)"
        return try await object(call)
    }

    // MARK: Organization and users

    /// The organization the token belongs to (Pylon's `/me` is not a user).
    public func me() async throws -> Me {
        try await object(Call(.getMe, path: "/me", subject: "the organization of this token"))
    }

    public func listUsers() async throws -> [User] {
        try await allPages(.listUsers, path: "/users", subject: "the users")
    }

    public func user(id: String) async throws -> User {
        try await object(Call(.getUser, path: "/users/\(segment(id))", subject: "user \(id)"))
    }

    /// Users whose email equals `email`.
    public func searchUsers(email: String) async throws -> [User] {
        try await searchUsers(SearchUsersRequest(filter: .equals("email", email)))
    }

    /// Every page of a user search.
    public func searchUsers(_ request: SearchUsersRequest) async throws -> [User] {
        var body = request
        var users: [User] = []
        var guardrail = CursorGuard()
        while true {
            let page: Page<User> = try await page(
                Call(.searchUsers, path: "/users/search", subject: "the user search", json: body))
            users += page.items
            guard page.hasNextPage else { return users }
            body.cursor = try guardrail.next(page, endpoint: .searchUsers, path: "/users/search")
        }
    }
}
