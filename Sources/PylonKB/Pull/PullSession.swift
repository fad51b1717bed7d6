import Foundation
import PylonAPI

/// What `pylon-kb pull` may do beyond bringing edits back.
public struct PullOptions: Sendable {
    /// Write files for articles created in Pylon inside a collection the content owns.
    public var createNew: Bool
    /// Remove the files of articles deleted in Pylon.
    public var deleteRemoved: Bool
    /// For an article changed on both sides, write both versions between conflict markers
    /// instead of leaving the file alone.
    public var conflictMarkers: Bool
    /// Write nothing; report what would be written.
    public var dryRun: Bool

    public init(
        createNew: Bool = false, deleteRemoved: Bool = false, conflictMarkers: Bool = false,
        dryRun: Bool = false
    ) {
        self.createNew = createNew
        self.deleteRemoved = deleteRemoved
        self.conflictMarkers = conflictMarkers
        self.dryRun = dryRun
    }
}

/// `pull`: brings edits made in Pylon's editor back into the Markdown files, so git stays the
/// source of truth without losing a person's work (docs/drift.md, "Pulling edits back").
///
/// An edit is what the state file cannot explain: a body, title or tag set in Pylon that is
/// none of what pylon-kb sent or the server stored at the last apply (`Baseline`). For each, the
/// file is patched where the text changed (`MarkdownPatch`), its front matter edited line by
/// line (`FrontMatterEdit`), and, once the folder is planned again, the state file's baseline
/// moved to the pulled version: the next `plan` says "No changes", and a later edit in Pylon is
/// drift again. An article also changed in git since the last apply is a conflict: nothing is
/// written for it (or both versions, between markers, on request), so `plan` keeps refusing
/// under `on_drift: fail` until a person decides.
public struct PullSession: Sendable {
    public var publish: PublishSession
    public var options: PullOptions
    /// Where the local knowledge base runs now, to fetch its attachments (see `ExportSession`).
    public var localBaseURL: URL?
    public var imageDownloader: ImageDownloader

    public init(
        publish: PublishSession, options: PullOptions = PullOptions(), localBaseURL: URL? = nil,
        imageDownloader: ImageDownloader = ImageDownloader()
    ) {
        var publish = publish
        // Drifted articles must appear in the plan as updates (under `skip` they would not).
        publish.options.onDrift = .fail
        self.publish = publish
        self.options = options
        self.localBaseURL = localBaseURL
        self.imageDownloader = imageDownloader
    }

    public enum Failure: Error, CustomStringConvertible, Sendable {
        case noState
        /// The pulled files did not pass `check`; every file was put back as it was.
        case pulledContentInvalid([Diagnostic])

        public var description: String {
            switch self {
            case .noState:
                "pull needs the state file apply writes (.pylon-kb/state.json): without it an edit made in Pylon cannot be told from a change made in git. Run `pylon-kb apply` first, or restore the committed state file."
            case .pulledContentInvalid(let diagnostics):
                "The pulled text does not pass `check` (\(diagnostics.count) error(s), listed above), so nothing was written: every file is as it was. Copy the edits by hand, or report this as a bug with the article."
            }
        }
    }

    public func pull() async throws -> PullReport {
        let prepared = try await publish.prepare()
        guard !prepared.state.articles.isEmpty || prepared.tree.articles.isEmpty, !prepared.stateRebuilt
        else {
            throw Failure.noState
        }
        var run = PullRun(
            root: publish.root, tree: prepared.tree, snapshot: prepared.snapshot, state: prepared.state,
            options: options)
        run.findEdits(plan: prepared.plan)
        run.findCreatedAndDeleted()
        await run.fetchImages(
            downloader: imageDownloader, locate: ExportSession.localAttachment(base: localBaseURL))
        run.writeFiles()
        guard !options.dryRun, run.touchedFiles else { return run.report }

        // Plan the folder again: the pulled files must pass the check, and what they render
        // now is the baseline the state file records for them.
        var replanned = try await replan(&run)
        if run.rewriteUnverified(plan: replanned.plan) {
            replanned = try await replan(&run)
        }
        run.moveBaselines(plan: replanned.plan, tree: replanned.tree)
        try run.saveState(publish.stateStore)
        return run.report
    }

    private func replan(_ run: inout PullRun) async throws -> PublishSession.Prepared {
        do {
            return try await publish.prepare()
        } catch PublishSession.Failure.content(let diagnostics, _) {
            run.restoreFiles()
            throw Failure.pulledContentInvalid(diagnostics.filter { $0.severity == .error })
        } catch {
            run.restoreFiles()
            throw error
        }
    }
}
