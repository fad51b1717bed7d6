import PylonHTML

/// Turns article HTML into lines a reviewer can read in a diff: one line per paragraph,
/// heading, list item, table row or code line, with light Markdown-like markers. It is for
/// showing changes only; comparison uses `CanonicalHTML`.
public enum ReadableText {
    public static func lines(fromHTML html: String) -> [String] {
        lines(from: HTMLParser.parseFragment(html))
    }

    /// The same, from an already parsed body.
    public static func lines(from nodes: [HTMLNode]) -> [String] {
        var lines: [String] = []
        var current = ""
        walk(nodes, prefix: "", into: &lines, current: &current)
        flush(&current, into: &lines)
        // Placeholders for things this run creates read as `new:<file>` / `new-image:<hash>`.
        return lines.map {
            $0.replacingAll(PendingReference.articlePrefix, with: "new:")
                .replacingAll(PendingReference.imagePrefix, with: "new-image:")
        }
    }

    private static func walk(
        _ nodes: [HTMLNode], prefix: String, into lines: inout [String], current: inout String
    ) {
        for node in nodes {
            switch node {
            case .comment: continue
            case .text(let text):
                // Line breaks in source HTML are spaces to a reader; runs of spaces are one.
                var collapsed = CanonicalHTML.collapseWhitespace(text)
                if collapsed.utf8.first == 0x20, current.utf8.last == 0x20 { collapsed.removeFirst() }
                current += collapsed
            case .element(let element):
                switch element.name {
                case "h1", "h2", "h3", "h4", "h5", "h6":
                    flush(&current, into: &lines)
                    let level = Int(String(element.name.dropFirst())) ?? 2
                    lines.append(String(repeating: "#", count: level) + " " + element.textContent)
                case "pre":
                    flush(&current, into: &lines)
                    lines.append("```")
                    lines.append(
                        contentsOf: element.textContent.split(
                            separator: "\n", omittingEmptySubsequences: false
                        )
                        .map(String.init).dropLast(element.textContent.hasSuffix("\n") ? 1 : 0))
                    lines.append("```")
                case "li":
                    flush(&current, into: &lines)
                    current = prefix + "- "
                    walk(element.children, prefix: prefix + "  ", into: &lines, current: &current)
                    flush(&current, into: &lines)
                case "tr":
                    flush(&current, into: &lines)
                    let cells = element.children.compactMap { child -> String? in
                        guard case .element(let cell) = child else { return nil }
                        return cell.textContent.trimmingSpaces()
                    }
                    lines.append("| " + cells.joined(separator: " | ") + " |")
                case "img":
                    current += "![\(element[attribute: "alt"] ?? "")](\(element[attribute: "src"] ?? ""))"
                case "a":
                    let before = current
                    current = ""
                    walk(element.children, prefix: prefix, into: &lines, current: &current)
                    current = before + "[\(current)](\(element[attribute: "href"] ?? ""))"
                case "br":
                    flush(&current, into: &lines)
                default:
                    if element.isBlock {
                        flush(&current, into: &lines)
                        let inner = element.name == "blockquote" ? prefix + "> " : prefix
                        var nested: [String] = []
                        var nestedCurrent = ""
                        walk(element.children, prefix: "", into: &nested, current: &nestedCurrent)
                        flush(&nestedCurrent, into: &nested)
                        lines.append(contentsOf: nested.map { inner + $0 })
                    } else {
                        walk(element.children, prefix: prefix, into: &lines, current: &current)
                    }
                }
            }
        }
    }

    private static func flush(_ current: inout String, into lines: inout [String]) {
        let trimmed = current.trimmingSpaces()
        if !trimmed.isEmpty && trimmed != "-" { lines.append(current.trimmingTrailingSpaces()) }
        current = ""
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first?.isWhitespace == true { view.removeFirst() }
        while view.last?.isWhitespace == true { view.removeLast() }
        return String(view)
    }

    func trimmingTrailingSpaces() -> String {
        var view = Substring(self)
        while view.last?.isWhitespace == true { view.removeLast() }
        return String(view)
    }
}
