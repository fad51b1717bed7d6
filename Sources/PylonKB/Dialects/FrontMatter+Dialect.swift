import Foundation
import Yams

/// Front matter keys of the docs-site generators, read for what they mean in Pylon.
///
/// Every key a generator documents is either mapped (it changes what is published) or known
/// to carry nothing Pylon can hold (layout, navigation labels, dates, spell-check lists) and
/// is passed over without a warning; `docs/adopting.md` lists both. A key no generator
/// documents is "unknown" and reported once per key for the whole folder.
extension FrontMatter {
    /// Keys read in every folder, dialect or not: a page its author marked as a draft is
    /// never published live, whatever the folder was written for.
    static let universalKeys: Set<String> = ["draft", "description", "pylon_author"]

    /// Keys the dialect maps onto pylon-kb settings.
    static func mappedKeys(_ dialect: Dialect) -> Set<String> {
        switch dialect {
        case .hugo: ["aliases", "weight", "url", "linkTitle", "headless", "_build", "build", "toc_hide"]
        case .docusaurus: ["sidebar_position", "id", "sidebar_label"]
        case .mkdocs: ["search"]
        case .jekyll:
            ["nav_order", "nav_exclude", "search_exclude", "redirect_to", "redirect", "permalink"]
        case .docfx: ["redirect_url", "ROBOTS"]
        }
    }

    /// Keys the generator documents that have no counterpart in Pylon (presentation,
    /// navigation structure that folders already give, dates, metadata for other tools).
    static func presentationalKeys(_ dialect: Dialect) -> Set<String> {
        switch dialect {
        case .hugo:
            [
                "date", "lastmod", "publishDate", "expiryDate", "params", "categories", "keywords",
                "type", "layout", "menu", "cascade", "resources", "outputs", "no_list", "summary",
                "images", "author", "authors", "cSpell", "body_class", "simple_list", "hide_summary",
                "translationKey", "markup", "sitemap", "canonical_url", "exclude_search",
            ]
        case .docusaurus:
            [
                "sidebar_class_name", "sidebar_custom_props", "displayed_sidebar", "hide_title",
                "hide_table_of_contents", "custom_edit_url", "pagination_label", "pagination_next",
                "pagination_prev", "keywords", "image", "toc_min_heading_level",
                "toc_max_heading_level", "last_update", "parse_number_prefixes", "author", "authors",
            ]
        case .mkdocs: ["template", "hide", "status", "icon", "subtitle", "authors", "date", "comments"]
        case .jekyll:
            [
                "layout", "parent", "grand_parent", "great_grand_parent", "has_children", "has_toc",
                "child_nav_order", "date", "categories", "sitemap", "excerpt", "toc", "nav_title",
                "category", "sub_category", "order", "isIndex", "excluded_in_search",
                "external_redirect", "image", "author",
            ]
        case .docfx:
            [
                "titleSuffix", "uid", "monikerRange", "f1_keywords", "helpviewer_keywords",
                "dev_langs", "manager", "zone_pivot_groups", "zone_pivot_group_filename",
                "is_archived", "author", "ms.date", "ms.custom", "ms.service", "ms.subservice", "ms.topic",
                "ms.author",
                "ms.reviewer", "ms.collection", "ms.localizationpriority", "ms.assetid",
                "ms.devlang", "ms.prod", "ms.technology", "ms.workload", "ms.update-cycle",
            ]
        }
    }

    /// Whether `key` means something to pylon-kb in a folder of `dialect`.
    static func isKnown(_ key: String, dialect: Dialect?) -> Bool {
        if knownKeys.contains(key) || universalKeys.contains(key) { return true }
        guard let dialect else { return false }
        if dialect == .docfx, key.hasPrefix("ms.") { return true }
        return mappedKeys(dialect).contains(key) || presentationalKeys(dialect).contains(key)
    }

    /// Reads the keys every folder shares (`draft`, `description`) and the dialect's own.
    mutating func readDialectKeys(_ fields: inout YAMLFields, dialect: Dialect?) {
        let path = fields.path
        if let description = fields.string("description")?.trimmingCharacters(in: .whitespacesAndNewlines),
            !description.isEmpty
        {
            self.description = description
        }
        if let draft = fields.bool("draft"), draft {
            hold("`draft: true`", published: published, path: path, line: keyLines["draft"], fields: &fields)
        }
        guard let dialect else { return }
        switch dialect {
        case .hugo: readHugo(&fields)
        case .docusaurus: readDocusaurus(&fields)
        case .mkdocs:
            if let search = fields.mapping("search", what: "`search` setting"), search.node("exclude") != nil
            {
                var search = search
                if search.bool("exclude") == true { unlistedBySource = "`search: exclude: true`" }
                fields.diagnostics += search.diagnostics
            }
        case .jekyll: readJekyll(&fields)
        case .docfx: readDocfx(&fields)
        }
        if unlisted == nil, unlistedBySource != nil { unlisted = true }
    }

