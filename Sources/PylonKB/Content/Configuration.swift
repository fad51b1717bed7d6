import Foundation
import Yams

/// The settings in `pylon-kb.yml` at the content root.
public struct Configuration: Sendable, Hashable {
    public static let fileName = "pylon-kb.yml"

    public enum Target: Sendable, Hashable {
        /// A Pylon knowledge base, by id.
        case knowledgeBase(String)
        /// The embedded local knowledge base (`target: local`).
        case local
    }

    public enum RemovePolicy: String, Sendable, Hashable, CaseIterable {
        case report, unlist, delete
    }

    public enum RenamePolicy: String, Sendable, Hashable, CaseIterable {
        case delete, unlist
    }

    public enum DriftPolicy: String, Sendable, Hashable, CaseIterable {
        case fail, skip, overwrite
    }

    /// Nil when the file names neither a knowledge base nor `target: local`.
    public var target: Target?
    /// The default author: an email address or a Pylon user id.
    public var author: String?
    /// The help center's public address, for absolute article links.
    public var siteURL: URL?
    /// Used for articles whose front matter does not say.
    public var defaultPublished: Bool
    public var defaultVisibility: ArticleVisibility
    public var onRemove: RemovePolicy
    public var onRename: RenamePolicy
    public var onDrift: DriftPolicy
    /// How similar (0–1) a removed and an added article must be to count as a rename.
    public var renameSimilarityThreshold: Double
    /// `policies.redirect_merged_pages`: a removed article whose text mostly went into one
    /// page gets a route redirect to it (and a rename's fate).
    public var redirectMergedPages: Bool = true
    /// The docs-site generator the folder was written for (`dialect:`); nil for pylon-kb's own.
    public var dialect: Dialect?
    /// The folder the articles are read from (`pages:`), relative to the content root; "" is
    /// the root itself. Files outside it can still be included, linked or shown as images.
    public var pagesFolder: String = ""
    /// The folder of the site's generator configuration (`site:`), relative to the content
    /// root; where a dialect looks for `_includes/`, `static/` and the like.
    public var siteFolder: String = ""
    /// `checks:`: the level and parameters of each configurable check, and `strict`.
    public var checks = CheckSettings()

    public init(
        target: Target? = nil, author: String? = nil, siteURL: URL? = nil,
        defaultPublished: Bool = true, defaultVisibility: ArticleVisibility = .public,
        onRemove: RemovePolicy = .report, onRename: RenamePolicy = .unlist,
        onDrift: DriftPolicy = .fail, renameSimilarityThreshold: Double = 0.8
    ) {
        self.target = target
        self.author = author
        self.siteURL = siteURL
        self.defaultPublished = defaultPublished
        self.defaultVisibility = defaultVisibility
        self.onRemove = onRemove
        self.onRename = onRename
        self.onDrift = onDrift
        self.renameSimilarityThreshold = renameSimilarityThreshold
    }

    static let knownKeys: Set<String> = [
        "knowledge_base", "target", "author", "site_url", "defaults", "policies",
        "rename_similarity_threshold", "dialect", "pages", "site", "checks",
    ]

