import Foundation
import PylonHTML

/// The working state of one planning run. Each `plan…` step adds to `plan`.
struct PlanningContext {
    let input: PlanningInput
    let index: RemoteIndex
    let onRemove: Configuration.RemovePolicy
    let onRename: Configuration.RenamePolicy
    let onDrift: Configuration.DriftPolicy
    let similarityThreshold: Double
    let redirectMergedPages: Bool
    var plan: Plan

    /// Content folder → where its articles go.
    var placements: [String: ArticlePlacement] = [:]
    /// Collections the content owns: orphans are looked for only here.
    var ownedCollectionIDs: Set<String> = []
    /// Source path → identity.
    var identities: [String: ArticleIdentity] = [:]
    /// Remote article ids some local article claims.
    var claimed: Set<String> = []
    /// Local articles that are not planned at all (protected from a replace).
    var skipped: Set<String> = []
    /// Source path → the article holding its slug that the state file says another file
    /// published: the same article only if the texts say so (`resolveContestedSlugs`).
    var contested: [String: RemoteArticle] = [:]
    /// Source path → an unrelated article holding its slug, deleted first to free it.
    var slugHolders: [String: RemoteArticle] = [:]
    /// Remote articles whose slug a new article needs: a replace of one deletes it first.
    var freedFirst: Set<String> = []
    /// Remote id → the file whose text it mostly went into, and how much of it (containment).
    var mergedInto: [String: (source: String, containment: Double)] = [:]
    /// Pending drafts of prerendered articles and translations, by path, links resolved.
    var draftBodies: [String: String] = [:]
    /// Canonical forms and readable lines, computed once per body (see `prefillBodyForms`).
    let forms = BodyForms()

    init(input: PlanningInput) {
        self.input = input
        index = RemoteIndex(input.snapshot)
        let configuration = input.content.configuration
        onRemove = input.options.onRemove ?? configuration.onRemove
        onRename = input.options.onRename ?? configuration.onRename
        onDrift = input.options.onDrift ?? configuration.onDrift
        similarityThreshold =
            input.options.renameSimilarityThreshold ?? configuration.renameSimilarityThreshold
        redirectMergedPages = input.options.redirectMergedPages ?? configuration.redirectMergedPages
        plan = Plan(
            knowledgeBase: PlanTarget(
                id: input.snapshot.knowledgeBase.id, title: input.snapshot.knowledgeBase.title))
        if let author = input.defaultAuthor, configuration.author == nil,
            input.content.articles.contains(where: { $0.author == nil })
        {
            plan.defaultAuthor = author
        }
        for path in index.duplicateSlugPaths {
            plan.warnings.append(
                PlanNote(
                    kind: .collectionTitleDrift, subject: path,
                    message:
                        "The knowledge base has more than one collection at “\(path)”; pylon-kb uses the one with the lowest id."
                ))
        }
    }

    // MARK: Collections

