import Foundation
import PylonAPI

/// One apply: the plan, the actors that hold its results, and a task per change.
struct ApplyRun: Sendable {
    let client: PylonClient
    let plan: Plan
    let context: ApplyContext
    let outcomes: ApplyOutcomes
    let recorder: StateRecorder
    let reporter: ApplyReporter
    let index: RemoteIndex
    let renameCapability: RenameCapability
    /// Which capabilities of the newer API surface this server has (asked once, remembered).
    let capabilities: CapabilityGate
    let tagWriter: ArticleTagWriter

    var knowledgeBaseID: String { plan.knowledgeBase.id }

    func execute() async {
        let creates = plan.articles.filter { $0.action == .create || $0.action == .replace }
        let order = LinkOrder.creationOrder(creates)
        let secondPass = LinkOrder.secondPassSources(creates)
        // Which link targets each create may wait for: those created before it. Positions, not
        // a set of earlier sources per create: those sets grew to n²/2 entries, 1.8 GB for a
        // first publish of 10,000 articles.
        var positions: [String: Int] = [:]
        for (index, step) in order.enumerated() {
            if let source = step.source { positions[source] = index }
        }
        let creationPositions = positions

        await adoptCollections()
        await withTaskGroup(of: Void.self) { group in
            for step in plan.collections { group.addTask { await createCollection(step) } }
            for step in plan.collectionUpdates { group.addTask { await updateCollection(step) } }
            for step in plan.images { group.addTask { await uploadImage(step) } }
            for step in order {
                group.addTask { await createArticle(step, creationPositions: creationPositions) }
            }
            for step in plan.articles where step.action == .update {
                group.addTask { await updateArticle(step) }
            }
            for step in plan.redirects { group.addTask { await createRedirect(step) } }
            for step in plan.articles where step.action == .replace && !step.freesSlugFirst {
                group.addTask { await retireOldArticle(step) }
            }
            for step in plan.articles where step.action == .remove || step.action == .unlist {
                group.addTask { await removeOrphan(step) }
            }
        }
        // Links between articles created in this run that form a cycle: now every identifier
        // exists, so patch them in.
        await withTaskGroup(of: Void.self) { group in
            for step in order where secondPass.contains(step.source ?? "") {
                group.addTask { await patchLinks(step) }
            }
        }
        // Pending drafts last: every publishing PATCH above replaces the draft too.
        await withTaskGroup(of: Void.self) { group in
            for step in plan.articles where DraftSaving.draftCount(step) > 0 {
                group.addTask { await saveDrafts(step) }
            }
        }
        // Review requests last: they ask for review of the drafts everything above left.
        if let reviews = context.reviews { await requestReviews(reviews) }
    }

    // MARK: Shared lookups

    /// The collection id for a slug path: created in this run, or already in Pylon.
    func collectionID(_ slugPath: String) async -> Result<String?, DependencyFailure> {
        if slugPath.isEmpty { return .success(nil) }
        if plan.collections.contains(where: { $0.slugPath == slugPath }) {
            switch await outcomes.value(.collection(slugPath: slugPath)) {
            case .success(.collection(let id)): return .success(id)
            case .failure(let failure): return .failure(failure)
            default: preconditionFailure("collection outcome holds another kind of value")
            }
        }
        if let updated = updatedCollectionID(slugPath) { return .success(updated) }
        if let existing = index.collectionsBySlugPath[slugPath] { return .success(existing.id) }
        return .failure(
            DependencyFailure(message: "collection “\(slugPath)” does not exist in Pylon any more"))
    }

    /// Replaces placeholders in `html`. Images and the articles in `awaiting` are waited for;
    /// other article placeholders are resolved if already known, else dropped (when
    /// `dropUnresolved`) for a second pass.
    func resolve(_ html: String, awaiting: Set<String>, dropUnresolved: Bool) async -> Result<
        String, DependencyFailure
    > {
        var imageURLs: [String: String] = [:]
        for hash in PendingReference.pendingImages(in: html) {
            switch await outcomes.value(.image(sha256: hash)) {
            case .success(.image(let url)): imageURLs[hash] = url
            case .failure(let failure): return .failure(failure)
            default: preconditionFailure("image outcome holds another kind of value")
            }
        }
        var articleURLs: [String: String] = [:]
        for source in PendingReference.pendingArticles(in: html) {
            let result: Result<ApplyOutcomes.Value, DependencyFailure>?
            if awaiting.contains(source) {
                result = await outcomes.value(.article(source: source))
            } else {
                result = await outcomes.peek(.article(source: source))
            }
            switch result {
            case .success(.article(let created))?:
                if let path = created.publicPath { articleURLs[source] = (context.siteURL ?? "") + path }
            case .failure(let failure)?:
                if awaiting.contains(source) { return .failure(failure) }
            default:
                break
            }
        }
        return .success(
            PendingReference.resolve(
                html, articleURL: { articleURLs[$0] }, imageURL: { imageURLs[$0] },
                dropUnresolved: dropUnresolved))
    }

    func describe(_ error: any Error) -> String {
        (error as? PylonAPIError)?.description ?? "\(error)"
    }

