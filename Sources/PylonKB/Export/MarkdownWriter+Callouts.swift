import Foundation
import PylonHTML

/// Blockquotes, and the callouts the renderer makes of GitHub alerts and `:::` blocks, written
/// back in the form that renders to the same HTML.
extension MarkdownWriter {
    mutating func blockquote(_ element: HTMLElement) -> String {
        if let callout = callout(element) { return callout }
        let body = blocks(element.children).joined(separator: "\n\n")
        return Self.prefixLines(body, first: "> ", rest: "> ")
    }

    /// `<blockquote class="callout callout-tip"><p><strong>💡 Tip</strong></p>…` → `> [!TIP]`; a
    /// custom title → `> [!TIP] Title` (pylon-kb's alerts take a title).
    mutating func callout(_ element: HTMLElement) -> String? {
        let classes = (element[attribute: "class"] ?? "").split(separator: " ")
        guard classes.contains("callout"),
            let kindName = classes.first(where: { $0.hasPrefix("callout-") })?.dropFirst("callout-".count),
            let kind = CalloutKind(rawValue: String(kindName))
        else { return nil }
        let children = element.children.filter { !Self.isBlank($0) }
        guard case .element(let label)? = children.first, label.name == "p",
            label.children.count == 1, case .element(let strong) = label.children[0], strong.name == "strong",
            strong.attributes.isEmpty
        else { return nil }
        guard strong.textContent.hasPrefix(kind.emoji + " ") else { return nil }
        // The title as Markdown, so an id in it (`<a id="x"></a>`, a link target) is kept.
        let written = singleLine(inline(strong.children, context: .heading))
        guard written.hasPrefix(kind.emoji + " ") else { return nil }
        let title = written.dropFirst(kind.emoji.count + 1).trimmingCharacters(in: .whitespaces)
        let body = blocks(Array(children.dropFirst())).joined(separator: "\n\n")
        // `> [!TIP] Title`, not `:::tip Title`: a quote nests in a list item, where `:::` lines
        // would be read as the item's text.
        let alert = kind == .danger ? "CAUTION" : kind.rawValue.uppercased()
        let head = "[!\(alert)]" + (title == kind.defaultTitle ? "" : " " + title)
        return Self.prefixLines(head + (body.isEmpty ? "" : "\n" + body), first: "> ", rest: "> ")
    }
}
