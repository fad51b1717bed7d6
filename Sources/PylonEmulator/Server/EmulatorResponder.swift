import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PylonAPI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every request passes here: admin view, preview pages and attachments first (no auth), then
/// the Pylon API in the order a real gateway applies things: route, auth, rate limit, faults,
/// handler. Every API answer, errors included, carries a `request_id`.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    let configuration: EmulatorConfiguration
    let store: EmulatorStore
    let state: EmulatorState
    let api: APIHandler
    let preview: PreviewSite
    let shaper: WireShaper

    /// Uploads above this size are refused (Pylon's own limit is not documented).
    static let maximumBodySize = 64 * 1024 * 1024

    init(configuration: EmulatorConfiguration, store: EmulatorStore, state: EmulatorState) {
        self.configuration = configuration
        self.store = store
        self.state = state
        self.api = APIHandler(
            store: store, honourSlugUpdates: configuration.honourSlugUpdates,
            surface: configuration.apiSurface)
        self.preview = PreviewSite(store: store)
        self.shaper = WireShaper(
            profile: configuration.wire, surface: configuration.apiSurface, seed: configuration.wireSeed)
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let receivedAt = Date().timeIntervalSince1970
        let path = request.uri.path
        let method = request.method.rawValue
        if path == "/_emulator" || path.hasPrefix("/_emulator/") {
            return try await admin(method: method, path: path, query: Self.query(request))
        }
        if method == "GET",
            path == "/" || path.hasPrefix("/kb/") || path.hasPrefix(PreviewSite.assetPrefix)
                || Self.isAttachmentDownload(path)
        {
            let response = try await publicPage(path: path)
            await state.record(
                LoggedRequest(
                    method: method, path: path, status: response.status.code, endpoint: nil,
                    receivedAt: receivedAt))
            return response
        }
        let requestID = Self.newRequestID()
        var entry = LoggedRequest(
            method: method, path: path, status: nil, endpoint: nil, requestID: requestID,
            receivedAt: receivedAt)
        let response = await api(request: request, context: context, requestID: requestID, entry: &entry)
        entry.status = response?.status.code
        await state.record(entry)
        return response ?? Response(status: .internalServerError)
    }

    // MARK: API

    /// nil when the connection was reset on purpose.
    private func api(
        request: Request, context: Context, requestID: String, entry: inout LoggedRequest
    ) async -> Response? {
        let path = request.uri.path
        let method = request.method.rawValue
        guard let endpoint = PylonEndpoint.match(method: method, path: path),
            Self.serves(endpoint, surface: configuration.apiSurface)
        else {
            let allowed = Self.allowedMethods(for: path, surface: configuration.apiSurface)
            if !allowed.isEmpty {
                return await apiError(
                    405,
                    "The method \(method) is not allowed on \(path); use \(allowed.joined(separator: " or ")).",
                    requestID: requestID, headers: [.allow: allowed.joined(separator: ", ")])
            }
            return await apiError(404, "No route for \(method) \(path).", requestID: requestID)
        }
        entry.endpoint = endpoint
        await state.received(entry)
        guard authorized(request) else {
            return await apiError(
                401, "Missing or invalid bearer token: send Authorization: Bearer <token>.",
                requestID: requestID)
        }
        if let wait = await state.admit(endpoint) {
            let seconds = Int((wait / .seconds(1)).rounded(.up))
            return await apiError(
                429, "Rate limit exceeded for \(endpoint.rawValue); retry after \(seconds) s.",
                requestID: requestID,
                headers: [HTTPField.Name("Retry-After")!: "\(max(seconds, 1))"])
        }
        let outcome = await state.faultOutcome(for: endpoint)
        if outcome.delayMilliseconds > 0 {
            try? await state.timeline.sleep(for: .milliseconds(outcome.delayMilliseconds))
        }
        var appliedButFailed = false
        switch outcome.fault {
        case .rateLimited(let retryAfter)?:
            entry.fault = retryAfter == nil ? "429-no-retry-after" : "429"
            var headers = HTTPFields()
            if let retryAfter { headers[HTTPField.Name("Retry-After")!] = "\(retryAfter)" }
            return await apiError(
                429, "Rate limit exceeded (injected).", requestID: requestID, headers: headers)
        case .serverError(let status)?:
            entry.fault = "\(status)"
            return await apiError(status, "Internal error (injected).", requestID: requestID)
        case .connectionReset?:
            entry.fault = "reset"
            await Self.reset(context.channel)
            return nil
        case .appliedButFailed?:
            entry.fault = "500-applied"
            appliedButFailed = true
        case .delay?, .randomDelay?, nil:
            break
        }
        let response: Response
        do {
            let body: [UInt8]
            if method == "GET" || method == "DELETE" {
                body = []
            } else {
                let buffer = try await request.body.collect(upTo: Self.maximumBodySize)
                body = Array(buffer.readableBytesView)
            }
            let call = APIHandler.Call(
                endpoint: endpoint,
                segments: path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) },
                query: Self.query(request), body: body, contentType: request.headers[.contentType],
                origin: origin(request))
            var fields = try await api.handle(call)
            fields["request_id"] = .string(requestID)
            response = await answer(
                200, .object(fields), shape: .success(data: WireSchema.data(of: endpoint)))
        } catch let error as APIError {
            response = await apiError(
                error.status, error.message, requestID: requestID, existsID: error.existsID)
        } catch {
            response = await apiError(500, "Internal error: \(error)", requestID: requestID)
        }
        if appliedButFailed {
            return await apiError(
                500, "Internal error (injected after the request was applied).", requestID: requestID)
        }
        return response
    }

    /// The methods of the most specific path templates matching `path`, so `/users/search`
    /// allows only POST although `/users/{id}` would also match its shape.
    static func allowedMethods(for path: String, surface: APISurface) -> [String] {
        let parts = path.split(separator: "/")
        var best = -1
        var methods: [String] = []
        for endpoint in PylonEndpoint.allCases where serves(endpoint, surface: surface) {
            let template = endpoint.pathTemplate.split(separator: "/")
            guard template.count == parts.count,
                zip(template, parts).allSatisfy({ $0.hasPrefix("{") || $0 == $1 })
            else { continue }
            let literals = template.filter { !$0.hasPrefix("{") }.count
            if literals > best {
                best = literals
                methods = [endpoint.method]
            } else if literals == best, !methods.contains(endpoint.method) {
                methods.append(endpoint.method)
            }
        }
        return methods
    }

    /// The documented surface has no collection PATCH (a 405, as for any method a path lacks)
    /// and no review requests (a 404: the path does not exist).
    static func serves(_ endpoint: PylonEndpoint, surface: APISurface) -> Bool {
        switch (surface, endpoint) {
        case (.documented, .updateCollection), (.documented, .requestArticleReview): false
        default: true
        }
    }

    /// Closes the connection without a response. SO_LINGER 0 makes the close an RST, so the
    /// client sees "connection reset" rather than a clean end of stream.
    private static func reset(_ channel: any Channel) async {
        if let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close().get()
    }

    private func authorized(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization] else { return false }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return Self.constantTimeEqual(Array(parts[1].utf8), Array(configuration.token.utf8))
    }

    /// Compares without an early exit, so timing does not leak how much of a token matched.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0 && left.count == right.count
    }

    private func origin(_ request: Request) -> String {
        if let authority = request.head.authority, !authority.isEmpty { return "http://\(authority)" }
        return "http://\(configuration.host):\(configuration.port)"
    }

    private static func query(_ request: Request) -> [String: String] {
        guard let query = request.uri.query, !query.isEmpty else { return [:] }
        var components = URLComponents()
        components.percentEncodedQuery = query
        var result: [String: String] = [:]
        for item in components.queryItems ?? [] where result[item.name] == nil {
            result[item.name] = item.value ?? ""
        }
        return result
    }

    private static func newRequestID() -> String {
        let high = UInt64.random(in: .min ... .max)
        let low = UInt32.random(in: .min ... .max)
        return "req_" + String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(8)
    }

    // MARK: Public pages and admin

    private static func isAttachmentDownload(_ path: String) -> Bool {
        path.hasPrefix("/attachments/") && path.split(separator: "/").count == 3
    }

    private func publicPage(path: String) async throws -> Response {
        if Self.isAttachmentDownload(path) {
            let segments = path.split(separator: "/").map(String.init)
            guard let attachment = try await store.attachment(id: segments[1]) else {
                return Self.text(404, "Attachment not found.")
            }
            var headers = HTTPFields()
            headers[.contentType] = attachment.contentType
            headers[.cacheControl] = "public, max-age=31536000, immutable"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: attachment.data)))
        }
        guard let page = try await preview.resource(path: path) else {
            return Self.text(404, "Page not found.")
        }
        var headers = HTTPFields()
        headers[.contentType] = page.contentType
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.body)))
    }

    private func admin(method: String, path: String, query: [String: String]) async throws -> Response {
        switch (method, path) {
        case ("GET", "/_emulator/requests"):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(await state.requestLog())
            return Self.raw(200, data)
        case ("DELETE", "/_emulator/requests"):
            await state.resetRequestLog()
            return Self.raw(200, Data("{}".utf8))
        case ("GET", "/_emulator/redirects"):
            guard let base = query["kb"] else {
                return Self.error(400, "kb is required.", requestID: Self.newRequestID())
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Self.raw(200, try encoder.encode(try await store.routeRedirects(knowledgeBaseID: base)))
        default:
            return Self.error(404, "No admin route for \(method) \(path).", requestID: Self.newRequestID())
        }
    }

    // MARK: Responses

    /// An API answer in the configured wire profile.
    private func answer(
        _ status: Int, _ body: JSONValue, shape: WireShaper.Shape, headers: HTTPFields = HTTPFields()
    ) async -> Response {
        let sequence = await state.nextAnswerNumber()
        return Self.raw(status, shaper.encode(body, shape: shape, sequence: sequence), headers: headers)
    }

    private func apiError(
        _ status: Int, _ message: String, requestID: String, existsID: String? = nil,
        headers: HTTPFields = HTTPFields()
    ) async -> Response {
        await answer(
            status, Self.errorBody(message, requestID: requestID, existsID: existsID), shape: .error,
            headers: headers)
    }

    static func json(_ status: Int, _ value: JSONValue, headers: HTTPFields = HTTPFields()) -> Response {
        raw(status, value.encoded(), headers: headers)
    }

    static func raw(_ status: Int, _ data: Data, headers: HTTPFields = HTTPFields()) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(
        _ status: Int, _ message: String, requestID: String, existsID: String? = nil,
        headers: HTTPFields = HTTPFields()
    ) -> Response {
        json(status, errorBody(message, requestID: requestID, existsID: existsID), headers: headers)
    }

    static func errorBody(_ message: String, requestID: String, existsID: String?) -> JSONValue {
        var fields: [String: JSONValue] = [
            "errors": .array([.string(message)]), "request_id": .string(requestID),
        ]
        if let existsID { fields["exists_id"] = .string(existsID) }
        return .object(fields)
    }

    private static func text(_ status: Int, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
