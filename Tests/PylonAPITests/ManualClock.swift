import Foundation

/// A clock that moves only when a test calls `advance`, so pacing is asserted on virtual time
/// whatever the machine's speed. Sleepers resume, in deadline order, when time reaches them;
/// `waitForSleepers` lets a test wait until a task has really gone to sleep.
final class ManualClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleepers: [Sleeper] = []
    private var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    var now: Instant { lock.withLock { current } }
    var minimumResolution: Duration { .zero }

    /// Time since the clock was made.
    var elapsed: Duration { now.offset }

    /// The deadlines sleepers wait for, as durations since the clock was made, earliest first.
    var pendingDeadlines: [Duration] { lock.withLock { sleepers.map(\.deadline.offset).sorted() } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let ready: [CheckedContinuation<Void, Never>] = lock.withLock {
                if deadline <= current {
                    continuation.resume()
                    return []
                }
                sleepers.append(Sleeper(deadline: deadline, continuation: continuation))
                let (met, waiting) = splitWatchers()
                watchers = waiting
                return met
            }
            for watcher in ready { watcher.resume() }
        }
    }

    /// Moves time forward and wakes every sleeper whose deadline has come.
    func advance(by duration: Duration) {
        let due: [Sleeper] = lock.withLock {
            current = current.advanced(by: duration)
            let due = sleepers.filter { $0.deadline <= current }.sorted { $0.deadline < $1.deadline }
            sleepers.removeAll { $0.deadline <= current }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Returns once at least `count` tasks sleep on this clock.
    func waitForSleepers(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow: Bool = lock.withLock {
                if sleepers.count >= count { return true }
                watchers.append((count, continuation))
                return false
            }
            if resumeNow { continuation.resume() }
        }
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
