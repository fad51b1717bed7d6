import Foundation
import PylonHTML

/// Turns an `ImportedHelpCenter` into the files of a content folder: collections as folders
/// with `_collection.yml`, articles as `<slug>.md` with front matter, translations as
/// `<slug>.<lang>.md`, images under `images/` once per content hash. Deterministic: the same
/// help center gives byte-identical files, so a second import changes nothing.
struct ImportRun {
    let center: ImportedHelpCenter
    /// Downloaded images by the address written in the article (resolved), as content paths.
    var imagePaths: [String: String] = [:]
    /// Image addresses that could not be fetched, with the reason.
    var imageFailures: [String: String] = [:]

    private(set) var files: [String: String] = [:]
    private(set) var report: ImportReport
    private(set) var collectionPaths: [String: String] = [:]
    private(set) var articlePaths: [String: String] = [:]

    init(center: ImportedHelpCenter) {
        self.center = center
        report = ImportReport(vendor: center.vendor, source: center.source)
        report.notes = center.notes
        layOut()
    }

    // MARK: Layout

    /// Collections that hold an article, directly or below; the others are reported.
    private mutating func layOut() {
        let byID = Dictionary(center.collections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var used: Set<String> = []
        for article in center.articles {
            var current = article.collectionID
            while let id = current, let collection = byID[id], used.insert(id).inserted {
                current = collection.parentID
            }
        }
        let children = Dictionary(grouping: center.collections.filter { used.contains($0.id) }) {
            collection in
            collection.parentID.flatMap { byID[$0] != nil ? $0 : nil } ?? ""
        }
        func place(_ parent: String, folder: String) {
            var naming = ExportNaming(reserved: folder.isEmpty ? ["images"] : [])
            let siblings = (children[parent] ?? []).sorted {
                Self.order($0.position, $0.id) < Self.order($1.position, $1.id)
            }
            for collection in siblings {
                let name = naming.claim(collection.title, fallback: "collection")
                let path = folder.isEmpty ? name : folder + "/" + name
                collectionPaths[collection.id] = path
                place(collection.id, folder: path)
            }
        }
        place("", folder: "")
        let empty = center.collections.filter { !used.contains($0.id) }
        if !empty.isEmpty {
            report.notes.append(
                "\(empty.count) empty \(center.vendor == .zendesk ? "categories or sections" : "collections") (\(empty.map { "“\($0.title)”" }.sorted().joined(separator: ", "))) were not imported: a pylon-kb collection is a folder with articles."
            )
        }
        var naming = ExportNaming()
        for article in center.articles.sorted(by: { Self.idOrder($0.id, $1.id) }) {
            let folder = article.collectionID.flatMap { collectionPaths[$0] } ?? ""
            let name = naming.claim(article.slugHint, fallback: "article-\(article.id)")
            articlePaths[article.id] = folder.isEmpty ? "\(name).md" : "\(folder)/\(name).md"
        }
    }

    static func order(_ position: Int?, _ id: String) -> String {
        String(format: "%012d", position ?? 0) + "|" + String(repeating: "0", count: max(0, 20 - id.count))
            + id
    }

    /// Older (smaller) ids first, so the article that had a name keeps it when a new one with
    /// the same title appears.
    static func idOrder(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }

    // MARK: Files

    mutating func build() {
        for collection in center.collections {
            guard let path = collectionPaths[collection.id] else { continue }
            var lines = [ExportYAML.line("title", collection.title)]
            if let description = collection.description?.trimmingCharacters(in: .whitespacesAndNewlines),
                !description.isEmpty
            {
                lines.append(ExportYAML.line("description", Self.plainText(description)))
            }
            if let visibility = collection.visibility, visibility != .public {
                lines.append(ExportYAML.line("visibility", visibility.rawValue))
            }
            files[path + "/_collection.yml"] = lines.joined(separator: "\n") + "\n"
            report.collectionCount += 1
        }
        let links = ImportLinks(center: center)
        for article in center.articles.sorted(by: { Self.idOrder($0.id, $1.id) }) {
            guard let path = articlePaths[article.id] else { continue }
            writeArticle(article, path: path, links: links)
        }
        report.imageCount = Set(imagePaths.values).count
    }

    private mutating func writeArticle(_ article: ImportedArticle, path: String, links: ImportLinks) {
        var frontMatter = [ExportYAML.line("title", article.original.title)]
        if article.original.draft {
            frontMatter.append(ExportYAML.line("published", false))
            report.draftCount += 1
        }
        if article.visibility != .public {
            frontMatter.append(ExportYAML.line("visibility", article.visibility.rawValue))
        }
        let tags = Self.uniqueTags(article.tags)
        if !tags.isEmpty { frontMatter.append(ExportYAML.line("tags", list: tags)) }
        if !article.redirectFrom.isEmpty {
            frontMatter.append(ExportYAML.line("redirect_from", list: article.redirectFrom))
            report.redirectCount += article.redirectFrom.count
        }
        writeBody(article.original, frontMatter: frontMatter, path: path, links: links)
        report.articleCount += 1
        if let note = article.visibilityNote {
            report.unmapped.append(
                .init(path: path, line: Self.line(of: "visibility:", in: files[path] ?? ""), message: note))
        }
        if article.promoted {
            report.orderHints.append(
                .init(path: path, line: nil, message: "promoted (featured) in \(center.vendor.displayName)"))
        }
        for translation in article.translations {
            guard let language = Self.language(translation.locale),
                let parsed = Translation.languageCode(inFileName: "x.\(language).md"),
                parsed.language == language
            else {
                report.unmapped.append(
                    .init(
                        path: path, line: nil,
                        message:
                            "the “\(translation.locale)” translation was not imported: pylon-kb names translations with a language (`fr`) or language and region (`pt-BR`)."
                    ))
                continue
            }
            if language.lowercased() == Self.language(center.sourceLocale)?.lowercased()
                || language.prefix(2) == (Self.language(center.sourceLocale) ?? "").prefix(2)
            {
                report.unmapped.append(
                    .init(
                        path: path, line: nil,
                        message:
                            "the “\(translation.locale)” translation was not imported: it is the same language as the original (\(center.sourceLocale)), and an article has one text per language."
                    ))
                continue
            }
            if translation.draft {
                report.unmapped.append(
                    .init(
                        path: path, line: nil,
                        message:
                            "the “\(translation.locale)” translation is a draft in \(center.vendor.displayName) and was not imported: pylon-kb translations are published with their article."
                    ))
                continue
            }
            let translationPath = String(path.dropLast(3)) + ".\(language).md"
            writeBody(
                translation, frontMatter: [ExportYAML.line("title", translation.title)],
                path: translationPath, links: links)
            report.translationCount += 1
        }
    }

    private mutating func writeBody(
        _ body: ImportedBody, frontMatter: [String], path: String, links: ImportLinks
    ) {
        let normalised = ImportHTML.normalise(body.html, vendor: center.vendor)
        let base = body.publicURL.flatMap(URL.init(string:))
        let paths = articlePaths
        let images = imagePaths
        let conversion = HTMLToMarkdown().convert(
            normalised.html,
            linkRewriter: { href in
                guard let target = links.target(href), let destination = paths[target.articleID] else {
                    // Another page of the old help center: its full address, which works as long as
                    // that site does (a site-relative path would point into the new one).
                    guard href.hasPrefix("/"), !href.hasPrefix("//") else { return nil }
                    return Self.resolve(href, against: base)
                }
                return ContentPath.relative(to: destination, fromFile: path) + target.fragment
            },
            imageRewriter: { src in
                guard let resolved = Self.resolve(src, against: base), let stored = images[resolved] else {
                    return nil
                }
                return ContentPath.relative(to: stored, fromFile: path)
            })
        var text = "---\n" + frontMatter.joined(separator: "\n") + "\n---\n"
        if !conversion.markdown.isEmpty { text += "\n" + conversion.markdown }
        files[path] = text
        report.callouts += normalised.callouts
        report.videos += normalised.videos
        noteProblems(
            in: normalised.html, text: text, path: path, base: base, links: links, kept: conversion.keptAsHTML
        )
    }

    private mutating func noteProblems(
        in html: String, text: String, path: String, base: URL?, links: ImportLinks, kept: [String]
    ) {
        for src in Self.attributeValues(in: html, element: "img", attribute: "src") {
            guard let resolved = Self.resolve(src, against: base), imagePaths[resolved] == nil else {
                continue
            }
            let reason = imageFailures[resolved] ?? "it is not an http(s) address"
            report.imagesNotImported += 1
            report.unmapped.append(
                .init(
                    path: path, line: Self.line(of: src, in: text),
                    message:
                        "image \(ImageDownloader.shortened(src)) was not imported (\(reason)); it keeps its old address. Run the import again once it can be fetched."
                ))
        }
        for href in Self.attributeValues(in: html, element: "a", attribute: "href")
        where links.target(href) == nil {
            guard let components = URLComponents(string: href) else { continue }
            let onHelpCenter =
                components.host.map { links.hosts.contains($0.lowercased()) } ?? href.hasPrefix("/")
            guard onHelpCenter else { continue }
            let what =
                ImportLinks.article(components.percentEncodedPath, vendor: center.vendor) != nil
                ? "an article that was not imported (deleted, or not visible to this account)"
                : "a page of the old help center that is not an article (a section, category or search)"
            report.unmapped.append(
                .init(
                    path: path, line: Self.line(of: href, in: text),
                    message:
                        "link \(ImageDownloader.shortened(href)) points at \(what); it keeps its old address."
                ))
        }
        for src in Self.attributeValues(in: html, element: "iframe", attribute: "src")
        where !Self.isAllowedEmbed(src) {
            report.unmapped.append(
                .init(
                    path: path, line: Self.line(of: src, in: text),
                    message:
                        "embed \(ImageDownloader.shortened(src)) is not from a video host Pylon shows (YouTube, Vimeo, Loom, Wistia, over https); check reports it and the published article leaves it out."
                ))
        }
        for tag in kept where tag != "iframe" {
            report.unmapped.append(
                .init(
                    path: path, line: Self.line(of: "<\(tag)", in: text),
                    message:
                        "<\(tag)> has no Markdown form and was kept as raw HTML (check reports whatever Pylon would not show)."
                ))
        }
    }

    // MARK: Helpers

    /// An https iframe from a host the renderer keeps.
    static func isAllowedEmbed(_ src: String) -> Bool {
        guard let url = URL(string: src), url.scheme?.lowercased() == "https",
            let host = url.host?.lowercased()
        else {
            return false
        }
        return RenderOptions.defaultIframeHosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// `en-us` → `en-US`, `fr` → `fr`; nil for what is no language code.
    static func language(_ locale: String) -> String? {
        let parts = locale.split(separator: "-").map(String.init)
        guard let first = parts.first, first.count == 2 else { return nil }
        if parts.count == 1 { return first.lowercased() }
        guard parts.count == 2, parts[1].count == 2 else { return nil }
        return first.lowercased() + "-" + parts[1].uppercased()
    }

    static func uniqueTags(_ tags: [String]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for tag in tags {
            let trimmed = tag.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted { result.append(trimmed) }
        }
        return result.sorted()
    }

    /// An image or link address made absolute against the page it appeared on.
    static func resolve(_ src: String, against base: URL?) -> String? {
        let trimmed = src.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("data:") else { return nil }
        if let url = URL(string: trimmed), url.scheme != nil { return url.absoluteString }
        if trimmed.hasPrefix("//") { return "https:" + trimmed }
        guard let base, let url = URL(string: trimmed, relativeTo: base) else { return nil }
        return url.absoluteURL.absoluteString
    }

    static func attributeValues(in html: String, element name: String, attribute: String) -> [String] {
        var values: [String] = []
        func walk(_ nodes: [HTMLNode]) {
            for case .element(let element) in nodes {
                if element.name == name, let value = element[attribute: attribute] { values.append(value) }
                walk(element.children)
            }
        }
        walk(HTMLParser.parseFragment(html))
        return values
    }

    /// The 1-based line of the first occurrence of `needle` in `text`.
    static func line(of needle: String, in text: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains(needle) {
            return index + 1
        }
        return nil
    }

    static func plainText(_ html: String) -> String {
        CanonicalHTML.collapseWhitespace(HTMLParser.parseFragment(html).map(\.textContent).joined())
            .trimmingCharacters(in: .whitespaces)
    }
}
