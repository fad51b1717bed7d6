/// Shapes a parsed cmark-gfm tree into Pylon's HTML dialect, in place: drops the title
/// heading, shifts and names headings, turns callout blockquotes and task items into Pylon
/// markup, resolves local links and images, and filters raw HTML. Collects what it found.
///
/// Works on the tree (not on rendered HTML) so rendering stays one cmark pass. Must run inside
/// `CmarkGFM.withDocument`. Nodes are collected first and changed afterwards, because cmark's
/// iterator must not see a tree change under it.
struct ArticleShaper {
    let input: RenderInput
    let resolver: LinkResolver
    let options: RenderOptions

    var diagnostics: [Diagnostic] = []
    var anchors: [String] = []
    var links: [LinkReference] = []
    var images: [ImageReference] = []
    /// Headings, every link and image, and unclosed raw HTML, for `check`.
    var facts = ArticleFacts()
    var hasFootnotes = false
    var slugger = HeadingSlugger()

    init(input: RenderInput, resolver: LinkResolver, options: RenderOptions) {
        self.input = input
        self.resolver = resolver
        self.options = options
    }

    mutating func shape(_ document: CmarkDocument) {
        let root = document.root
        dropTitleHeading(root)

        // One walk collects everything (walks are a visible share of render time).
        var headings: [CmarkNode] = []
        var blockQuotes: [CmarkNode] = []
        var taskItems: [CmarkNode] = []
        var linkNodes: [CmarkNode] = []
        var imageNodes: [CmarkNode] = []
        var htmlBlocks: [CmarkNode] = []
        var htmlParents: [CmarkNode] = []
        var rawPieces: [(html: String, line: Int, isTopBlock: Bool)] = []
        root.forEachDescendant { node in
            switch node.kind {
            case .heading: headings.append(node)
            case .blockQuote: blockQuotes.append(node)
            case .item:
                if node.isTaskItem { taskItems.append(node) }
            case .link: linkNodes.append(node)
            case .image: imageNodes.append(node)
            case .footnoteReference: hasFootnotes = true
            case .htmlBlock:
                htmlBlocks.append(node)
                // Only a block at the top runs to the article's end; in a list or quote it ends
                // with its container.
                rawPieces.append((node.literal ?? "", line(of: node), node.parent == root))
            case .htmlInline:
                rawPieces.append((node.literal ?? "", line(of: node), false))
                if let parent = node.parent, htmlParents.last != parent, !htmlParents.contains(parent) {
                    htmlParents.append(parent)
                }
            default: break
            }
        }
        // Before sanitizing: what was written is what decides where the browser closes it.
        facts.openHTML = RawHTMLBalance.unclosed(rawPieces)
        // Raw HTML first: dropping a removed element's content may detach Markdown links and
        // images inside it, which then must not be shaped or reported.
        var detached: [CmarkNode] = []
        sanitizeRawHTML(blocks: htmlBlocks, inlineParents: htmlParents, detached: &detached)
        if !detached.isEmpty {
            linkNodes.removeAll { !Self.isAttached($0, to: root) }
            imageNodes.removeAll { !Self.isAttached($0, to: root) }
        }
        defer { for node in detached { node.free() } }

        for node in linkNodes { shapeLink(node) }
        for node in imageNodes { shapeImage(node) }
        for node in taskItems { shapeTaskItem(node) }
        shapeHeadings(headings, document: document)
        if !htmlBlocks.isEmpty { identifyRawHTMLHeadings(root) }
        for node in blockQuotes { shapeCallout(node) }
        // Raw-HTML links were collected before Markdown ones; the caller wants file order.
        links = links.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(
            \.element)
        facts.links = facts.links.enumerated().sorted {
            ($0.element.line, $0.offset) < ($1.element.line, $1.offset)
        }
        .map(\.element)
        facts.images = facts.images.enumerated().sorted {
            ($0.element.line, $0.offset) < ($1.element.line, $1.offset)
        }.map(\.element)
        images = images.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
    }

    func line(of node: CmarkNode, plus delta: Int = 0) -> Int {
        input.fileLine(node.startLine + delta)
    }

    mutating func warn(_ message: String, line: Int) {
        diagnostics.append(.warning(input.path, line: line, message))
    }

    // MARK: - Tree helpers

    /// False for a node in a subtree that was unlinked from the document.
    private static func isAttached(_ node: CmarkNode, to root: CmarkNode) -> Bool {
        var current = node
        while let parent = current.parent { current = parent }
        return current == root
    }

    static func moveChildren(of source: CmarkNode, to target: CmarkNode) {
        while let child = source.firstChild {
            target.appendChild(child)
        }
    }

    /// Replaces `node` by its children (a refused link keeps its text, an image its alt text).
    static func unwrap(_ node: CmarkNode) {
        while let child = node.firstChild {
            node.insertSiblingBefore(child)
        }
        node.remove()
    }

    /// The text a reader sees in an inline subtree.
    static func plainText(_ node: CmarkNode) -> String {
        var text = ""
        func visit(_ node: CmarkNode) {
            switch node.kind {
            case .text, .code:
                if let literal = node.literal { text += literal }
            case .softBreak, .lineBreak:
                text += " "
            default:
                var child = node.firstChild
                while let current = child {
                    visit(current)
                    child = current.next
                }
            }
        }
        visit(node)
        return text
    }
}
