import Foundation
import PylonAPI

/// The emulator's mutable runtime state that is not in the database: the request log, the
/// rate limiter and the fault plan, and the clock both of the latter run on.
actor EmulatorState {
    private var log: [LoggedRequest] = []
    /// The API requests routed since the log was last reset, as they arrived (status nil).
    private var arrivals: [LoggedRequest] = []
    private var limiter: RateLimiter?
    private var faults: FaultInjector
    private var answers: UInt64 = 0
    /// `EmulatorConfiguration.clock`: what rate limits count in and injected delays wait on.
    let timeline: Timeline

    init(configuration: EmulatorConfiguration) {
        limiter = configuration.rateLimitWindow.map(RateLimiter.init(window:))
        faults = FaultInjector(rules: configuration.faults, seed: configuration.faultSeed)
        timeline = Timeline(configuration.clock)
    }

    /// A long-running `pylon-kb emulator` must not grow without bound; tests never get near it.
    static let maximumLogEntries = 10_000

    func record(_ entry: LoggedRequest) {
        if log.count >= Self.maximumLogEntries { log.removeFirst(log.count - Self.maximumLogEntries + 1) }
        log.append(entry)
        notifyWaiters(entry, stage: .answered)
    }

    /// An API request has been routed and is about to be rate-limited, delayed or handled.
    func received(_ entry: LoggedRequest) {
        if arrivals.count >= Self.maximumLogEntries {
            arrivals.removeFirst(arrivals.count - Self.maximumLogEntries + 1)
        }
        arrivals.append(entry)
        notifyWaiters(entry, stage: .received)
    }
    func requestLog() -> [LoggedRequest] { log }
    func resetRequestLog() {
        log.removeAll()
        arrivals.removeAll()
    }
    func setFaults(_ rules: [FaultRule]) { faults.replaceRules(rules) }
    func setRateLimit(window: Duration?) { limiter = window.map(RateLimiter.init(window:)) }

    /// Numbers the API answers, so the hostile wire profile's choices differ between answers and
    /// replay the same way for the same request sequence.
    func nextAnswerNumber() -> UInt64 {
        answers += 1
        return answers
    }

    /// nil when admitted, else how long until the group has room.
    func admit(_ endpoint: PylonEndpoint) -> Duration? {
        guard limiter != nil else { return nil }
        return limiter!.admit(endpoint, now: timeline.now())
    }

    func faultOutcome(for endpoint: PylonEndpoint) -> FaultInjector.Outcome {
        faults.outcome(for: endpoint)
    }

    // MARK: Waiting for requests

    /// When a request counts for `waitForRequests`.
    enum Stage: Sendable { case received, answered }

    private struct RequestWaiter {
        var stage: Stage
        var remaining: Int
        var matches: @Sendable (LoggedRequest) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    private var waiters: [UInt64: RequestWaiter] = [:]
    private var lastWaiterID: UInt64 = 0

    /// Returns once `count` requests matching `matches` have reached `stage` since the log was
    /// last reset (those before this call count). Returns early when the task is cancelled, so
    /// a test can race it against a client process ending.
    func waitForRequests(
        count: Int, stage: Stage, where matches: @escaping @Sendable (LoggedRequest) -> Bool
    ) async {
        var remaining = count
        remaining -= (stage == .answered ? log : arrivals).filter(matches).count
        guard remaining > 0 else { return }
        lastWaiterID += 1
        let id = lastWaiterID
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiters[id] = RequestWaiter(
                        stage: stage, remaining: remaining, matches: matches, continuation: continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        waiters.removeValue(forKey: id)?.continuation.resume()
    }

    private func notifyWaiters(_ entry: LoggedRequest, stage: Stage) {
        for (id, var waiter) in waiters where waiter.stage == stage && waiter.matches(entry) {
            waiter.remaining -= 1
            if waiter.remaining > 0 {
                waiters[id] = waiter
            } else {
                waiters[id] = nil
                waiter.continuation.resume()
            }
        }
    }
}
