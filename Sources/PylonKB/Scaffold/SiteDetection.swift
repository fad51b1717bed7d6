import Foundation
import Yams

/// Recognises the docs-site generator of an existing folder (`pylon-kb init --from`) from the
/// files each one requires, and where its pages are.
public struct SiteDetection: Sendable, Hashable {
    public var dialect: Dialect?
    /// The generator's configuration file that gave it away, relative to the folder.
    public var evidence: String?
    /// `site:` and `pages:` for `pylon-kb.yml`.
    public var siteFolder: String
    public var pagesFolder: String
    /// What the detection decided that the user should know (other languages, other collections).
    public var notes: [String]

    /// How deep below the folder a generator's configuration is looked for (a repository
    /// keeps its site in `docs/` or `website/`, sometimes one level more).
    static let searchDepth = 3
    static let skipped: Set<String> = ["node_modules", "vendor", "public", "_site", "build", "dist"]

    public static func detect(in root: URL) -> SiteDetection {
        var found: [(depth: Int, rank: Int, detection: SiteDetection)] = []
        visit(root, relative: "", depth: 0) { folder, names in
            let depth = folder.isEmpty ? 0 : folder.split(separator: "/").count
            if let detection = recognise(root: root, folder: folder, names: names) {
                let rank = detection.dialect.flatMap { Dialect.allCases.firstIndex(of: $0) } ?? 0
                found.append((depth, rank, detection))
            }
        }
        let best = found.min { ($0.depth, $0.rank) < ($1.depth, $1.rank) }
        return best?.detection
            ?? SiteDetection(
                dialect: nil, evidence: nil, siteFolder: "", pagesFolder: "",
                notes: [
                    "No docs-site generator was recognised, so the folder is read as pylon-kb's own Markdown."
                ])
    }

    private static func visit(
        _ root: URL, relative: String, depth: Int, _ body: (String, Set<String>) -> Void
    ) {
        let url = relative.isEmpty ? root : root.appendingPathComponent(relative)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
        body(relative, Set(names))
        guard depth < searchDepth else { return }
        for name in names.sorted() where !name.hasPrefix(".") && !skipped.contains(name) {
            let child = relative.isEmpty ? name : "\(relative)/\(name)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: root.appendingPathComponent(child).path, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                visit(root, relative: child, depth: depth + 1, body)
            }
        }
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : "\(folder)/\(name)"
    }

    private static func isFolder(_ root: URL, _ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(
            atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    static func recognise(root: URL, folder: String, names: Set<String>) -> SiteDetection? {
        for name in [
            "docusaurus.config.ts", "docusaurus.config.js", "docusaurus.config.mjs", "docusaurus.config.cjs",
        ]
        where names.contains(name) {
            let docs = join(folder, "docs")
            return SiteDetection(
                dialect: .docusaurus, evidence: join(folder, name), siteFolder: folder,
                pagesFolder: isFolder(root, docs) ? docs : folder, notes: [])
        }
        for name in ["mkdocs.yml", "mkdocs.yaml"] where names.contains(name) {
            var docsDir = "docs"
            if let text = try? String(
                contentsOf: root.appendingPathComponent(join(folder, name)), encoding: .utf8),
                let parsed = try? YAMLReader.parse(text), let written = parsed["docs_dir"]?.string,
                let normalised = ContentPath.normalisedFolder(written)
            {
                docsDir = normalised
            }
            return SiteDetection(
                dialect: .mkdocs, evidence: join(folder, name), siteFolder: folder,
                pagesFolder: join(folder, docsDir), notes: [])
        }
        let hugoFiles = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml"]
        let hugoConfig =
            hugoFiles.first { names.contains($0) && (names.contains("content") || $0.hasPrefix("hugo")) }
            ?? (names.contains("config") && isFolder(root, join(folder, "config/_default"))
                && names.contains("content") ? "config/_default" : nil)
        if let hugoConfig {
            return hugo(root: root, folder: folder, evidence: join(folder, hugoConfig))
        }
        if names.contains("docfx.json") {
            return SiteDetection(
                dialect: .docfx, evidence: join(folder, "docfx.json"), siteFolder: folder,
                pagesFolder: folder,
                notes: [])
        }
        if names.contains("_config.yml")
            || (names.contains("_includes") && names.contains { $0.hasPrefix("_") && $0 != "_includes" })
        {
            return jekyll(root: root, folder: folder, names: names)
        }
        return nil
    }

    private static func markdownCount(_ root: URL, _ folder: String) -> Int {
        guard
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
        else { return 0 }
        var count = 0
        while let next = enumerator.nextObject() as? String {
            if next.hasSuffix(".md") { count += 1 }
        }
        return count
    }

    private static func hugo(root: URL, folder: String, evidence: String) -> SiteDetection {
        let content = join(folder, "content")
        var pages = content
        var notes: [String] = []
        let entries =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(content).path))
            ?? []
        // A multilingual site keeps one content folder per language (`content/en`, `content/fr`).
        let languages = entries.filter {
            isFolder(root, join(content, $0)) && Translation.languageCode(inFileName: "x.\($0).md") != nil
        }.sorted()
        if languages.count > 1 || (languages.count == 1 && !entries.contains { $0.hasSuffix(".md") }) {
            let chosen = languages.contains("en") ? "en" : languages[0]
            pages = join(content, chosen)
            let others = languages.filter { $0 != chosen }
            if !others.isEmpty {
                notes.append(
                    "Only the `\(chosen)` pages are read; \(others.map { "\(content)/\($0)" }.joined(separator: ", ")) (\(others.count == 1 ? "another language" : "other languages")) are not: pylon-kb's translations are `name.<lang>.md` files beside the original."
                )
            }
        }
        return SiteDetection(
            dialect: .hugo, evidence: evidence, siteFolder: folder, pagesFolder: pages, notes: notes)
    }

    private static func jekyll(root: URL, folder: String, names: Set<String>) -> SiteDetection {
        // Jekyll keeps documentation in collections (`_docs`, `_guides`); the one with the most
        // pages is the help center, the others are named so the user can choose.
        let reserved: Set<String> = [
            "_includes", "_layouts", "_sass", "_data", "_site", "_plugins", "_drafts",
        ]
        let collections = names.filter {
            $0.hasPrefix("_") && !reserved.contains($0) && isFolder(root, join(folder, $0))
        }
        .map { ($0, markdownCount(root, join(folder, $0))) }
        .filter { $0.1 > 0 }
        .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let evidence = names.contains("_config.yml") ? join(folder, "_config.yml") : join(folder, "_includes")
        guard let chosen = collections.first else {
            return SiteDetection(
                dialect: .jekyll, evidence: evidence, siteFolder: folder, pagesFolder: folder, notes: [])
        }
        var notes: [String] = []
        if collections.count > 1 {
            notes.append(
                "Pages are read from \(join(folder, chosen.0)) (\(chosen.1) pages); the site's other collections (\(collections.dropFirst().map(\.0).joined(separator: ", "))) are not: change `pages:` to choose another."
            )
        }
        return SiteDetection(
            dialect: .jekyll, evidence: evidence, siteFolder: folder, pagesFolder: join(folder, chosen.0),
            notes: notes)
    }
}
