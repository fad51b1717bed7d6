import Foundation

/// Images written from the site's root (`![](/img/a.png)`, `<img src="/images/a.png">`) are
/// served by the generator from a folder of its own, not from where the page is: Hugo's and
/// Docusaurus' `static/`, Hugo's `assets/`, MkDocs' `docs/`, the Jekyll or docfx site folder.
/// Such a path that names no file from the content root, but does in one of those folders,
/// is rewritten relative to the page, so the image is found, checked and uploaded like any
/// other. A path found nowhere is left as written: `check` reports it missing.
extension DialectTranslatorRun {
    /// Where a site-rooted path is served from, first match wins.
    var siteRootFolders: [String] {
        let site = source.siteFolder
        func inSite(_ folder: String) -> String { site.isEmpty ? folder : "\(site)/\(folder)" }
        let folders: [String]
        switch dialect {
        case .hugo: folders = [inSite("static"), inSite("assets")]
        case .docusaurus: folders = [inSite("static")]
        case .mkdocs: folders = [source.pagesFolder]
        case .jekyll, .docfx: folders = [site]
        }
        return folders.filter { !$0.isEmpty }
    }

    // Regex values are not Sendable, so they are built per page (cheap next to the page).
    static var inlineImage: Regex<AnyRegexOutput> {
        try! Regex(#"(!\[(?:[^\]\\]|\\.)*\]\(\s*<?)(/[^/\s)>][^\s)>]*)"#)
    }
    static var htmlImage: Regex<AnyRegexOutput> {
        try! Regex(#"(<img\b[^>]*?\bsrc\s*=\s*["'])(/[^/"'][^"']*)"#)
    }
    static var definition: Regex<AnyRegexOutput> {
        try! Regex(#"^(\s{0,3}\[[^\]]+\]:\s*<?)(/[^/\s>]\S*?)(>?)(\s|$)"#)
    }
    static let imageExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico",
    ]

    func rewriteSiteRootedImages(_ lines: [TranslatedLine]) -> [TranslatedLine] {
        let folders = siteRootFolders
        guard !folders.isEmpty else { return lines }
        let inline = Self.inlineImage
        let html = Self.htmlImage
        let definition = Self.definition
        var fence = DialectFence()
        return lines.map { line in
            guard !fence.consume(line.text), line.text.contains("/") else { return line }
            var copy = line
            copy.text = DialectText.mapOutsideCodeSpans(line.text) { text in
                var text = text
                for pattern in [inline, html] where text.contains("/") {
                    text = text.replacing(pattern) { match in
                        let lead = match.output[1].substring ?? ""
                        let path = match.output[2].substring ?? ""
                        return lead + servedPath(String(path), folders: folders, imagesOnly: false)
                    }
                }
                return text
            }
            if copy.text.contains("]:") {
                copy.text = copy.text.replacing(definition) { match in
                    let parts = (1...4).map { String(match.output[$0].substring ?? "") }
                    return parts[0] + servedPath(parts[1], folders: folders, imagesOnly: true) + parts[2]
                        + parts[3]
                }
            }
            return copy
        }
    }

    /// `path` (site-rooted, maybe with `?query` or `#fragment`) relative to the page when a
    /// served folder holds it and the content root does not; else as written.
    private func servedPath(_ path: String, folders: [String], imagesOnly: Bool) -> String {
        let end = path.firstIndex { $0 == "?" || $0 == "#" } ?? path.endIndex
        let written = String(path[path.index(after: path.startIndex)..<end])
        let file = written.removingPercentEncoding ?? ""
        guard !file.isEmpty, !file.contains(".."), !source.files.exists(file) else { return path }
        if imagesOnly {
            let ext = DialectText.fileName(of: file).split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard Self.imageExtensions.contains(ext) else { return path }
        }
        guard let folder = folders.first(where: { source.files.exists("\($0)/\(file)") }) else { return path }
        return DialectText.relative(from: DialectText.folder(of: source.path), to: "\(folder)/\(written)")
            + path[end...]
    }
}
