/// Who can see an article or collection, and which AI agents may read it. The values are kept
/// as strings (`public`, `customer`, `internal_only`; `inherit`, `none`, `specific_agents`) so
/// a value Pylon adds later round-trips instead of failing a decode.
public struct VisibilityConfig: Sendable, Codable, Hashable {
    public var visibility: String?
    public var aiAgentAccess: String?
    public var allowedAgentIDs: [String]?
    public var customerVisibilityCondition: SearchFilter?

    public init(
        visibility: String? = nil, aiAgentAccess: String? = nil, allowedAgentIDs: [String]? = nil,
        customerVisibilityCondition: SearchFilter? = nil
    ) {
        self.visibility = visibility
        self.aiAgentAccess = aiAgentAccess
        self.allowedAgentIDs = allowedAgentIDs
        self.customerVisibilityCondition = customerVisibilityCondition
    }

    enum CodingKeys: String, CodingKey {
        case visibility
        case aiAgentAccess = "ai_agent_access"
        case allowedAgentIDs = "allowed_agent_ids"
        case customerVisibilityCondition = "customer_visibility_condition"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        visibility = c.lenientText(.visibility)
        aiAgentAccess = c.lenientText(.aiAgentAccess)
        allowedAgentIDs = c.lenientStrings(.allowedAgentIDs)
        customerVisibilityCondition = c.lenientObject(.customerVisibilityCondition)
    }
}

extension VisibilityConfig: WireZeroValue {
    var isZeroValue: Bool {
        visibility == nil && aiAgentAccess == nil && (allowedAgentIDs ?? []).isEmpty
            && customerVisibilityCondition == nil
    }
}
