/// Paces requests so Pylon never sees more than an endpoint group's documented per-minute
/// limit within any sliding window of a minute (divided by `scale` in tests).
///
/// Why not a classic token bucket: a bucket holding a full minute's allowance can send N at
/// once and N more as it refills, which is 2N inside one minute for a server counting a
/// sliding window; a bucket of 1 never bursts and, run at exactly N per minute, sits on the
/// limit's edge where network jitter tips it over. This limiter instead keeps, per group, the
/// last N requests and lets a new one start only when fewer than N are "live". A request stays
/// live from the moment it is sent until one window after its *response* arrived. Because the
/// server saw the request before the response came back, any two requests N apart reach the
/// server at least a window apart, whatever the scheduling or connection-queue delays on this
/// side. The cost over the ideal is one response latency per window (about 0.3 % of a
/// minute in production). A small `margin` on the window absorbs clock granularity.
///
/// Groups are independent, so requests to different endpoints proceed in parallel. Waiting is
/// sleeping until the earliest moment a slot can free up; nothing spins.
public actor RateLimiter {
    /// Proof of a reservation; hand it back with `release` when the response arrived.
    public struct Ticket: Sendable, Hashable {
        public let group: String
        let id: UInt64
    }

    private struct Slot {
        var id: UInt64
        var start: ContinuousClock.Instant
        var end: ContinuousClock.Instant?
    }

    private struct GroupState {
        var slots: [Slot] = []
        var pausedUntil: ContinuousClock.Instant?
    }

    /// 1 in production; 60 makes "10 per minute" mean "10 per second".
    public nonisolated let scale: Double
    /// Extra fraction of the window added as a safety margin.
    public nonisolated let margin: Double
    private let clock = ContinuousClock()
    private var groups: [String: GroupState] = [:]
    private var nextID: UInt64 = 0

    public init(scale: Double = 1, margin: Double = 0.02) {
        precondition(scale > 0, "The rate-limit scale must be positive.")
        self.scale = scale
        self.margin = margin
    }

    /// The sliding window one group's limit applies to, margin included.
    public nonisolated var window: Duration {
        RateLimiter.window(scale: scale, margin: margin)
    }

    static func window(scale: Double, margin: Double) -> Duration {
        .seconds(60.0 / scale * (1 + margin))
    }

    /// Waits until a request to `endpoint` may be sent and reserves its place.
    public func acquire(_ endpoint: PylonEndpoint) async throws -> Ticket {
        let group = endpoint.rateLimitGroup
        let limit = max(1, endpoint.requestsPerMinute)
        let window = self.window
        while true {
            try Task.checkCancellation()
            let now = clock.now
            var state = groups[group, default: GroupState()]
            state.slots.removeAll { slot in slot.end.map { $0 + window <= now } ?? false }
            let wake: ContinuousClock.Instant
            if let paused = state.pausedUntil, paused > now {
                wake = paused
            } else if state.slots.count < limit {
                nextID += 1
                state.slots.append(Slot(id: nextID, start: now, end: nil))
                groups[group] = state
                return Ticket(group: group, id: nextID)
            } else {
                // The earliest a slot can free: a finished request's expiry, or, for one still
                // in flight, no sooner than a window after it started (re-checked then).
                wake =
                    state.slots.map { slot in
                        slot.end.map { $0 + window } ?? max(slot.start + window, now + window / 20)
                    }.min() ?? now
            }
            groups[group] = state
            try await clock.sleep(until: wake, tolerance: nil)
        }
    }

    /// Marks the reserved request as answered (or failed); its place frees one window later.
    public func release(_ ticket: Ticket) {
        let now = clock.now
        guard let index = groups[ticket.group]?.slots.firstIndex(where: { $0.id == ticket.id }) else {
            return
        }
        groups[ticket.group]?.slots[index].end = now
    }

    /// Holds every request of the endpoint's group for `duration` (after a 429, so the other
    /// requests queued behind it do not run into the same wall).
    public func pause(_ endpoint: PylonEndpoint, for duration: Duration) {
        let until = clock.now + duration
        let group = endpoint.rateLimitGroup
        var state = groups[group, default: GroupState()]
        if let current = state.pausedUntil, current >= until { return }
        state.pausedUntil = until
        groups[group] = state
    }

    /// A lower bound on how long sending `counts` requests takes under the limits, ignoring
    /// response latency and retries: per group, the first N go at once and every further N
    /// wait a window; groups run in parallel, so the slowest group decides.
    public static func minimumDuration(
        for counts: [PylonEndpoint: Int], scale: Double = 1, margin: Double = 0.02
    ) -> Duration {
        var perGroup: [String: (count: Int, limit: Int)] = [:]
        for (endpoint, count) in counts where count > 0 {
            let limit = max(1, endpoint.requestsPerMinute)
            let entry = perGroup[endpoint.rateLimitGroup, default: (0, limit)]
            perGroup[endpoint.rateLimitGroup] = (entry.count + count, min(entry.limit, limit))
        }
        let window = window(scale: scale, margin: margin)
        var longest = Duration.zero
        for (count, limit) in perGroup.values {
            let rounds = (count + limit - 1) / limit - 1
            longest = max(longest, window * rounds)
        }
        return longest
    }
}
