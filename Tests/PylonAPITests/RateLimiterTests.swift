import Foundation
import PylonAPI
import PylonTestSupport
import Testing

@Suite struct RateLimiterTests {
    @Test func minimumDurationCountsWindowsPerGroupAndRunsGroupsInParallel() {
        // 25 creates at 10/min: 10 now, 10 after one window, 5 after two.
        let creates = RateLimiter.minimumDuration(for: [.createArticle: 25], margin: 0)
        #expect(creates == .seconds(120))
        // PATCH and DELETE share one 20/min group: 40 requests need one extra window.
        let shared = RateLimiter.minimumDuration(for: [.updateArticle: 30, .deleteArticle: 10], margin: 0)
        #expect(shared == .seconds(60))
        // Different groups overlap: the slowest decides.
        let mixed = RateLimiter.minimumDuration(
            for: [.createArticle: 25, .updateArticle: 20, .getArticle: 60], scale: 60, margin: 0)
        #expect(mixed == .seconds(2))
        #expect(RateLimiter.minimumDuration(for: [.createArticle: 10]) == .zero)
    }

    @Test func aFullGroupWaitsAWindowAfterTheOldestResponseWhileOtherGroupsProceed() async throws {
        // Scale 600: 10 per 0.1 s, on a clock the test moves, so the machine's speed does not count.
        // The sliding window alone: the cold-start probe is `RateLimiterPauseTests`'.
        let clock = ManualClock()
        let limiter = RateLimiter(scale: 600, margin: 0, clock: clock, probesColdGroups: false)
        var tickets: [RateLimiter.Ticket] = []
        let start = clock.elapsed
        for _ in 0..<10 { tickets.append(try await limiter.acquire(.createArticle)) }
        #expect(clock.elapsed - start < .milliseconds(50))
        clock.advance(by: .milliseconds(30))
        for ticket in tickets { await limiter.release(ticket) }
        let released = clock.elapsed
        // Another group is not held up by the full one.
        _ = try await limiter.acquire(.getArticle)
        #expect(clock.elapsed - released < .milliseconds(50))
        let next = Task {
            _ = try await limiter.acquire(.createArticle)
            return clock.elapsed
        }
        await clock.waitForSleepers(1)
        #expect(clock.pendingDeadlines == [released + .milliseconds(100)])
        clock.advance(by: .milliseconds(100))
        #expect(try await next.value - released >= .milliseconds(100))
    }

    @Test(.timeLimit(.minutes(10)))
    func aRequestStillInFlightKeepsItsPlace() async throws {
        // The sliding window alone: the cold-start probe is `RateLimiterPauseTests`'.
        let clock = ManualClock()
        let limiter = RateLimiter(scale: 600, margin: 0, clock: clock, probesColdGroups: false)
        var tickets: [RateLimiter.Ticket] = []
        for _ in 0..<10 { tickets.append(try await limiter.acquire(.createArticle)) }
        // The first request's answer arrives late, after 0.15 s; its place frees 0.1 s later.
        let waiter = Task(
            operation: clock.participant {
                _ = try await limiter.acquire(.createArticle)
                return clock.elapsed
            })
        let lateAnswers = Task(
            operation: clock.participant { [tickets] in
                try await clock.sleep(for: .milliseconds(150))
                for ticket in tickets { await limiter.release(ticket) }
            })
        let acquiredAt = try await clock.run {
            try await lateAnswers.value
            return try await waiter.value
        }
        #expect(acquiredAt >= .milliseconds(250))
    }
}
