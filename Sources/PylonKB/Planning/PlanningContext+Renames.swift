import Foundation
import PylonHTML

/// Rename detection by text (docs/renames-and-redirects.md). Names alone never pair two
/// articles: an equal slug that another file published, a folder that moved, each needs the
/// texts to agree as well.
extension PlanningContext {
    /// Jaccard score under which two texts are taken as unrelated. Measured on the docsy
    /// reorganisation (../shared/rename-histories): distinct pages of one site that share
    /// boilerplate stay near 0.2 (two module-setup pages: 0.21), while pages a reader calls the
    /// same, rewritten beyond git's 50 % line similarity, still score 0.47 and more. Over it,
    /// and under the threshold, a pair is shown as a hint; an equal slug with a score over it
    /// stays one article.
    static let relatedFloor = 0.3
    /// Under the threshold, a clear mutual best match is still a rename when both pages moved
    /// with their folder (`FolderMoves`): the folder is the name evidence, the text the content
    /// evidence. Half the shingles shared is more than any unrelated pair of the histories.
    static let folderMoveThreshold = 0.5
    /// Hints shown per new article at most, best first.
    static let hintsPerArticle = 3

    /// The words an article is compared by: its title and its text. The title counts, so two
    /// empty section pages are told apart by their names as written in the file, which is what
    /// `git diff -M` compares too.
    func comparableText(title: String, html: String) -> String {
        title + " \n " + plainText(html)
    }

    func localFingerprint(_ article: Article, rendered: [String: RenderedArticle]) -> TextFingerprint {
        let html = rendered[article.path]?.html ?? input.prerendered[article.path]?.html ?? article.markdown
        return TextFingerprint(text: comparableText(title: article.title, html: html))
    }

    func remoteFingerprint(_ remote: RemoteArticle) -> TextFingerprint {
        TextFingerprint(text: comparableText(title: remote.title, html: remote.liveHTML))
    }

    var articlesPlannedAsNew: [Article] {
        input.content.articles.filter {
            if case .new = identities[$0.path] { return true }
            return false
        }
    }

    /// An article whose slug another file published (`contested`) is that article only when
    /// its text is related (`relatedFloor`) and neither side has a closer match: a new file
    /// that reads more like the old article, or an old article that reads more like the file
    /// (an equal score is no closer: then the slug decides).
    /// Otherwise they are two articles: the old one holds a slug the new one needs, so it is
    /// deleted first (`slugHolders`). `rendered`: the contested and new articles, rendered
    /// with provisional links (only their words count).
    mutating func resolveContestedSlugs(rendered: [String: RenderedArticle]) {
        guard !contested.isEmpty else { return }
        let newArticles = articlesPlannedAsNew
        let orphans = orphanCandidates
        let added = newArticles.map { localFingerprint($0, rendered: rendered) }
        let removed = orphans.map(remoteFingerprint)
        let byPath = Dictionary(uniqueKeysWithValues: input.content.articles.map { ($0.path, $0) })
        for (path, remote) in contested.sorted(by: { $0.key < $1.key }) {
            guard let article = byPath[path], case .new = identities[path], !claimed.contains(remote.id)
            else { continue }
            let own = localFingerprint(article, rendered: rendered)
            let theirs = remoteFingerprint(remote)
            let score = own.similarity(to: theirs)
            // Only a closer match wins: on a tie (pages with the same text) the slug decides.
            // MinHash estimates skip the pairs that cannot come close, so a moved folder of
            // thousands of pages stays cheap (its error is about 0.06; 0.2 below misses none).
            let prune = score - 0.2
            guard score >= Self.relatedFloor,
                !zip(newArticles, added).contains(where: { other, print in
                    other.path != path && print.estimatedSimilarity(to: theirs) >= prune
                        && print.similarity(to: theirs) > score
                }),
                !zip(orphans, removed).contains(where: { other, print in
                    other.id != remote.id && own.estimatedSimilarity(to: print) >= prune
                        && own.similarity(to: print) > score
                })
            else { continue }
            claimed.insert(remote.id)
            contested[path] = nil
            let placement = placement(of: article)
            if placement.holds(remote) {
                identities[path] = .same(remote)
            } else {
                let from = remote.collectionID.flatMap { index.slugPathByCollectionID[$0] } ?? ""
                identities[path] = .moved(remote, from: from, to: placement.slugPath)
            }
        }
    }

