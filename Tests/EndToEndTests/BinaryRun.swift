import Foundation
import PylonEmulator

#if canImport(Glibc)
    import Glibc
#endif

/// The built binary started in any folder against a harness's emulator, with output in files
/// (no reader threads to starve), to be awaited or killed: for soaks, kills and races.
final class BinaryRun: @unchecked Sendable {
    let process = Process()
    private let outputURL: URL
    private let errorURL: URL
    private let exit = ExitSignal()

    init(
        _ arguments: [String], in directory: URL, harness: EndToEndHarness,
        environment extra: [String: String] = [:]
    ) throws {
        process.executableURL = EndToEndHarness.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["PYLON_API_URL"] = harness.emulator.baseURL.absoluteString
        environment["PYLON_API_TOKEN"] = EndToEndHarness.token
        environment["NO_COLOR"] = "1"
        environment["PYLON_RATE_LIMIT_SCALE"] = "1000"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let scratch = FileManager.default.temporaryDirectory
        outputURL = scratch.appendingPathComponent("run-\(UUID().uuidString).out")
        errorURL = scratch.appendingPathComponent("run-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardInput = FileHandle.nullDevice
        let exit = self.exit
        process.terminationHandler = { process in exit.finish(process.terminationStatus) }
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the exit and returns the status and output (files removed).
    func wait() async -> EndToEndHarness.Result {
        let status = await exit.status() ?? -1
        let stdout = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outputURL)
        try? FileManager.default.removeItem(at: errorURL)
        return EndToEndHarness.Result(status: status, stdout: stdout, stderr: stderr)
    }

    /// Waits for `event` (such as the emulator answering the run's first write) or for the run
    /// to end, whichever comes first: true when the event came first. `event` must return when
    /// its task is cancelled, as `RunningEmulator.waitForRequests` does.
    func waitUntil(_ event: @escaping @Sendable () async -> Void) async -> Bool {
        let exit = self.exit
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await event()
                return !Task.isCancelled
            }
            group.addTask {
                _ = await exit.status()
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}

/// A process's exit status, awaited by any number of tasks; a cancelled wait returns nil.
private final class ExitSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var code: Int32?
    private var waiters: [UInt64: CheckedContinuation<Int32?, Never>] = [:]
    private var lastWaiterID: UInt64 = 0

    func finish(_ status: Int32) {
        let waiting: [CheckedContinuation<Int32?, Never>] = lock.withLock {
            code = status
            defer { waiters.removeAll() }
            return Array(waiters.values)
        }
        for waiter in waiting { waiter.resume(returning: status) }
    }

    func status() async -> Int32? {
        let id: UInt64 = lock.withLock {
            lastWaiterID += 1
            return lastWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int32?, Never>) in
                let known: Int32?? = lock.withLock {
                    if let code { return .some(code) }
                    if Task.isCancelled { return .some(nil) }
                    waiters[id] = continuation
                    return .none
                }
                if let known { continuation.resume(returning: known) }
            }
        } onCancel: {
            let waiter = self.lock.withLock { self.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }
}
