import PylonHTML

/// Callouts and task items: Pylon markup for the quotes and checkboxes Markdown writes.
extension ArticleShaper {
    /// A blockquote whose first paragraph starts with `[!type]` (GitHub alerts; the
    /// preprocessor rewrites `:::type` and `!!! type` into this form) becomes a callout.
    mutating func shapeCallout(_ quote: CmarkNode) {
        guard let paragraph = quote.firstChild, paragraph.kind == .paragraph,
            let text = paragraph.firstChild, text.kind == .text,
            let literal = text.literal,
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
        // Ids in the title's raw HTML (`> [!TIP] Title <a id="x"></a>`, as Docsy writes link
        // targets) are kept as empty anchors, so links to them still work.
        var titleAnchors = ""
        var node = text.next
        text.remove()
        while let current = node {
            let type = current.kind
            node = current.next
            if type == .htmlInline, let literal = current.literal {
                for id in HTMLAnchors.ids(in: literal).sorted() {
                    titleAnchors += "<a id=\"\(HTMLSerializer.escapeAttribute(id))\"></a>"
                }
            }
            if type != .softBreak && type != .lineBreak {
                title += Self.plainText(current)
            }
            current.remove()
            if type == .softBreak || type == .lineBreak { break }
        }
        if paragraph.firstChild == nil {
            paragraph.remove()
        }
        title = title.trimmingSpaces
        let label =
            kind.emoji + " " + HTMLSerializer.escapeText(title.isEmpty ? kind.defaultTitle : title)
            + titleAnchors
        let classes = "callout callout-\(kind.rawValue)"
        let replacement: CmarkNode
        switch marker.fold {
        case "-", "+":
            let open = marker.fold == "+" ? " open" : ""
            replacement = .customBlock(
                onEnter:
                    "<details class=\"\(classes)\"\(open)>\n<summary><strong>\(label)</strong></summary>",
                onExit: "</details>")
        default:
            replacement = .customBlock(
                onEnter: "<blockquote class=\"\(classes)\">\n<p><strong>\(label)</strong></p>",
                onExit: "</blockquote>")
        }
        Self.moveChildren(of: quote, to: replacement)
        quote.replace(with: replacement)
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

    /// Pylon drops checkbox inputs, so the state is shown as ☐ / ☑ text.
    func shapeTaskItem(_ item: CmarkNode) {
        let checked = item.isCheckedTask
        item.removeTaskSyntax()
        let box = CmarkNode.text(checked ? "☑ " : "☐ ")
        if let first = item.firstChild, first.kind == .paragraph {
            first.prependChild(box)
        } else {
            let paragraph = CmarkNode.paragraph()
            paragraph.appendChild(box)
            item.prependChild(paragraph)
        }
    }
}
