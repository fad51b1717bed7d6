import PylonHTML

/// The title heading and the body's headings: levels shifted to start at `<h2>`, and an id on
/// each (an explicit `{#id}` kept, otherwise one made from the text).
extension ArticleShaper {
    /// The title is shown by Pylon above the body; a first `# heading` that is the title (or is
    /// used as it, when front matter has none) is not repeated.
    mutating func dropTitleHeading(_ root: CmarkNode) {
        guard let first = root.firstChild, first.kind == .heading, first.headingLevel == 1 else { return }
        if let title = input.title, Self.collapsed(Self.plainText(first)) != Self.collapsed(title) { return }
        first.remove()
    }

    /// Body headings start at `<h2>`: the shallowest level used in the body becomes h2 and the
    /// others keep their distance to it (capped at h6), so `##`/`###` bodies stay as written
    /// and `#`/`##` bodies move down one level.
    mutating func shapeHeadings(_ headings: [CmarkNode], document: CmarkDocument) {
        guard let shallowest = headings.map(\.headingLevel).min() else { return }
        let shift = 2 - shallowest
        for heading in headings {
            let level = min(max(heading.headingLevel + shift, 2), 6)
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
            heading.setHeadingLevel(level)
            let rendered = document.renderHTML(heading, options: CmarkGFM.optionUnsafe)
            let openTag = "<h\(level)>"
            precondition(rendered.hasPrefix(openTag), "cmark rendered a heading as \(rendered)")
            let html =
                "<h\(level) id=\"\(HTMLSerializer.escapeAttribute(id))\">" + rendered.dropFirst(openTag.count)
            heading.replace(with: .htmlBlock(html))
        }
    }

    /// Reads and removes a trailing `{#id}` (kramdown, Pandoc, MkDocs attr_list; also
    /// `{: #id .class}`) from a heading, so links written for the old site keep their target.
    private static func takeExplicitID(_ heading: CmarkNode) -> String? {
        guard let last = heading.lastChild, last.kind == .text, let literal = last.literal else { return nil }
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
        last.setLiteral(String(rest))
        return String(token.dropFirst())
    }

    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
