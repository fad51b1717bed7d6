import PylonAPI
import PylonEmulator
import Testing

/// A Pylon-like server the end-to-end suites run against: how it writes JSON and stores HTML
/// (`WireProfile`) and which API it serves (`APISurface`). The suites that cover the main job
/// (publish, rerun, edit, rename, move, removal, export, migrate, the fault soak) take these as
/// arguments, so every scenario is proven against servers that do not share the client's
/// assumptions, from one copy of each test.
struct ServerProfile: Sendable, CustomTestStringConvertible {
    var wire: WireProfile
    var surface: APISurface

    var testDescription: String { "\(wire.rawValue) wire, \(surface.rawValue) API" }

    /// The emulator as it was before wire profiles: tidy JSON, the newer API.
    static let tidy = ServerProfile(wire: .tidy, surface: .current)
    /// A Go backend serving exactly Pylon's OpenAPI document: every field present, unset ones
    /// as `""`, `false`, `0`, `[]` or `null`, and out-of-schema request fields refused.
    static let goDocumented = ServerProfile(wire: .go, surface: .documented)
    /// Arbitrary field order, unknown fields, numbers as strings, HTML normalised on write.
    static let hostile = ServerProfile(wire: .hostile, surface: .current)
    /// The strangest: hostile output from a server without the newer surface.
    static let hostileDocumented = ServerProfile(wire: .hostile, surface: .documented)

    static let all: [ServerProfile] = [.tidy, .goDocumented, .hostile, .hostileDocumented]
    /// For the slowest suites (the soak, large corpora): one server per wire profile, both surfaces.
    static let each: [ServerProfile] = [.tidy, .goDocumented, .hostile]
}

extension EndToEndHarness {
    /// Requests outside Pylon's OpenAPI document that the emulator received since the last reset:
    /// newer-surface endpoints, and requests a documented-surface server refused (it answers 400
    /// to a field outside the schema). On a documented server, only the one-time capability
    /// probes a scenario needs may appear (docs/emulator.md); everything else must stay inside.
    func requestsOutsideTheDocumentedAPI() async -> [LoggedRequest] {
        let newer: Set<PylonEndpoint> = [.updateCollection, .requestArticleReview]
        return await emulator.requestLog().filter { request in
            if let endpoint = request.endpoint, newer.contains(endpoint) { return true }
            // A documented server refuses a field outside the schema (400) and a route it does
            // not serve (405, or 404 for a path it does not know).
            guard profile.surface == .documented, let status = request.status else { return false }
            return status == 400 || status == 405 || (status == 404 && request.method != "GET")
        }
    }
}

extension EndToEndHarness {
    /// What the emulator stores for `html` written through the API: the same text, except on a
    /// server that normalises HTML on write.
    func storedForm(of html: String) -> String {
        EmulatorConfiguration(token: "", sanitize: sanitize, wire: profile.wire).storedHTML(html)
    }
}
