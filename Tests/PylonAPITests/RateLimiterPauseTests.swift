import Foundation
import PylonTestSupport
import Testing

@testable import PylonAPI

/// The limiter's cold-start probe and its 429 pause, on a clock the test moves by hand: every
/// assertion is about virtual time, so a slow machine cannot make these pass or fail.
@Suite struct RateLimiterPauseTests {
    /// Scale 1: the production window of 60 s (no margin, so the numbers read plainly).
    private func limiter(_ clock: ManualClock) -> RateLimiter {
        RateLimiter(scale: 1, margin: 0, clock: clock)
    }

    /// Runs `acquire` in a task and returns the virtual time at which it got its ticket.
    private func acquireLater(
        _ limiter: RateLimiter, _ endpoint: PylonEndpoint, _ clock: ManualClock
    ) -> Task<(RateLimiter.Ticket, Duration), any Error> {
        Task {
            let ticket = try await limiter.acquire(endpoint)
            return (ticket, clock.elapsed)
        }
    }

    /// Returns once `count` requests of the endpoint's group wait for its probe's answer.
    private func waitForProbeWaiters(_ limiter: RateLimiter, _ endpoint: PylonEndpoint, _ count: Int) async {
        while await limiter.waitingForProbe(endpoint) < count { await Task.yield() }
    }

    @Test func aColdGroupSendsOneRequestAloneAndTheRestAfterItsAnswer() async throws {
        let clock = ManualClock()
        let limiter = limiter(clock)
        let probe = try await limiter.acquire(.createArticle)
        let second = acquireLater(limiter, .createArticle, clock)
        let third = acquireLater(limiter, .createArticle, clock)
        await waitForProbeWaiters(limiter, .createArticle, 2)
        // Another group is not held by this one's probe (it sends its own).
        let otherGroup = try await limiter.acquire(.getArticle)
        #expect(otherGroup.group != probe.group)
        await limiter.release(probe)
        _ = try await second.value
        _ = try await third.value
        // Once answered, the group is open: the rest of its allowance goes at once, unreleased.
        for _ in 0..<7 { _ = try await limiter.acquire(.createArticle) }
        #expect(clock.pendingDeadlines.isEmpty)
        #expect(clock.elapsed == .zero)
    }

    @Test func a429WithoutRetryAfterHoldsTheWholeGroupForAWholeWindow() async throws {
        let clock = ManualClock()
        let limiter = limiter(clock)
        let open = try await limiter.acquire(.updateArticle)
        await limiter.release(open)
        clock.advance(by: .seconds(5))
        let rejected = try await limiter.acquire(.updateArticle)
        await limiter.release(rejected, rateLimited: true)
        // Both endpoints of the group wait, and until the window has passed, not a backoff.
        let next = acquireLater(limiter, .deleteArticle, clock)
        await clock.waitForSleepers(1)
        #expect(clock.pendingDeadlines == [.seconds(65)])
        clock.advance(by: .seconds(59))
        #expect(clock.pendingDeadlines == [.seconds(65)])
        // Other groups carry on meanwhile.
        _ = try await limiter.acquire(.getArticle)
        clock.advance(by: .seconds(1))
        let (probe, sentAt) = try await next.value
        #expect(sentAt == .seconds(65))
        // After the pause the group is cold again: one request probes before the others go.
        let after = acquireLater(limiter, .updateArticle, clock)
        await waitForProbeWaiters(limiter, .updateArticle, 1)
        await limiter.release(probe)
        #expect(try await after.value.1 == .seconds(65))
    }

    @Test func aPauseIsExtendedByALongerRetryAfterAndNeverShortened() async throws {
        let clock = ManualClock()
        let limiter = limiter(clock)
        let rejected = try await limiter.acquire(.createCollection)
        await limiter.release(rejected, rateLimited: true)
        await limiter.pause(.createCollection, for: .seconds(10))
        let waiting = acquireLater(limiter, .createCollection, clock)
        await clock.waitForSleepers(1)
        #expect(clock.pendingDeadlines == [.seconds(60)])
        await limiter.pause(.createCollection, for: .seconds(90))
        clock.advance(by: .seconds(60))
        // Woken at the old end, it finds the longer pause and sleeps again.
        await clock.waitForSleepers(1)
        #expect(clock.pendingDeadlines == [.seconds(90)])
        clock.advance(by: .seconds(30))
        #expect(try await waiting.value.1 == .seconds(90))
    }

    @Test func aProbeThatMeetsA429LeavesTheGroupColdAndPaused() async throws {
        let clock = ManualClock()
        let limiter = limiter(clock)
        let probe = try await limiter.acquire(.listCollections)
        let queued = acquireLater(limiter, .listCollections, clock)
        await waitForProbeWaiters(limiter, .listCollections, 1)
        await limiter.release(probe, rateLimited: true)
        // The queued request does not follow the rejected probe: it waits the window out.
        await clock.waitForSleepers(1)
        #expect(clock.pendingDeadlines == [.seconds(60)])
        clock.advance(by: .seconds(60))
        #expect(try await queued.value.1 == .seconds(60))
    }

    @Test func theWindowScalesWithTheLimiter() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(scale: 60, margin: 0.02, clock: clock)
        let rejected = try await limiter.acquire(.getMe)
        await limiter.release(rejected, rateLimited: true)
        let waiting = acquireLater(limiter, .listUsers, clock)
        await clock.waitForSleepers(1)
        // "10 per minute" becomes "10 per second", plus the 2 % margin.
        #expect((.milliseconds(1019)...(.milliseconds(1021))).contains(limiter.window))
        #expect(clock.pendingDeadlines == [limiter.window])
        clock.advance(by: limiter.window)
        #expect(try await waiting.value.1 == limiter.window)
    }
}
