import Foundation
import PylonAPI

/// GETs against one vendor API through the project's transport seam: credentials only to the
/// API's own origin, 429 retried after `Retry-After`, 5xx and lost connections retried with
/// backoff, everything else a clear `ImportFailure`. Time comes from an injected clock, so the
/// waits are asserted on virtual time.
struct VendorClient: Sendable {
    let vendor: ImportVendor
    let baseURL: URL
    /// `Authorization` value; sent only to `baseURL`'s origin, never printed.
    let authorization: String?
    /// Extra headers every API request carries (`Intercom-Version`).
    let extraHeaders: [String: String]
    /// Which environment variables hold the credentials, for messages.
    let credentialHint: String
    private(set) var transport: any HTTPTransport
    let maxAttempts: Int
    let backoff: RetryPolicy
    private let sleep: @Sendable (Duration) async throws -> Void

    init<C: Clock>(
        vendor: ImportVendor, baseURL: URL, authorization: String?, extraHeaders: [String: String] = [:],
        credentialHint: String, transport: any HTTPTransport, maxAttempts: Int = 5,
        backoff: RetryPolicy = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(30)),
        clock: C = ContinuousClock()
    ) where C.Duration == Duration {
        self.vendor = vendor
        self.baseURL = baseURL
        self.authorization = authorization
        self.extraHeaders = extraHeaders
        self.credentialHint = credentialHint
        self.transport = transport
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        sleep = { duration in try await clock.sleep(for: duration) }
    }

    /// `path` (with its query) on the API.
    func url(_ pathAndQuery: String) -> URL {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + pathAndQuery)!
    }

    /// Whether `url` is on the API's origin (scheme, host and port), the only place the
    /// credentials go.
    func isAPIOrigin(_ url: URL) -> Bool {
        Self.origin(url) == Self.origin(baseURL)
    }

    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    /// The same client on another transport (images, whose redirects it follows itself).
    func with(transport: any HTTPTransport) -> VendorClient {
        var copy = self
        copy.transport = transport
        return copy
    }

    /// GETs `url` and decodes a JSON object.
    func getObject(_ url: URL) async throws -> LooseJSON {
        let response = try await get(url, accept: "application/json")
        guard let object = LooseJSON.parse(response.body), object.isObject else {
            throw ImportFailure.malformed(vendor, Self.display(url))
        }
        return object
    }

    /// GETs `url`, retrying what may succeed later; the answer is a 2xx.
    /// With `redirects`, a 3xx is returned for the caller to follow (images: an attachment
    /// address on the API host that redirects to a CDN is fetched there without credentials).
    func get(_ url: URL, accept: String, redirects: Bool = false) async throws -> HTTPResponse {
        var headers = ["Accept": accept, "User-Agent": PylonKBVersion.userAgent]
        let authorized = isAPIOrigin(url)
        if authorized {
            for (name, value) in extraHeaders { headers[name] = value }
            if let authorization { headers["Authorization"] = authorization }
        }
        var attempt = 1
        while true {
            let response: HTTPResponse
            do {
                response = try await transport.send(
                    HTTPRequest(method: "GET", url: url, headers: headers, timeout: .seconds(60)))
            } catch let error as HTTPTransportError {
                guard attempt < maxAttempts else {
                    throw ImportFailure.unreachable(
                        vendor, Self.display(url), error.message, attempts: attempt)
                }
                try await sleep(backoff.backoff(retry: attempt))
                attempt += 1
                continue
            }
            switch response.status {
            case 200..<300:
                return response
            case 300..<400 where redirects:
                return response
            case 401, 403:
                guard authorized else {
                    throw ImportFailure.refused(vendor, Self.display(url), status: response.status)
                }
                throw ImportFailure.unauthorized(vendor, status: response.status, hint: credentialHint)
            case 429:
                guard attempt < maxAttempts else {
                    throw ImportFailure.rateLimited(vendor, Self.display(url), attempts: attempt)
                }
                // Help Scout sends no Retry-After, but the seconds left in its window.
                let reset = response.header("X-RateLimit-Reset").flatMap(Double.init).map {
                    Duration.seconds($0)
                }
                let wait =
                    RetryPolicy.retryAfter(response.header("Retry-After")) ?? reset
                    ?? backoff.backoff(retry: attempt)
                // A wait longer than ten minutes is a closed window, not a pause: say so now.
                guard wait <= backoff.maxElapsed else {
                    throw ImportFailure.rateLimited(vendor, Self.display(url), attempts: attempt)
                }
                try await sleep(wait)
            case 500...:
                guard attempt < maxAttempts else {
                    throw ImportFailure.server(
                        vendor, Self.display(url), status: response.status, attempts: attempt)
                }
                try await sleep(backoff.backoff(retry: attempt))
            default:
                throw ImportFailure.refused(vendor, Self.display(url), status: response.status)
            }
            attempt += 1
        }
    }

    /// The address without its query (page cursors make messages long, and a query is where a
    /// careless server could echo something private).
    static func display(_ url: URL) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.query = nil
        components?.user = nil
        components?.password = nil
        return components?.string ?? url.path
    }
}

/// Why an import stopped. Every message says what to do; none contains a credential.
public enum ImportFailure: Error, CustomStringConvertible, Sendable, Equatable {
    case unauthorized(ImportVendor, status: Int, hint: String)
    case rateLimited(ImportVendor, String, attempts: Int)
    case server(ImportVendor, String, status: Int, attempts: Int)
    case refused(ImportVendor, String, status: Int)
    case unreachable(ImportVendor, String, String, attempts: Int)
    case malformed(ImportVendor, String)
    case localEdits([String])
    case write(String, String)
    case choose(String)

    public var description: String {
        let nothing = "Nothing was written; run the same command again to resume."
        switch self {
        case .unauthorized(let vendor, let status, let hint):
            return
                "\(vendor.displayName) refused the credentials (HTTP \(status)). Check \(hint), and that the account may read the help center. \(nothing)"
        case .rateLimited(let vendor, let url, let attempts):
            return
                "\(vendor.displayName) kept answering 429 Too Many Requests to GET \(url) (\(attempts) attempts, each after the wait it asked for). \(nothing) Wait a few minutes, or raise --max-attempts."
        case .server(let vendor, let url, let status, let attempts):
            return
                "\(vendor.displayName) answered HTTP \(status) to GET \(url) (\(attempts) attempts). \(nothing)"
        case .refused(let vendor, let url, let status):
            return
                "\(vendor.displayName) answered HTTP \(status) to GET \(url). Check --url and the account's access. \(nothing)"
        case .unreachable(let vendor, let url, let reason, let attempts):
            return
                "\(vendor.displayName) did not answer GET \(url) (\(reason); \(attempts) attempts). Check --url and the network. \(nothing)"
        case .malformed(let vendor, let url):
            return
                "\(vendor.displayName) answered GET \(url) with something that is not a JSON object. \(nothing)"
        case .localEdits(let paths):
            return
                "\(paths.count) file\(paths.count == 1 ? "" : "s") changed since the last import: \(paths.joined(separator: ", ")). Nothing was written. Commit or move your edits, or pass --force to overwrite them."
        case .write(let path, let reason):
            return "Could not write \(path): \(reason)"
        case .choose(let message):
            return message
        }
    }
}
