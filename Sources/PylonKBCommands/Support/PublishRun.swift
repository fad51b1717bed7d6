import Foundation
import PylonKB

/// A plan for a content folder's knowledge base, made now or read from a file, with the
/// connection and session that apply it: shared by `plan` and `apply`. Only ever lives inside
/// `withFreshPlan` or `withSavedPlan`, which close the connection.
struct PublishRun: Sendable {
    let connection: TargetConnection
    let session: PublishSession
    let plan: Plan
    /// What the fresh plan was made from; nil for a saved plan.
    let prepared: PublishSession.Prepared?
    /// The help center's address for absolute links, from pylon-kb.yml (saved plans only).
    let siteURL: String?

    /// Connects to `root`'s knowledge base and plans; content errors and failures stop here
    /// (their diagnostics printed first), before anything is written.
    static func withFreshPlan<Result: Sendable>(
        root: URL, options: ConnectionOptions, policies: PolicyOptions, context: CommandContext = .current,
        _ body: (PublishRun) async throws -> Result
    ) async throws -> Result {
        let configuration = try Configuration.loadValid(root: root, console: context.console)
        return try await TargetConnection.withConnection(
            configuration: configuration, root: root, options: options,
            contentLanguages: Translation.languages(under: root), context: context
        ) { connection in
            let session = PublishSession(
                root: root, client: connection.client, knowledgeBaseID: connection.knowledgeBaseID,
                options: policies.planOptions, stateStore: connection.stateStore)
            // Content paths in messages are relative to the current folder, as in `check`.
            let formatter = DiagnosticFormatter(
                style: .text,
                pathPrefix: ContentRoot.displayPrefix(root: root, currentDirectory: context.currentDirectory))
            let console = context.console
            let prepared: PublishSession.Prepared
            do {
                prepared = try await session.prepare()
            } catch let failure as PublishSession.Failure {
                if case .content(let diagnostics, _) = failure {
                    for diagnostic in diagnostics { console.error(formatter.line(for: diagnostic)) }
                }
                throw failure
            }
            for diagnostic in prepared.diagnostics { console.error(formatter.line(for: diagnostic)) }
            for notice in prepared.notices { console.error("warning: \(notice)") }
            return try await body(
                PublishRun(
                    connection: connection, session: session, plan: prepared.plan, prepared: prepared,
                    siteURL: nil
                ))
        }
    }

    /// Reads the plan saved at `path` and connects to the knowledge base of `root` (the folder
    /// its images are read from).
    static func withSavedPlan<Result: Sendable>(
        path: String, root: URL, options: ConnectionOptions, context: CommandContext = .current,
        _ body: (PublishRun) async throws -> Result
    ) async throws -> Result {
        let plan: Plan
        do {
            plan = try PlanJSON.decode(try Data(contentsOf: context.url(path)), source: path)
        } catch let error as PlanJSON.ReadError {
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("Cannot read \(path): \(error.localizedDescription)")
        }
        let (configuration, _) = Configuration.load(root: root)
        return try await TargetConnection.withConnection(
            configuration: configuration, root: root, options: options,
            contentLanguages: Set(plan.languages), context: context
        ) { connection in
            let session = PublishSession(
                root: root, client: connection.client, knowledgeBaseID: connection.knowledgeBaseID,
                stateStore: connection.stateStore)
            return try await body(
                PublishRun(
                    connection: connection, session: session, plan: plan, prepared: nil,
                    siteURL: configuration.siteURL?.absoluteString))
        }
    }

    /// Carries out the plan: the fresh one as made, the saved one after checking that
    /// nothing it covers changed in Pylon.
    func apply(
        reviews: ReviewRequestOptions?, progress: @escaping @Sendable (ApplyProgress) -> Void
    ) async throws -> ApplyReport {
        guard let prepared else {
            return try await session.apply(
                saved: plan, siteURL: siteURL, reviews: reviews, progress: progress)
        }
        return await session.apply(prepared, reviews: reviews, progress: progress)
    }
}
