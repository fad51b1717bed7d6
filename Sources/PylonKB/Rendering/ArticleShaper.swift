import CCmarkGFM
import PylonHTML

/// Shapes a parsed cmark-gfm tree into Pylon's HTML dialect, in place: drops the title
/// heading, shifts and names headings, turns callout blockquotes and task items into Pylon
/// markup, resolves local links and images, and filters raw HTML. Collects what it found.
///
/// Works on the tree (not on rendered HTML) so rendering stays one cmark pass. Must run inside
/// `CmarkGFM.withLock`. Nodes are collected first and changed afterwards, because cmark's
/// iterator must not see a tree change under it.
struct ArticleShaper {
    let input: RenderInput
    let resolver: LinkResolver
    let options: RenderOptions

    private(set) var diagnostics: [Diagnostic] = []
    private(set) var anchors: [String] = []
    private(set) var links: [LinkReference] = []
    private(set) var images: [ImageReference] = []
    private(set) var hasFootnotes = false
    private(set) var slugger = HeadingSlugger()

    init(input: RenderInput, resolver: LinkResolver, options: RenderOptions) {
        self.input = input
        self.resolver = resolver
        self.options = options
    }

    /// `extensions` is the parser's extension list (`cmark_parser_get_syntax_extensions`).
    mutating func shape(_ root: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?) {
        dropTitleHeading(root)

        // One walk collects everything (walks are a visible share of render time).
        var headings: [OpaquePointer] = []
        var blockQuotes: [OpaquePointer] = []
        var taskItems: [OpaquePointer] = []
        var linkNodes: [OpaquePointer] = []
        var imageNodes: [OpaquePointer] = []
        var htmlBlocks: [OpaquePointer] = []
        var htmlParents: [OpaquePointer] = []
        let tasklist = CmarkGFM.extensions.byName["tasklist"]
        forEachNode(root) { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_BLOCK_QUOTE: blockQuotes.append(node)
            case CMARK_NODE_ITEM:
                if cmark_node_get_syntax_extension(node) == tasklist { taskItems.append(node) }
            case CMARK_NODE_LINK: linkNodes.append(node)
            case CMARK_NODE_IMAGE: imageNodes.append(node)
            case CMARK_NODE_FOOTNOTE_REFERENCE: hasFootnotes = true
            case CMARK_NODE_HTML_BLOCK: htmlBlocks.append(node)
            case CMARK_NODE_HTML_INLINE:
                if let parent = cmark_node_parent(node), htmlParents.last != parent,
                    !htmlParents.contains(parent)
                {
                    htmlParents.append(parent)
                }
            default: break
            }
        }
        // Raw HTML first: dropping a removed element's content may detach Markdown links and
        // images inside it, which then must not be shaped or reported.
        var detached: [OpaquePointer] = []
        sanitizeRawHTML(blocks: htmlBlocks, inlineParents: htmlParents, detached: &detached)
        if !detached.isEmpty {
            linkNodes.removeAll { !Self.isAttached($0, to: root) }
            imageNodes.removeAll { !Self.isAttached($0, to: root) }
        }
        defer { for node in detached { cmark_node_free(node) } }

