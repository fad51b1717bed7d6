import Foundation

/// Merged pages (`policies.redirect_merged_pages`, docs/renames-and-redirects.md): a removed
/// article whose text mostly went into one page gets a route redirect to that page, so its
/// links keep leading somewhere useful. Containment, not Jaccard: a short page folded into a
/// long one shares few of the long one's shingles, but most of its own are there.
extension PlanningContext {
    /// "Mostly": more than half of the removed page's shingles, with room for the edits a
    /// merge brings (the docsy history's folded section page keeps 65 %).
    static let mergeContainment = 0.6
    /// The best page must beat the next by this much; text copied into two pages is not a
    /// merge into either.
    static let mergeMargin = 0.1
    /// A page of a sentence or two (front matter, a heading, a stub) is found inside many
    /// pages; under this many shingles it is no evidence of where it went.
    static let mergeMinimumShingles = 20

    /// Finds the removed articles (orphans and articles deleted to free a slug) whose text
    /// went into one page, and plans their redirects; `planOrphans` gives them a rename's fate.
    mutating func planMergeRedirects(rendered: [String: RenderedArticle]) {
        guard redirectMergedPages else { return }
        var taken = Set(plan.redirects.map(\.fromPath))
        taken.formUnion(input.state?.redirects.map(\.fromPath) ?? [])
        taken.formUnion(input.state?.pendingRedirects.map(\.fromPath) ?? [])
        let protectedIDs = Set(input.state?.articles.values.filter { $0.protect == true }.map(\.id) ?? [])
        var removed: [RemoteArticle] = []
        var seen: Set<String> = []
        let held = slugHolders.values.filter { !freedFirst.contains($0.id) }
        for remote in (orphanCandidates + held).sorted(by: { $0.slug < $1.slug })
        where seen.insert(remote.id).inserted {
            guard let path = remote.publicPath, !taken.contains(path), !protectedIDs.contains(remote.id)
            else {
                continue
            }
            removed.append(remote)
        }
        let removedShingles = removed.map {
            TextFingerprint.shingleHashes(of: comparableText(title: $0.title, html: $0.liveHTML))
        }
        let candidates = removed.indices.filter { removedShingles[$0].count >= Self.mergeMinimumShingles }
        guard !candidates.isEmpty else { return }

        // Shingle → the removed pages that have it; each page of the content is read once.
        var owners: [UInt64: [Int]] = [:]
        for index in candidates {
            for shingle in removedShingles[index] { owners[shingle, default: []].append(index) }
        }
        var best: [Int: [(page: Int, shared: Int)]] = [:]
        let pages = input.content.articles.filter { !skipped.contains($0.path) }
        for (pageIndex, page) in pages.enumerated() {
            let html = rendered[page.path]?.html ?? input.prerendered[page.path]?.html ?? page.markdown
            var shared: [Int: Int] = [:]
            for shingle in TextFingerprint.shingleHashes(of: comparableText(title: page.title, html: html)) {
                for index in owners[shingle] ?? [] { shared[index, default: 0] += 1 }
            }
            for (index, count) in shared { best[index, default: []].append((pageIndex, count)) }
        }
        for index in candidates {
            let ranked = (best[index] ?? []).sorted {
                $0.shared != $1.shared ? $0.shared > $1.shared : $0.page < $1.page
            }
            guard let top = ranked.first else { continue }
            let total = Double(removedShingles[index].count)
            let containment = Double(top.shared) / total
            let runnerUp = ranked.dropFirst().first.map { Double($0.shared) / total } ?? 0
            guard containment >= Self.mergeContainment, containment - runnerUp >= Self.mergeMargin else {
                continue
            }
            let remote = removed[index]
            let target = pages[top.page]
            var targetID: String?
            if case .same(let existing) = identities[target.path] { targetID = existing.id }
            mergedInto[remote.id] = (target.path, containment)
            taken.insert(remote.publicPath!)
            plan.redirects.append(
                RedirectStep(
                    fromPath: remote.publicPath!, targetSource: target.path, targetID: targetID,
                    reason:
                        "merged: \(Self.percent(containment)) of the text of “\(remote.slug)”, which no file names any more, is in this article (`redirect_merged_pages`)"
                ))
        }
    }
}
