import Synchronization

/// What a vendor fake (Zendesk, Intercom, Help Scout) can be switched into getting wrong: set by
/// a test, read by the fake's handler on the listener's thread.
final class VendorFaults: Sendable {
    private let state = Mutex<(storm: Int, failPage: Bool, broken: Bool)>((0, false, false))

    /// The next N API requests answer 429.
    var rateLimitStorm: Int {
        get { state.withLock { $0.storm } }
        set { state.withLock { $0.storm = newValue } }
    }
    /// Every request for the second page of articles answers 500.
    var failSecondArticlePage: Bool {
        get { state.withLock { $0.failPage } }
        set { state.withLock { $0.failPage = newValue } }
    }
    /// The fake's broken image answers 404.
    var breakImage: Bool {
        get { state.withLock { $0.broken } }
        set { state.withLock { $0.broken = newValue } }
    }

    /// Whether this request is one of the storm's, counting it off.
    func takeStormRequest() -> Bool {
        state.withLock { state in
            guard state.storm > 0 else { return false }
            state.storm -= 1
            return true
        }
    }
}