    /// Keeps a page the source marks as not for publishing out of the live help center: it
    /// becomes a Pylon draft. An explicit `published: true` beside it is a contradiction.
    private mutating func hold(
        _ reason: String, published: Bool?, path: String, line: Int?, fields: inout YAMLFields
    ) {
        if published == true {
            fields.diagnostics.append(
                .error(
                    path, line: line,
                    "This page says both \(reason) and `published: true`; remove one so it is clear whether the page goes live."
                ))
            return
        }
        heldBySource = heldBySource ?? reason
    }

    private mutating func readOrder(_ key: String, _ fields: inout YAMLFields) {
        guard let value = fields.node(key), !fields.isNull(value.node) else { return }
        if let number = value.node.float ?? value.node.int.map(Double.init) {
            orderHint = number
        } else {
            fields.diagnostics.append(
                .warning(
                    fields.path, line: value.line,
                    "`\(key)` is not a number, so it does not order this page; write a number such as 10."))
        }
    }

    /// The last segment of a URL path written as a slug (`/docs/install/` → `install`), or
    /// nil for the site's root (`/`).
    static func lastSegment(_ value: String) -> String? {
        value.split(separator: "/").last.map(String.init)
    }

    private mutating func readHugo(_ fields: inout YAMLFields) {
        readOrder("weight", &fields)
        for (alias, line) in fields.strings("aliases") {
            aliases.append(LocatedValue(alias, line: line))
        }
        if let url = fields.string("url"), slug == nil, let last = Self.lastSegment(url) {
            slug = last
            slugSourceKey = "url"
        } else if let written = slug, written.contains("/"), let last = Self.lastSegment(written) {
            slug = last
        }
        if let linkTitle = fields.string("linkTitle")?.trimmingCharacters(in: .whitespaces),
            !linkTitle.isEmpty
        {
            navigationTitle = linkTitle
        }
        if fields.bool("headless") == true {
            hold(
                "`headless: true`", published: published, path: fields.path, line: keyLines["headless"],
                fields: &fields)
        }
        for key in ["_build", "build"] {
            guard var build = fields.mapping(key, what: "`\(key)` setting") else { continue }
            let render = build.string("render")?.lowercased()
            if render == "never" || render == "false" {
                hold(
                    "`\(key): render: never`", published: published, path: fields.path, line: keyLines[key],
                    fields: &fields)
            }
            let list = build.string("list")?.lowercased()
            if list == "never" || list == "false" { unlistedBySource = "`\(key): list: never`" }
            fields.diagnostics += build.diagnostics
        }
        if fields.bool("toc_hide") == true { unlistedBySource = "`toc_hide: true`" }
    }

    private mutating func readDocusaurus(_ fields: inout YAMLFields) {
        readOrder("sidebar_position", &fields)
        if let written = slug {
            // Docusaurus slugs are URL paths (`/guides/install`); Pylon's are one segment.
            if written.contains("/") {
                slug = Self.lastSegment(written)
                if slug == nil { slugSourceKey = "slug" }
            }
        } else if let id = fields.string("id"), let last = Self.lastSegment(id) {
            slug = last
            slugSourceKey = "id"
        }
        if let label = fields.string("sidebar_label")?.trimmingCharacters(in: .whitespaces), !label.isEmpty {
            navigationTitle = label
        }
    }

    private mutating func readJekyll(_ fields: inout YAMLFields) {
        readOrder("nav_order", &fields)
        if fields.bool("nav_exclude") == true { unlistedBySource = "`nav_exclude: true`" }
        if fields.bool("search_exclude") == true { unlistedBySource = "`search_exclude: true`" }
        for key in ["redirect_to", "redirect"] {
            if let target = fields.strings(key).first {
                redirectTo = LocatedValue(target.value, line: target.line)
                break
            }
        }
        if let permalink = fields.string("permalink") { self.permalink = permalink }
    }

    private mutating func readDocfx(_ fields: inout YAMLFields) {
        if let target = fields.string("redirect_url"), let line = keyLines["redirect_url"] {
            redirectTo = LocatedValue(target, line: line)
        }
        if let robots = fields.string("ROBOTS")?.uppercased(), robots.contains("NOINDEX") {
            unlistedBySource = "`ROBOTS: NOINDEX`"
        }
    }
}
