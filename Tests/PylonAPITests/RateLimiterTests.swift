import Foundation
import PylonAPI
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
        // Scale 600: 10 per 0.1 s.
        // The sliding window alone: the cold-start probe is `RateLimiterPauseTests`'.
        let limiter = RateLimiter(scale: 600, margin: 0, probesColdGroups: false)
        let clock = ContinuousClock()
        var tickets: [RateLimiter.Ticket] = []
        let start = clock.now
        for _ in 0..<10 { tickets.append(try await limiter.acquire(.createArticle)) }
        #expect(clock.now - start < .milliseconds(50))
        for ticket in tickets { await limiter.release(ticket) }
        let released = clock.now
        // Another group is not held up by the full one.
        _ = try await limiter.acquire(.getArticle)
        #expect(clock.now - released < .milliseconds(50))
        _ = try await limiter.acquire(.createArticle)
        #expect(clock.now - released >= .milliseconds(100))
    }

    @Test func aRequestStillInFlightKeepsItsPlace() async throws {
        // The sliding window alone: the cold-start probe is `RateLimiterPauseTests`'.
        let limiter = RateLimiter(scale: 600, margin: 0, probesColdGroups: false)
        let clock = ContinuousClock()
        let start = clock.now
        var tickets: [RateLimiter.Ticket] = []
        for _ in 0..<10 { tickets.append(try await limiter.acquire(.createArticle)) }
        // The first request's answer arrives late, after 0.15 s; its place frees 0.1 s later.
        let waiter = Task { try await limiter.acquire(.createArticle) }
        try await Task.sleep(for: .milliseconds(150))
        for ticket in tickets { await limiter.release(ticket) }
        _ = try await waiter.value
        #expect(clock.now - start >= .milliseconds(250))
    }
}