    /// Parses the text of `pylon-kb.yml`. Problems are appended to `diagnostics`; invalid
    /// values fall back to their defaults so checking can continue.
    public static func parse(_ text: String, path: String = fileName, diagnostics: inout [Diagnostic])
        -> Configuration
    {
        var configuration = Configuration()
        let node: Node?
        do {
            node = try YAMLReader.parse(text)
        } catch {
            diagnostics.append(.error(path, line: error.line, error.message))
            return configuration
        }
        guard
            var fields = YAMLFields(
                node, path: path, lineOffset: 0, what: "content of \(fileName)", diagnostics: &diagnostics)
        else { return configuration }
        fields.warnUnknownKeys(known: knownKeys, in: fileName)

        let knowledgeBase = fields.string("knowledge_base")
        let target = fields.string("target")
        switch (knowledgeBase, target) {
        case (let id?, nil):
            if id.isEmpty {
                fields.diagnostics.append(
                    .error(
                        path, line: fields.line(of: "knowledge_base"),
                        "`knowledge_base` is empty; set it to your knowledge base's id."))
            } else {
                configuration.target = .knowledgeBase(id)
            }
        case (nil, "local"?):
            configuration.target = .local
        case (nil, let other?):
            fields.diagnostics.append(
                .error(
                    path, line: fields.line(of: "target"),
                    "`target` is \"\(other)\", but the only target is `local`; to publish to Pylon, set `knowledge_base: <id>` instead."
                ))
        case (_?, _?):
            fields.diagnostics.append(
                .error(
                    path, line: fields.line(of: "target"),
                    "Both `knowledge_base` and `target` are set; keep `knowledge_base` to publish to Pylon or `target: local` to work locally."
                ))
        case (nil, nil):
            fields.diagnostics.append(
                .warning(
                    path, line: 1,
                    "\(fileName) names no knowledge base; add `knowledge_base: <id>` or `target: local` before running plan or apply."
                ))
        }

        configuration.author = fields.string("author")
        if let author = configuration.author, author.trimmingCharacters(in: .whitespaces).isEmpty {
            fields.diagnostics.append(
                .error(
                    path, line: fields.line(of: "author"),
                    "`author` is empty; set it to an email or a Pylon user id."))
            configuration.author = nil
        }

        if let site = fields.string("site_url") {
            if let url = URL(string: site), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host != nil
            {
                configuration.siteURL = url
            } else {
                fields.diagnostics.append(
                    .error(
                        path, line: fields.line(of: "site_url"),
                        "`site_url` is \"\(site)\", which is not an http(s) address such as https://help.example.com."
                    ))
            }
        }

        if var defaults = fields.mapping("defaults", what: "`defaults` section") {
            defaults.warnUnknownKeys(known: ["published", "visibility"], in: "`defaults`")
            if let published = defaults.bool("published") { configuration.defaultPublished = published }
            if let visibility = defaults.choice("visibility", ArticleVisibility.self) {
                configuration.defaultVisibility = visibility
            }
            fields.diagnostics += defaults.diagnostics
        }

        if var policies = fields.mapping("policies", what: "`policies` section") {
            policies.warnUnknownKeys(
                known: ["on_remove", "on_rename", "on_drift", "redirect_merged_pages"], in: "`policies`")
            if let value = policies.choice("on_remove", RemovePolicy.self) { configuration.onRemove = value }
            if let value = policies.choice("on_rename", RenamePolicy.self) { configuration.onRename = value }
            if let value = policies.choice("on_drift", DriftPolicy.self) { configuration.onDrift = value }
            if let value = policies.bool("redirect_merged_pages") {
                configuration.redirectMergedPages = value
            }
            fields.diagnostics += policies.diagnostics
        }

        if let threshold = fields.number("rename_similarity_threshold") {
            if (0...1).contains(threshold) {
                configuration.renameSimilarityThreshold = threshold
            } else {
                fields.diagnostics.append(
                    .error(
                        path, line: fields.line(of: "rename_similarity_threshold"),
                        "`rename_similarity_threshold` is \(threshold), but it must be between 0 and 1 (default 0.8)."
                    ))
            }
        }
        if let dialect = fields.string("dialect") {
            if let value = Dialect(rawValue: dialect.lowercased()) {
                configuration.dialect = value
            } else if !["", "none"].contains(dialect.lowercased()) {
                let names = Dialect.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                fields.diagnostics.append(
                    .error(
                        path, line: fields.line(of: "dialect"),
                        "`dialect` is \"\(dialect)\", which pylon-kb does not read; use one of \(names), or `none` for pylon-kb's own Markdown."
                    ))
            }
        }
        for (key, keyPath) in [("pages", \Configuration.pagesFolder), ("site", \Configuration.siteFolder)] {
            guard let value = fields.string(key) else { continue }
            if let folder = ContentPath.normalisedFolder(value) {
                configuration[keyPath: keyPath] = folder
            } else {
                fields.diagnostics.append(
                    .error(
                        path, line: fields.line(of: key),
                        "`\(key)` is \"\(value)\"; it must be a folder inside the content root, written relative to it (such as `docs`)."
                    ))
            }
        }
        if var checks = fields.mapping("checks", what: "`checks` section") {
            configuration.checks = CheckSettings.parse(&checks)
            fields.diagnostics += checks.diagnostics
        }
        diagnostics += fields.diagnostics
        return configuration
    }
}
