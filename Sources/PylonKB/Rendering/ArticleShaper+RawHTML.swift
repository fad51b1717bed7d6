/// Raw HTML in the Markdown: every piece goes through the allowlist (`RawHTMLSanitizer`), and
/// the local links and images inside it are resolved like Markdown ones.
extension ArticleShaper {
    /// Runs every raw-HTML piece through the allowlist. Inline pieces are handled per
    /// paragraph, so Markdown text between a removed `<script>` and its `</script>` goes too.
    mutating func sanitizeRawHTML(
        blocks: [CmarkNode], inlineParents: [CmarkNode], detached: inout [CmarkNode]
    ) {
        var sanitizer = RawHTMLSanitizer(allowedIframeHosts: options.allowedIframeHosts)
        for block in blocks {
            let cleaned = sanitize(block, with: &sanitizer)
            sanitizer.endBlock()
            if cleaned.allSatisfy(\.isWhitespace) {
                block.remove()
            } else {
                block.setLiteral(cleaned)
            }
        }
        for parent in inlineParents {
            var child = parent.firstChild
            while let node = child {
                child = node.next
                if node.kind == .htmlInline {
                    node.setLiteral(sanitize(node, with: &sanitizer))
                } else if sanitizer.isSkipping {
                    node.unlink()
                    detached.append(node)
                }
            }
            sanitizer.endBlock()
            if parent.kind == .paragraph, Self.isBlank(parent) {
                parent.remove()
            }
        }
    }

    private mutating func sanitize(_ node: CmarkNode, with sanitizer: inout RawHTMLSanitizer) -> String {
        let literal = node.literal ?? ""
        let startLine = line(of: node)
        let result = sanitizer.sanitize(literal) { use, url, delta in
            switch use {
            case .link: facts.links.append(.init(destination: url, text: nil, line: startLine + delta))
            case .image: facts.images.append(.init(source: url, alt: nil, line: startLine + delta))
            }
            guard case .local(let path, _, let fragment) = URLPolicy.classify(url) else { return url }
            switch use {
            case .link: return resolveLink(url, path: path, fragment: fragment, line: startLine + delta)
            case .image: return resolveImage(url, path: path, line: startLine + delta)
            }
        }
        for removal in result.removals { warn(removal.message, line: startLine + removal.lineDelta) }
        return result.html
    }

    /// True for a paragraph left with nothing but empty raw HTML and spaces (`<p></p>` is noise).
    private static func isBlank(_ paragraph: CmarkNode) -> Bool {
        var child = paragraph.firstChild
        while let node = child {
            switch node.kind {
            case .htmlInline, .text:
                let literal = node.literal ?? ""
                if !literal.allSatisfy(\.isWhitespace) { return false }
            case .softBreak, .lineBreak:
                break
            default:
                return false
            }
            child = node.next
        }
        return true
    }
}
