import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What one child process cost: wall time, and its peak resident memory as the kernel counts
/// it (`ru_maxrss` from `wait4`, so nothing of this process is mixed in).
struct ChildRun {
    /// When the child was spawned (seconds since 1970, the emulator's `received_at` clock).
    var startedAt: Double
    var seconds: Double
    var peakMegabytes: Double
    /// User + system CPU time of the child.
    var cpuSeconds: Double
    var status: Int32
    var stdout: String
    var stderr: String

    var succeeded: Bool { status == 0 }
}

enum ChildProcess {
    /// Runs `executable` with `arguments` in `directory`, the current environment plus
    /// `environment`, its output captured in files under `scratch` (pipes could fill and stall it).
    ///
    /// Waiting for the child happens on a thread of its own: blocking one of the two threads
    /// Swift concurrency has on this machine would leave the in-process emulator, the server
    /// being measured against, one thread to answer with.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        scratch: URL
    ) async throws -> ChildRun {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try runBlocking(executable, arguments, environment: environment, scratch: scratch)
                    })
            }
            thread.start()
        }
    }

    private static func runBlocking(
        _ executable: String, _ arguments: [String], environment: [String: String],
        scratch: URL
    ) throws -> ChildRun {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let out = scratch.appendingPathComponent("child-\(getpid())-stdout.txt").path
        let err = scratch.appendingPathComponent("child-\(getpid())-stderr.txt").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            merged.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let startedAt = Date().timeIntervalSince1970
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("could not run \(executable): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = seconds(ContinuousClock.now - start)
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildRun(
            startedAt: startedAt, seconds: elapsed, peakMegabytes: Double(usage.ru_maxrss) / 1024,
            cpuSeconds: cpuSeconds(usage.ru_utime) + cpuSeconds(usage.ru_stime), status: exitCode,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}

func cpuSeconds(_ time: timeval) -> Double {
    Double(time.tv_sec) + Double(time.tv_usec) / 1e6
}

/// CPU time this process (and so the in-process emulator) has used so far.
func ownCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return cpuSeconds(usage.ru_utime) + cpuSeconds(usage.ru_stime)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Prints a line at once (the runs take minutes; a pipe should see progress).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func format(_ value: Double, _ digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
}