        for node in linkNodes { shapeLink(node) }
        for node in imageNodes { shapeImage(node) }
        for node in taskItems { shapeTaskItem(node) }
        shapeHeadings(headings, extensions: extensions)
        for node in blockQuotes { shapeCallout(node) }
        // Raw-HTML links were collected before Markdown ones; the caller wants file order.
        links = links.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(
            \.element)
        images = images.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
    }

    private func line(of node: OpaquePointer, plus delta: Int = 0) -> Int {
        input.lineOffset + Int(cmark_node_get_start_line(node)) + delta
    }

    private mutating func warn(_ message: String, line: Int) {
        diagnostics.append(.warning(input.path, line: line, message))
    }

    // MARK: - Title and headings

    /// The title is shown by Pylon above the body; a first `# heading` that is the title (or is
    /// used as it, when front matter has none) is not repeated.
    private mutating func dropTitleHeading(_ root: OpaquePointer) {
        guard let first = cmark_node_first_child(root), cmark_node_get_type(first) == CMARK_NODE_HEADING,
            cmark_node_get_heading_level(first) == 1
        else { return }
        if let title = input.title, Self.collapsed(Self.plainText(first)) != Self.collapsed(title) { return }
        cmark_node_unlink(first)
        cmark_node_free(first)
    }

    /// Body headings start at `<h2>`: the shallowest level used in the body becomes h2 and the
    /// others keep their distance to it (capped at h6), so `##`/`###` bodies stay as written
    /// and `#`/`##` bodies move down one level.
    private mutating func shapeHeadings(
        _ headings: [OpaquePointer], extensions: UnsafeMutablePointer<cmark_llist>?
    ) {
        guard let shallowest = headings.map({ Int(cmark_node_get_heading_level($0)) }).min() else { return }
        let shift = 2 - shallowest
        for heading in headings {
            let level = min(max(Int(cmark_node_get_heading_level(heading)) + shift, 2), 6)
            let id: String
            if let explicit = Self.takeExplicitID(heading) {
                id = slugger.reserve(explicit)
            } else {
                id = slugger.slug(for: Self.plainText(heading))
            }
            anchors.append(id)
            // cmark renders headings without attributes, and a custom block would put its
            // content on lines of its own; so the heading is rendered here (one cmark call) and
            // replaced by that HTML with the id added.
            cmark_node_set_heading_level(heading, Int32(level))
            let rendered = CmarkGFM.renderHTML(
                heading, extensions: extensions, options: CmarkGFM.optionUnsafe)
            let openTag = "<h\(level)>"
            precondition(rendered.hasPrefix(openTag), "cmark rendered a heading as \(rendered)")
            let html =
                "<h\(level) id=\"\(HTMLSerializer.escapeAttribute(id))\">" + rendered.dropFirst(openTag.count)
            let replacement = cmark_node_new(CMARK_NODE_HTML_BLOCK)!
            cmark_node_set_literal(replacement, html)
            cmark_node_replace(heading, replacement)
            cmark_node_free(heading)
        }
    }

    /// Reads and removes a trailing `{#id}` (kramdown, Pandoc, MkDocs attr_list; also
    /// `{: #id .class}`) from a heading, so links written for the old site keep their target.
    private static func takeExplicitID(_ heading: OpaquePointer) -> String? {
        guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
            let literal = cmark_node_get_literal(last).map({ String(cString: $0) })
        else { return nil }
        var text = Substring(literal)
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        guard text.last == "}", let open = text.lastIndex(of: "{") else { return nil }
        var inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        if inner.first == ":" { inner = inner.dropFirst() }
        guard
            let token = inner.split(separator: " ").first(where: { $0.hasPrefix("#") }),
            token.count > 1,
            token.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || "-_:.".contains($0) })
        else { return nil }
        var rest = text[..<open]
        while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
        cmark_node_set_literal(last, String(rest))
        return String(token.dropFirst())
    }

    // MARK: - Callouts

    /// A blockquote whose first paragraph starts with `[!type]` (GitHub alerts; the
    /// preprocessor rewrites `:::type` and `!!! type` into this form) becomes a callout.
    private mutating func shapeCallout(_ quote: OpaquePointer) {
        guard let paragraph = cmark_node_first_child(quote),
            cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT,
            let literal = cmark_node_get_literal(text).map({ String(cString: $0) }),
            let marker = Self.calloutMarker(literal)
        else { return }
        let kind: CalloutKind
        if let known = CalloutKind.named(marker.type) {
            kind = known
        } else {
            kind = .note
            warn(
                "unknown callout type \"\(marker.type)\" is shown as a note; use note, tip, warning or danger (or a GitHub alert type).",
                line: line(of: quote))
        }
        // The title is the rest of the marker's line; inline markup in it is flattened to text.
        var title = marker.rest
        var node = cmark_node_next(text)
        cmark_node_unlink(text)
        cmark_node_free(text)
        while let current = node {
            let type = cmark_node_get_type(current)
            node = cmark_node_next(current)
            if type != CMARK_NODE_SOFTBREAK && type != CMARK_NODE_LINEBREAK {
                title += Self.plainText(current)
            }
            cmark_node_unlink(current)
            cmark_node_free(current)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { break }
        }
        if cmark_node_first_child(paragraph) == nil {
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        }
        title = title.trimmingSpaces
        let label =
            kind.emoji + " " + HTMLSerializer.escapeText(title.isEmpty ? kind.defaultTitle : title)
        let classes = "callout callout-\(kind.rawValue)"
        let replacement = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        switch marker.fold {
        case "-", "+":
            let open = marker.fold == "+" ? " open" : ""
            cmark_node_set_on_enter(
                replacement,
                "<details class=\"\(classes)\"\(open)>\n<summary><strong>\(label)</strong></summary>")
            cmark_node_set_on_exit(replacement, "</details>")
        default:
            cmark_node_set_on_enter(
                replacement, "<blockquote class=\"\(classes)\">\n<p><strong>\(label)</strong></p>")
            cmark_node_set_on_exit(replacement, "</blockquote>")
        }
        Self.moveChildren(of: quote, to: replacement)
        cmark_node_replace(quote, replacement)
        cmark_node_free(quote)
    }

    /// Parses `[!type]`, `[!type]-`, `[!type]+` and what follows on the line.
    static func calloutMarker(_ text: String) -> (type: String, fold: String, rest: String)? {
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return nil }
        let type = text[text.index(text.startIndex, offsetBy: 2)..<close]
        guard !type.isEmpty, type.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else { return nil }
        var rest = text[text.index(after: close)...]
        var fold = ""
        if let first = rest.first, first == "-" || first == "+" {
            fold = String(first)
            rest = rest.dropFirst()
        }
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return (String(type), fold, String(rest))
    }

    // MARK: - Task lists

    /// Pylon drops checkbox inputs, so the state is shown as ☐ / ☑ text.
    private func shapeTaskItem(_ item: OpaquePointer) {
        let checked = cmark_gfm_extensions_get_tasklist_item_checked(item)
        cmark_node_set_syntax_extension(item, nil)
        let box = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(box, checked ? "☑ " : "☐ ")
        if let first = cmark_node_first_child(item), cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH {
            cmark_node_prepend_child(first, box)
        } else {
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            cmark_node_append_child(paragraph, box)
            cmark_node_prepend_child(item, paragraph)
        }
    }

    // MARK: - Links and images

    private mutating func shapeLink(_ node: OpaquePointer) {
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        switch URLPolicy.classify(url) {
        case .forbidden(let scheme):
            warn(
                "removed link to a \(scheme): URL (not allowed in Pylon articles); its text is kept.",
                line: line(of: node))
            Self.unwrap(node)
        case .local(let path, _, let fragment):
            cmark_node_set_url(node, resolveLink(url, path: path, fragment: fragment, line: line(of: node)))
        case .external, .sameDocument:
            break
        }
    }

    private mutating func shapeImage(_ node: OpaquePointer) {
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        switch URLPolicy.classify(url) {
        case .forbidden(let scheme):
            let advice =
                scheme == "data"
                ? "save the image as a file next to the article and link it" : "not allowed in Pylon articles"
            warn(
                "removed image with a \(scheme): URL (\(advice)); its alt text is kept.", line: line(of: node)
            )
            Self.unwrap(node)
        case .local(let path, _, _):
            cmark_node_set_url(node, resolveImage(url, path: path, line: line(of: node)))
        case .external, .sameDocument:
            break
        }
    }

    /// Records a link to a local file (for `check`) and returns the href to write. Links to
    /// Markdown articles and extension-less permalinks (`install`, `/privacy/vpn/`, as Jekyll
    /// sites write them) become article URLs: a permalink is published as the article `x.md` or
    /// `x/index.md` it names. Other local files (PDFs, folders) keep their href as written;
    /// `check` warns about them, since Pylon hosts only articles and images.
    private mutating func resolveLink(_ url: String, path: String, fragment: String?, line: Int) -> String {
        let resolved = ContentPath.resolve(path, fromFile: input.path)
        links.append(LinkReference(destination: url, path: resolved, anchor: fragment, line: line))
        let isArticle = URLPolicy.isArticle(path)
        guard let resolved, isArticle || URLPolicy.isPermalink(path) else { return url }
        let candidates =
            isArticle ? [resolved] : [resolved + ".md", resolved + "/index.md"]
        for candidate in candidates {
            if let articleURL = resolver.articleURL(candidate) {
                return articleURL + (fragment.map { "#" + $0 } ?? "")
            }
        }
        return url
    }

    private mutating func resolveImage(_ url: String, path: String, line: Int) -> String {
        let resolved = ContentPath.resolve(path, fromFile: input.path)
        images.append(ImageReference(source: url, path: resolved, line: line))
        guard let resolved, let imageURL = resolver.imageURL(resolved) else { return url }
        return imageURL
    }

    // MARK: - Raw HTML

    /// Runs every raw-HTML piece through the allowlist. Inline pieces are handled per
    /// paragraph, so Markdown text between a removed `<script>` and its `</script>` goes too.
    private mutating func sanitizeRawHTML(
        blocks: [OpaquePointer], inlineParents: [OpaquePointer], detached: inout [OpaquePointer]
    ) {
        var sanitizer = RawHTMLSanitizer(allowedIframeHosts: options.allowedIframeHosts)
        for block in blocks {
            let cleaned = sanitize(block, with: &sanitizer)
            sanitizer.endBlock()
            if cleaned.allSatisfy(\.isWhitespace) {
                cmark_node_unlink(block)
                cmark_node_free(block)
            } else {
                cmark_node_set_literal(block, cleaned)
            }
        }
        for parent in inlineParents {
            var child = cmark_node_first_child(parent)
            while let node = child {
                child = cmark_node_next(node)
                if cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE {
                    cmark_node_set_literal(node, sanitize(node, with: &sanitizer))
                } else if sanitizer.isSkipping {
                    cmark_node_unlink(node)
                    detached.append(node)
                }
            }
            sanitizer.endBlock()
            if cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH, Self.isBlank(parent) {
                cmark_node_unlink(parent)
                cmark_node_free(parent)
            }
        }
    }

    private mutating func sanitize(_ node: OpaquePointer, with sanitizer: inout RawHTMLSanitizer) -> String {
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        let startLine = line(of: node)
        let result = sanitizer.sanitize(literal) { use, url, delta in
            guard case .local(let path, _, let fragment) = URLPolicy.classify(url) else { return url }
            switch use {
            case .link: return resolveLink(url, path: path, fragment: fragment, line: startLine + delta)
            case .image: return resolveImage(url, path: path, line: startLine + delta)
            }
        }
        for removal in result.removals { warn(removal.message, line: startLine + removal.lineDelta) }
        return result.html
    }

    // MARK: - Tree helpers

    private func forEachNode(_ root: OpaquePointer, _ body: (OpaquePointer) -> Void) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(node) }
        }
    }

    /// False for a node in a subtree that was unlinked from the document.
    private static func isAttached(_ node: OpaquePointer, to root: OpaquePointer) -> Bool {
        var current = node
        while let parent = cmark_node_parent(current) { current = parent }
        return current == root
    }

    private static func moveChildren(of source: OpaquePointer, to target: OpaquePointer) {
        while let child = cmark_node_first_child(source) {
            cmark_node_append_child(target, child)
        }
    }

    /// Replaces `node` by its children (a refused link keeps its text, an image its alt text).
    private static func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// True for a paragraph left with nothing but empty raw HTML and spaces (`<p></p>` is noise).
    private static func isBlank(_ paragraph: OpaquePointer) -> Bool {
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_TEXT:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                if !literal.allSatisfy(\.isWhitespace) { return false }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                break
            default:
                return false
            }
            child = cmark_node_next(node)
        }
        return true
    }

    /// The text a reader sees in an inline subtree.
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        func visit(_ node: OpaquePointer) {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                var child = cmark_node_first_child(node)
                while let current = child {
                    visit(current)
                    child = cmark_node_next(current)
                }
            }
        }
        visit(node)
        return text
    }

    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