    mutating func detectRenamesBySimilarity(rendered: [String: RenderedArticle]) async {
        defer { settleSlugHolders() }
        var newArticles = articlesPlannedAsNew
        var orphans = orphanCandidates
        // A threshold over 1 (migrate's) turns renames by text off: no folder moves or hints.
        guard !newArticles.isEmpty, !orphans.isEmpty, similarityThreshold <= 1 else { return }
        var prints: [String: TextFingerprint] = [:]
        for article in newArticles { prints[article.path] = localFingerprint(article, rendered: rendered) }
        var remotePrints: [String: TextFingerprint] = [:]
        for remote in orphans { remotePrints[remote.id] = remoteFingerprint(remote) }

        // Over the threshold the texts alone are enough.
        let first = SimilarityMatcher(threshold: similarityThreshold).match(
            added: newArticles.map { prints[$0.path]! }, removed: orphans.map { remotePrints[$0.id]! })
        for match in first.matches {
            let remote = orphans[match.removed]
            claimed.insert(remote.id)
            identities[newArticles[match.added].path] = .renamed(
                remote,
                reason:
                    "its text is \(Self.percent(match.score)) like “\(remote.slug)”, which no file names any more",
                similarity: match.score)
        }
        var ambiguous: [String: [(RemoteArticle, Double)]] = [:]
        for ambiguity in first.ambiguities {
            ambiguous[newArticles[ambiguity.added].path] = zip(ambiguity.candidates, ambiguity.scores).map {
                (orphans[$0.0], $0.1)
            }
        }

        // Under it, a pair that moved with its folder (and matches nothing else as well).
        newArticles = articlesPlannedAsNew
        orphans = orphanCandidates
        let oldPaths = stateOwners
        let moves = FolderMoves(
            pairs: input.content.articles.compactMap { article in
                guard let remote = identities[article.path]?.remote, let old = oldPaths[remote.id] else {
                    return nil
                }
                return (old, article.path)
            },
            currentPaths: input.content.articles.map(\.path))
        if !moves.isEmpty, !newArticles.isEmpty, !orphans.isEmpty,
            Self.folderMoveThreshold < similarityThreshold
        {
            let second = SimilarityMatcher(threshold: Self.folderMoveThreshold).match(
                added: newArticles.map { prints[$0.path]! }, removed: orphans.map { remotePrints[$0.id]! })
            for match in second.matches {
                let article = newArticles[match.added]
                let remote = orphans[match.removed]
                guard let old = oldPaths[remote.id], let move = moves.move(from: old, to: article.path) else {
                    continue
                }
                claimed.insert(remote.id)
                ambiguous[article.path] = nil
                identities[article.path] = .renamed(
                    remote,
                    reason:
                        "its text is \(Self.percent(match.score)) like “\(remote.slug)”, which no file names any more, and it moved with its folder (\(move.old) → \(move.new))",
                    similarity: match.score)
            }
        }

        newArticles = articlesPlannedAsNew
        orphans = orphanCandidates
        for article in newArticles {
            if let candidates = ambiguous[article.path] {
                let names = candidates.map { "“\($0.0.slug)” (\(Self.percent($0.1)))" }
                plan.warnings.append(
                    PlanNote(
                        kind: .ambiguousRename, subject: article.path,
                        message:
                            "“\(article.title)” looks like a rename of \(names.joined(separator: " or ")), too close to call; it is planned as a new article. Add `previous_slugs` to its front matter to say which."
                    ))
            }
            planHints(article, print: prints[article.path]!, orphans: orphans, remotePrints: remotePrints)
        }
    }

    /// Likely renames too weak to act on: every removed article the new one scores at least
    /// `relatedFloor` with, best first. Shown in the plan; apply ignores them.
    private mutating func planHints(
        _ article: Article, print: TextFingerprint, orphans: [RemoteArticle],
        remotePrints: [String: TextFingerprint]
    ) {
        // MinHash with 64 hashes errs by about 0.06; 0.15 below the floor misses nothing real.
        let prune = Self.relatedFloor - 0.15
        var scored: [(RemoteArticle, Double)] = []
        for remote in orphans {
            guard let theirs = remotePrints[remote.id], print.estimatedSimilarity(to: theirs) >= prune else {
                continue
            }
            let score = print.similarity(to: theirs)
            if score >= Self.relatedFloor { scored.append((remote, score)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.slug < $1.0.slug }
        for (remote, score) in scored.prefix(Self.hintsPerArticle) {
            plan.renameHints.append(
                RenameHint(
                    source: article.path, slug: article.slug, existing: existing(remote), similarity: score))
        }
    }

    /// A contested article that stayed new needs its slug back: the article holding it is
    /// deleted first. If that article is itself renamed, its replace deletes it first instead
    /// of unlisting it (`freedFirst`); if nothing took it, it is no orphan left to `on_remove`.
    private mutating func settleSlugHolders() {
        for (path, remote) in contested.sorted(by: { $0.key < $1.key }) {
            guard identities[path]?.remote?.id != remote.id else { continue }
            slugHolders[path] = remote
            if claimed.contains(remote.id) {
                freedFirst.insert(remote.id)
            } else {
                claimed.insert(remote.id)
            }
        }
    }

    static func percent(_ score: Double) -> String { "\(Int((score * 100).rounded())) %" }

    /// The words of `html` for rename detection. Every tag boundary separates words: a server
    /// that drops the whitespace between tags (`</li><li>`, `</strong><em>`) must not glue the
    /// words on either side into new ones, or a renamed article stops looking like itself.
    func plainText(_ html: String) -> String {
        var text = ""
        func walk(_ nodes: [HTMLNode]) {
            for node in nodes {
                switch node {
                case .text(let value): text += value
                case .element(let element):
                    text += " "
                    walk(element.children)
                    text += " "
                case .comment: continue
                }
            }
        }
        walk(HTMLParser.parseFragment(html))
        return text
    }
}
