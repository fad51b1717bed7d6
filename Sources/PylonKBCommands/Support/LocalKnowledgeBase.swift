import Foundation
import PylonEmulator
import PylonKB

/// The knowledge base of a content folder with `target: local`: the emulator's data under
/// `.pylon-kb/local/`, seeded with one knowledge base that speaks the content's languages and
/// its authors as users. `apply` and `plan` run it in-process; `pylon-kb emulator` serves the
/// same data.
///
/// It lives here, not in PylonEmulator or PylonKB, because it joins the two: it reads a
/// content folder (PylonKB) and starts a server (PylonEmulator). Neither library depends on
/// the other, and the product library must not pull in the HTTP server stack. It is a plain
/// value, tested without any command (`LocalKnowledgeBaseTests`).
struct LocalKnowledgeBase: Sendable {
    /// The local knowledge base's id and the port it is served on by default, so that the
    /// URLs it stores (attachments, article links) keep working when `pylon-kb emulator`
    /// serves the same data later.
    static let knowledgeBaseID = "local"
    static let defaultPort = 4780

    let dataDirectory: URL
    let seed: EmulatorSeed
    /// A fresh token per run: only this process talks to the in-process emulator.
    let token = UUID().uuidString

    init(root: URL, languages: Set<String>, authors: Set<String>) {
        dataDirectory = root.appendingPathComponent(".pylon-kb/local", isDirectory: true)
        seed = Self.seed(languages: languages, authors: authors)
    }

    /// The local knowledge base of `root` when its pylon-kb.yml says `target: local`.
    init?(contentRoot root: URL) {
        let (configuration, _) = Configuration.load(root: root)
        guard configuration.target == .local else { return nil }
        self.init(
            root: root, languages: Translation.languages(under: root),
            authors: Set(configuration.author.map { [$0] } ?? []))
    }

    var stateStore: StateStore { StateStore(url: dataDirectory.appendingPathComponent("state.json")) }

    func createDataDirectory() throws {
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
    }

    /// Runs the emulator in this process on loopback, on `preferredPort` when it is free.
    func start(preferredPort: Int) async throws -> RunningEmulator {
        try createDataDirectory()
        do {
            return try await PylonEmulator.start(
                EmulatorConfiguration(
                    port: preferredPort, dataDirectory: dataDirectory, token: token, seed: seed))
        } catch {
            // The port is taken (perhaps by `pylon-kb emulator` serving the same data): any port
            // works for publishing; only stored URLs then name this run's port.
            return try await PylonEmulator.start(
                EmulatorConfiguration(port: 0, dataDirectory: dataDirectory, token: token, seed: seed))
        }
    }

    /// One knowledge base that speaks the content's languages, and its authors as users.
    static func seed(languages: Set<String>, authors: Set<String>) -> EmulatorSeed {
        let supported = ["en"] + languages.subtracting(["en"]).sorted()
        let users = authors.filter { $0.contains("@") }.sorted().map {
            EmulatorSeed.User(email: $0, name: String($0.split(separator: "@").first ?? "Author"))
        }
        return EmulatorSeed(
            organizationName: "Local Pylon",
            knowledgeBases: [
                .init(
                    id: knowledgeBaseID, title: "Local knowledge base", slug: "local",
                    supportedLanguages: supported, defaultLanguage: "en")
            ],
            users: users.isEmpty
                ? [EmulatorSeed.User(email: "author@example.com", name: "Local Author")] : users)
    }
}

extension Translation {
    /// Language codes of `name.<lang>.md` files under `root`, so the local knowledge base
    /// supports them.
    static func languages(under root: URL) -> Set<String> {
        var languages: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let (_, language) = Translation.languageCode(inFileName: url.lastPathComponent) {
                languages.insert(language)
            }
        }
        return languages
    }
}
