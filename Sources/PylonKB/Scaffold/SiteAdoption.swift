import Foundation

/// `pylon-kb init --from DIR`: a `pylon-kb.yml` for a docs folder that already exists, and a
/// report of what pylon-kb made of it. Nothing else in the folder is written or changed.
public enum SiteAdoption {
    /// The configuration for `detection`, with comments that say where each value came from.
    public static func configurationText(
        _ detection: SiteDetection, knowledgeBase: String?, author: String?
    ) -> String {
        var lines: [String] = []
        if let dialect = detection.dialect, let evidence = detection.evidence {
            lines.append(
                "# Written by `pylon-kb init --from` for a \(dialect.displayName) site (found \(evidence)).")
        } else {
            lines.append("# Written by `pylon-kb init --from`: no docs-site generator was recognised.")
        }
        lines.append("# docs/adopting.md says what each dialect's pages become in Pylon.")
        if let knowledgeBase {
            lines.append("knowledge_base: \(yamlScalar(knowledgeBase))")
        } else {
            lines.append(
                "# Publishes to a local knowledge base; replace with `knowledge_base: <id>` to publish to Pylon."
            )
            lines.append("target: local")
        }
        if let author { lines.append("author: \(yamlScalar(author))") }
        lines.append("dialect: \(detection.dialect?.rawValue ?? "none")")
        lines.append("# The generator's folder (its configuration, includes and static files).")
        lines.append("site: \(yamlScalar(detection.siteFolder))")
        lines.append("# The folder whose Markdown pages become articles; its sub-folders become collections.")
        lines.append("pages: \(yamlScalar(detection.pagesFolder))")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func yamlScalar(_ value: String) -> String {
        value.isEmpty || value.contains(":") || value.contains("#") || value.hasPrefix("_")
            ? "\"\(value)\"" : value
    }

    /// Writes `pylon-kb.yml` into `root`; an existing one is kept unless `force`.
    public static func write(_ text: String, to root: URL, force: Bool) throws(ContentScaffold.Failure) {
        let url = root.appendingPathComponent(Configuration.fileName)
        if FileManager.default.fileExists(atPath: url.path), !force {
            throw ContentScaffold.Failure(
                description:
                    "\(url.path) already exists; edit it (see docs/adopting.md), or pass --force to replace it."
            )
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ContentScaffold.Failure(
                description: "Could not write \(url.path): \(error.localizedDescription)")
        }
    }

    /// What pylon-kb made of the folder, a line each: pages, collections, drafts, redirects,
    /// what it cannot carry over, and the check's verdict.
    public static func summary(_ detection: SiteDetection, check: ContentCheck.Result) -> [String] {
        let tree = check.tree
        var lines: [String] = []
        if let dialect = detection.dialect, let evidence = detection.evidence {
            lines.append("Dialect: \(dialect.rawValue) (found \(evidence))")
        } else {
            lines.append("Dialect: none (no Hugo, Docusaurus, MkDocs, Jekyll or docfx configuration found)")
        }
        lines.append("Pages: \(detection.pagesFolder.isEmpty ? "." : detection.pagesFolder)")
        let translations = tree.pageCount - tree.articles.count
        lines.append(
            "  \(tree.articles.count) articles\(translations > 0 ? " (+\(translations) translations)" : "") in \(tree.collections.count) collections"
        )
        let described = tree.collections.filter { $0.description != nil }.count
        if described > 0 { lines.append("  \(described) collections described by their section pages") }
        let drafts = tree.articles.filter { $0.frontMatter.heldBySource != nil }
        if !drafts.isEmpty {
            lines.append(
                "  \(drafts.count) drafts (\(reasons(drafts.compactMap(\.frontMatter.heldBySource)))): kept as Pylon drafts, never published"
            )
        }
        let unlisted = tree.articles.filter { $0.frontMatter.unlistedBySource != nil && $0.unlisted }
        if !unlisted.isEmpty {
            lines.append(
                "  \(unlisted.count) hidden pages (\(reasons(unlisted.compactMap(\.frontMatter.unlistedBySource)))): published unlisted"
            )
        }
        let ordered = tree.articles.filter { $0.orderHint != nil }.count
        if ordered > 0 {
            lines.append(
                "  \(ordered) pages with an order (weight, sidebar_position, nav_order): kept for the preview; Pylon's API cannot position articles"
            )
        }
        let redirects = tree.articles.reduce(0) { $0 + $1.redirectFrom.count }
        if redirects > 0 { lines.append("  \(redirects) redirects from old addresses to articles") }
        for note in detection.notes { lines.append("Note: \(note)") }
        lines.append(
            "Check: \(check.report.errorCount) errors, \(check.report.warningCount) warnings (`pylon-kb check` lists them)"
        )
        return lines
    }

    private static func reasons(_ all: [String]) -> String {
        var counts: [String: Int] = [:]
        for reason in all { counts[reason, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
