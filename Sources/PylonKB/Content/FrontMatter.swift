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

    public init() {}

    public static let knownKeys: [String] = [
        "title", "slug", "published", "unlisted", "visibility", "ai_agent_access",
        "allowed_agent_ids", "author", "previous_slugs", "redirect_from", "protect",
        "tags",
    ]

    /// Parses front matter YAML whose first line is line `lineOffset + 1` of the file at
    /// `path`. Problems are appended to `diagnostics`.
    public static func parse(
        _ yaml: String, path: String, lineOffset: Int, diagnostics: inout [Diagnostic]
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
        let known = Set(knownKeys)
        var seen: Set<String> = []
        for key in fields.keys where !known.contains(key) && seen.insert(key).inserted {
            frontMatter.unknownKeys.append(key)
            fields.diagnostics.append(
                .warning(
                    path, line: frontMatter.keyLines[key],
                    "Unknown front matter key `\(key)` is ignored (see docs/front-matter.md for the keys pylon-kb reads)."
                ))
        }

        frontMatter.title = fields.string("title")?.trimmingCharacters(in: .whitespaces)
        if frontMatter.title?.isEmpty == true { frontMatter.title = nil }
        frontMatter.slug = fields.string("slug")
        frontMatter.published = fields.bool("published")
        frontMatter.unlisted = fields.bool("unlisted")
        frontMatter.visibility = fields.choice("visibility", ArticleVisibility.self)
        frontMatter.aiAgentAccess = fields.choice("ai_agent_access", AIAgentAccess.self)
        frontMatter.allowedAgentIDs = fields.strings("allowed_agent_ids").map(\.value)
        frontMatter.author = fields.string("author")
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
        for (value, line) in fields.strings("redirect_from") {
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
        diagnostics += fields.diagnostics
        return frontMatter
    }
}
