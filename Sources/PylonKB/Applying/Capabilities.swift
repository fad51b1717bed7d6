import PylonAPI

/// One capability of the contract's "Newer surface": something Pylon's live API was seen to do
/// that its OpenAPI document does not list. Each is detected at run time, never assumed.
public enum ServerCapability: String, Sendable, CaseIterable, Hashable {
    /// `PATCH …/collections/{id}` (and visibility on `POST …/collections`).
    case collectionUpdates
    /// `is_published: false` on the article PATCH.
    case articleUnpublish
    /// `tag_ids` on articles.
    case articleTags
    /// `POST …/articles/{id}/request-review`.
    case reviewRequests

    var keyPath: WritableKeyPath<DeploymentState.ServerCapabilities, Bool?> {
        switch self {
        case .collectionUpdates: \.collectionUpdates
        case .articleUnpublish: \.articleUnpublish
        case .articleTags: \.articleTags
        case .reviewRequests: \.reviewRequests
        }
    }

    /// What it lets pylon-kb do, for messages ("… cannot update collections").
    public var ability: String {
        switch self {
        case .collectionUpdates: "update collections in place (PATCH …/collections/{id})"
        case .articleUnpublish: "unpublish articles (`is_published: false` on the article PATCH)"
        case .articleTags: "set article tags (`tag_ids`)"
        case .reviewRequests: "take review requests (POST …/articles/{id}/request-review)"
        }
    }

    /// What this server is known to do: nil until tried (or seen), then the answer.
    public func status(in state: DeploymentState?) -> Bool? {
        state?.capabilities?[keyPath: keyPath]
    }
}

/// What became of an attempt that needs a capability.
enum CapabilityOutcome<Value: Sendable>: Sendable {
    /// The server has it and did it.
    case done(Value)
    /// The server lacks it (known before, or answered so now); nothing was done.
    /// `firstNotice` is true exactly once per capability and run, for the one warning.
    case unavailable(firstNotice: Bool)
}

/// Decides for each request that needs a newer capability whether to send it (known to work),
/// probe (unknown: the first request asks, concurrent ones wait for its answer) or skip (known
/// missing), and records each answer in the state file so the next run does not ask again.
///
/// A probe counts as "missing" only when the server says so (`indicatesMissingCapability`: the
/// route is unknown, or a 400 names `field`); any other failure leaves the capability unknown and
/// is the caller's to report. Once a capability is known to work, a 404 is an ordinary error
/// (the object is gone), not a missing capability.
actor CapabilityGate {
    private var known: DeploymentState.ServerCapabilities
    private let recorder: StateRecorder?
    private var probing: Set<ServerCapability> = []
    private var waiters: [ServerCapability: [CheckedContinuation<Void, Never>]] = [:]
    private var noticed: Set<ServerCapability> = []

    init(known: DeploymentState.ServerCapabilities?, recorder: StateRecorder?) {
        self.known = known ?? DeploymentState.ServerCapabilities()
        self.recorder = recorder
    }

    func status(_ capability: ServerCapability) -> Bool? { known[keyPath: capability.keyPath] }

    /// Runs `attempt` unless the server is known to lack `capability`; see the type's comment.
    func perform<Value: Sendable>(
        _ capability: ServerCapability, field: String? = nil,
        _ attempt: @Sendable () async throws -> Value
    ) async throws -> CapabilityOutcome<Value> {
        while true {
            switch known[keyPath: capability.keyPath] {
            case false?:
                return .unavailable(firstNotice: takeNotice(capability))
            case true?:
                return .done(try await attempt())
            case nil:
                if probing.contains(capability) {
                    await withCheckedContinuation { waiters[capability, default: []].append($0) }
                    continue
                }
                probing.insert(capability)
                defer { endProbe(capability) }
                do {
                    let value = try await attempt()
                    await remember(capability, true)
                    return .done(value)
                } catch let error as PylonAPIError where error.indicatesMissingCapability(field: field) {
                    await remember(capability, false)
                    return .unavailable(firstNotice: takeNotice(capability))
                }
            }
        }
    }

    /// Records what was learnt without a probe (e.g. the server answered in a way that shows it).
    func remember(_ capability: ServerCapability, _ available: Bool) async {
        guard known[keyPath: capability.keyPath] != available else { return }
        known[keyPath: capability.keyPath] = available
        // Only this capability's answer: the tag writer records its own in the same run, and a
        // copy of everything this gate knows would put back what it learnt as unknown.
        let keyPath = capability.keyPath
        await recorder?.update([.capabilities]) { state in
            var capabilities = state.capabilities ?? DeploymentState.ServerCapabilities()
            capabilities[keyPath: keyPath] = available
            state.capabilities = capabilities
        }
    }

    /// True the first time a missing capability is reported in this run.
    func takeNotice(_ capability: ServerCapability) -> Bool {
        noticed.insert(capability).inserted
    }

    private func endProbe(_ capability: ServerCapability) {
        probing.remove(capability)
        for waiter in waiters.removeValue(forKey: capability) ?? [] { waiter.resume() }
    }
}
