import Foundation
import PylonAPI

extension ApplyRun {
    /// Sets an article's tags after its create or update: tags missing in Pylon are created
    /// first (once per value), then one PATCH with `tag_ids` replaces the article's tags (the
    /// create body has no tag field). Where nobody knows yet whether the server has article tags
    /// (an empty knowledge base), a first PATCH of an empty `tag_ids` is the probe and the others
    /// wait for it.
    /// Failures here leave the article itself in place and are reported as warnings.
    func applyTags(_ step: ArticleStep, articleID: String, source: String) async {
        guard let values = step.desired?.tags else { return }
        if step.action == .update {
            guard step.changes.contains("tags") else { return }
        } else {
            // A new article has no tags: nothing to send for none.
            guard !values.isEmpty else { return }
        }
        var probing = false
        do {
            switch await tagWriter.turn() {
            case .unsupported:
                await tagWriter.skipped(source)
                return
            case .supported: break
            case .probe:
                probing = true
                // Ask with an empty list first (a new article has no tags to lose): a server
                // without article tags refuses it before any tag value is created in the
                // organization for nothing.
                _ = try await client.updateArticle(
                    knowledgeBaseID: knowledgeBaseID, id: articleID, UpdateArticleRequest(tagIDs: []))
            }
            var ids: [String] = []
            for value in values {
                let id = try await tagWriter.tagID(for: value, client: client)
                if !ids.contains(id) { ids.append(id) }
            }
            _ = try await client.updateArticle(
                knowledgeBaseID: knowledgeBaseID, id: articleID, UpdateArticleRequest(tagIDs: ids))
            if probing { await tagWriter.settle(true) }
            probing = false
            await recorder.update([.article(source: source), .capabilities]) { state in
                state.articles[source]?.appliedTags = TagValues.sorted(values)
                var capabilities = state.capabilities ?? .init()
                capabilities.articleTags = true
                state.capabilities = capabilities
            }
        } catch let error as PylonAPIError
            where (probing || error.endpoint == .listTags || error.endpoint == .createTag)
            && error.indicatesMissingCapability(field: "tag_ids")
        {
            // The server has no article tags (or no tag listing): remembered, so later runs
            // neither probe again nor plan tag changes it cannot take.
            await tagWriter.settle(false)
            await tagWriter.skipped(source)
            await recorder.update([.capabilities]) { state in
                var capabilities = state.capabilities ?? .init()
                capabilities.articleTags = false
                state.capabilities = capabilities
            }
        } catch {
            if probing { await tagWriter.settle(nil) }
            await reporter.warn(
                "\(source): its tags were not set (\(describe(error))). The article itself is up to date; the next apply sets the tags."
            )
        }
    }

    /// The one warning about tags a server without article tags could not take.
    func finishTags() async {
        let count = await tagWriter.unappliedFiles.count
        guard count > 0 else { return }
        let files = count == 1 ? "1 file" : "\(count) files"
        await reporter.warn(
            "This Pylon server has no article tags, so the `tags` of \(files) were not applied. This is remembered in the state file; later runs do not try again until the server's articles carry tags."
        )
    }
}

/// What one apply knows about tags: whether the server has article tags (known, being probed,
/// or unknown), the tags that exist by value, and tags being created, so each value is
/// created once however many articles ask for it at the same time.
actor ArticleTagWriter {
    enum Turn {
        case supported
        case unsupported
        /// Nobody knows: this caller's PATCH is the probe, and it must `settle` the answer.
        case probe
    }

    private var supported: Bool?
    private var probing = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// Article tag ids by `TagValues.key`; nil until listed.
    private var idsByKey: [String: String]?
    private var listing: Task<[String: String], any Error>?
    private var creating: [String: Task<String, any Error>] = [:]
    private(set) var unappliedFiles: Set<String> = []

    /// `known`: the state file's answer; what the knowledge base shows overrides it.
    init(snapshot: RemoteSnapshot, known: Bool?) {
        if snapshot.articles.contains(where: { $0.tagIDs != nil }) {
            supported = true
        } else if !snapshot.articles.isEmpty {
            supported = false
        } else {
            supported = known
        }
        if let tags = snapshot.tags { idsByKey = Self.index(tags) }
    }

    func turn() async -> Turn {
        while true {
            if let supported { return supported ? .supported : .unsupported }
            if !probing {
                probing = true
                return .probe
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    /// The probe's answer; nil when it failed for another reason (the next caller probes).
    func settle(_ answer: Bool?) {
        if let answer { supported = answer }
        probing = false
        let waiting = waiters
        waiters = []
        for waiter in waiting { waiter.resume() }
    }

    func skipped(_ source: String) { unappliedFiles.insert(source) }

    /// The id of the article tag with this value (ignoring case), created when missing.
    func tagID(for value: String, client: PylonClient) async throws -> String {
        let key = TagValues.key(value)
        if let id = try await existingIDs(client)[key] { return id }
        if let pending = creating[key] { return try await pending.value }
        let task = Task { try await Self.create(value, client: client) }
        creating[key] = task
        let id = try await task.value
        idsByKey?[key] = id
        return id
    }

    private func existingIDs(_ client: PylonClient) async throws -> [String: String] {
        if let idsByKey { return idsByKey }
        let task =
            listing ?? Task { Self.index(try await client.listTags().compactMap(SnapshotReader.remoteTag)) }
        listing = task
        do {
            let ids = try await task.value
            if idsByKey == nil { idsByKey = ids }
            return idsByKey ?? ids
        } catch {
            listing = nil
            throw error
        }
    }

    /// `POST /tags` is not idempotent: when it may have landed unseen, the tags are listed
    /// again and only a value still missing is sent a second time.
    private static func create(_ value: String, client: PylonClient) async throws -> String {
        do {
            return try await id(of: client.createTag(CreateTagRequest(value: value, objectType: "article")))
        } catch let error as PylonAPIError where error.status == 400 && error.existsID != nil {
            return error.existsID!
        } catch let error as PylonAPIError where error.kind == .ambiguous {
            let listed = index(try await client.listTags().compactMap(SnapshotReader.remoteTag))
            if let id = listed[TagValues.key(value)] { return id }
            return try await id(of: client.createTag(CreateTagRequest(value: value, objectType: "article")))
        }
    }

    private static func id(of tag: Tag) throws -> String {
        guard let id = tag.id else {
            throw ApplyError("Pylon created tag “\(tag.value ?? "")” but returned no id.")
        }
        return id
    }

    /// Article tags by value key; the first listed wins when two differ only in case.
    static func index(_ tags: [RemoteTag]) -> [String: String] {
        var ids: [String: String] = [:]
        for tag in tags where tag.isForArticles {
            let key = TagValues.key(tag.value)
            if ids[key] == nil { ids[key] = tag.id }
        }
        return ids
    }
}
