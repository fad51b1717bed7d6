import Foundation
import Hummingbird
import Logging
import NIOCore
import PylonKB
import ServiceLifecycle

/// The HTTP side of `pylon-kb preview`: every GET is answered from the `LivePreview` (pages,
/// assets, images), and `/_preview/events` streams its status as server-sent events, so an open
/// page reloads, or shows its overlay, the moment a build ends. Bound to loopback by default:
/// the preview shows drafts and internal articles.
struct PreviewServer: Sendable {
    let preview: LivePreview

    /// Serves until the surrounding task is cancelled; `onStart` gets the address once it listens.
    func run(host: String, port: Int, onStart: @escaping @Sendable (URL) async -> Void) async throws {
        let responder = PreviewResponder(preview: preview, boundHost: host)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? port) },
            logger: Logger(label: "pylon-kb-preview", factory: { _ in SwiftLogNoOpLogHandler() }))
        var configuration = ServiceGroupConfiguration(
            services: [application],
            logger: Logger(label: "pylon-kb-preview", factory: { _ in SwiftLogNoOpLogHandler() }))
        // Open event streams never end by themselves: they are ended first, then the rest.
        configuration.maximumGracefulShutdownDuration = .seconds(2)
        let group = ServiceGroup(configuration: configuration)
        let preview = self.preview
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                do {
                    try await group.run()
                } catch let error as IOError where error.errnoCode == EADDRINUSE {
                    throw CommandFailure(
                        "Port \(port) on \(host) is already in use (another preview?); stop that program, or pass --port 0 to take any free port."
                    )
                } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL {
                    throw CommandFailure(
                        "\(host) is not an address of this machine; pass --host 127.0.0.1 (the default).")
                }
            }
            tasks.addTask {
                for await bound in ports {
                    let hostText = host.contains(":") ? "[\(host)]" : host
                    if let url = URL(string: "http://\(hostText):\(bound)/") { await onStart(url) }
                    break
                }
            }
            try await withTaskCancellationHandler {
                try await tasks.next()
                try await tasks.next()
            } onCancel: {
                Task {
                    await preview.finishUpdates()
                    await group.triggerGracefulShutdown()
                }
            }
        }
    }
}

struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let preview: LivePreview
    let boundHost: String

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed)
        }
        guard Self.isAllowed(host: request.head.authority, boundHost: boundHost) else {
            return Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(
                    byteBuffer: ByteBuffer(
                        string:
                            "pylon-kb preview answers only requests for its own address (an IP address, localhost or the --host name).\n"
                    )))
        }
        let path = request.uri.path
        if path == "/_preview/events" { return await events() }
        guard let answer = await preview.response(for: path) else { return Response(status: .notFound) }
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        // Every answer is of the build now; a cached page would miss the next reload.
        headers[.cacheControl] = "no-store"
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// DNS rebinding: a web page elsewhere can point its own name at 127.0.0.1 and read the
    /// preview (drafts, internal articles) from a browser. Such requests carry that name as
    /// their Host, so only IP addresses (which no rebinding can fake), `localhost` and the
    /// name given with --host are answered.
    static func isAllowed(host authority: String?, boundHost: String) -> Bool {
        guard var name = authority?.lowercased(), !name.isEmpty else { return false }
        if name.hasPrefix("[") {
            return name.contains("]")  // an IPv6 address
        }
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        return name.wholeMatch(of: /\d{1,3}(\.\d{1,3}){3}/) != nil || name == "localhost"
            || name == boundHost.lowercased()
    }

    private func events() async -> Response {
        let updates = await preview.updates()
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        let encoder = JSONEncoder()
        let stream = updates.map { status in
            let json = (try? encoder.encode(status)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return ByteBuffer(string: "event: status\ndata: \(json)\n\n")
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: stream))
    }
}
