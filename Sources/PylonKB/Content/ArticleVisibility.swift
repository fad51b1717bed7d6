/// Who can read an article in the help center (Pylon's `visibility_config.visibility`).
public enum ArticleVisibility: String, Sendable, Hashable, CaseIterable {
    case `public`
    case customer
    case internalOnly = "internal_only"
}

/// Which AI agents may use an article (Pylon's `visibility_config.ai_agent_access`).
public enum AIAgentAccess: String, Sendable, Hashable, CaseIterable {
    case inherit
    case none
    case specificAgents = "specific_agents"
}
