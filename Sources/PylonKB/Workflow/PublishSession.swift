import Foundation
import PylonAPI

/// `plan` and `apply` for one content folder and one knowledge base: the library entry point
/// the commands call.
public struct PublishSession: Sendable {
    public var root: URL
    public var client: PylonClient
    public var knowledgeBaseID: String
    public var options: PlanOptions
    /// Where the state file lives (`.pylon-kb/state.json` in the content folder by default).
    public var stateStore: StateStore

    public init(
        root: URL, client: PylonClient, knowledgeBaseID: String, options: PlanOptions = PlanOptions(),
        stateStore: StateStore? = nil
    ) {
        self.root = root.standardizedFileURL
        self.client = client
        self.knowledgeBaseID = knowledgeBaseID
        self.options = options
        self.stateStore = stateStore ?? StateStore(contentRoot: root.standardizedFileURL)
    }

    /// Everything a plan was made from.
    public struct Prepared: Sendable {
        public var tree: ContentTree
        public var snapshot: RemoteSnapshot
        public var state: DeploymentState
        public var plan: Plan
        /// Content warnings (errors stop `prepare`).
        public var diagnostics: [Diagnostic]
        /// Things about the state file the user should know.
        public var notices: [String]
        /// The state file could not be read and `state` was rebuilt from the knowledge base
        /// (`StateRebuilder`); apply writes it even when nothing else changes.
        public var stateRebuilt = false
    }

    public enum Failure: Error, CustomStringConvertible, Sendable {
        /// The content has errors; nothing was read from or written to Pylon.
        case content([Diagnostic], summary: String)
        case root(String)
        /// A saved plan no longer matches the knowledge base.
        case stalePlan([String])

        public var description: String {
            switch self {
            case .content(_, let summary):
                "The content has errors (\(summary)); fix them and run again. Nothing was sent to Pylon."
            case .root(let message): message
            case .stalePlan(let changes):
                "The knowledge base changed since this plan was made, so it is not applied:\n"
                    + changes.map { "  - \($0)" }.joined(separator: "\n")
                    + "\nRun `pylon-kb plan` again and review the new plan."
            }
        }
    }

