import Foundation
import PylonAPI

/// `migrate`: copies one knowledge base into another through the same plan and apply machinery
/// as `apply` (budgets per endpoint, atomic state after every write, reconciliation of POSTs
/// that may have landed), so an interrupted migration resumes without duplicates.
///
/// The source is read once (every supported language); the target is planned against it like
/// a content folder whose articles arrive as HTML (`MigrationSource`). What migrate will not do
/// to the target: delete or replace an article it did not create (a slug taken in another
/// collection is a blocker), remove orphans (they are reported), or guess renames.
public struct MigrationSession: Sendable {
    public var source: PylonClient
    public var sourceKnowledgeBaseID: String
    public var target: PylonClient
    public var targetKnowledgeBaseID: String
    public var options: Options
    /// The migration state: source migration paths → target ids, redirects made.
    public var stateStore: StateStore

    public struct Options: Sendable {
        /// Email or Pylon user id on the target, the author of every created article.
        public var author: String?
        /// Prefix for rewritten links; nil writes them root-relative (`/articles/…`).
        public var targetSiteURL: URL?
        public var redirectOldPaths: Bool
        /// What to do with a copied article edited on the target since migrate wrote it.
        public var onDrift: Configuration.DriftPolicy

        public init(
            author: String?, targetSiteURL: URL? = nil, redirectOldPaths: Bool = false,
            onDrift: Configuration.DriftPolicy = .fail
        ) {
            self.author = author
            self.targetSiteURL = targetSiteURL
            self.redirectOldPaths = redirectOldPaths
            self.onDrift = onDrift
        }
    }

    public init(
        source: PylonClient, sourceKnowledgeBaseID: String, target: PylonClient,
        targetKnowledgeBaseID: String,
        options: Options, stateStore: StateStore
    ) {
        self.source = source
        self.sourceKnowledgeBaseID = sourceKnowledgeBaseID
        self.target = target
        self.targetKnowledgeBaseID = targetKnowledgeBaseID
        self.options = options
        self.stateStore = stateStore
    }

    /// `.pylon-kb/migrations/<source>-to-<target>.json` under `directory`.
    public static func defaultStateURL(directory: URL, source: String, target: String) -> URL {
        let name = MigrationSource.pathComponent(source) + "-to-" + MigrationSource.pathComponent(target)
        return directory.appendingPathComponent(".pylon-kb/migrations/\(name).json")
    }

    public struct Prepared: Sendable {
        public var sourceSnapshot: RemoteSnapshot
        public var targetSnapshot: RemoteSnapshot
        public var source: MigrationSource
        public var state: DeploymentState
        public var plan: Plan
        /// Things about the state file the user should know.
        public var notices: [String]
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Reads both knowledge bases and the state, and plans the migration.
    public func prepare() async throws -> Prepared {
        guard let author = options.author else {
            throw Failure(
                "migrate needs an author for the articles it creates on the target: pass --author EMAIL_OR_ID, or set `author` in pylon-kb.yml."
            )
        }
        let sourceBase = try await source.knowledgeBase(id: sourceKnowledgeBaseID)
        let sourceLanguages = Set(sourceBase.supportedLanguages ?? [])
        let sourceSnapshot = try await SnapshotReader(client: source).read(
            knowledgeBaseID: sourceKnowledgeBaseID, languages: sourceLanguages)
        let migration = MigrationSource(
            snapshot: sourceSnapshot,
            options: MigrationSource.Options(
                targetKnowledgeBaseID: targetKnowledgeBaseID, author: author,
                targetSiteURL: options.targetSiteURL,
                redirectOldPaths: options.redirectOldPaths))
        let languages = Set(migration.tree.articles.flatMap { $0.translations.map(\.language) })
        let targetSnapshot = try await SnapshotReader(client: target).read(
            knowledgeBaseID: targetKnowledgeBaseID, languages: languages,
            wantsTags: migration.tree.articles.contains { !$0.tags.isEmpty })
        let authorIDs = try await AuthorDirectory(client: target).resolve([
            author: ["the articles migrate creates"]
        ])

        var notices: [String] = []
        let state = loadState(notices: &notices)
        var input = PlanningInput(
            content: migration.tree, snapshot: targetSnapshot, state: state, authorUserIDs: authorIDs,
            options: PlanOptions(
                onRemove: .report, onRename: .unlist, onDrift: options.onDrift,
                // Never guess that a source article is a rename of a target article, or that
                // one went into another: a copy must not retire anything on the target.
                renameSimilarityThreshold: .infinity, redirectMergedPages: false))
        input.prerendered = migration.prerendered
        var plan = await Planner().plan(input)
        plan.languages = languages.sorted()
        Self.guardTarget(&plan, state: state)
        let oldPaths = Set(migration.tree.articles.flatMap(\.redirectFrom))
        for index in plan.redirects.indices where oldPaths.contains(plan.redirects[index].fromPath) {
            plan.redirects[index].reason = "the source article's path (`--redirect-old-paths`)"
        }
        plan.warnings = migration.notes + plan.warnings
        return Prepared(
            sourceSnapshot: sourceSnapshot, targetSnapshot: targetSnapshot, source: migration,
            state: state ?? DeploymentState(knowledgeBaseID: targetKnowledgeBaseID), plan: plan,
            notices: notices)
    }

