import Foundation
import Yams

/// The site-wide redirect files, and applying every redirect to the articles.
extension SiteRedirects {
    /// Reads the redirect files the dialect's site keeps, where they exist.
    mutating func readMaps(root: URL, files: Set<String>, read: (String) -> String?) {
        guard let dialect = configuration.dialect else { return }
        let site = configuration.siteFolder
        func inSite(_ name: String) -> [String] {
            var candidates = [site.isEmpty ? name : "\(site)/\(name)"]
            let parent = ContentPath.directory(of: site)
            if !site.isEmpty { candidates.append(parent.isEmpty ? name : "\(parent)/\(name)") }
            if !candidates.contains(name) { candidates.append(name) }
            // Not `files`: the walk leaves out dot-files such as `.openpublishing.redirection.json`.
            return candidates.filter {
                FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path)
            }
        }
        switch dialect {
        case .docfx:
            for file in inSite(".openpublishing.redirection.json") {
                if let text = read(file) { readOpenPublishing(text, file: file) }
            }
        case .mkdocs:
            for file in inSite("mkdocs.yml").prefix(1) {
                if let text = read(file) { readMkDocs(text, file: file) }
            }
        case .docusaurus:
            for file in inSite("vercel.json").prefix(1) {
                if let text = read(file) { readVercel(text, file: file) }
            }
        case .hugo, .jekyll:
            break
        }
    }

    private static func lineNumber(of needle: String, in text: String) -> Int? {
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].count { $0 == "\n" } + 1
    }

    /// docfx: `{"redirections": [{"source_path": "docs/old.md", "redirect_url": "/docs/new"}]}`,
    /// source paths relative to the file's folder.
    private mutating func readOpenPublishing(_ text: String, file: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let redirections = object["redirections"] as? [[String: Any]]
        else { return }
        for redirection in redirections {
            guard let source = redirection["source_path"] as? String,
                let target = redirection["redirect_url"] as? String
            else { continue }
            let from = "/" + ((source as NSString).deletingPathExtension)
            entries.append(
                Entry(
                    from: from, target: target, origin: file,
                    line: Self.lineNumber(of: "\"\(source)\"", in: text)))
        }
    }

    /// MkDocs: `plugins: - redirects: redirect_maps: {old.md: new.md}`, paths in the docs folder.
    private mutating func readMkDocs(_ text: String, file: String) {
        guard let parsed = try? YAMLReader.parse(text), let plugins = parsed["plugins"]?.sequence else {
            return
        }
        for plugin in plugins {
            guard let maps = plugin["redirects"]?["redirect_maps"]?.mapping else { continue }
            for (key, value) in maps {
                guard let old = key.string, let new = value.string else { continue }
                let from = SiteRedirects.oldURL(
                    of: configuration.pagesFolder.isEmpty ? old : "\(configuration.pagesFolder)/\(old)",
                    configuration)
                let isFile = !new.contains("://") && (new.hasSuffix(".md") || new.contains(".md#"))
                let target =
                    isFile
                    ? (configuration.pagesFolder.isEmpty ? new : "\(configuration.pagesFolder)/\(new)") : new
                entries.append(
                    Entry(
                        from: from, target: target.split(separator: "#").first.map(String.init) ?? target,
                        origin: file, line: (key.mark?.line), targetIsFile: isFile))
            }
        }
    }

    /// Vercel (how Docusaurus sites are often hosted): `{"redirects": [{"source", "destination"}]}`.
    private mutating func readVercel(_ text: String, file: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let redirects = object["redirects"] as? [[String: Any]]
        else { return }
        for redirect in redirects {
            guard let source = redirect["source"] as? String,
                let destination = redirect["destination"] as? String
            else { continue }
            entries.append(
                Entry(
                    from: source, target: destination, origin: file,
                    line: Self.lineNumber(of: "\"\(source)\"", in: text)))
        }
    }

    /// Adds each redirect to its target article's `redirectFrom`. A redirect that cannot be
    /// carried over is reported, once per kind with the files it occurs in.
    mutating func apply(to articles: inout [Article], diagnostics: inout [Diagnostic], tallies: inout [Tally])
    {
        let index = Dictionary(
            uniqueKeysWithValues: articles.enumerated().map { ($0.element.path, $0.offset) })
        var owner: [String: String] = [:]
        for article in articles {
            for from in article.redirectFrom { owner[from] = article.path }
            for previous in article.previousSlugs { owner[previous] = article.path }
        }
        for entry in entries {
            if entry.from.contains("*") || entry.from.contains(":") || entry.from.contains("(") {
                tallies.append(
                    Tally(
                        key: "pattern redirect",
                        message:
                            "Redirects with patterns (such as `/docs/:path*`) cannot be route redirects in Pylon and are not carried over.",
                        path: entry.origin, line: entry.line))
                continue
            }
            let target =
                entry.targetIsFile
                ? (articlePaths.contains(entry.target) ? entry.target : nil)
                : article(at: entry.target, from: entry.origin)
            guard let target, let position = index[target] else {
                let external = entry.target.contains("://") && !entry.targetIsFile
                tallies.append(
                    Tally(
                        key: external ? "redirect to another site" : "redirect to no page",
                        message: external
                            ? "A redirect to another site (\(entry.target)) cannot be a route redirect to an article, so it is not carried over; keep it on the old site if readers still need it."
                            : "The redirect from \(entry.from) leads to \(entry.target), which is no page of this folder (the home page, or a page that was removed), so it is not carried over.",
                        path: entry.origin, line: entry.line))
                continue
            }
            var from = entry.from.hasPrefix("/") ? entry.from : "/" + entry.from
            if from.count > 1, from.hasSuffix("//") { from.removeLast() }
            guard !from.contains(" "), from != "/" else { continue }
            if SiteRedirects.normalise(from)
                == SiteRedirects.normalise(SiteRedirects.oldURL(of: target, configuration))
            {
                continue  // a page redirecting to itself
            }
            if let claimed = owner[from] {
                if claimed != target {
                    diagnostics.append(
                        .warning(
                            entry.origin, line: entry.line,
                            "The redirect from \(from) is already kept for \(claimed), so this one (to \(target)) is not created; remove one of them."
                        ))
                }
                continue
            }
            owner[from] = target
            articles[position].redirectFrom.append(from)
        }
    }
}
