import Foundation
import PylonAPI
import PylonKB

/// A pretend Pylon for the newer-surface apply tests: answers the few writes these tests make,
/// with or without each newer capability, and records every request.
final class NewerSurfaceFakeServer: HTTPTransport, @unchecked Sendable {
    struct Surface: Sendable {
        var collectionUpdates = true
        var articleUnpublish = true
        var reviewRequests = true
        /// `GET /me` names this user.
        var tokenUser: String? = nil
        /// Review requests for these article ids fail with a 500 and a request_id.
        var failingReviews: Set<String> = []
    }

    struct Request: Sendable {
        var method: String
        var path: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var body: Data
    }

    private let lock = NSLock()
    private var recorded: [Request] = []
    let surface: Surface

    init(_ surface: Surface = Surface()) {
        self.surface = surface
    }

    var requests: [Request] { lock.withLock { recorded } }
    var writes: [Request] { requests.filter { $0.method != "GET" && $0.path != "/users/search" } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.url.path
        let entry = Request(method: request.method, path: path, body: request.body ?? Data())
        lock.withLock { recorded.append(entry) }
        let segments = path.split(separator: "/").map(String.init)
        switch (request.method, segments.count) {
        case ("GET", 1) where segments[0] == "me":
            let user = surface.tokenUser.map {
                #", "user": {"id": "\#($0)", "name": "Token User", "email": "token@example.com"}"#
            }
            return Self.json(
                200, #"{"data": {"organization": {"id": "org-1", "name": "Org"}\#(user ?? "")}}"#)
        case ("PATCH", 4) where segments[2] == "collections":
            guard surface.collectionUpdates else {
                return Self.json(405, #"{"errors": ["Method not allowed"]}"#)
            }
            var object = entry.json
            object["id"] = segments[3]
            return Self.json(200, Self.envelope(object))
        case ("PATCH", 4) where segments[2] == "articles":
            var object = entry.json
            if object["is_published"] != nil, !surface.articleUnpublish {
                return Self.json(400, #"{"errors": ["unknown field \"is_published\""]}"#)
            }
            object["id"] = segments[3]
            object["slug"] = "some-slug"
            return Self.json(200, Self.envelope(object))
        case ("POST", 3) where segments[2] == "articles":
            var object = entry.json
            let slug = object["slug"] as? String ?? "untitled"
            object["id"] = "art-\(slug)"
            object["identifier"] = "4200\(requests.count)"
            object["slug"] = slug
            return Self.json(200, Self.envelope(object))
        case ("POST", 5) where segments[4] == "request-review":
            guard surface.reviewRequests else { return Self.json(404, #"{"errors": ["Not found"]}"#) }
            if surface.failingReviews.contains(segments[3]) {
                return Self.json(
                    500, #"{"errors": ["review service unavailable"], "request_id": "req-review-1"}"#)
            }
            return Self.json(200, #"{"data": {}}"#)
        default:
            return Self.json(404, #"{"errors": ["no route for \#(request.method) \#(path) in this fake"]}"#)
        }
    }

    static func envelope(_ object: [String: Any]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["data": object])
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(text.utf8))
    }

    /// A client over this fake, without retries (a 500 is reported at once).
    func client() throws -> PylonClient {
        try PylonClient(
            configuration: PylonClientConfiguration(
                baseURL: URL(string: "https://api.example.test")!, token: "test-token", rateLimitScale: 1000,
                retryPolicy: RetryPolicy(
                    maxAttempts: 1, baseDelay: .milliseconds(1), maxDelay: .milliseconds(1),
                    maxElapsed: .seconds(5))),
            transport: self)
    }

    /// Applies `plan` against this fake, as `apply` does, with nothing to read images from.
    func apply(
        _ plan: Plan, snapshot: RemoteSnapshot, state: DeploymentState, reviews: ReviewRequestOptions? = nil
    ) async throws -> (ApplyReport, DeploymentState) {
        let context = ApplyContext(
            snapshot: snapshot, siteURL: nil, readImage: { _ in Data() }, reviews: reviews)
        return await Applier(client: try client()).apply(plan, context: context, state: state, store: nil)
    }
}