    /// Loads and checks the content, reads the knowledge base and the state file, and plans.
    public func prepare() async throws -> Prepared {
        let renderer = Renderer(options: options.renderOptions)
        // Reading the knowledge base (pages of 999 articles, one after another: seconds for
        // 10,000) starts at once and overlaps loading, rendering and checking the content; only
        // translations wait for the content to say which languages it has. Content errors still
        // stop the run before anything is written; the read is then cancelled.
        let loading = Task { try await ContentLoader(root: root).load() }
        async let snapshotRead = SnapshotReader(client: client).read(
            knowledgeBaseID: knowledgeBaseID,
            languages: { Self.translationLanguages(try await loading.value.tree) },
            wantsTags: { try await loading.value.tree.articles.contains { !$0.tags.isEmpty } })
        let loaded: ContentLoader.Result
        do {
            loaded = try await loading.value
        } catch let error as ContentLoader.RootError {
            throw Failure.root(error.description)
        }
        let languages = Self.translationLanguages(loaded.tree)
        // Authors are looked up alongside the read too (a round trip each against Pylon).
        var authors: [String: [String]] = [:]
        for article in loaded.tree.articles {
            if let author = article.author ?? loaded.tree.configuration.author {
                authors[author, default: []].append(article.path)
            }
        }
        async let authorLookup = AuthorDirectory(client: client).resolve(authors)
        // Articles without an author, and none configured: the token's user, where `GET /me`
        // names one (newer surface), is the natural default.
        let needsDefaultAuthor =
            loaded.tree.configuration.author == nil && loaded.tree.articles.contains { $0.author == nil }
        async let defaultAuthorLookup = needsDefaultAuthor ? AuthorDirectory(client: client).tokenUser() : nil
        // Links and images render as placeholders, which planning fills in (rendering once).
        let placeholders = PlaceholderRendering.resolver(
            pagePaths: Set(loaded.tree.articles.flatMap { [$0.path] + $0.translations.map(\.path) }),
            pagesFolder: loaded.tree.configuration.pagesFolder, servedAddresses: loaded.tree.servedAddresses)
        let report = await ContentChecker(render: { renderer.render($0, resolver: $1) }).check(
            loaded.tree, loadDiagnostics: loaded.diagnostics, resolver: { _ in placeholders })
        let checked = ContentCheck.Result(tree: loaded.tree, report: report)
        let diagnostics = checked.report.diagnostics
        guard checked.report.errorCount == 0 else {
            throw Failure.content(diagnostics, summary: checked.summary)
        }

        var notices: [String] = []
        let state = loadState(notices: &notices)
        let snapshot = try await snapshotRead

        let imagePaths = Set(checked.report.pages.flatMap { $0.rendered.images.compactMap(\.path) })
        let images = ImageCatalog.hash(paths: imagePaths, root: root)
        let authorIDs = try await authorLookup

        var input = PlanningInput(
            content: checked.tree, snapshot: snapshot, state: state, images: images, authorUserIDs: authorIDs,
            options: options)
        input.defaultAuthor = await defaultAuthorLookup
        input.checkRenders = Dictionary(
            checked.report.pages.map { ($0.path, $0.rendered) }, uniquingKeysWith: { first, _ in first })
        var plan = await Planner().plan(input)
        plan.languages = languages.sorted()
        // A damaged state file is rebuilt from the knowledge base for apply to write (the plan
        // itself was made as without one).
        var rebuilt = false
        if state == nil, case .unusable = stateStore.load() { rebuilt = true }
        let startState =
            rebuilt
            ? StateRebuilder.rebuild(knowledgeBaseID: knowledgeBaseID, tree: checked.tree, snapshot: snapshot)
            : DeploymentState(knowledgeBaseID: knowledgeBaseID)
        return Prepared(
            tree: checked.tree, snapshot: snapshot, state: state ?? startState,
            plan: plan, diagnostics: diagnostics.filter { $0.severity == .warning }, notices: notices,
            stateRebuilt: rebuilt)
    }

    private static func translationLanguages(_ tree: ContentTree) -> Set<String> {
        Set(tree.articles.flatMap { $0.translations.map(\.language) })
    }

    private func loadState(notices: inout [String]) -> DeploymentState? {
        stateStore.load(for: knowledgeBaseID) { ignored in
            switch ignored {
            case .unusable(let reason):
                notices.append(
                    "The state file \(stateStore.url.path) was ignored because \(reason). It is rebuilt from the knowledge base on the next apply; rename and drift detection rely on slugs until then."
                )
            case .otherKnowledgeBase(let other):
                notices.append(
                    "The state file belongs to knowledge base \(other), not \(knowledgeBaseID); it was ignored and is replaced on the next apply."
                )
            }
        }
    }

    /// Writes the state rebuilt from a damaged file when apply has nothing else to write;
    /// returns whether it did.
    public func saveRebuiltState(_ prepared: Prepared) throws -> Bool {
        guard prepared.stateRebuilt else { return false }
        try stateStore.save(prepared.state)
        return true
    }

    /// Turns `--reviewer` emails (or user ids) into Pylon user ids, the way `author` is resolved;
    /// an unknown reviewer stops the run before anything is written.
    public func resolveReviewers(_ reviewers: [String]) async throws -> [String] {
        let ids = try await AuthorDirectory(client: client).resolve(
            Dictionary(reviewers.map { ($0, ["--reviewer"]) }, uniquingKeysWith: { a, _ in a }))
        var seen: Set<String> = []
        return reviewers.compactMap { ids[$0] }.filter { seen.insert($0).inserted }
    }