    /// Matches each content folder to a collection in Pylon: by slug path; then by slug under
    /// its (matched) parent, which finds the children of a collection whose slug changes in
    /// place; then, for a slug changed in `_collection.yml`, by the folder the state file
    /// remembers. A matched collection whose title, description, slug or visibility differ is
    /// updated in place where the server can (`planCollectionUpdate`); the rest are created.
    mutating func planCollections() {
        var slugPathByFolder: [String: String] = ["": ""]
        var remoteIDByFolder: [String: String] = [:]
        var claimedCollectionIDs: Set<String> = []
        let canUpdate = ServerCapability.collectionUpdates.status(in: input.state)
        var recordByFolder: [String: (slugPath: String, record: DeploymentState.CollectionRecord)] = [:]
        for (slugPath, record) in (input.state?.collections ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let folder = record.folder, recordByFolder[folder] == nil {
                recordByFolder[folder] = (slugPath, record)
            }
        }
        var childBySlug: [String: RemoteCollection] = [:]
        for remote in input.snapshot.collections.sorted(by: { $0.id < $1.id }) {
            let key = (Self.parent(of: remote) ?? "") + "\u{0}" + remote.slug
            if childBySlug[key] == nil { childBySlug[key] = remote }
        }
        for collection in input.content.collections {
            let parentSlugPath = collection.parentPath.flatMap { slugPathByFolder[$0] }
            let slugPath =
                parentSlugPath.map { $0.isEmpty ? collection.slug : $0 + "/" + collection.slug }
                ?? collection.slug
            slugPathByFolder[collection.path] = slugPath
            // nil: the parent is created in this run, so nothing in Pylon can be this collection
            // except by slug path; "" for a top-level collection.
            let parentRemoteID = collection.parentPath.map { remoteIDByFolder[$0] } ?? ""
            var remote = index.collectionsBySlugPath[slugPath]
            if remote == nil, let parentID = parentRemoteID {
                remote = childBySlug[parentID + "\u{0}" + collection.slug]
            }
            var slugChanged = false
            if remote == nil, let parentID = parentRemoteID, let known = recordByFolder[collection.path],
                let candidate = index.snapshot.collections.first(where: { $0.id == known.record.id }),
                (Self.parent(of: candidate) ?? "") == parentID, !claimedCollectionIDs.contains(candidate.id)
            {
                if canUpdate == false {
                    plan.warnings.append(
                        PlanNote(
                            kind: .capability, subject: collection.path,
                            message:
                                "The slug of collection “\(known.slugPath)” changed to “\(collection.slug)” in \(collection.path)/\(ContentCollection.fileName), but this server cannot \(ServerCapability.collectionUpdates.ability) (it said so before; remembered in the state file), so a new collection is created at “\(slugPath)” and its articles move there."
                        ))
                } else {
                    remote = candidate
                    slugChanged = true
                }
            }
            if let remote, !claimedCollectionIDs.contains(remote.id) {
                claimedCollectionIDs.insert(remote.id)
                remoteIDByFolder[collection.path] = remote.id
                placements[collection.path] = .existing(collectionID: remote.id, slugPath: slugPath)
                ownedCollectionIDs.insert(remote.id)
                planCollectionUpdate(collection, remote: remote, slugPath: slugPath, slugChanged: slugChanged)
            } else {
                placements[collection.path] = .pending(slugPath: slugPath)
                plan.collections.append(
                    CollectionStep(
                        slugPath: slugPath, folder: collection.path, title: collection.title,
                        slug: collection.slug,
                        description: collection.description, parentSlugPath: parentSlugPath,
                        visibility: collection.visibility?.rawValue))
            }
        }
        // Collections this tool created earlier stay owned even if their folder is gone, so the
        // articles left in them are found as orphans.
        let remembered = input.state.map { Array($0.collections.values) } ?? []
        for record in remembered where index.slugPathByCollectionID[record.id] != nil {
            ownedCollectionIDs.insert(record.id)
        }
    }

    private static func parent(of collection: RemoteCollection) -> String? {
        guard let id = collection.parentID, !id.isEmpty else { return nil }
        return id
    }

    func placement(of article: Article) -> ArticlePlacement {
        article.collectionPath.isEmpty ? .root : placements[article.collectionPath] ?? .root
    }

    // MARK: Identity

