import Foundation
import PylonAPI

/// Checks http(s) addresses over the network (`check --external-links`): HEAD first, GET when
/// a server refuses HEAD (405, 403, 501), redirects followed by hand up to
/// `max_redirects` (to any host), at most `per_host` requests in flight per host and
/// `maximumInFlight` in all. No request carries credentials: only a User-Agent and Accept
/// header are sent, and a user name or password written in a link is removed before sending.
public struct ExternalLinkChecker: Sendable {
    public var transport: any HTTPTransport
    public var settings: ExternalLinkSettings
    public var userAgent: String
    /// All hosts together; the per-host limit keeps any one site from being hammered.
    public var maximumInFlight = 16

    public init(
        transport: any HTTPTransport, settings: ExternalLinkSettings,
        userAgent: String = PylonKBVersion.userAgent
    ) {
        self.transport = transport
        self.settings = settings
        self.userAgent = userAgent
    }

    /// The result for each address (each checked once).
    public func check(_ addresses: [String]) async -> [String: ExternalLinkResult] {
        var byHost: [String: [String]] = [:]
        var results: [String: ExternalLinkResult] = [:]
        for address in Set(addresses).sorted() {
            guard let url = Self.requestURL(address), let host = url.host?.lowercased() else {
                results[address] = ExternalLinkResult(kind: .unreachable, detail: "not a valid address")
                continue
            }
            byHost[host, default: []].append(address)
        }
        let gate = InFlightGate(limit: maximumInFlight)
        let perHost = max(1, settings.perHost)
        await withTaskGroup(of: [(String, ExternalLinkResult)].self) { group in
            for (_, hostAddresses) in byHost {
                // Stripes: worker i takes addresses i, i + perHost, …, so a host never has more
                // than `perHost` requests in flight.
                for stripe in 0..<min(perHost, hostAddresses.count) {
                    let mine = stride(from: stripe, to: hostAddresses.count, by: perHost).map {
                        hostAddresses[$0]
                    }
                    group.addTask {
                        var found: [(String, ExternalLinkResult)] = []
                        for address in mine {
                            await gate.enter()
                            found.append((address, await checkOne(address)))
                            await gate.leave()
                        }
                        return found
                    }
                }
            }
            for await found in group {
                for (address, result) in found { results[address] = result }
            }
        }
        return results
    }

    /// One address, redirects included.
    func checkOne(_ address: String) async -> ExternalLinkResult {
        guard var url = Self.requestURL(address) else {
            return ExternalLinkResult(kind: .unreachable, detail: "not a valid address")
        }
        for _ in 0...settings.maximumRedirects {
            let response: HTTPResponse
            do {
                response = try await fetch(url)
            } catch let error as HTTPTransportError {
                switch error.kind {
                case .timedOut: return ExternalLinkResult(kind: .timedOut)
                case .responseTooLarge: return ExternalLinkResult(kind: .reachable)
                default: return ExternalLinkResult(kind: .unreachable, detail: error.message)
                }
            } catch {
                return ExternalLinkResult(kind: .unreachable, detail: "\(error)")
            }
            if [301, 302, 303, 307, 308].contains(response.status),
                let location = response.header("location"),
                let next = URL(string: location, relativeTo: url)?.absoluteURL.withoutCredentials,
                ["http", "https"].contains(next.scheme?.lowercased() ?? "")
            {
                url = next
                continue
            }
            let kind: ExternalLinkResult.Kind = [404, 410].contains(response.status) ? .gone : .reachable
            return ExternalLinkResult(kind: kind, status: response.status)
        }
        return ExternalLinkResult(kind: .tooManyRedirects)
    }

    /// HEAD, then GET when the server does not do HEAD.
    private func fetch(_ url: URL) async throws -> HTTPResponse {
        let head = try await transport.send(request("HEAD", url))
        guard [405, 403, 501].contains(head.status) else { return head }
        return try await transport.send(request("GET", url))
    }

    private func request(_ method: String, _ url: URL) -> HTTPRequest {
        HTTPRequest(
            method: method, url: url, headers: ["User-Agent": userAgent, "Accept": "*/*"],
            timeout: settings.timeout,
            // Only the status matters; a large page is cut off (and counts as reachable).
            maximumResponseBytes: 2 << 20)
    }

    /// The address to request: http(s) with a host, the `#fragment` and any credentials removed.
    static func requestURL(_ address: String) -> URL? {
        guard var components = URLComponents(string: address.trimmingCharacters(in: .whitespaces)),
            ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
            components.host?.isEmpty == false
        else { return nil }
        components.fragment = nil
        components.user = nil
        components.password = nil
        return components.url
    }
}

extension URL {
    fileprivate var withoutCredentials: URL? {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return nil }
        components.user = nil
        components.password = nil
        components.fragment = nil
        return components.url
    }
}

/// At most `limit` callers between `enter()` and `leave()`; the others wait in order.
actor InFlightGate {
    private let limit: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func enter() async {
        if inside < limit {
            inside += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            inside -= 1
        } else {
            // The place passes straight to the next caller.
            waiting.removeFirst().resume()
        }
    }
}
