import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The changes made to a `DeploymentState` since `state.json` was last written whole, one JSON
/// line per remote write, in `state.json.journal` beside it.
///
/// Why: apply records every successful write at once so a run killed at any moment loses
/// nothing. Rewriting the whole state file each time costs time proportional to its size, so a
/// first publish of n articles cost n² (10,000 articles: 10,000 rewrites of a 4 MB file).
/// Appending only what changed (one article record, one redirect) keeps each write small; the
/// whole file is rewritten when the journal outgrows it and when apply ends, and the journal is
/// then removed. Reading the state replays the journal on top of the file; a last line torn by
/// a crash is ignored (it recorded the one write in flight, which the next run's lookup by slug
/// finds again). Replaying twice gives the same state, so a crash between rewriting the file and
/// removing the journal is harmless.
struct StateJournal {
    /// One line: the new value of everything one update touched.
    struct Entry: Codable, Equatable {
        /// Changed articles by source path; null means removed.
        var articles: [String: DeploymentState.ArticleRecord?]?
        var collections: [String: DeploymentState.CollectionRecord?]?
        var images: [String: DeploymentState.ImageRecord?]?
        /// Redirects appended (replaying skips those already there).
        var addedRedirects: [DeploymentState.RedirectRecord]?
        /// All redirects, when some were removed or changed.
        var redirects: [DeploymentState.RedirectRecord]?
        var pendingRedirects: [DeploymentState.PendingRedirect]?
        var addedRetiredArticleIDs: [String]?
        var retiredArticleIDs: [String]?
        var serverRenamesInPlace: Bool?
        var capabilities: DeploymentState.ServerCapabilities?

        enum CodingKeys: String, CodingKey {
            case articles, collections, images, redirects
            case addedRedirects = "added_redirects"
            case pendingRedirects = "pending_redirects"
            case addedRetiredArticleIDs = "added_retired_article_ids"
            case retiredArticleIDs = "retired_article_ids"
            case serverRenamesInPlace = "server_renames_in_place"
            case capabilities
        }

        var isEmpty: Bool { self == Entry() }

        /// What changed from `before` to `after`; nil when something a journal line cannot say
        /// changed (the knowledge base or the version), so the whole file must be written.
        init?(from before: DeploymentState, to after: DeploymentState) {
            guard before.knowledgeBaseID == after.knowledgeBaseID, before.version == after.version else {
                return nil
            }
            articles = Self.changes(before.articles, after.articles)
            collections = Self.changes(before.collections, after.collections)
            images = Self.changes(before.images, after.images)
            (addedRedirects, redirects) = Self.changes(before.redirects, after.redirects)
            if before.pendingRedirects != after.pendingRedirects { pendingRedirects = after.pendingRedirects }
            (addedRetiredArticleIDs, retiredArticleIDs) = Self.changes(
                before.retiredArticleIDs, after.retiredArticleIDs)
            if before.serverRenamesInPlace != after.serverRenamesInPlace {
                guard let value = after.serverRenamesInPlace else { return nil }
                serverRenamesInPlace = value
            }
            if before.capabilities != after.capabilities {
                guard let value = after.capabilities else { return nil }
                capabilities = value
            }
        }

        init() {}

        private static func changes<Value: Equatable>(_ before: [String: Value], _ after: [String: Value])
            -> [String: Value?]?
        {
            if before == after { return nil }
            var changed: [String: Value?] = [:]
            for (key, value) in after where before[key] != value { changed[key] = .some(value) }
            for key in before.keys where after[key] == nil { changed[key] = .some(nil) }
            return changed
        }

        /// (appended, all): appended when `after` extends `before`, else the whole new list.
        private static func changes<Value: Equatable>(_ before: [Value], _ after: [Value]) -> (
            [Value]?, [Value]?
        ) {
            if before == after { return (nil, nil) }
            if after.count > before.count, after.starts(with: before) {
                return (Array(after[before.count...]), nil)
            }
            return (nil, after)
        }

        func apply(to state: inout DeploymentState) {
            for (key, value) in articles ?? [:] { state.articles[key] = value }
            for (key, value) in collections ?? [:] { state.collections[key] = value }
            for (key, value) in images ?? [:] { state.images[key] = value }
            if let redirects { state.redirects = redirects }
            if let addedRedirects { Self.append(addedRedirects, missingFrom: &state.redirects) }
            if let pendingRedirects { state.pendingRedirects = pendingRedirects }
            if let retiredArticleIDs { state.retiredArticleIDs = retiredArticleIDs }
            if let addedRetiredArticleIDs {
                Self.append(addedRetiredArticleIDs, missingFrom: &state.retiredArticleIDs)
            }
            if let serverRenamesInPlace { state.serverRenamesInPlace = serverRenamesInPlace }
            if let capabilities { state.capabilities = capabilities }
        }

        /// Appends the items of `added` that `list` lacks, in order, each once.
        private static func append<Item: Hashable>(_ added: [Item], missingFrom list: inout [Item]) {
            var known = Set(list)
            for item in added where known.insert(item).inserted { list.append(item) }
        }
    }

    /// Applies every whole line of `data` to `state`, in order, and stops at the first line
    /// that does not decode (a crash tore it, and nothing after it was written).
    static func replay(_ data: Data, onto state: inout DeploymentState) {
        let decoder = JSONDecoder()
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            guard let entry = try? decoder.decode(Entry.self, from: Data(line)) else { return }
            entry.apply(to: &state)
        }
    }

    /// An open journal file that lines are appended to, each flushed to disk before `append`
    /// returns.
    final class Writer {
        private let descriptor: Int32
        private let encoder: JSONEncoder
        let url: URL
        private(set) var bytes = 0

        init(url: URL) throws {
            self.url = url
            descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            guard descriptor >= 0 else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
            }
            encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        }

        deinit { close(descriptor) }

        func append(_ entry: Entry) throws {
            var data = try encoder.encode(entry)
            data.append(0x0A)
            let ok = data.withUnsafeBytes { buffer -> Bool in
                var written = 0
                while written < buffer.count {
                    let result = Glibc.write(
                        descriptor, buffer.baseAddress! + written, buffer.count - written)
                    if result <= 0 { return false }
                    written += result
                }
                return true
            }
            guard ok, fdatasync(descriptor) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            bytes += data.count
        }
    }
}
