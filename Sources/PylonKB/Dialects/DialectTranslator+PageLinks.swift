import Foundation

/// Hugo, MkDocs (with its default directory URLs), Docusaurus and Jekyll (pretty permalinks)
/// serve `guide/install.md` at `/guide/install/`, so a browser resolves a relative link on it
/// against that address, one folder deeper than the file: `../setup/` on that page is
/// `/guide/setup/`. Authors write links that way because they work on the site. Such a link
/// that names no page from the file's folder, but does from the page's address, is rewritten
/// to the page's file, so it is checked and published as a link to that article. A link that
/// works from the file's folder is left alone, as is one that works from neither (`check`
/// reports it).
extension DialectTranslatorRun {
    // Regex values are not Sendable, so they are built per page (cheap next to the page).
    static var inlineLink: Regex<AnyRegexOutput> {
        try! Regex(#"(\]\(\s*<?)([^\s)>#?:/][^\s)>#?:]*)([^\s)>]*)"#)
    }
    static var htmlLink: Regex<AnyRegexOutput> {
        try! Regex(#"(<a\b[^>]*?\bhref\s*=\s*["'])([^"'#?:/][^"'#?:]*)([^"']*)"#)
    }

    func rewriteAddressRelativeLinks(_ lines: [TranslatedLine]) -> [TranslatedLine] {
        guard dialect != .docfx else { return lines }
        let stem = (DialectText.fileName(of: source.path) as NSString).deletingPathExtension
        // A section's page is served at its folder's address: its links are file-relative.
        guard !["index", "_index", "README", "readme"].contains(stem) else { return lines }
        let pages = source.pagePaths
        let address =
            DialectText.folder(of: source.path).isEmpty
            ? stem : "\(DialectText.folder(of: source.path))/\(stem)"
        let patterns = [Self.inlineLink, Self.htmlLink]
        var fence = DialectFence()
        return lines.map { line in
            guard !fence.consume(line.text), line.text.contains("](") || line.text.contains("href") else {
                return line
            }
            var copy = line
            copy.text = DialectText.mapOutsideCodeSpans(line.text) { text in
                patterns.reduce(text) { text, pattern in
                    text.replacing(pattern) { match in
                        let lead = String(match.output[1].substring ?? "")
                        let written = String(match.output[2].substring ?? "")
                        let rest = String(match.output[3].substring ?? "")
                        guard let page = addressRelativePage(written, address: address, pages: pages) else {
                            return lead + written + rest
                        }
                        return lead
                            + DialectText.relative(from: DialectText.folder(of: source.path), to: page) + rest
                    }
                }
            }
            return copy
        }
    }

    /// The page `written` names from the page's address, when it names none from its file.
    private func addressRelativePage(_ written: String, address: String, pages: Set<String>) -> String? {
        let lowered = written.lowercased()
        guard !LinkTargets.articleExtensions.contains(where: { lowered.hasSuffix($0) }),
            let fromFile = ContentPath.resolve(written, fromFile: source.path),
            !LinkTargets.pageCandidates(fromFile).contains(where: pages.contains),
            let fromAddress = ContentPath.resolve(written, fromFile: address + "/index.md")
        else { return nil }
        return LinkTargets.pageCandidates(fromAddress).first(where: pages.contains)
    }
}
