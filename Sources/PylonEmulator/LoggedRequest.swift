import PylonAPI

/// One request the emulator received (admin paths under `/_emulator` are not logged).
public struct LoggedRequest: Sendable, Equatable, Codable {
    public var method: String
    /// The path without the query string.
    public var path: String
    /// The status sent; nil when the connection was reset instead.
    public var status: Int?
    /// The Pylon endpoint the request matched; nil for other paths (preview, attachments, 404s).
    public var endpoint: PylonEndpoint?
    /// The injected fault, in `FaultRule` text form (`500-applied`, `reset`, …), if one fired.
    public var fault: String?
    /// The `request_id` of the response, if it had one.
    public var requestID: String?
    /// When the request arrived (seconds since 1970): benchmarks time the span of the writes.
    public var receivedAt: Double?

    public init(
        method: String, path: String, status: Int?, endpoint: PylonEndpoint?, fault: String? = nil,
        requestID: String? = nil, receivedAt: Double? = nil
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.endpoint = endpoint
        self.fault = fault
        self.requestID = requestID
        self.receivedAt = receivedAt
    }

    enum CodingKeys: String, CodingKey {
        case method, path, status, endpoint, fault
        case requestID = "request_id"
        case receivedAt = "received_at"
    }
}
