import Foundation
import PylonHTML

/// Vendor markup turned into what pylon-kb's converter already knows, before `HTMLToMarkdown`:
/// callout boxes become the renderer's callout shape (`<blockquote class="callout callout-tip">`
/// with its label), so they are written as `> [!TIP]`; video wrappers are reduced to their
/// `<iframe>`, which Pylon shows when its host is allowed. What is left unknown is kept as raw
/// HTML by the converter and reported.
enum ImportHTML {
    struct Result: Sendable {
        var html: String
        var callouts = 0
        var videos = 0
    }

    static func normalise(_ html: String, vendor: ImportVendor) -> Result {
        var result = Result(html: "")
        let nodes = transform(HTMLParser.parseFragment(html), result: &result)
        result.html = HTMLSerializer.serialize(nodes)
        return result
    }

    private static func transform(_ nodes: [HTMLNode], result: inout Result) -> [HTMLNode] {
        var output: [HTMLNode] = []
        for node in nodes {
            guard case .element(var element) = node else {
                output.append(node)
                continue
            }
            if let kind = calloutKind(element) {
                result.callouts += 1
                output.append(.element(callout(kind, children: transform(element.children, result: &result))))
                continue
            }
            if let image = lonelyImage(element) {
                // Intercom wraps each image in `<div class="intercom-container">`: as a paragraph
                // it becomes a Markdown image, which apply uploads.
                output.append(.element(HTMLElement(name: "p", children: [.element(image)])))
                continue
            }
            if let iframe = videoFrame(element) {
                result.videos += 1
                output.append(.element(iframe))
                continue
            }
            // Editors write `<b>` and `<i>` (Intercom's always does); they mean what Markdown's
            // `**` and `*` mean, and kept as raw HTML they would each be reported.
            if element.name == "b" { element.name = "strong" }
            if element.name == "i" { element.name = "em" }
            element.children = transform(element.children, result: &result)
            output.append(.element(element))
        }
        return output
    }

    /// Classes vendors and help-center themes give callout boxes: Zendesk themes (`callout`,
    /// `callout--warning`, `note`, `alert alert-info`), Intercom (`intercom-interblocks-callout`
    /// with a colour), Help Scout (`callout`, `callout-yellow`, `callout-red`, `callout-blue`,
    /// `callout-green`).
    static func calloutKind(_ element: HTMLElement) -> CalloutKind? {
        guard ["div", "p", "aside", "section", "blockquote"].contains(element.name) else { return nil }
        let classes = (element[attribute: "class"] ?? "").lowercased().split(separator: " ").map(String.init)
        let markers = [
            "callout", "note", "alert", "tip", "warning", "intercom-interblocks-callout", "wysiwyg-callout",
        ]
        guard classes.contains(where: { name in markers.contains { name == $0 || name.hasPrefix($0 + "-") } })
        else { return nil }
        // Already in the renderer's shape (a callout exported from Pylon).
        if element.name == "blockquote",
            classes.contains(where: {
                CalloutKind(rawValue: String($0.dropFirst(8))) != nil && $0.hasPrefix("callout-")
            })
        {
            return nil
        }
        let words = classes.joined(separator: " ")
        let style = (element[attribute: "style"] ?? "").lowercased()
        if words.contains("danger") || words.contains("error") || words.contains("red")
            || style.contains("red")
        {
            return .danger
        }
        if words.contains("warn") || words.contains("caution") || words.contains("yellow")
            || words.contains("orange")
        {
            return .warning
        }
        if words.contains("tip") || words.contains("success") || words.contains("green") { return .tip }
        return .note
    }

    static func callout(_ kind: CalloutKind, children: [HTMLNode]) -> HTMLElement {
        var blocks: [HTMLNode] = []
        var inline: [HTMLNode] = []
        func flush() {
            if inline.contains(where: {
                !$0.textContent.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || isImage($0)
            }) {
                blocks.append(.element(HTMLElement(name: "p", children: inline)))
            }
            inline = []
        }
        for child in children {
            if case .element(let element) = child, HTMLElement.blockElements.contains(element.name) {
                flush()
                blocks.append(child)
            } else {
                inline.append(child)
            }
        }
        flush()
        let label = HTMLElement(
            name: "p",
            children: [
                .element(HTMLElement(name: "strong", children: [.text(kind.emoji + " " + kind.defaultTitle)]))
            ])
        return HTMLElement(
            name: "blockquote",
            attributes: [HTMLAttribute(name: "class", value: "callout callout-\(kind.rawValue)")],
            children: [.element(label)] + blocks)
    }

    private static func isImage(_ node: HTMLNode) -> Bool {
        if case .element(let element) = node { return element.name == "img" }
        return false
    }

    /// A wrapper holding only a video `<iframe>` (Intercom's `intercom-interblocks-video`, a
    /// theme's `video-container`) → the iframe itself, with an https `src`.
    static func videoFrame(_ element: HTMLElement) -> HTMLElement? {
        guard element.name == "div" || element.name == "figure" || element.name == "p" else { return nil }
        let children = element.children.filter {
            !$0.textContent.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || isElement($0)
        }
        guard children.count == 1, case .element(var iframe) = children[0], iframe.name == "iframe",
            let src = iframe[attribute: "src"]
        else { return nil }
        if src.hasPrefix("//") { iframe[attribute: "src"] = "https:" + src }
        return iframe
    }

    /// A `<div>` or `<figure>` holding one `<img>` (perhaps in a link-less `<p>`) and nothing else.
    static func lonelyImage(_ element: HTMLElement) -> HTMLElement? {
        guard element.name == "div" || element.name == "figure" else { return nil }
        let children = element.children.filter {
            !$0.textContent.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || isElement($0)
        }
        guard children.count == 1, case .element(let child) = children[0] else { return nil }
        if child.name == "img" { return child }
        if child.name == "p" { return lonelyImage(HTMLElement(name: "div", children: child.children)) }
        return nil
    }

    private static func isElement(_ node: HTMLNode) -> Bool {
        if case .element = node { return true }
        return false
    }
}
