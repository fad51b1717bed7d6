import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One apply at a time per content folder: an exclusive `flock` on `.pylon-kb/apply.lock`,
/// taken before the plan is made and held until the run ends.
///
/// Two applies from the same checkout would plan from the same state file and both create
/// what is missing; the second one stops at once instead, naming the holder. The kernel drops
/// a `flock` when its process dies, so a run killed with SIGKILL never leaves a stale lock
/// (the file may stay behind; it is only a note of who held it last). Different checkouts or
/// machines do not share this file: there the API's unique slugs and the create path's
/// adoption of an existing article are what prevent duplicates (see docs/reliability.md).
public final class ApplyLock: Sendable {
    /// `.pylon-kb/apply.lock` in the content folder.
    public let url: URL
    /// The open descriptor that holds the lock; -1 once released.
    private let descriptor: Mutex<Int32>

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// Another run holds the lock.
    public struct Busy: Error, CustomStringConvertible, Sendable {
        public var lockFile: String
        /// What the holder wrote: `pid 1234 on host, since 2026-11-29T16:40:00Z`; nil if unreadable.
        public var holder: String?
        /// The command that holds it and what it does: `apply`, "publishing this content folder".
        public var command = "apply"
        public var activity = "publishing this content folder"

        public var description: String {
            let who = holder.map { "Another pylon-kb \(command) (\($0))" } ?? "Another pylon-kb \(command)"
            return
                "\(who) is \(activity) right now (it holds \(lockFile)). "
                + "This run stopped before planning, so nothing was changed. Wait for that run to finish, "
                + "then run \(command) again: it plans afresh from what the other run wrote."
        }
    }

    /// The lock could not be taken for a reason other than another apply (permissions, disk).
    public struct Unavailable: Error, CustomStringConvertible, Sendable {
        public var lockFile: String
        public var reason: String

        public var description: String {
            "Cannot create the apply lock \(lockFile): \(reason). Check that the content folder is writable."
        }
    }

    public static func lockFile(contentRoot: URL) -> URL {
        contentRoot.standardizedFileURL.appendingPathComponent(".pylon-kb/apply.lock")
    }

    /// Takes the lock without waiting; throws `Busy` when another process holds it.
    public static func acquire(contentRoot: URL) throws -> ApplyLock {
        try acquire(lockFile: lockFile(contentRoot: contentRoot))
    }

    /// The same for `migrate`: one run at a time per migration state file (`<state>.lock`).
    public static func acquire(migrationState: URL) throws -> ApplyLock {
        do {
            return try acquire(lockFile: migrationState.appendingPathExtension("lock"))
        } catch var busy as Busy {
            busy.command = "migrate"
            busy.activity = "copying into the same knowledge base with the same state file"
            throw busy
        }
    }

    private static func acquire(lockFile url: URL) throws -> ApplyLock {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw Unavailable(lockFile: url.path, reason: error.localizedDescription)
        }
        // The file is unlinked on release, so a holder may remove the path between our open and
        // our flock; then we hold a lock on a file nobody else can find. Retry on a fresh open
        // until the locked file is the one at the path.
        for _ in 0..<100 {
            let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw Unavailable(lockFile: url.path, reason: String(cString: strerror(errno)))
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let failure = errno
                let holder = readHolder(descriptor)
                close(descriptor)
                if failure == EWOULDBLOCK || failure == EAGAIN {
                    throw Busy(lockFile: url.path, holder: holder)
                }
                throw Unavailable(lockFile: url.path, reason: String(cString: strerror(failure)))
            }
            var opened = stat()
            var current = stat()
            guard fstat(descriptor, &opened) == 0, stat(url.path, &current) == 0,
                opened.st_ino == current.st_ino, opened.st_dev == current.st_dev
            else {
                close(descriptor)
                continue
            }
            let note =
                "pid \(getpid()) on \(ProcessInfo.processInfo.hostName), since \(Date().ISO8601Format())\n"
            _ = ftruncate(descriptor, 0)
            _ = note.withCString { write(descriptor, $0, strlen($0)) }
            return ApplyLock(url: url, descriptor: descriptor)
        }
        throw Unavailable(
            lockFile: url.path, reason: "the file kept being replaced while it was being locked")
    }

    /// Removes the file and drops the lock (in that order, so a waiting process never locks a
    /// file that is about to disappear without noticing). Safe to call more than once.
    public func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            unlink(url.path)
            close(descriptor)
            descriptor = -1
        }
    }

    private static func readHolder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
