import PylonAPI

/// Turns the authors content names (emails or Pylon user ids) into user ids, asking Pylon once
/// per distinct author: `POST /users/search` for an email, `GET /users/{id}` for an id.
public struct AuthorDirectory: Sendable {
    public let client: PylonClient

    public init(client: PylonClient) {
        self.client = client
    }

    public struct UnknownAuthor: Error, CustomStringConvertible, Sendable {
        public var author: String
        public var usedBy: [String]
        public var reason: String

        public var description: String {
            let files =
                usedBy.prefix(3).joined(separator: ", ")
                + (usedBy.count > 3 ? " and \(usedBy.count - 3) more" : "")
            return
                "author “\(author)” (used by \(files)) \(reason). Use the email or user id of a member of your Pylon workspace; `pylon-kb whoami` shows which workspace the token reaches."
        }
    }

    /// - Parameter authors: author as written → files that use it.
    public func resolve(_ authors: [String: [String]]) async throws -> [String: String] {
        var result: [String: String] = [:]
        for (author, files) in authors.sorted(by: { $0.key < $1.key }) {
            if author.contains("@") {
                let users = try await client.searchUsers(email: author)
                guard
                    let id = users.first(where: { $0.email?.lowercased() == author.lowercased() })?.id
                        ?? users.first?.id
                else {
                    throw UnknownAuthor(
                        author: author, usedBy: files, reason: "is not a user of this Pylon workspace")
                }
                result[author] = id
            } else {
                do {
                    let user = try await client.user(id: author)
                    result[author] = user.id ?? author
                } catch let error as PylonAPIError where error.status == 404 {
                    throw UnknownAuthor(
                        author: author, usedBy: files, reason: "is not a user id in this Pylon workspace")
                }
            }
        }
        return result
    }

    /// The user the token belongs to, where `GET /me` names one (newer surface); nil when it
    /// names only the organization or cannot be read (then articles need `author`, as before).
    public func tokenUser() async -> PlanAuthor? {
        guard let user = try? await client.me().user, let id = user.id else { return nil }
        return PlanAuthor(userID: id, name: user.name, email: user.email ?? user.emails?.first)
    }
}