    mutating func matchArticles() {
        let articles = input.content.articles
        let owners = stateOwners
        // Exact slugs first, so a rename cannot steal an article another file still names.
        for article in articles {
            guard let remote = index.articlesBySlug[article.slug] else { continue }
            if let owner = owners[remote.id], owner != article.path, !article.protect,
                input.state?.articles[article.path]?.id != remote.id
            {
                // Another file published it: an equal slug alone is a name, not evidence. The
                // texts decide (`resolveContestedSlugs`); a protected file keeps the old rule,
                // so it is never replaced on a guess either way.
                contested[article.path] = remote
                continue
            }
            claimed.insert(remote.id)
            let placement = placement(of: article)
            if placement.holds(remote) {
                identities[article.path] = .same(remote)
            } else {
                let from = remote.collectionID.flatMap { index.slugPathByCollectionID[$0] } ?? ""
                identities[article.path] = .moved(remote, from: from, to: placement.slugPath)
            }
        }
        for article in articles where identities[article.path] == nil {
            let bySlug = index.articlesBySlug
            let taken = claimed
            let previousMatch = article.previousSlugs.compactMap { slug in bySlug[slug].map { ($0, slug) } }
                .first { !taken.contains($0.0.id) }
            if let (remote, previous) = previousMatch {
                claimed.insert(remote.id)
                identities[article.path] = .renamed(
                    remote, reason: "`previous_slugs` lists “\(previous)”", similarity: nil)
            } else if let record = input.state?.articles[article.path], record.slug != article.slug,
                let remote = index.articlesByID[record.id], !claimed.contains(remote.id)
            {
                claimed.insert(remote.id)
                identities[article.path] = .renamed(
                    remote, reason: "the state file records this file as “\(record.slug)”", similarity: nil)
            } else {
                identities[article.path] = .new
            }
        }
        for article in articles where article.protect {
            switch identities[article.path] {
            case .moved(let remote, _, _), .renamed(let remote, _, _):
                skipped.insert(article.path)
                plan.warnings.append(
                    PlanNote(
                        kind: .protected, subject: article.path,
                        message:
                            "“\(article.title)” has `protect: true`, but its slug or collection differs from the published article “\(remote.slug)”; replacing it would remove that article, so nothing is done for this file. Restore the slug and folder, or remove `protect` to allow the replace."
                    ))
            default:
                break
            }
        }
    }

    /// Remote article id → the source path that published it, from the state file.
    var stateOwners: [String: String] {
        var owners: [String: String] = [:]
        for (path, record) in (input.state?.articles ?? [:]).sorted(by: { $0.key < $1.key })
        where owners[record.id] == nil {
            owners[record.id] = path
        }
        return owners
    }

    /// Remote articles no file claims, in collections the content owns or created by this tool.
    var orphanCandidates: [RemoteArticle] {
        let stateIDs = Set(input.state?.articles.values.map(\.id) ?? [])
        let retired = Set(input.state?.retiredArticleIDs ?? [])
        return input.snapshot.articles.filter { article in
            guard !claimed.contains(article.id), !retired.contains(article.id) else { return false }
            if let collectionID = article.collectionID, ownedCollectionIDs.contains(collectionID) {
                return true
            }
            return stateIDs.contains(article.id)
        }
    }

    // MARK: Links

    /// Source path of each article and translation → the source path of its article.
    var articleForPath: [String: Article] {
        var result: [String: Article] = [:]
        for article in input.content.articles {
            result[article.path] = article
            for translation in article.translations { result[translation.path] = article }
        }
        return result
    }

    func makeResolver() -> LinkResolver {
        var urls: [String: String] = [:]
        let siteURL = input.content.configuration.siteURL?.absoluteString.trimmingTrailingSlash()
        for article in input.content.articles {
            let url: String
            if case .same(let remote) = identities[article.path], let path = remote.publicPath {
                url = (siteURL ?? "") + path
            } else if skipped.contains(article.path), let path = identities[article.path]?.remote?.publicPath
            {
                // A protected article this run leaves alone: links go to the published one.
                url = (siteURL ?? "") + path
            } else {
                url = PendingReference.article(article.path)
            }
            urls[article.path] = url
            for translation in article.translations { urls[translation.path] = url }
        }
        var imageURLs: [String: String] = [:]
        for (path, image) in input.images {
            imageURLs[path] =
                input.state?.images[image.sha256]?.url ?? PendingReference.image(sha256: image.sha256)
        }
        let articleURLs = urls
        let images = imageURLs
        return LinkResolver(
            articleURL: { articleURLs[$0] }, imageURL: { images[$0] },
            pagesFolder: input.content.configuration.pagesFolder,
            servedAddresses: input.content.servedAddresses)
    }
}

extension String {
    func trimmingTrailingSlash() -> String {
        hasSuffix("/") ? String(dropLast()) : self
    }
}
