/// The `pagination` object of a list response.
public struct Pagination: Sendable, Codable, Hashable {
    public var cursor: String?
    public var hasNextPage: Bool?

    public init(cursor: String? = nil, hasNextPage: Bool? = nil) {
        self.cursor = cursor
        self.hasNextPage = hasNextPage
    }

    enum CodingKeys: String, CodingKey {
        case cursor
        case hasNextPage = "has_next_page"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // `""` is "no cursor"; whether there is a next page is `has_next_page` alone.
        cursor = c.lenientID(.cursor)
        hasNextPage = c.lenientBool(.hasNextPage)
    }
}
