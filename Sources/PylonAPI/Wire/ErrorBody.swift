/// `{"errors": ["…"], "request_id": "…", "exists_id": "…"}`: every Pylon error response.
public struct ErrorBody: Sendable, Codable, Hashable {
    public var errors: [String]?
    public var requestID: String?
    /// On a duplicate, the id of the object that already exists.
    public var existsID: String?

    public init(errors: [String]? = nil, requestID: String? = nil, existsID: String? = nil) {
        self.errors = errors
        self.requestID = requestID
        self.existsID = existsID
    }

    enum CodingKeys: String, CodingKey {
        case errors
        case requestID = "request_id"
        case existsID = "exists_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // `errors` may be a list or, from a looser server, one string; empty messages say nothing.
        errors = c.lenientStrings(.errors) ?? c.lenientText(.errors).map { [$0] }
        requestID = c.lenientID(.requestID)
        existsID = c.lenientID(.existsID)
    }
}