    /// Applies a plan that `prepare` just made; with `reviews`, then asks for review of the
    /// drafts it left (`apply --request-review`).
    public func apply(
        _ prepared: Prepared, reviews: ReviewRequestOptions? = nil,
        progress: @escaping @Sendable (ApplyProgress) -> Void = { _ in }
    )
        async
        -> ApplyReport
    {
        let root = self.root
        let context = ApplyContext(
            snapshot: prepared.snapshot,
            siteURL: prepared.tree.configuration.siteURL?.absoluteString.trimmingTrailingSlash(),
            readImage: { path in try Data(contentsOf: root.appendingPathComponent(path)) }, reviews: reviews)
        var (report, _) = await Applier(client: client).apply(
            prepared.plan, context: context, state: prepared.state, store: stateStore, progress: progress)
        if report.succeeded { recordTranslationSources(prepared.tree, report: &report) }
        return report
    }

    /// After a successful apply from the folder: what `stale_translations` compares against
    /// when there is no git history (`TranslationSources`). A failure to write it is a warning:
    /// the knowledge base is published either way.
    private func recordTranslationSources(_ tree: ContentTree, report: inout ApplyReport) {
        // In a git work tree the check reads history instead; no untracked file to commit.
        guard tree.articles.contains(where: { !$0.translations.isEmpty }), !GitChangeLog.isWorkTree(root)
        else {
            return
        }
        let recorded = TranslationSources.load(root: root) ?? TranslationSources()
        let next = recorded.updated(for: tree)
        guard next != recorded else { return }
        do {
            try next.save(root: root)
        } catch {
            report.warnings.append(
                "Could not record the translations' sources in \(TranslationSources.url(root: root).path) (\(error.localizedDescription)); without git, check cannot tell stale translations until the next apply records them."
            )
        }
    }

    /// Applies a saved plan exactly, after checking that nothing it covers changed.
    public func apply(
        saved plan: Plan, siteURL: String?, reviews: ReviewRequestOptions? = nil,
        progress: @escaping @Sendable (ApplyProgress) -> Void = { _ in }
    )
        async throws -> ApplyReport
    {
        guard plan.knowledgeBase.id == knowledgeBaseID else {
            throw Failure.root(
                "This plan is for knowledge base \(plan.knowledgeBase.id), but the configuration names \(knowledgeBaseID)."
            )
        }
        let snapshot = try await SnapshotReader(client: client).read(
            knowledgeBaseID: knowledgeBaseID, languages: Set(plan.languages),
            wantsTags: plan.articles.contains { !($0.desired?.tags ?? []).isEmpty })
        let changes = StalePlanCheck.changes(plan, against: snapshot)
        guard changes.isEmpty else { throw Failure.stalePlan(changes) }
        var notices: [String] = []
        let state = loadState(notices: &notices) ?? DeploymentState(knowledgeBaseID: knowledgeBaseID)
        let root = self.root
        let context = ApplyContext(
            snapshot: snapshot, siteURL: siteURL,
            readImage: { path in try Data(contentsOf: root.appendingPathComponent(path)) }, reviews: reviews)
        let (report, _) = await Applier(client: client).apply(
            plan, context: context, state: state, store: stateStore, progress: progress)
        return report
    }
}

/// What changed in the knowledge base since a plan was made.
public enum StalePlanCheck {
    public static func changes(_ plan: Plan, against snapshot: RemoteSnapshot) -> [String] {
        let index = RemoteIndex(snapshot)
        var changes: [String] = []
        for step in plan.articles {
            for existing in [step.existing, step.slugHolder].compactMap({ $0 }) {
                guard let now = index.articlesByID[existing.id] else {
                    changes.append("“\(existing.title)” (\(existing.slug)) was deleted")
                    continue
                }
                if RemoteFingerprint.article(now) != existing.fingerprint {
                    changes.append("“\(existing.title)” (\(existing.slug)) was edited")
                }
            }
            if step.action == .create || (step.action == .replace && !step.freesSlugFirst),
                let taken = index.articlesBySlug[step.slug], taken.id != step.slugHolder?.id
            {
                changes.append("an article with slug “\(step.slug)” now exists (“\(taken.title)”)")
            }
        }
        for step in plan.collections where index.collectionsBySlugPath[step.slugPath] != nil {
            changes.append("collection “\(step.slugPath)” now exists")
        }
        return changes
    }
}
