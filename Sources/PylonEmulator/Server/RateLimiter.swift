import PylonAPI

/// Pylon's documented per-minute limits as sliding windows: at most `requestsPerMinute`
/// admitted requests per `PylonEndpoint.rateLimitGroup` in any window of `window` seconds.
/// Rejected requests do not count. Owned by `EmulatorState` (an actor).
struct RateLimiter: Sendable {
    private let window: Double
    private var admitted: [String: [Double]] = [:]

    init(window: Double) { self.window = window }

    /// Admits the request (returns nil) or returns the seconds until a slot frees up.
    mutating func admit(_ endpoint: PylonEndpoint, now: Double) -> Double? {
        let group = endpoint.rateLimitGroup
        var times = admitted[group, default: []]
        times.removeAll { $0 <= now - window }
        if times.count >= endpoint.requestsPerMinute {
            let wait = times[0] + window - now
            admitted[group] = times
            return max(wait, 0.001)
        }
        times.append(now)
        admitted[group] = times
        return nil
    }
}
