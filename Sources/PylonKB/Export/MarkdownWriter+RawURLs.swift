import PylonHTML

extension MarkdownWriter {
    /// Raw HTML keeps its tags, but its link targets and image sources go through the same
    /// rewriters as Markdown links and images: the renderer resolves a relative `href` or
    /// `src` in raw HTML too, so an exported `<img src="images/a.png" width="200">` publishes
    /// with the image's URL again. With `deep: false` only the element itself (an inline tag
    /// whose content is converted separately).
    func rewritingURLs(_ element: HTMLElement, deep: Bool = true) -> HTMLElement {
        var element = element
        let rewriter: ((String) -> String?)?
        let name: String?
        switch element.name {
        case "a": (rewriter, name) = (linkRewriter, "href")
        case "img": (rewriter, name) = (imageRewriter, "src")
        default: (rewriter, name) = (nil, nil)
        }
        if let rewriter, let index = element.attributes.firstIndex(where: { $0.name == name }),
            let rewritten = rewriter(element.attributes[index].value)
        {
            element.attributes[index].value = rewritten
        }
        if deep {
            element.children = element.children.map { node in
                guard case .element(let child) = node else { return node }
                return .element(rewritingURLs(child))
            }
        }
        return element
    }
}
