import Foundation
import PylonKB
import Testing

/// Builds content trees on disk and plays the part of a knowledge base for planner tests.
struct PlannerFixture {
    let root: URL

    init(files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    func load() async throws -> ContentTree {
        let result = try await ContentLoader(root: root).load()
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "fixture content has errors: \(errors)")
        return result.tree
    }

    func plan(
        against snapshot: RemoteSnapshot, state: DeploymentState? = nil, options: PlanOptions = PlanOptions()
    ) async throws -> Plan {
        let input = PlanningInput(
            content: try await load(), snapshot: snapshot, state: state,
            authorUserIDs: ["docs@example.com": "user-1"],
            options: options)
        return await Planner().plan(input)
    }

    static let base: [String: String] = [
        "pylon-kb.yml": "target: local\nauthor: docs@example.com\n",
        "guides/_collection.yml": "title: Guides\n",
        "guides/install.md": """
        ---
        title: Install Relay
        ---
        Download the agent and run the installer. See [configuration](configure.md#tokens).
        """,
        "guides/configure.md": """
        ---
        title: Configure Relay
        ---
        ## Tokens

        Create an API token under Settings and paste it into the agent's configuration file. \
        Restart the agent so it picks up the new token, then check the dashboard.
        """,
        "guides/advanced/proxies.md": """
        ---
        title: Proxies
        ---
        Relay honours HTTPS_PROXY. Back to [install](../install.md).
        """,
    ]
}

/// A pretend knowledge base: applies a plan the way `apply` would, without HTTP.
struct FakeKnowledgeBase {
    var snapshot = RemoteSnapshot(
        knowledgeBase: RemoteKnowledgeBase(id: "kb-1", title: "Help", supportedLanguages: ["en", "fr"]),
        collections: [], articles: [])
    var state = DeploymentState(knowledgeBaseID: "kb-1")
    private var nextNumber = 1_000_000_000

    mutating func nextID(_ prefix: String) -> String {
        nextNumber += 1
        return "\(prefix)-\(nextNumber)"
    }

    mutating func apply(_ plan: Plan) {
        var collectionIDs = Dictionary(
            snapshot.collections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }
        )
        .reduce(into: [String: String]()) { result, pair in result[slugPath(of: pair.value)] = pair.key }
        for step in plan.collections {
            let id = nextID("col")
            snapshot.collections.append(
                RemoteCollection(
                    id: id, title: step.title, slug: step.slug,
                    parentID: step.parentSlugPath.flatMap { collectionIDs[$0] }))
            collectionIDs[step.slugPath] = id
            state.collections[step.slugPath] = .init(id: id, title: step.title)
        }
        var urls: [String: String] = [:]
        for article in snapshot.articles {
            if let source = state.articles.first(where: { $0.value.id == article.id })?.key,
                let path = article.publicPath
            {
                urls[source] = path
            }
        }
        var created: [(ArticleStep, String)] = []
        for step in plan.articles where step.action == .create || step.action == .replace {
            if step.freesSlugFirst, let old = step.existing {
                snapshot.articles.removeAll { $0.id == old.id }
            }
            if let holder = step.slugHolder {
                snapshot.articles.removeAll { $0.id == holder.id }
                state.articles = state.articles.filter { $0.value.id != holder.id }
            }
            let id = nextID("art")
            let identifier = String(nextNumber)
            urls[step.source!] = "/articles/\(identifier)-\(step.slug)"
            created.append((step, id))
            snapshot.articles.append(
                RemoteArticle(
                    id: id, identifier: identifier, slug: step.slug, title: step.title,
                    collectionID: step.collectionSlugPath.isEmpty
                        ? nil : collectionIDs[step.collectionSlugPath],
                    isPublished: step.desired!.published, isUnlisted: step.desired!.unlisted, draftHTML: "",
                    publishedHTML: ""))
        }
        func resolve(_ html: String) -> String {
            PendingReference.resolve(
                html, articleURL: { urls[$0] }, imageURL: { "https://cdn.example/\($0)" },
                dropUnresolved: false)
        }
        for step in plan.articles {
            guard let source = step.source, let desired = step.desired else { continue }
            let id = created.first { $0.0.source == source }?.1 ?? step.existing!.id
            let index = snapshot.articles.firstIndex { $0.id == id }!
            let body = resolve(desired.bodyHTML)
            snapshot.articles[index].title = desired.title
            snapshot.articles[index].draftHTML = body
            snapshot.articles[index].publishedHTML =
                desired.published ? body : snapshot.articles[index].publishedHTML
            snapshot.articles[index].isPublished = snapshot.articles[index].isPublished || desired.published
            snapshot.articles[index].isUnlisted = desired.unlisted
            for translation in desired.translations {
                let html = resolve(translation.bodyHTML)
                snapshot.articles[index].translations[translation.language] = RemoteTranslation(
                    title: translation.title, draftHTML: html, publishedHTML: html)
            }
            let article = snapshot.articles[index]
            state.articles[source] = .init(
                id: id, identifier: article.identifier, slug: article.slug,
                collectionID: article.collectionID,
                appliedBodyHashes: ["": PlannerFixture.bodyHash(body)], appliedTitles: ["": desired.title])
            if step.action == .replace, let old = step.existing {
                switch step.oldArticleFate {
                case .delete: snapshot.articles.removeAll { $0.id == old.id }
                case .unlist:
                    if let oldIndex = snapshot.articles.firstIndex(where: { $0.id == old.id }) {
                        snapshot.articles[oldIndex].isUnlisted = true
                    }
                    state.retiredArticleIDs.append(old.id)
                default: break
                }
            }
        }
        for step in plan.articles where step.source == nil {
            guard let old = step.existing else { continue }
            if step.action == .remove { snapshot.articles.removeAll { $0.id == old.id } }
            if step.action == .unlist, let index = snapshot.articles.firstIndex(where: { $0.id == old.id }) {
                snapshot.articles[index].isUnlisted = true
            }
        }
        for redirect in plan.redirects {
            let target = state.articles[redirect.targetSource]!.id
            state.redirects.append(
                .init(fromPath: redirect.fromPath, objectID: target, objectType: "article"))
        }
    }

    func slugPath(of collection: RemoteCollection) -> String {
        var path = collection.slug
        var parentID = collection.parentID
        while let id = parentID, let parent = snapshot.collections.first(where: { $0.id == id }) {
            path = parent.slug + "/" + path
            parentID = parent.parentID
        }
        return path
    }

    func article(slug: String) -> RemoteArticle? { snapshot.articles.first { $0.slug == slug } }
}

extension PlannerFixture {
    static func bodyHash(_ html: String) -> String { StateHashing.bodyHash(html) }
}