    static func visibilityConfig(_ desired: DesiredArticle) -> VisibilityConfig {
        VisibilityConfig(
            visibility: desired.visibility, aiAgentAccess: desired.aiAgentAccess,
            allowedAgentIDs: desired.aiAgentAccess == "specific_agents" ? desired.allowedAgentIDs : nil)
    }

    // MARK: Collections and images

    func createCollection(_ step: CollectionStep) async {
        let key = ApplyOutcomes.Key.collection(slugPath: step.slugPath)
        var parentID: String?
        if let parent = step.parentSlugPath {
            switch await collectionID(parent) {
            case .success(let id): parentID = id
            case .failure(let failure):
                await outcomes.resolve(key, .failure(failure))
                await reporter.failed("collection \(step.slugPath)", "skipped: \(failure.message)")
                return
            }
        }
        // Visibility goes with the create only where the server is known to take it (newer
        // surface); otherwise `applyCreatedVisibility` sets it afterwards, asking once.
        let wantsVisibility = step.visibility.map { $0 != ArticleVisibility.public.rawValue } ?? false
        var sendsVisibility = false
        if wantsVisibility { sendsVisibility = await capabilities.status(.collectionUpdates) == true }
        let request = CreateCollectionRequest(
            title: step.title, slug: step.slug, description: step.description, parentCollectionID: parentID,
            visibilityConfig: sendsVisibility ? VisibilityConfig(visibility: step.visibility) : nil)
        do {
            let created: PylonCollection
            do {
                created = try await client.createCollection(knowledgeBaseID: knowledgeBaseID, request)
            } catch let error as PylonAPIError where error.status == 400 && error.existsID != nil {
                // The same slug under the same parent exists already (a concurrent or earlier
                // run created it unseen): that is the collection this step wanted.
                created = PylonCollection(
                    id: error.existsID, title: step.title, slug: step.slug, parentCollectionID: parentID)
            } catch let error as PylonAPIError where error.kind == .ambiguous {
                // The POST may have landed: look before sending it again.
                let existing = try await client.listCollections(knowledgeBaseID: knowledgeBaseID).first {
                    $0.slug == step.slug && $0.parentCollectionID == parentID
                }
                created = try await existing.asyncOr {
                    try await client.createCollection(knowledgeBaseID: knowledgeBaseID, request)
                }
            }
            guard let id = created.id else {
                throw ApplyError("Pylon created collection “\(step.slugPath)” but returned no id.")
            }
            var visibility = step.visibility
            if !sendsVisibility { visibility = await applyCreatedVisibility(step, id: id) }
            let recordedVisibility = visibility
            await recorder.update([.collection(slugPath: step.slugPath)]) {
                $0.collections[step.slugPath] = .init(
                    id: id, title: step.title, folder: step.folder, description: step.description,
                    visibility: recordedVisibility)
            }
            await outcomes.resolve(key, .success(.collection(id: id)))
            await reporter.completed("created collection \(step.slugPath)")
        } catch {
            let message = describe(error)
            await outcomes.resolve(
                key, .failure(DependencyFailure(message: "collection “\(step.slugPath)” failed")))
            await reporter.failed("collection \(step.slugPath)", message)
        }
    }

    func uploadImage(_ step: ImageStep) async {
        let key = ApplyOutcomes.Key.image(sha256: step.sha256)
        do {
            let data = try context.readImage(step.path)
            let filename = (step.path as NSString).lastPathComponent
            let attachment: Attachment
            do {
                attachment = try await client.uploadAttachment(
                    data: data, filename: filename, contentType: step.mediaType)
            } catch let error as PylonAPIError where error.kind == .ambiguous {
                // Attachments cannot be looked up; an upload that landed unseen only leaves an
                // unused file behind, so sending it again is safe.
                attachment = try await client.uploadAttachment(
                    data: data, filename: filename, contentType: step.mediaType)
            }
            guard let url = attachment.url else {
                throw ApplyError("Pylon stored \(step.path) but returned no URL.")
            }
            await recorder.update([.image(sha256: step.sha256)]) {
                $0.images[step.sha256] = .init(url: url, source: step.path)
            }
            await outcomes.resolve(key, .success(.image(url: url)))
            await reporter.completed("uploaded \(step.path)")
        } catch {
            await outcomes.resolve(
                key, .failure(DependencyFailure(message: "image \(step.path) could not be uploaded")))
            await reporter.failed(step.path, describe(error))
        }
    }
}

/// Whether the server renames in place, asked at most once per run: the first rename asks,
/// the others wait for its answer. Starts from what the state file remembers.
actor RenameCapability {
    private var known: Bool?
    private var asking: Task<Bool, Never>?

    init(known: Bool?) {
        self.known = known
    }

    func decide(_ ask: @escaping @Sendable () async -> Bool) async -> Bool {
        if let known { return known }
        if let asking { return await asking.value }
        let task = Task { await ask() }
        asking = task
        let answer = await task.value
        known = answer
        return answer
    }
}

struct ApplyError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Optional {
    func asyncOr(_ make: () async throws -> Wrapped) async rethrows -> Wrapped {
        if let value = self { return value }
        return try await make()
    }
}
