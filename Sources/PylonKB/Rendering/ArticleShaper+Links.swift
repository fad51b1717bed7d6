/// Links and images: forbidden schemes removed (their text kept), local ones recorded for
/// `check` and pointed at the article or uploaded image they name.
extension ArticleShaper {
    mutating func shapeLink(_ node: CmarkNode) {
        let url = node.url ?? ""
        let kind = URLPolicy.classify(url)
        if case .forbidden = kind {
        } else {
            facts.links.append(.init(destination: url, text: Self.plainText(node), line: line(of: node)))
        }
        switch kind {
        case .forbidden(let scheme):
            warn(
                "removed link to a \(scheme): URL (not allowed in Pylon articles); its text is kept.",
                line: line(of: node))
            Self.unwrap(node)
        case .local(let path, _, let fragment):
            node.setURL(resolveLink(url, path: path, fragment: fragment, line: line(of: node)))
        case .sameDocument:
            // `#anchor` on this page: recorded so `check` validates it like any other anchor.
            let trimmed = url.trimmingSpaces
            if trimmed.hasPrefix("#"), trimmed.count > 1 {
                links.append(
                    LinkReference(
                        destination: url, path: input.path, anchor: String(trimmed.dropFirst()),
                        line: line(of: node)))
            }
        case .external:
            break
        }
    }

    mutating func shapeImage(_ node: CmarkNode) {
        let url = node.url ?? ""
        let kind = URLPolicy.classify(url)
        if case .forbidden = kind {
        } else {
            facts.images.append(.init(source: url, alt: Self.plainText(node), line: line(of: node)))
        }
        switch kind {
        case .forbidden(let scheme):
            let advice =
                scheme == "data"
                ? "save the image as a file next to the article and link it" : "not allowed in Pylon articles"
            warn(
                "removed image with a \(scheme): URL (\(advice)); its alt text is kept.", line: line(of: node)
            )
            Self.unwrap(node)
        case .local(let path, _, _):
            node.setURL(resolveImage(url, path: path, line: line(of: node)))
        case .external, .sameDocument:
            break
        }
    }

    /// Records a link to a local file (for `check`) and returns the href to write. A link to
    /// an article, written as its file (`install.md`) or the way docs sites write it
    /// (`install`, `../install/`, `/guides/install`, `install.html`; see `LinkTargets`),
    /// becomes that article's URL. Other local files (PDFs, folders) keep their href as
    /// written; `check` warns about them, since Pylon hosts only articles and images.
    mutating func resolveLink(_ url: String, path: String, fragment: String?, line: Int) -> String {
        let resolved = ContentPath.resolve(path, fromFile: input.path)
        links.append(LinkReference(destination: url, path: resolved, anchor: fragment, line: line))
        guard let resolved else { return url }
        let candidates = LinkTargets.candidates(
            resolved, rootRelative: LinkTargets.isRootRelative(path), pagesFolder: resolver.pagesFolder,
            addresses: resolver.servedAddresses)
        for candidate in candidates {
            if let articleURL = resolver.articleURL(candidate) {
                return articleURL + (fragment.map { "#" + $0 } ?? "")
            }
        }
        return url
    }

    mutating func resolveImage(_ url: String, path: String, line: Int) -> String {
        let resolved = ContentPath.resolve(path, fromFile: input.path)
        images.append(ImageReference(source: url, path: resolved, line: line))
        guard let resolved, let imageURL = resolver.imageURL(resolved) else { return url }
        return imageURL
    }
}
