extension RemoteSnapshot {
    /// The values of an article's tags, in the article's order, through the tag listing; ids the
    /// listing does not have (not read, or a tag deleted since) are left out, and a value that
    /// differs from an earlier one only in case counts once.
    public func tagValues(of article: RemoteArticle) -> [String] {
        guard let ids = article.tagIDs, !ids.isEmpty, let tags else { return [] }
        var valueByID: [String: String] = [:]
        for tag in tags { valueByID[tag.id] = tag.value }
        var seen: Set<String> = []
        return ids.compactMap { valueByID[$0] }.filter { seen.insert(TagValues.key($0)).inserted }
    }
}
