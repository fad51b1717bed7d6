import Foundation

/// How often and how long the client retries. A 429 is retried for any method, after its
/// endpoint group's whole rate-limit window or a longer `Retry-After` (not `backoff`); 5xx,
/// resets and timeouts only for requests that are safe to repeat (GET, PATCH, DELETE and the
/// read-only `POST /users/search`), after `backoff`; other 4xx never. The whole decision is
/// `decision(after:isIdempotent:attempt:elapsed:rateLimitWindow:jitter:now:)` (RetryDecision.swift).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// The first backoff; doubled on each further retry.
    public var baseDelay: Duration
    /// No single wait is longer (a `Retry-After` above this is still honoured if the total
    /// budget allows it).
    public var maxDelay: Duration
    /// The whole request, waits included, gives up rather than exceed this.
    public var maxElapsed: Duration

    public init(
        maxAttempts: Int = 6, baseDelay: Duration = .seconds(2), maxDelay: Duration = .seconds(60),
        maxElapsed: Duration = .seconds(600)
    ) {
        precondition(maxAttempts >= 1, "A retry policy needs at least one attempt.")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxElapsed = maxElapsed
    }

    /// Production defaults: backoff 2, 4, 8, 16, 32 s (with jitter); ten minutes at most per
    /// request, room for several one-minute 429 pauses.
    public static let standard = RetryPolicy()

    /// Never retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before retry number `retry` (1 for the first retry): exponential, capped,
    /// with "equal jitter" (half fixed, half random) so parallel clients spread out but
    /// never retry immediately.
    public func backoff(retry: Int) -> Duration {
        backoff(retry: retry, jitter: Double.random(in: 0...1))
    }

    /// `backoff(retry:)` with its randomness given: `jitter` 0 is the fixed half alone, 1 the
    /// whole capped delay.
    public func backoff(retry: Int, jitter: Double) -> Duration {
        let base = seconds(baseDelay) * pow(2, Double(max(0, retry - 1)))
        let capped = min(base, seconds(maxDelay))
        return .seconds(capped / 2 + capped / 2 * min(1, max(0, jitter)))
    }

    /// Parses `Retry-After`: delay-seconds or an HTTP date.
    public static func retryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let secondsValue = Double(value), secondsValue >= 0 { return .seconds(secondsValue) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .seconds(max(0, date.timeIntervalSince(now)))
    }
}

func seconds(_ duration: Duration) -> Double {
    duration.inSeconds
}

extension Duration {
    /// The duration in seconds, fractions included (for printing and arithmetic).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
