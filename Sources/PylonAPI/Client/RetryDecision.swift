import Foundation

/// What one failed attempt of a request means, as the retry decision sees it.
public enum AttemptFailure: Sendable, Hashable {
    /// The server answered with this status (not 2xx) and these headers (names lowercased).
    case status(Int, headers: [String: String])
    /// No HTTP answer arrived.
    case transport(HTTPTransportError.Kind)
}

/// What the client does after a failed attempt: wait and send again, or give up, telling the
/// caller whether the request may have been applied.
public enum RetryDecision: Sendable, Hashable {
    /// Send the same request again after this wait.
    case retry(after: Duration)
    /// Give up: the request may or may not have been applied, so it is not sent again (a POST
    /// after a 5xx, a reset, a timeout or a flood). The caller looks before trying again.
    case ambiguous
    /// Give up: sending again would not help (4xx, a refused redirect, the budget spent).
    case fail
}

extension RetryPolicy {
    /// The retry decision, a pure function of its inputs (the client supplies the clock and the
    /// randomness):
    /// - 429, any method: after the endpoint group's whole rate-limit window, or a longer
    ///   `Retry-After` (a shorter one is not trusted to mean the window is clear);
    /// - 5xx, connection lost, timeout or another transport failure: after `backoff` when the
    ///   request is safe to repeat, else ambiguous;
    /// - not connected (nothing was sent): after `backoff`, for any method;
    /// - a redirect (3xx, or one refused by the transport) or another 4xx: fail;
    /// - an answer too large to read: ambiguous for a write (it was answered, so it probably
    ///   landed), fail for a read (asking again reads the same flood);
    /// - a retry is only decided while attempts and the total time budget remain: `attempt`
    ///   (1 for the first) below `maxAttempts`, and `elapsed` plus the wait within `maxElapsed`.
    ///
    /// `jitter` (0…1) picks where in the backoff's random half the wait falls.
    public func decision(
        after failure: AttemptFailure, isIdempotent: Bool, attempt: Int, elapsed: Duration,
        rateLimitWindow: Duration, jitter: Double, now: Date = Date()
    ) -> RetryDecision {
        let wait: Duration
        switch failure {
        case .status(let status, let headers):
            switch status {
            case 429:
                let asked = RetryPolicy.retryAfter(headers["retry-after"], now: now) ?? .zero
                wait = max(asked, rateLimitWindow)
            case 500..<600:
                guard isIdempotent else { return .ambiguous }
                wait = backoff(retry: attempt, jitter: jitter)
            default:
                return .fail
            }
        case .transport(let kind):
            switch kind {
            case .redirectRefused:
                return .fail
            case .responseTooLarge:
                return isIdempotent ? .fail : .ambiguous
            case .notConnected:
                wait = backoff(retry: attempt, jitter: jitter)
            case .timedOut, .connectionLost, .other:
                guard isIdempotent else { return .ambiguous }
                wait = backoff(retry: attempt, jitter: jitter)
            }
        }
        guard attempt < maxAttempts, elapsed + wait <= maxElapsed else { return .fail }
        return .retry(after: wait)
    }
}
