import Foundation
import PylonHTML
import Synchronization

/// The canonical form and the readable lines of each distinct body one plan looks at, each
/// computed once.
///
/// Why: a changed article's remote body is compared, checked for drift and fingerprinted, which
/// is four canonicalizations of the same text, and planning walks the articles one after
/// another. Profiling a 10 % rename of 1,000 articles put half a second there, on one core,
/// before the first write could start. `prefill` does the work for every article whose bytes
/// differ from Pylon's on all cores first; the planning loop then only looks values up.
final class BodyForms: Sendable {
    private let canonicals = Mutex<[BodyKey: String]>([:])
    private let readable = Mutex<[BodyKey: [String]]>([:])

    func canonical(_ html: String) -> String {
        let key = BodyKey(html)
        if let known = canonicals.withLock({ $0[key] }) { return known }
        let value = CanonicalHTML.canonicalize(html)
        canonicals.withLock { $0[key] = value }
        return value
    }

    /// What the state file stores per body (see `RemoteFingerprint.bodyHash`).
    func bodyHash(_ html: String) -> String {
        RemoteFingerprint.sha256(canonical(html))
    }

    func lines(_ html: String) -> [String] {
        let key = BodyKey(html)
        if let known = readable.withLock({ $0[key] }) { return known }
        let value = ReadableText.lines(fromHTML: html)
        readable.withLock { $0[key] = value }
        return value
    }

    /// Equal bodies, ignoring how either side serialized them. The byte comparison first keeps
    /// the common case (nothing changed, server stores what it got) cheap.
    func same(_ left: String, _ right: String) -> Bool {
        left == right || canonical(left) == canonical(right)
    }

    /// Computes, many at a time, the canonical forms of `pairs` whose bytes differ, and the
    /// readable lines of those that still differ then (the diff a reviewer sees) or that are
    /// `alwaysShown` (a replace shows its body), parsing each body once for both; then the
    /// lines of `shown` (new articles).
    func prefill(_ pairs: [BodyPair], shown: [String] = []) async {
        let differing = pairs.filter { $0.local != $0.remote || $0.alwaysShown }
        await forEachConcurrently(differing) { pair in
            let local = self.parsed(pair.local)
            let remote = self.parsed(pair.remote)
            if pair.alwaysShown || local.canonical != remote.canonical {
                self.storeLines(pair.local, local.nodes)
                self.storeLines(pair.remote, remote.nodes)
            }
            for body in pair.alsoHashed { _ = self.canonical(body) }
        }
        await forEachConcurrently(Array(Set(shown))) { _ = self.lines($0) }
    }

    /// Parses `html`, stores its canonical form, and hands back both.
    private func parsed(_ html: String) -> (nodes: [HTMLNode], canonical: String) {
        let nodes = HTMLParser.parseFragment(html)
        let canonical = CanonicalHTML.canonicalForm(of: nodes)
        canonicals.withLock { $0[BodyKey(html)] = canonical }
        return (nodes, canonical)
    }

    private func storeLines(_ html: String, _ nodes: [HTMLNode]) {
        let value = ReadableText.lines(from: nodes)
        readable.withLock { $0[BodyKey(html)] = value }
    }

    private func forEachConcurrently<Item: Sendable>(
        _ items: [Item], _ work: @escaping @Sendable (Item) -> Void
    ) async {
        guard !items.isEmpty else { return }
        let chunkSize = max(4, items.count / (ProcessInfo.processInfo.activeProcessorCount * 4))
        await withTaskGroup(of: Void.self) { group in
            for start in stride(from: 0, to: items.count, by: chunkSize) {
                let chunk = items[start..<min(start + chunkSize, items.count)]
                group.addTask { for item in chunk { work(item) } }
            }
        }
    }
}

extension PlanningContext {
    /// Does the expensive part of comparing bodies for every matched article on all cores, so
    /// that `planArticles`, which runs one article after another, finds it done.
    func prefillBodyForms(rendered: [String: RenderedArticle]) async {
        var pairs: [BodyPair] = []
        var shown: [String] = []
        for article in input.content.articles where !skipped.contains(article.path) {
            let local = rendered[article.path]?.html ?? ""
            guard let identity = identities[article.path], let remote = identity.remote else {
                shown.append(local)
                continue
            }
            var hashed = [remote.publishedHTML, remote.draftHTML].compactMap { $0 }
            for translation in remote.translations.values {
                hashed += [translation.publishedHTML, translation.draftHTML].compactMap { $0 }
            }
            let replaced: Bool
            if case .same = identity { replaced = false } else { replaced = true }
            let remoteBody = article.published ? remote.liveHTML : (remote.draftHTML ?? remote.liveHTML)
            pairs.append(
                BodyPair(local: local, remote: remoteBody, alsoHashed: hashed, alwaysShown: replaced))
            if let draft = draftBodies[article.path] {
                pairs.append(BodyPair(local: draft, remote: remote.draftHTML ?? ""))
            }
            for translation in article.translations {
                guard let existing = remote.translations[translation.language] else { continue }
                pairs.append(
                    BodyPair(local: rendered[translation.path]?.html ?? "", remote: existing.liveHTML))
                if let draft = draftBodies[translation.path] {
                    pairs.append(BodyPair(local: draft, remote: existing.draftHTML ?? ""))
                }
            }
        }
        await forms.prefill(pairs, shown: shown)
    }
}

/// A body as pylon-kb would write it and as Pylon holds it, for `BodyForms.prefill`.
struct BodyPair: Sendable {
    var local: String
    var remote: String
    /// Other remote bodies the plan hashes when this one differs (drift check, fingerprint).
    var alsoHashed: [String] = []
    var alwaysShown = false
}

/// A body as a dictionary key, hashed and compared as bytes: `String` hashes its Unicode
/// normalization, which for bodies with an emoji callout cost more than the lookups saved.
private struct BodyKey: Hashable, Sendable {
    let html: String

    init(_ html: String) { self.html = html }

    static func == (left: BodyKey, right: BodyKey) -> Bool {
        left.html.utf8.elementsEqual(right.html.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var html = html
        html.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