    /// A replace would delete or unlist a target article. That is only right for an article
    /// this migration created (its source moved or was renamed since); any other article that
    /// holds a source slug is the target's own, so the plan is blocked instead.
    static func guardTarget(_ plan: inout Plan, state: DeploymentState?) {
        let created = Set(state?.articles.values.map(\.id) ?? [])
        var blocked: Set<String> = []
        for step in plan.articles where step.action == .replace {
            guard let existing = step.existing, !created.contains(existing.id), let source = step.source
            else {
                continue
            }
            blocked.insert(source)
            plan.blockers.append(
                PlanNote(
                    kind: .apiLimitation, subject: source,
                    message:
                        "The target already has an article with slug “\(existing.slug)” (“\(existing.title)”) in another collection, and slugs are unique in a knowledge base. migrate does not move or delete articles it did not create: rename or delete that article on the target, then run migrate again."
                ))
        }
        plan.articles.removeAll { step in
            step.source.map(blocked.contains) ?? false || step.action == .remove || step.action == .unlist
        }
        plan.redirects.removeAll { blocked.contains($0.targetSource) }
    }

    private func loadState(notices: inout [String]) -> DeploymentState? {
        stateStore.load(for: targetKnowledgeBaseID) { ignored in
            switch ignored {
            case .unusable(let reason):
                notices.append(
                    "The migration state \(stateStore.url.path) was ignored because \(reason); articles already copied are found by slug."
                )
            case .otherKnowledgeBase(let other):
                notices.append(
                    "The migration state \(stateStore.url.path) belongs to knowledge base \(other), not \(targetKnowledgeBaseID); it was ignored and is replaced."
                )
            }
        }
    }

    /// Applies a plan `prepare` just made to the target.
    public func apply(_ prepared: Prepared, progress: @escaping @Sendable (ApplyProgress) -> Void = { _ in })
        async -> ApplyReport
    {
        let context = ApplyContext(
            snapshot: prepared.targetSnapshot,
            siteURL: options.targetSiteURL?.absoluteString.trimmingTrailingSlash(),
            readImage: { path in
                // Images keep their source URLs (see docs/migrating-between-knowledge-bases.md):
                // a migration plan never uploads any.
                throw Failure("migrate does not upload images; \(path) was not expected.")
            })
        let (report, _) = await Applier(client: target).apply(
            prepared.plan, context: context, state: prepared.state, store: stateStore, progress: progress)
        return report
    }
}
