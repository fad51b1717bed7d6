extension PlanningContext {
    /// Compares a matched collection with its folder's `_collection.yml` and plans a
    /// `CollectionUpdateStep` for what differs, where the server can update collections (or is
    /// not known not to: apply then asks once). Where it cannot, today's behaviour: a warning
    /// per field that stays as it is in Pylon.
    mutating func planCollectionUpdate(
        _ collection: ContentCollection, remote: RemoteCollection, slugPath: String, slugChanged: Bool
    ) {
        let record = input.state?.collections.values.first { $0.id == remote.id }
        var changes: [CollectionFieldChange] = []
        if remote.title != collection.title {
            changes.append(CollectionFieldChange(field: .title, old: remote.title, new: collection.title))
        }
        let remoteDescription = remote.description.flatMap { $0.isEmpty ? nil : $0 }
        if let wanted = collection.description {
            if wanted != remoteDescription {
                changes.append(
                    CollectionFieldChange(field: .description, old: remoteDescription, new: wanted))
            }
        } else if let current = remoteDescription, record?.description == current {
            // pylon-kb set it and `_collection.yml` no longer has it: clear it. A description
            // written in Pylon (not the one pylon-kb applied) is left alone.
            changes.append(CollectionFieldChange(field: .description, old: current, new: nil))
        }
        if remote.slug != collection.slug {
            changes.append(CollectionFieldChange(field: .slug, old: remote.slug, new: collection.slug))
        }
        let wantedVisibility = collection.visibility?.rawValue ?? ArticleVisibility.public.rawValue
        let currentVisibility = remote.visibility ?? record?.visibility ?? ArticleVisibility.public.rawValue
        if wantedVisibility != currentVisibility {
            changes.append(
                CollectionFieldChange(field: .visibility, old: currentVisibility, new: wantedVisibility))
        }
        let oldSlugPath = index.slugPathByCollectionID[remote.id] ?? slugPath
        let canUpdate = ServerCapability.collectionUpdates.status(in: input.state)
        if !changes.isEmpty, canUpdate != false {
            plan.collectionUpdates.append(
                CollectionUpdateStep(
                    collectionID: remote.id, folder: collection.path, oldSlugPath: oldSlugPath,
                    slugPath: slugPath, changes: changes, probesCapability: canUpdate == nil,
                    title: collection.title, description: collection.description,
                    visibility: collection.visibility?.rawValue))
            if canUpdate == nil { noteUnknownCollectionCapability() }
            return
        }
        for change in changes {
            plan.warnings.append(unchangeableNote(change, collection: collection, slugPath: slugPath))
        }
        if let record, record.folder != collection.path {
            plan.collectionAdoptions.append(
                CollectionAdoption(
                    slugPath: slugPath, folder: collection.path, collectionID: remote.id, title: record.title)
            )
        }
    }

    private mutating func noteUnknownCollectionCapability() {
        guard !plan.warnings.contains(where: { $0.kind == .capability && $0.subject == "collections" }) else {
            return
        }
        plan.warnings.append(
            PlanNote(
                kind: .capability, subject: "collections",
                message:
                    "Whether this server can \(ServerCapability.collectionUpdates.ability) is not known yet: apply tries once and remembers the answer in the state file. If it cannot, those collections stay as they are in Pylon and apply warns."
            ))
    }

    private func unchangeableNote(
        _ change: CollectionFieldChange, collection: ContentCollection, slugPath: String
    )
        -> PlanNote
    {
        let reason =
            "this server cannot \(ServerCapability.collectionUpdates.ability) (it said so before; remembered in the state file)"
        switch change.field {
        case .title:
            return PlanNote(
                kind: .collectionTitleDrift, subject: collection.path,
                message:
                    "Collection “\(slugPath)” is titled “\(change.old ?? "")” in Pylon but “\(change.new ?? "")” here. Pylon's API cannot update collections here: \(reason). Change the title in Pylon, or change it here to match."
            )
        case .description, .visibility, .slug:
            return PlanNote(
                kind: .capability, subject: collection.path,
                message:
                    "The \(change.field.rawValue) of collection “\(slugPath)” is “\(change.old ?? "(none)")” in Pylon but “\(change.new ?? "(none)")” here, and is not changed: \(reason). Change it in Pylon, or here to match."
            )
        }
    }
}
