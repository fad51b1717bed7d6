import Foundation
import PylonAPI

/// What apply needs besides the plan.
public struct ApplyContext: Sendable {
    /// The knowledge base as read just before applying (fresh plan) or to check a saved plan.
    public var snapshot: RemoteSnapshot
    /// Prefix for article links (`site_url`), the same the planner used; nil for root-relative.
    public var siteURL: String?
    /// Reads an image's bytes by content path.
    public var readImage: @Sendable (String) throws -> Data
    /// `apply --request-review`: who to ask to review the drafts this apply leaves; nil: nobody.
    public var reviews: ReviewRequestOptions?

    public init(
        snapshot: RemoteSnapshot, siteURL: String?, readImage: @escaping @Sendable (String) throws -> Data,
        reviews: ReviewRequestOptions? = nil
    ) {
        self.reviews = reviews
        self.snapshot = snapshot
        self.siteURL = siteURL
        self.readImage = readImage
    }
}

/// Carries out a plan against Pylon (docs/architecture.md describes the pipeline and its invariants).
///
/// Every change is a task that waits for what it needs (a collection's id, an image's URL, the
/// article a link or redirect points at) and nothing else, so requests to different endpoints
/// proceed in parallel and the client's per-endpoint budgets set the pace. The order the design
/// asks for falls out of those dependencies: collections (parents first), images, article
/// creates (link targets first), updates, second-pass link patches, redirects, removals last —
/// the old article of a replace goes only after its new article and redirect exist, except for
/// a move, which must free the slug first (the plan and the state's pending redirect keep what
/// is needed to finish it). A failure skips what depends on it; independent work completes.
public struct Applier: Sendable {
    public let client: PylonClient

    public init(client: PylonClient) {
        self.client = client
    }

    public func apply(
        _ plan: Plan, context: ApplyContext, state: DeploymentState, store: StateStore?,
        progress: @escaping @Sendable (ApplyProgress) -> Void = { _ in }
    ) async -> (ApplyReport, DeploymentState) {
        let recorder = StateRecorder(state: state, store: store)
        let run = ApplyRun(
            client: client, plan: plan, context: context,
            outcomes: ApplyOutcomes(expected: Self.producedKeys(plan)),
            recorder: recorder,
            reporter: ApplyReporter(total: Self.taskCount(plan), progress: progress),
            index: RemoteIndex(context.snapshot),
            renameCapability: RenameCapability(known: state.serverRenamesInPlace),
            capabilities: CapabilityGate(known: state.capabilities, recorder: recorder),
            tagWriter: ArticleTagWriter(snapshot: context.snapshot, known: state.capabilities?.articleTags))
        await run.execute()
        await run.finishTags()
        await run.recorder.finish()
        var report = await run.reporter.report
        if let failure = await run.recorder.saveFailure { report.warnings.append(failure) }
        return (report, await run.recorder.state)
    }

    /// The results the plan's steps produce (and resolve, succeed or fail).
    static func producedKeys(_ plan: Plan) -> Set<ApplyOutcomes.Key> {
        var keys = Set<ApplyOutcomes.Key>()
        for step in plan.collections { keys.insert(.collection(slugPath: step.slugPath)) }
        for step in plan.images { keys.insert(.image(sha256: step.sha256)) }
        for step in plan.articles where step.action != .remove && step.action != .unlist {
            if let source = step.source { keys.insert(.article(source: source)) }
        }
        for step in plan.redirects { keys.insert(.redirect(fromPath: step.fromPath)) }
        return keys
    }

    /// How many changes apply reports progress for.
    public static func taskCount(_ plan: Plan) -> Int {
        var count =
            plan.collections.count + plan.collectionUpdates.count + plan.images.count + plan.redirects.count
        for step in plan.articles {
            count += 1
            if step.action == .replace, step.oldArticleFate == .delete || step.oldArticleFate == .unlist {
                count += step.freesSlugFirst ? 0 : 1
            }
        }
        return count
    }
}

/// Collects what happened, for the summary and for progress lines.
actor ApplyReporter {
    private(set) var report = ApplyReport()
    private var done = 0
    private let total: Int
    private let progress: @Sendable (ApplyProgress) -> Void

    init(total: Int, progress: @escaping @Sendable (ApplyProgress) -> Void) {
        self.total = total
        self.progress = progress
    }

    func completed(_ line: String, url: (source: String, url: String)? = nil) {
        done += 1
        report.completed.append(line)
        if let url, !url.url.isEmpty { report.urls[url.source] = url.url }
        progress(ApplyProgress(completed: done, total: total, line: line, isFailure: false))
    }

    func failed(_ subject: String, _ message: String) {
        done += 1
        report.failures.append(ApplyFailure(subject: subject, message: message))
        progress(
            ApplyProgress(completed: done, total: total, line: "\(subject): \(message)", isFailure: true))
    }

    func warn(_ message: String) { report.warnings.append(message) }

    /// A change not made because the server lacks what it needs: not a failure; `warning`, when
    /// given, says so once.
    func skipped(_ line: String, warning: String?) {
        done += 1
        if let warning { report.warnings.append(warning) }
        progress(ApplyProgress(completed: done, total: total, line: line, isFailure: false))
    }

    /// A step after the changes themselves (a review request): reported, not counted.
    func failedAfterwards(_ subject: String, _ message: String) {
        report.failures.append(ApplyFailure(subject: subject, message: message))
        progress(
            ApplyProgress(completed: done, total: total, line: "\(subject): \(message)", isFailure: true))
    }

    func completedAfterwards(_ line: String) {
        report.completed.append(line)
        progress(ApplyProgress(completed: done, total: total, line: line, isFailure: false))
    }
}
