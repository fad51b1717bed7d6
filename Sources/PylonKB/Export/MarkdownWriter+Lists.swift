import PylonHTML

/// Lists (bulleted, numbered, task items) and the footnote list the renderer writes, which
/// becomes `[^name]:` definitions at the end of the document.
extension MarkdownWriter {
    mutating func list(_ element: HTMLElement, marker: Character) -> String {
        let ordered = element.name == "ol"
        let items = element.children.compactMap { node -> HTMLElement? in
            if case .element(let item) = node, item.name == "li" { return item }
            return nil
        }
        let loose = items.contains { item in
            item.children.contains { if case .element(let child) = $0 { child.name == "p" } else { false } }
        }
        var number = Int(element[attribute: "start"] ?? "") ?? 1
        var parts: [String] = []
        for item in items {
            let bullet = ordered ? "\(number)\(marker) " : "\(marker) "
            number += 1
            var children = item.children
            let task = Self.takeTaskMarker(&children)
            let body = blocks(children, bareInlineIsParagraph: true).joined(separator: loose ? "\n\n" : "\n")
            let indent = String(repeating: " ", count: bullet.count)
            let first = bullet + (task.map { $0 ? "[x] " : "[ ] " } ?? "")
            parts.append(
                body.isEmpty ? String(first.dropLast()) : Self.prefixLines(body, first: first, rest: indent))
        }
        return parts.joined(separator: loose ? "\n\n" : "\n")
    }

    /// Removes the renderer's `☐ ` / `☑ ` task marker from an item's first text; true when done.
    static func takeTaskMarker(_ nodes: inout [HTMLNode]) -> Bool? {
        guard let index = nodes.firstIndex(where: { !isBlank($0) }) else { return nil }
        switch nodes[index] {
        case .text(let text):
            let trimmed = text.drop { $0 == " " || $0 == "\n" }
            for (symbol, done) in [("☐ ", false), ("☑ ", true)] where trimmed.hasPrefix(symbol) {
                nodes[index] = .text(String(trimmed.dropFirst(symbol.count)))
                return done
            }
            return nil
        case .element(var paragraph) where paragraph.name == "p":
            guard let done = takeTaskMarker(&paragraph.children) else { return nil }
            nodes[index] = .element(paragraph)
            return done
        default:
            return nil
        }
    }

    mutating func footnoteDefinitions(_ element: HTMLElement) {
        for case .element(let item) in element.children where item.name == "li" {
            guard let id = item[attribute: "id"], id.hasPrefix("fn-") else {
                footnotes.append(rawBlock(item))
                continue
            }
            // The back-link sits in the note's last paragraph, or straight in the `<li>` when
            // the note ends with a block (a code block): it goes in both cases, or the export
            // keeps it as raw HTML and the next render adds a second one.
            guard case .element(let cleaned) = Self.removingBackReferences(.element(item)) else { continue }
            let children = cleaned.children
            let body = blocks(children).joined(separator: "\n\n")
            footnotes.append(Self.prefixLines(body, first: "[^\(id.dropFirst(3))]: ", rest: "    "))
        }
    }

    /// Drops the `↩` links (and the space before them) the renderer adds to each note.
    static func removingBackReferences(_ node: HTMLNode) -> HTMLNode {
        guard case .element(var element) = node else { return node }
        var children: [HTMLNode] = []
        for child in element.children {
            if case .element(let link) = child, link.name == "a", hasClass(link, "footnote-backref") {
                if case .text(var text)? = children.last {
                    while text.last == " " { text.removeLast() }
                    children[children.count - 1] = .text(text)
                }
                continue
            }
            children.append(removingBackReferences(child))
        }
        element.children = children
        return .element(element)
    }
}
