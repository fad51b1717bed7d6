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
/// The limiter only counts its own requests, so it cannot see another run's (or another tool's)
/// requests already in the server's window. Two rules keep that blind spot to one 429 per group:
/// - A cold group sends one request alone (the probe) and holds the rest until its answer: a
///   fresh client started right after another run's burst learns of the full window from one
///   429, not from a volley of them.
/// - A 429 (`release(_:rateLimited:)`) pauses the group for a whole window and makes it cold
///   again: by then everything the server counted before the 429 has left its window, so the
///   next probe and the burst after it fit. The client extends the pause to a longer
///   `Retry-After` when it retries (`docs/api-client.md`, "Rate limits and 429").
///
/// Groups are independent, so requests to different endpoints proceed in parallel. Waiting is
/// sleeping until the earliest moment a slot can free up, or until the probe's answer arrives;
/// nothing spins. Time comes from an injected clock (`ContinuousClock` in production), so the
/// pacing and pause rules are tested on virtual time.
public actor RateLimiter {
    /// Proof of a reservation; hand it back with `release` when the response arrived. Every
    /// ticket must be released: a cold group's other requests wait for its probe's release.
    public struct Ticket: Sendable, Hashable {
        public let group: String
        let id: UInt64
    }

    /// Instants are durations since the limiter's creation on its clock.
    private struct Slot {
        var id: UInt64
        var start: Duration
        var end: Duration?
    }

    private struct GroupState {
        var slots: [Slot] = []
        var pausedUntil: Duration?
        /// No answer other than a 429 has arrived yet (a fresh limiter, or since a 429): send a
        /// probe alone.
        var isCold: Bool
        /// The ticket of the probe in flight.
        var probe: UInt64?
        /// Requests waiting for the probe's answer.
        var probeWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// 1 in production; 60 makes "10 per minute" mean "10 per second".
    public nonisolated let scale: Double
    /// Extra fraction of the window added as a safety margin.
    public nonisolated let margin: Double
    /// Whether a cold group probes with one request before sending more (on in production).
    public nonisolated let probesColdGroups: Bool
    /// The time it paces on; the client times its retries on the same one.
    nonisolated let timeline: Timeline
    private var groups: [String: GroupState] = [:]
    private var nextID: UInt64 = 0

    /// `clock` is `ContinuousClock` in production; tests pass a clock they advance by hand.
    public init<C: Clock>(
        scale: Double = 1, margin: Double = 0.02, clock: C = ContinuousClock(), probesColdGroups: Bool = true
    ) where C.Duration == Duration {
        precondition(scale > 0, "The rate-limit scale must be positive.")
        self.scale = scale
        self.margin = margin
        self.probesColdGroups = probesColdGroups
        timeline = Timeline(clock)
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
            let now = timeline.now()
            var state = groups[group, default: GroupState(isCold: probesColdGroups)]
            state.slots.removeAll { slot in slot.end.map { $0 + window <= now } ?? false }
            let wake: Duration?
            if let paused = state.pausedUntil, paused > now {
                wake = paused
            } else if state.probe != nil {
                wake = nil
            } else if state.slots.count < limit {
                nextID += 1
                state.slots.append(Slot(id: nextID, start: now, end: nil))
                if state.isCold { state.probe = nextID }
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
            if let wake {
                try await timeline.sleep(until: wake)
            } else {
                // Resumed by the probe's release. A cancelled waiter notices then: at most one
                // request's timeout later.
                await withCheckedContinuation { waiter in groups[group]?.probeWaiters.append(waiter) }
            }
        }
    }

    /// Marks the reserved request as answered (or failed); its place frees one window later.
    /// `rateLimited` (the answer was a 429) pauses the group for a whole window and makes it
    /// cold: the next request after the pause probes alone.
    public func release(_ ticket: Ticket, rateLimited: Bool = false) {
        let now = timeline.now()
        guard var state = groups[ticket.group] else { return }
        if let index = state.slots.firstIndex(where: { $0.id == ticket.id }) {
            state.slots[index].end = now
        }
        if rateLimited {
            state.pausedUntil = max(state.pausedUntil ?? now, now + window)
            state.isCold = probesColdGroups
        } else if state.probe == ticket.id {
            state.isCold = false
        }
        var waiters: [CheckedContinuation<Void, Never>] = []
        if state.probe == ticket.id {
            state.probe = nil
            swap(&waiters, &state.probeWaiters)
        }
        groups[ticket.group] = state
        for waiter in waiters { waiter.resume() }
    }

    /// Holds every request of the endpoint's group for at least `duration` from now (the
    /// client extends a 429's pause to a longer `Retry-After` this way).
    public func pause(_ endpoint: PylonEndpoint, for duration: Duration) {
        let until = timeline.now() + duration
        let group = endpoint.rateLimitGroup
        var state = groups[group, default: GroupState(isCold: probesColdGroups)]
        if let current = state.pausedUntil, current >= until { return }
        state.pausedUntil = until
        groups[group] = state
    }

    /// How many requests of the endpoint's group wait for its probe's answer (for tests that
    /// must know a request is queued before they go on).
    func waitingForProbe(_ endpoint: PylonEndpoint) -> Int {
        groups[endpoint.rateLimitGroup]?.probeWaiters.count ?? 0
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
