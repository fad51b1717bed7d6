import Foundation
import PylonAPI

/// The emulator's mutable runtime state that is not in the database: the request log, the
/// rate limiter and the fault plan.
actor EmulatorState {
    private var log: [LoggedRequest] = []
    private var limiter: RateLimiter?
    private var faults: FaultInjector
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var answers: UInt64 = 0

    init(configuration: EmulatorConfiguration) {
        limiter = configuration.rateLimitWindow.map(RateLimiter.init(window:))
        faults = FaultInjector(rules: configuration.faults, seed: configuration.faultSeed)
        start = clock.now
    }

    /// A long-running `pylon-kb emulator` must not grow without bound; tests never get near it.
    static let maximumLogEntries = 10_000

    func record(_ entry: LoggedRequest) {
        if log.count >= Self.maximumLogEntries { log.removeFirst(log.count - Self.maximumLogEntries + 1) }
        log.append(entry)
    }
    func requestLog() -> [LoggedRequest] { log }
    func resetRequestLog() { log.removeAll() }
    func setFaults(_ rules: [FaultRule]) { faults.replaceRules(rules) }
    func setRateLimit(window: Double?) { limiter = window.map(RateLimiter.init(window:)) }

    /// Numbers the API answers, so the hostile wire profile's choices differ between answers and
    /// replay the same way for the same request sequence.
    func nextAnswerNumber() -> UInt64 {
        answers += 1
        return answers
    }

    /// nil when admitted, else the seconds to wait.
    func admit(_ endpoint: PylonEndpoint) -> Double? {
        guard limiter != nil else { return nil }
        let elapsed = clock.now - start
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return limiter!.admit(endpoint, now: now)
    }

    func faultOutcome(for endpoint: PylonEndpoint) -> FaultInjector.Outcome {
        faults.outcome(for: endpoint)
    }
}
