/// A clock reduced to what pacing needs: instants as durations since the timeline was made, and
/// sleeping until one. Any `Clock<Duration>` drives it (the continuous clock, a test's manual
/// clock), so configurations can hold the clock as an existential and nothing else is generic.
/// The client's limiter and retries, and the emulator's rate limits and injected delays, all
/// keep time with one.
package struct Timeline: Sendable {
    /// Time since the timeline was made.
    package let now: @Sendable () -> Duration
    private let sleepUntil: @Sendable (Duration) async throws -> Void

    package init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleepUntil = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil)
        }
    }

    /// Sleeps until `now()` reaches `deadline`; throws when the task is cancelled.
    package func sleep(until deadline: Duration) async throws {
        try await sleepUntil(deadline)
    }

    /// Sleeps for `duration` of this timeline's time.
    package func sleep(for duration: Duration) async throws {
        try await sleepUntil(now() + duration)
    }
}
