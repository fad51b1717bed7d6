import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The local Pylon: a Hummingbird server that answers Pylon's knowledge-base API the way the
/// production server behaves (see `docs/emulator.md`).
///
/// ```swift
/// let emulator = try await PylonEmulator.start(EmulatorConfiguration(token: "local-token"))
/// defer { Task { await emulator.stop() } }
/// // talk to emulator.baseURL with "Authorization: Bearer local-token"
/// ```
public enum PylonEmulator {
    /// Opens the store, seeds it, binds the port and returns once the server accepts connections.
    public static func start(_ configuration: EmulatorConfiguration) async throws -> RunningEmulator {
        // Every stored body (create, PATCH, translations, drafts) passes here.
        let store = try EmulatorStore(
            directory: configuration.dataDirectory, sanitize: configuration.storedHTMLTransform)
        try await store.seed(configuration.seed)
        let state = EmulatorState(configuration: configuration)
        let responder = EmulatorResponder(configuration: configuration, store: store, state: state)
        let (ports, continuation) = AsyncThrowingStream<Int, any Error>.makeStream()
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? configuration.port)
            },
            logger: Logger(label: "pylon-emulator", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        // Run inside a service group so `stop()` can shut the server down gracefully: it stops
        // accepting, finishes the connections it has, then ends. Cancelling the server instead
        // can drop a connection NIO has just accepted, which traps ("Deinited NIOAsyncWriter
        // without calling finish()"). A shutdown that takes longer than two seconds (a client
        // holding a request open) is escalated to cancellation.
        var groupConfiguration = ServiceGroupConfiguration(
            services: [application],
            logger: Logger(label: "pylon-emulator", factory: { _ in SwiftLogNoOpLogHandler() }))
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(2)
        let serviceGroup = ServiceGroup(configuration: groupConfiguration)
        let task = Task {
            do {
                try await serviceGroup.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        let port: Int?
        do {
            var iterator = ports.makeAsyncIterator()
            port = try await iterator.next()
        } catch {
            throw EmulatorError.couldNotBind(
                host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        guard let port else {
            throw EmulatorError.couldNotBind(
                host: configuration.host, port: configuration.port, reason: "the server stopped at once")
        }
        let hostText = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        guard let baseURL = URL(string: "http://\(hostText):\(port)") else {
            preconditionFailure("http://\(hostText):\(port) is always a valid URL")
        }
        return RunningEmulator(
            baseURL: baseURL, port: port, seed: configuration.seed, state: state, store: store,
            serverTask: task, shutDown: { await serviceGroup.triggerGracefulShutdown() })
    }

    /// Runs the emulator until the surrounding task is cancelled (the CLI's `emulator` command).
    /// `onStart` receives the running server once it listens, e.g. to print its URL.
    public static func run(
        _ configuration: EmulatorConfiguration,
        onStart: @Sendable (RunningEmulator) async -> Void = { _ in }
    ) async throws {
        let emulator = try await start(configuration)
        await onStart(emulator)
        try await withTaskCancellationHandler {
            try await emulator.waitUntilStopped()
        } onCancel: {
            Task { await emulator.stop() }
        }
    }
}
