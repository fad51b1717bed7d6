/// The emulator's clock reduced to what its rate limits and injected delays need: instants as
/// durations since the emulator started, and sleeping until one. Any `Clock<Duration>` drives
/// it (`ContinuousClock` by default, a test's manual clock to run the limits on virtual time),
/// so `EmulatorConfiguration.clock` can stay an existential and nothing else is generic.
struct EmulatorTimeline: Sendable {
    /// Time since the timeline was made.
    let now: @Sendable () -> Duration
    /// Sleeps until `now()` reaches the deadline; throws when the task is cancelled.
    let sleepUntil: @Sendable (Duration) async throws -> Void

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleepUntil = { deadline in
            try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil)
        }
    }

    /// Sleeps for `duration` of this timeline's time.
    func sleep(for duration: Duration) async throws {
        try await sleepUntil(now() + duration)
    }
}
