import Foundation
import PylonAPI
import Testing

/// The retry decision on its own: status or transport failure, idempotency, attempt, elapsed
/// time and headers in; retry after a wait, ambiguous or fail out. No clock, no network.
@Suite struct RetryDecisionTests {
    private let policy = RetryPolicy(
        maxAttempts: 4, baseDelay: .seconds(2), maxDelay: .seconds(60), maxElapsed: .seconds(600))
    private let window = Duration.seconds(60)

    private func decide(
        _ failure: AttemptFailure, idempotent: Bool = true, attempt: Int = 1, elapsed: Duration = .zero,
        jitter: Double = 1, now: Date = Date(timeIntervalSince1970: 1_700_000_000)
    ) -> RetryDecision {
        policy.decision(
            after: failure, isIdempotent: idempotent, attempt: attempt, elapsed: elapsed,
            rateLimitWindow: window, jitter: jitter, now: now)
    }

    @Test func a429IsRetriedForAnyMethodAfterTheWholeWindow() {
        for idempotent in [true, false] {
            #expect(decide(.status(429, headers: [:]), idempotent: idempotent) == .retry(after: .seconds(60)))
        }
        // A shorter Retry-After does not shorten the window; a longer one is honoured.
        #expect(decide(.status(429, headers: ["retry-after": "5"])) == .retry(after: .seconds(60)))
        #expect(decide(.status(429, headers: ["retry-after": "90"])) == .retry(after: .seconds(90)))
        #expect(
            decide(.status(429, headers: ["retry-after": "Tue, 14 Nov 2023 22:15:20 GMT"]))
                == .retry(after: .seconds(120)))
    }

    @Test func a5xxIsRetriedWithBackoffOnlyWhenSafeToRepeat() {
        #expect(decide(.status(500, headers: [:]), attempt: 1, jitter: 1) == .retry(after: .seconds(2)))
        #expect(decide(.status(503, headers: [:]), attempt: 3, jitter: 0) == .retry(after: .seconds(4)))
        #expect(decide(.status(502, headers: [:]), idempotent: false) == .ambiguous)
    }

    @Test func otherStatusesAndRedirectsFail() {
        for status in [301, 302, 400, 401, 403, 404, 409, 422] {
            #expect(decide(.status(status, headers: [:])) == .fail, "\(status)")
            #expect(decide(.status(status, headers: [:]), idempotent: false) == .fail, "\(status)")
        }
        #expect(decide(.transport(.redirectRefused)) == .fail)
        #expect(decide(.transport(.redirectRefused), idempotent: false) == .fail)
    }

    @Test func aRequestThatNeverConnectedIsRetriedEvenForAPost() {
        #expect(decide(.transport(.notConnected), idempotent: false) == .retry(after: .seconds(2)))
    }

    @Test(arguments: [HTTPTransportError.Kind.connectionLost, .timedOut, .other])
    func aBreakAfterSendingIsRetriedOnlyWhenSafeToRepeat(kind: HTTPTransportError.Kind) {
        #expect(decide(.transport(kind)) == .retry(after: .seconds(2)))
        #expect(decide(.transport(kind), idempotent: false) == .ambiguous)
    }

    @Test func aFloodIsNotAskedForAgainAndIsAmbiguousForAWrite() {
        #expect(decide(.transport(.responseTooLarge)) == .fail)
        #expect(decide(.transport(.responseTooLarge), idempotent: false) == .ambiguous)
    }

    @Test func theAttemptAndTimeBudgetsEndRetries() {
        #expect(decide(.status(500, headers: [:]), attempt: 3) != .fail)
        #expect(decide(.status(500, headers: [:]), attempt: 4) == .fail)
        #expect(decide(.status(429, headers: [:]), attempt: 4) == .fail)
        // 540 s spent and a 60 s window fits in 600 s; 541 s does not.
        #expect(decide(.status(429, headers: [:]), elapsed: .seconds(540)) == .retry(after: .seconds(60)))
        #expect(decide(.status(429, headers: [:]), elapsed: .seconds(541)) == .fail)
        // A POST that may have landed stays ambiguous even with no budget left.
        #expect(decide(.status(500, headers: [:]), idempotent: false, attempt: 4) == .ambiguous)
    }

    @Test func backoffDoublesAndIsCappedWithJitterInTheUpperHalf() {
        let capped = RetryPolicy(baseDelay: .seconds(2), maxDelay: .seconds(10))
        #expect(capped.backoff(retry: 1, jitter: 0) == .seconds(1))
        #expect(capped.backoff(retry: 1, jitter: 1) == .seconds(2))
        #expect(capped.backoff(retry: 2, jitter: 0.5) == .seconds(3))
        #expect(capped.backoff(retry: 10, jitter: 1) == .seconds(10))
        #expect(capped.backoff(retry: 10, jitter: 0) == .seconds(5))
    }
}
