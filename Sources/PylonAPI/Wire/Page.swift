/// One page of a paginated listing.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The cursor to send for the next page; only meaningful when `hasNextPage` is true.
    public var cursor: String?
    public var hasNextPage: Bool
    public var requestID: String?

    public init(items: [Item], cursor: String?, hasNextPage: Bool, requestID: String?) {
        self.items = items
        self.cursor = cursor
        self.hasNextPage = hasNextPage
        self.requestID = requestID
    }
}
