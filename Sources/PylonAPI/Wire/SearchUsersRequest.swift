/// The body of `POST /users/search`.
public struct SearchUsersRequest: Sendable, Codable, Hashable {
    public var filter: SearchFilter
    public var cursor: String?
    /// 1–999; Pylon's default is 100.
    public var limit: Int?

    public init(filter: SearchFilter, cursor: String? = nil, limit: Int? = nil) {
        self.filter = filter
        self.cursor = cursor
        self.limit = limit
    }
}
