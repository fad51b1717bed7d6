import PylonAPI

extension ApplyRun {
    /// Changes an existing collection in place with the collection PATCH (newer surface), sending
    /// only the fields that change. A server without it leaves the collection as it is: one
    /// warning names what could not be changed, and the state remembers the answer so the next
    /// plan falls back (title: a warning; slug: a new collection) without asking again.
    func updateCollection(_ step: CollectionUpdateStep) async {
        var body = UpdateCollectionRequest()
        for change in step.changes {
            switch change.field {
            case .title: body.title = change.new
            // `""` clears a description pylon-kb set earlier; only the fields sent change.
            case .description: body.description = change.new ?? ""
            case .slug: body.slug = change.new
            case .visibility: body.visibilityConfig = VisibilityConfig(visibility: change.new)
            }
        }
        let request = body
        let subject = "collection \(step.slugPath)"
        let what = step.changes.map(PlanWording.change).joined(separator: ", ")
        do {
            let outcome = try await capabilities.perform(.collectionUpdates) {
                try await client.updateCollection(
                    knowledgeBaseID: knowledgeBaseID, id: step.collectionID, request)
            }
            switch outcome {
            case .done:
                await recordUpdated(step)
                await reporter.completed("updated \(subject) (\(what))")
            case .unavailable(let firstNotice):
                let warning =
                    "Collection “\(step.oldSlugPath)” was not changed (\(what)): this server cannot \(ServerCapability.collectionUpdates.ability). The state file remembers this; the next plan keeps Pylon's title and creates a new collection for a changed slug instead."
                await reporter.skipped(
                    "left \(subject) unchanged (no collection updates on this server)",
                    warning: firstNotice ? warning : nil)
            }
        } catch {
            await reporter.failed(subject, describe(error))
        }
    }

    /// The state record follows the collection: its folder, what was applied, and a new slug
    /// path for it and everything under it.
    private func recordUpdated(_ step: CollectionUpdateStep) async {
        await recorder.update { state in
            if step.oldSlugPath != step.slugPath {
                let prefix = step.oldSlugPath + "/"
                for key in state.collections.keys where key == step.oldSlugPath || key.hasPrefix(prefix) {
                    let moved = state.collections.removeValue(forKey: key)
                    state.collections[step.slugPath + key.dropFirst(step.oldSlugPath.count)] = moved
                }
            }
            for (key, record) in state.collections
            where record.id == step.collectionID && key != step.slugPath {
                state.collections.removeValue(forKey: key)
            }
            state.collections[step.slugPath] = DeploymentState.CollectionRecord(
                id: step.collectionID, title: step.title, folder: step.folder, description: step.description,
                visibility: step.visibility)
        }
    }

    /// Older state files lack the folder of each collection: written once, without a request.
    func adoptCollections() async {
        guard !plan.collectionAdoptions.isEmpty else { return }
        await recorder.update { state in
            for adoption in plan.collectionAdoptions {
                var record =
                    state.collections.first { $0.value.id == adoption.collectionID }?.value
                    ?? DeploymentState.CollectionRecord(id: adoption.collectionID, title: adoption.title)
                for (key, other) in state.collections where other.id == adoption.collectionID {
                    state.collections.removeValue(forKey: key)
                }
                record.folder = adoption.folder
                state.collections[adoption.slugPath] = record
            }
        }
    }

    /// The collection id of a slug path the plan changes in place: the new path of an updated
    /// collection, or of one under it.
    func updatedCollectionID(_ slugPath: String) -> String? {
        for step in plan.collectionUpdates where step.oldSlugPath != step.slugPath {
            if slugPath == step.slugPath { return step.collectionID }
            if slugPath.hasPrefix(step.slugPath + "/") {
                let old = step.oldSlugPath + slugPath.dropFirst(step.slugPath.count)
                if let existing = index.collectionsBySlugPath[old] { return existing.id }
            }
        }
        return plan.collectionUpdates.first { $0.slugPath == slugPath }?.collectionID
    }

    /// Visibility on a new collection: sent with the create where the server is known to take
    /// it, else set with the collection PATCH right after (which asks the server once).
    func applyCreatedVisibility(_ step: CollectionStep, id: String) async -> String? {
        guard let visibility = step.visibility, visibility != ArticleVisibility.public.rawValue else {
            return nil
        }
        do {
            let outcome = try await capabilities.perform(.collectionUpdates) {
                try await client.updateCollection(
                    knowledgeBaseID: knowledgeBaseID, id: id,
                    UpdateCollectionRequest(visibilityConfig: VisibilityConfig(visibility: visibility)))
            }
            switch outcome {
            case .done: return visibility
            case .unavailable(let firstNotice):
                if firstNotice {
                    await reporter.warn(
                        "Collection “\(step.slugPath)” was created with Pylon's default visibility, not `\(visibility)`: this server cannot \(ServerCapability.collectionUpdates.ability). Set it in Pylon."
                    )
                }
            }
        } catch {
            await reporter.warn(
                "Collection “\(step.slugPath)” was created, but its visibility `\(visibility)` could not be set: \(describe(error)). The next apply tries again."
            )
        }
        return nil
    }
}
