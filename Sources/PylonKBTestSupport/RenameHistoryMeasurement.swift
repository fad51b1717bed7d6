import Foundation
import PylonAPI
import PylonKB

/// Rename detection measured on a real reorganisation (/work/shared/rename-histories, its
/// README.md): `old/` is published to a knowledge base, the folder's Markdown is replaced with
/// `new/` (the state file kept), and the plan's replaces are compared with `truth.tsv`, the pairs
/// `git diff -M` reports. The bench (`pylon-kb-bench renames`) and RenameHistoryTests share it.
public struct RenameHistoryMeasurement: Sendable {
    public struct Pair: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var old: String
        public var new: String
        public init(old: String, new: String) {
            self.old = old
            self.new = new
        }
        public static func < (left: Pair, right: Pair) -> Bool {
            (left.old, left.new) < (right.old, right.new)
        }
        public var description: String { "\(old) → \(new)" }
    }

    public var name: String
    /// Git's pairs (truth.tsv), equal-path rows included.
    public var truth: Set<Pair>
    /// Pairs git misses (< 50 % line similarity) that a person reading both pages calls a
    /// rename; a planned pair among them is not counted as false (see `judgedRenames`).
    public var judged: Set<Pair>
    /// Pairs the plan keeps as one article: replaces, plus files kept at their path as the same
    /// article (an update or nothing to do).
    public var planned: Set<Pair>
    /// Hints the plan shows (likely renames under the threshold), as pairs.
    public var hinted: Set<Pair>
    /// Redirects the plan makes for merged pages: old path → the page it went into.
    public var merged: Set<Pair>
    /// What the plan does with each file or old path, to explain a missed pair.
    public var fate: [String: String] = [:]

    public var found: Set<Pair> { planned.intersection(truth) }
    /// Planned pairs neither git nor a reader backs. A page kept at its path (`_index.md` and
    /// `index.md` are one path, the section's page) is the same article by identity, whatever
    /// git's line similarity says, so it is never false.
    public var falsePairs: Set<Pair> {
        planned.subtracting(truth).subtracting(judged).filter { Self.section($0.old) != Self.section($0.new) }
    }

    static func section(_ path: String) -> String {
        path.hasSuffix("_index.md") ? String(path.dropLast("_index.md".count)) + "index.md" : path
    }
    public var missed: Set<Pair> { truth.subtracting(planned) }
    public var precision: Double {
        planned.isEmpty ? 1 : Double(planned.count - falsePairs.count) / Double(planned.count)
    }
    public var recall: Double { truth.isEmpty ? 1 : Double(found.count) / Double(truth.count) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Pairs git does not report that were judged by reading both pages (same title, same
    /// subject, most sections kept, rewritten beyond git's 50 % line similarity), per history.
    public static let judgedRenames: [String: [Pair]] = [
        "docsy": [
            Pair(old: "docs/adding-content/navigation.md", new: "docs/content/navigation.md"),
            Pair(old: "docs/adding-content/iconsimages.md", new: "docs/content/iconsimages.md"),
            Pair(old: "docs/adding-content/lookandfeel.md", new: "docs/content/lookandfeel.md"),
        ]
    ]

    /// Publishes `history/old` into `scratch` through `client`, swaps in `history/new`, plans.
    public static func measure(
        history: URL, client: PylonClient, knowledgeBaseID: String, author: String, scratch: URL,
        options: PlanOptions = PlanOptions()
    ) async throws -> RenameHistoryMeasurement {
        let manager = FileManager.default
        try? manager.removeItem(at: scratch)
        try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
        let configuration = "knowledge_base: \(knowledgeBaseID)\nauthor: \(author)\n"
        let oldOriginal = try copyMarkdown(from: history.appendingPathComponent("old"), to: scratch)
        try configuration.write(
            to: scratch.appendingPathComponent("pylon-kb.yml"), atomically: true, encoding: .utf8)
        let first = PublishSession(root: scratch, client: client, knowledgeBaseID: knowledgeBaseID)
        let published = try await first.prepare()
        guard published.plan.blockers.isEmpty else {
            throw MeasurementError("publishing old/ is blocked: \(published.plan.blockers.map(\.message))")
        }
        _ = await first.apply(published)
        for item in try manager.contentsOfDirectory(atPath: scratch.path)
        where item != ".pylon-kb" && item != "pylon-kb.yml" {
            try manager.removeItem(at: scratch.appendingPathComponent(item))
        }
        let newOriginal = try copyMarkdown(from: history.appendingPathComponent("new"), to: scratch)
        let second = PublishSession(
            root: scratch, client: client, knowledgeBaseID: knowledgeBaseID, options: options)
        let prepared = try await second.prepare()
        let plan = prepared.plan

        var oldPathByID: [String: String] = [:]
        for (path, record) in prepared.state.articles { oldPathByID[record.id] = oldOriginal[path] ?? path }
        let sourceByPath = Set(prepared.tree.articles.map(\.path))
        var planned: Set<Pair> = []
        var touched: Set<String> = []
        var fate: [String: String] = [:]
        for step in plan.articles {
            let old = step.existing.flatMap { oldPathByID[$0.id] }
            let what = "\(step.action.rawValue)\(step.similarity.map { String(format: " %.2f", $0) } ?? "")"
            if let old { fate["old " + old] = what + (step.source.map { " as " + $0 } ?? "") }
            if let holder = step.slugHolder.flatMap({ oldPathByID[$0.id] }), let source = step.source {
                fate["old " + holder] = "deleted to free its slug for " + (newOriginal[source] ?? source)
            }
            guard let published = step.source else { continue }
            let source = newOriginal[published] ?? published
            fate["new " + source] = what + (old.map { " of " + $0 } ?? "")
            touched.insert(published)
            if step.action == .replace || step.action == .update, let id = step.existing?.id,
                let old = oldPathByID[id]
            {
                planned.insert(Pair(old: old, new: source))
            }
        }
        // A file with no step is unchanged, so the same article at its path.
        for path in sourceByPath where !touched.contains(path) && prepared.state.articles[path] != nil {
            planned.insert(Pair(old: oldOriginal[path] ?? path, new: newOriginal[path] ?? path))
        }
        var hinted: Set<Pair> = []
        for hint in plan.renameHints {
            if let old = oldPathByID[hint.existing.id] {
                hinted.insert(Pair(old: old, new: newOriginal[hint.source] ?? hint.source))
            }
        }
        var merged: Set<Pair> = []
        for redirect in plan.redirects where redirect.reason.hasPrefix("merged") {
            merged.insert(
                Pair(old: redirect.fromPath, new: newOriginal[redirect.targetSource] ?? redirect.targetSource)
            )
        }
        let name = history.lastPathComponent
        return RenameHistoryMeasurement(
            name: name, truth: try truth(history), judged: Set(judgedRenames[name] ?? []),
            planned: planned, hinted: hinted, merged: merged, fate: fate)
    }

    static func truth(_ history: URL) throws -> Set<Pair> {
        let text = try String(contentsOf: history.appendingPathComponent("truth.tsv"), encoding: .utf8)
        var pairs: Set<Pair> = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t").map(String.init)
            if fields.count == 3 { pairs.insert(Pair(old: fields[1], new: fields[2])) }
        }
        return pairs
    }

    /// Copies the Markdown of a docs-site folder the way pylon-kb can publish it, the same for
    /// `old/` and `new/` so only the reorganisation differs: the slug comes from the path (an
    /// `index.md` or `_index.md` is named after its folders' path, a page at the top is `site-NAME`, characters a slug cannot hold become
    /// hyphens), a page with no title gets its file name, and links and images to paths are
    /// reduced to their text (the site's own routes and static files are not in the folder).
    /// Returns the history's path of each file by its path in `destination`.
    @discardableResult
    static func copyMarkdown(from source: URL, to destination: URL) throws -> [String: String] {
        let manager = FileManager.default
        var original: [String: String] = [:]
        guard let walker = manager.enumerator(atPath: source.path) else { return original }
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".md") else { continue }
            // pylon-kb skips `_` files; a section's `_index.md` is its page, so it is published.
            var published = relative
            if relative == "_index.md" || relative.hasSuffix("/_index.md") {
                published = String(relative.dropLast("_index.md".count)) + "index.md"
            }
            original[published] = relative
            let target = destination.appendingPathComponent(published)
            try manager.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let text = try String(contentsOf: source.appendingPathComponent(relative), encoding: .utf8)
            try publishable(text, path: relative).write(to: target, atomically: true, encoding: .utf8)
        }
        return original
    }

    static func slug(for path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        var name = String((parts.removeLast()).dropLast(3))
        if name == "index" || name == "_index" {
            name = parts.isEmpty ? "home" : parts.joined(separator: "-")
            parts = []
        }
        var slug = ""
        for character in name.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        // Pages at the top (search.md) would take the slug of a section's page of that name.
        if parts.isEmpty && !path.contains("/") && slug != "home" { slug = "site-" + slug }
        return slug.isEmpty ? "page" : slug
    }

    static func publishable(_ text: String, path: String) -> String {
        var lines = text.components(separatedBy: "\n")
        let name = String(path.split(separator: "/").last ?? "page").dropLast(3)
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") {
            // Blog authors are people, not members of the test workspace.
            var header = Array(lines[1..<end]).filter { !$0.hasPrefix("slug:") && !$0.hasPrefix("author:") }
            if !header.contains(where: { $0.hasPrefix("title:") }) { header.insert("title: \(name)", at: 0) }
            lines = ["---", "slug: \(slug(for: path))"] + header + Array(lines[end...])
        } else {
            lines = ["---", "slug: \(slug(for: path))", "title: \(name)", "---"] + lines
        }
        var body = lines.joined(separator: "\n")
        let rules: [(String, String)] = [
            (#"!\[([^\]]*)\]\([^)]*\)"#, "$1"),
            (#"\[([^\]]*)\]\((?!https?:|mailto:)[^)]*\)"#, "$1"),
            (#"(?m)^ {0,3}\[[^\]]+\]:\s*(?!https?:).*$"#, ""),
            (#"\[([^\]]*)\]\[[^\]]*\]"#, "$1"),
            (#"<img[^>]*>"#, ""),
        ]
        for (pattern, template) in rules {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            body = expression.stringByReplacingMatches(
                in: body, range: NSRange(body.startIndex..., in: body), withTemplate: template)
        }
        return body
    }

    /// A report: the scores, then every false and missed pair.
    public var report: String {
        func percent(_ value: Double) -> String { String(format: "%.3f", value) }
        var lines = [
            "\(name): precision \(percent(precision)), recall \(percent(recall)), F1 \(percent(f1)) (planned \(planned.count), git \(truth.count), found \(found.count))"
        ]
        for pair in falsePairs.sorted() { lines.append("  false:  \(pair)") }
        for pair in missed.sorted() {
            lines.append(
                "  missed: \(pair)" + (hinted.contains(pair) ? " (shown as a hint)" : "")
                    + " [old: \(fate["old " + pair.old] ?? "no step"); new: \(fate["new " + pair.new] ?? "no step")]"
            )
        }
        for pair in planned.intersection(judged).sorted() {
            lines.append("  judged rename (not in git): \(pair)")
        }
        for pair in hinted.subtracting(missed).sorted() { lines.append("  hint:   \(pair)") }
        for pair in merged.sorted() { lines.append("  merge redirect: \(pair)") }
        return lines.joined(separator: "\n")
    }
}

public struct MeasurementError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
