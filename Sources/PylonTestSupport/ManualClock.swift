import Foundation

/// A clock that moves only when a test moves it, so pacing is asserted on virtual time
/// whatever the machine's speed. Sleepers resume, in deadline order, when time reaches them.
///
/// Two ways to move it, both synchronised on what the sleepers do, never on real time:
/// - by hand: `waitForSleepers(n)` returns once `n` tasks really sleep, then `advance(by:)`;
/// - `run(_:)`: for several components sharing the clock (a client's limiter and retries, the
///   emulator's limits): every task that takes part is made from `participant`, and the
///   clock jumps to the earliest deadline each time every participant is asleep on it, as a
///   machine with infinitely fast CPUs and network would see time pass.
///
/// Shared by the client's, the emulator's and the end-to-end tests (one clock can drive both
/// sides of a conversation).
public final class ManualClock: Clock, @unchecked Sendable {
    public struct Instant: InstantProtocol {
        public var offset: Duration
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var id: UInt64
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleepers: [Sleeper] = []
    private var lastSleeperID: UInt64 = 0
    private var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    /// Tasks made by `participant` that have not finished.
    private var participants = 0
    /// `run`'s wait for the next moment to advance: resumed with true when every participant
    /// sleeps, false when the run's work has returned.
    private var idleWatcher: CheckedContinuation<Bool, Never>?
    private var runFinished = false

    public init() {}

    public var now: Instant { lock.withLock { current } }
    public var minimumResolution: Duration { .zero }

    /// Time since the clock was made.
    public var elapsed: Duration { now.offset }

    /// The deadlines sleepers wait for, as durations since the clock was made, earliest first.
    public var pendingDeadlines: [Duration] { lock.withLock { sleepers.map(\.deadline.offset).sorted() } }

    /// Sleeps until time reaches `deadline`; a cancelled task stops sleeping at once and throws
    /// `CancellationError`, as with the system clocks (a failed task group can then end).
    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id: UInt64 = lock.withLock {
            lastSleeperID += 1
            return lastSleeperID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<Void, any Error>) in
                let (ready, resumeNow): ([CheckedContinuation<Void, Never>], (any Error)??) = lock.withLock {
                    if Task.isCancelled { return ([], .some(CancellationError())) }
                    if deadline <= current { return ([], .some(nil)) }
                    sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    let (met, waiting) = splitWatchers()
                    watchers = waiting
                    return (met, .none)
                }
                switch resumeNow {
                case .some(.some(let error)): continuation.resume(throwing: error)
                case .some(.none): continuation.resume()
                case .none: break
                }
                for watcher in ready { watcher.resume() }
                signalIdleIfDue()
            }
        } onCancel: {
            let cancelled: Sleeper? = self.lock.withLock {
                guard let index = self.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return self.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward and wakes every sleeper whose deadline has come.
    public func advance(by duration: Duration) {
        let due: [Sleeper] = lock.withLock {
            current = current.advanced(by: duration)
            let due = sleepers.filter { $0.deadline <= current }.sorted { $0.deadline < $1.deadline }
            sleepers.removeAll { $0.deadline <= current }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Returns once at least `count` tasks sleep on this clock.
    public func waitForSleepers(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow: Bool = lock.withLock {
                if sleepers.count >= count { return true }
                watchers.append((count, continuation))
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    // MARK: Several components on one clock

    /// `body` as one of the tasks `run` waits for, counted from now (so a task not yet
    /// started already holds time still): while it runs and is not asleep on this clock
    /// (sending a request, waiting for an answer), time stands still. Run it exactly once.
    public func participant<T: Sendable>(
        _ body: @escaping @Sendable () async throws -> T
    ) -> @Sendable () async throws -> T {
        lock.withLock { participants += 1 }
        return {
            defer {
                self.lock.withLock { self.participants -= 1 }
                self.signalIdleIfDue()
            }
            return try await body()
        }
    }

    /// Runs `work` and, until it returns, moves time to the earliest sleeper's deadline each
    /// time there are at least as many sleepers as participants. Deterministic: time only moves
    /// when no participant can act, so the outcome does not depend on the machine's speed or
    /// load. Sleepers that are not participants count too: a client waiting for an answer the
    /// emulator holds with a delay on this clock is asleep in effect. A participant waiting for
    /// something else (another clock, a lost continuation) stops time for good: give the test a
    /// generous `.timeLimit` (a loaded machine running the whole suite can take minutes of real
    /// time for a few requests).
    public func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        lock.withLock { runFinished = false }
        let task = Task {
            defer { finishRun() }
            return try await work()
        }
        while await nextIdleMoment() {
            let earliest: Duration? = lock.withLock {
                sleepers.map(\.deadline).min().map { current.duration(to: $0) }
            }
            if let earliest { advance(by: earliest) }
        }
        return try await task.value
    }

    /// True once every participant sleeps, false once `run`'s work has returned.
    private func nextIdleMoment() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            lock.withLock { idleWatcher = continuation }
            signalIdleIfDue()
        }
    }

    private func finishRun() {
        lock.withLock { runFinished = true }
        signalIdleIfDue()
    }

    private func signalIdleIfDue() {
        let signal: (CheckedContinuation<Bool, Never>, Bool)? = lock.withLock {
            guard let watcher = idleWatcher else { return nil }
            let idle = participants > 0 && sleepers.count >= participants
            guard runFinished || idle else { return nil }
            idleWatcher = nil
            return (watcher, !runFinished)
        }
        if case let (watcher, idle)? = signal { watcher.resume(returning: idle) }
    }

    private func splitWatchers() -> (
        met: [CheckedContinuation<Void, Never>], waiting: [(Int, CheckedContinuation<Void, Never>)]
    ) {
        var met: [CheckedContinuation<Void, Never>] = []
        var waiting: [(Int, CheckedContinuation<Void, Never>)] = []
        for watcher in watchers {
            if sleepers.count >= watcher.count {
                met.append(watcher.continuation)
            } else {
                waiting.append(watcher)
            }
        }
        return (met, waiting)
    }
}
