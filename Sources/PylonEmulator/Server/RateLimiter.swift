import PylonAPI

/// Pylon's documented per-minute limits as sliding windows: at most `requestsPerMinute`
/// admitted requests per `PylonEndpoint.rateLimitGroup` in any window of `window`.
/// Rejected requests do not count. Instants come from the emulator's clock
/// (PylonAPI's `Timeline`), so tests can run the limits on virtual time. Owned by `EmulatorState`
/// (an actor).
struct RateLimiter: Sendable {
    private let window: Duration
    private var admitted: [String: [Duration]] = [:]

    init(window: Duration) { self.window = window }

    /// Admits the request (returns nil) or returns how long until a slot frees up.
    mutating func admit(_ endpoint: PylonEndpoint, now: Duration) -> Duration? {
        let group = endpoint.rateLimitGroup
        var times = admitted[group, default: []]
        times.removeAll { $0 <= now - window }
        if times.count >= endpoint.requestsPerMinute {
            let wait = times[0] + window - now
            admitted[group] = times
            return max(wait, .milliseconds(1))
        }
        times.append(now)
        admitted[group] = times
        return nil
    }
}
