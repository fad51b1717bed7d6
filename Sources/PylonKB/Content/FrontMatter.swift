import Foundation
import Yams

/// The YAML front matter of an article, as written. Nil means "not set": defaults from
/// `pylon-kb.yml` apply when the article is built.
public struct FrontMatter: Sendable, Hashable {
    public var title: String?
    public var slug: String?
    public var published: Bool?
    public var unlisted: Bool?
    public var visibility: ArticleVisibility?
    public var aiAgentAccess: AIAgentAccess?
    public var allowedAgentIDs: [String] = []
    public var author: String?
    /// Slugs this article had before; a redirect is created from each.
    public var previousSlugs: [String] = []
    /// Legacy paths (e.g. from an old help center) that should redirect here.
    public var redirectFrom: [String] = []
    /// Never removed or replaced automatically.
    public var protect: Bool?
    /// Pylon tag values, trimmed, without case-insensitive duplicates (the first spelling
    /// wins). Empty when not set. See `FrontMatter+Tags.swift`.
    public var tags: [String] = []
    /// Keys pylon-kb does not know (e.g. another platform's `nav_title`), in file order.
    public var unknownKeys: [String] = []
    /// The file line of each key that was present.
    public var keyLines: [String: Int] = [:]
    /// The YAML could not be parsed (already reported); nothing above was read from it.
    public var isMalformed = false

    // What a docs-site generator's keys say (see `FrontMatter+Dialect.swift`).
    /// `description`: the summary of a section page becomes its collection's description.
    public var description: String?
    /// Why the source keeps this page off the live site (`draft: true`, Hugo's
    /// `_build: render: never`); such a page is only ever a Pylon draft.
    public var heldBySource: String?
    /// Why the source hides this page from navigation or search (`nav_exclude`, `toc_hide`,
    /// `ROBOTS: NOINDEX`); it is published unlisted unless `unlisted:` says otherwise.
    public var unlistedBySource: String?
    /// `weight`, `sidebar_position`, `nav_order`: where the source puts the page among its siblings.
    public var orderHint: Double?
    /// Hugo `aliases`, as written (relative ones are relative to the page's section).
    public var aliases: [LocatedValue] = []
    /// The page is only a redirect (`redirect_to`, docfx `redirect_url`): the target, as written.
    public var redirectTo: LocatedValue?
    /// Jekyll `permalink`: the page's address on the old site.
    public var permalink: String?
    /// The short title the source shows in navigation (`linkTitle`, `sidebar_label`).
    public var navigationTitle: String?
    /// The key `slug` was taken from when it was not `slug` itself (Hugo `url`, Docusaurus `id`).
    public var slugSourceKey: String?

    public init() {}

    /// A front matter value with the file line it was written on.
    public struct LocatedValue: Sendable, Hashable {
        public var value: String
        public var line: Int

        public init(_ value: String, line: Int) {
            self.value = value
            self.line = line
        }
    }

    public static let knownKeys: [String] = [
        "title", "slug", "published", "unlisted", "visibility", "ai_agent_access",
        "allowed_agent_ids", "author", "previous_slugs", "redirect_from", "protect",
        "tags",
    ]

    /// Parses front matter YAML whose first line is line `lineOffset + 1` of the file at
    /// `path`. Problems are appended to `diagnostics`.
    public static func parse(
        _ yaml: String, path: String, lineOffset: Int, dialect: Dialect? = nil,
        diagnostics: inout [Diagnostic]
    ) -> FrontMatter {
        var frontMatter = FrontMatter()
        let node: Node?
        do {
            node = try YAMLReader.parse(yaml)
        } catch {
            diagnostics.append(.error(path, line: error.line + lineOffset, error.message))
            frontMatter.isMalformed = true
            return frontMatter
        }
        guard
            var fields = YAMLFields(
                node, path: path, lineOffset: lineOffset, what: "front matter", diagnostics: &diagnostics)
        else { return frontMatter }
        for entry in fields.entries where frontMatter.keyLines[entry.key] == nil {
            frontMatter.keyLines[entry.key] = entry.line
        }
        // Unknown keys are reported by the loader, once per key for the whole folder.
        var seen: Set<String> = []
        for key in fields.keys where !isKnown(key, dialect: dialect) && seen.insert(key).inserted {
            frontMatter.unknownKeys.append(key)
        }

        frontMatter.title = fields.string("title")?.trimmingCharacters(in: .whitespaces)
        if frontMatter.title?.isEmpty == true { frontMatter.title = nil }
        frontMatter.slug = fields.string("slug")
        frontMatter.published = fields.bool("published")
        frontMatter.unlisted = fields.bool("unlisted")
        frontMatter.visibility = fields.choice("visibility", ArticleVisibility.self)
        frontMatter.aiAgentAccess = fields.choice("ai_agent_access", AIAgentAccess.self)
        frontMatter.allowedAgentIDs = fields.strings("allowed_agent_ids").map(\.value)
        // A generator's `author` is the page's byline (a name, a GitHub handle), not a Pylon
        // user: in a dialect folder only `pylon_author` names the Pylon author.
        frontMatter.author = fields.string("pylon_author") ?? (dialect == nil ? fields.string("author") : nil)
        frontMatter.protect = fields.bool("protect")
        let tagEntries = fields.strings("tags")
        frontMatter.tags = parseTags(tagEntries, path: path, diagnostics: &fields.diagnostics)

        for (value, line) in fields.strings("previous_slugs") {
            if let problem = Slug.problem(with: value, key: "previous slug") {
                fields.diagnostics.append(.error(path, line: line, problem))
            } else {
                frontMatter.previousSlugs.append(value)
            }
        }
        for (written, line) in fields.strings("redirect_from") {
            // Jekyll's redirect_from plugin accepts paths without the leading slash.
            let value =
                dialect != nil && !written.hasPrefix("/") && !written.contains(":") ? "/" + written : written
            if value.hasPrefix("/") && !value.hasPrefix("//") && !value.contains(" ") {
                frontMatter.redirectFrom.append(value)
            } else {
                fields.diagnostics.append(
                    .error(
                        path, line: line,
                        "`redirect_from` entry \"\(value)\" must be a path on the help center starting with `/`, such as /articles/1234567890-old-page."
                    ))
            }
        }
        if !frontMatter.allowedAgentIDs.isEmpty, frontMatter.aiAgentAccess != .specificAgents {
            fields.diagnostics.append(
                .warning(
                    path, line: frontMatter.keyLines["allowed_agent_ids"],
                    "`allowed_agent_ids` only applies with `ai_agent_access: specific_agents`; it is ignored here."
                ))
        }
        frontMatter.readDialectKeys(&fields, dialect: dialect)
        diagnostics += fields.diagnostics
        return frontMatter
    }
}
