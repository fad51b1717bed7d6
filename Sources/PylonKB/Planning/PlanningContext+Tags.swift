/// Article tags (`tags:` in front matter) in planning. The file is the source of truth, like
/// every other front matter key: an article without `tags` has none. Values compare ignoring
/// case and order (`TagValues`): a tag in Pylon keeps its spelling, and the order of an
/// article's tags is not something pylon-kb sets.
extension PlanningContext {
    /// Whether the server has article tags, from what the knowledge base shows: any article
    /// with a tag field says yes; articles and none with one says no; an empty knowledge base
    /// says nothing, so the state's earlier answer counts, else apply probes.
    var articleTagSupport: Bool? {
        let articles = input.snapshot.articles
        if articles.contains(where: { $0.tagIDs != nil }) { return true }
        if !articles.isEmpty { return false }
        return input.state?.capabilities?.articleTags
    }

    /// The tags a planned article asks for; nil where nothing about tags is sent (a server
    /// without article tags).
    func desiredTags(_ article: Article) -> [String]? {
        articleTagSupport == false ? nil : article.tags
    }

    func remoteTagValues(_ remote: RemoteArticle) -> [String] {
        input.snapshot.tagValues(of: remote)
    }

    /// The tags change of an update, or nil when the tags are the same (or not managed here).
    func tagChange(_ remote: RemoteArticle, desired: DesiredArticle) -> TagChange? {
        guard let wanted = desired.tags else { return nil }
        let current = remoteTagValues(remote)
        guard !TagValues.same(current, wanted) else { return nil }
        return TagChange(old: current, new: wanted)
    }

    /// Tags changed in Pylon since the last apply recorded them: drift, like a body edit.
    func hasTagDrift(_ article: Article, remote: RemoteArticle) -> Bool {
        guard let record = input.state?.articles[article.path], record.id == remote.id,
            let applied = record.appliedTags, remote.tagIDs != nil
        else { return false }
        return !TagValues.same(applied, remoteTagValues(remote))
    }

    /// One warning when the content has tags this server cannot take.
    mutating func noteUnsupportedTags() {
        guard articleTagSupport == false else { return }
        let tagged = input.content.articles.filter { !$0.tags.isEmpty && !skipped.contains($0.path) }
        guard !tagged.isEmpty else { return }
        let files = tagged.count == 1 ? "1 file" : "\(tagged.count) files"
        plan.warnings.append(
            PlanNote(
                kind: .apiLimitation, subject: tagged[0].path,
                message:
                    "This Pylon server has no article tags (its articles carry no tag field), so the `tags` of \(files) are not applied. They are applied once the server has them."
            ))
    }
}

/// An update's tag change, old → new values (`ArticleStep.tags`).
public struct TagChange: Sendable, Codable, Equatable {
    /// The values the article has in Pylon, in Pylon's order.
    public var old: [String]
    /// The values the content asks for, in front matter order.
    public var new: [String]

    public init(old: [String], new: [String]) {
        self.old = old
        self.new = new
    }
}

extension TagChange {
    /// `billing, faq → billing, getting started` (`(none)` for no tags), for text and Markdown.
    public var summary: String { "\(Self.list(old)) → \(Self.list(new))" }

    static func list(_ values: [String]) -> String {
        values.isEmpty ? "(none)" : values.joined(separator: ", ")
    }

    /// The line a plan shows for a step's tags: the change of an update, the tags of a create.
    static func planLine(_ step: ArticleStep) -> String? {
        if let change = step.tags { return "tags: \(change.summary)" }
        if step.action == .create || step.action == .replace, let tags = step.desired?.tags, !tags.isEmpty {
            return "tags: \(list(tags))"
        }
        return nil
    }
}

extension PlanningContext {
    /// The tag writes apply will send: one PATCH per article whose tags are set, and one
    /// `POST /tags` per value no article tag in Pylon has yet.
    func tagRequestEstimate() -> [String: Int] {
        var patches = 0
        var wanted: Set<String> = []
        for step in plan.articles {
            guard let tags = step.desired?.tags else { continue }
            let sets =
                step.action == .update
                ? step.changes.contains("tags")
                : (step.action == .create || step.action == .replace) && !tags.isEmpty
            guard sets else { continue }
            patches += 1
            wanted.formUnion(tags.map(TagValues.key))
        }
        let existing = Set(
            (input.snapshot.tags ?? []).filter(\.isForArticles).map { TagValues.key($0.value) })
        return ["updateArticle": patches, "createTag": wanted.subtracting(existing).count]
    }
}
