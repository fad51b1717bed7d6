import Foundation
import PylonHTML
import Testing

/// Compares an article's body at the vendor with what Pylon holds after `apply`, in the
/// difference classes docs/import.md lists: the text word for word and in order; every table
/// equal in canonical HTML (`CanonicalHTML`); every code block's text equal; as many images,
/// video embeds and list items; and as many callouts as the vendor had callout boxes.
enum ImportComparison {
    static func assertSurvives(
        vendor: String, published: String, title: String, calloutMarkers: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var remaining = words(published)[...]
        for word in words(vendor) {
            guard let index = remaining.firstIndex(of: word) else {
                Issue.record(
                    "“\(title)”: the word “\(word)” of the vendor's text is missing in Pylon:\n\(published)",
                    sourceLocation: sourceLocation)
                break
            }
            remaining = remaining[(index + 1)...]
        }
        let vendorNodes = HTMLParser.parseFragment(vendor)
        let publishedNodes = HTMLParser.parseFragment(published)
        #expect(
            elements("table", in: vendorNodes).map(canonical)
                == elements("table", in: publishedNodes).map(canonical),
            "\(title): tables", sourceLocation: sourceLocation)
        #expect(
            elements("pre", in: vendorNodes).map(codeText)
                == elements("pre", in: publishedNodes).map(codeText),
            "\(title): code", sourceLocation: sourceLocation)
        for name in ["img", "iframe", "li"] {
            #expect(
                elements(name, in: vendorNodes).count == elements(name, in: publishedNodes).count,
                "\(title): <\(name)>", sourceLocation: sourceLocation)
        }
        let boxes = calloutMarkers.map { vendor.components(separatedBy: $0).count - 1 }.reduce(0, +)
        #expect(
            published.components(separatedBy: "<blockquote class=\"callout callout-").count - 1 == boxes,
            "\(title): callouts", sourceLocation: sourceLocation)
    }

    /// The words of the text, in order; inline markup that splits a word (`<b>Settings</b>.`)
    /// and full stops are ignored, as a reader sees them.
    static func words(_ html: String) -> [String] {
        var texts: [String] = []
        func walk(_ nodes: [HTMLNode]) {
            for node in nodes {
                switch node {
                case .text(let text): texts.append(text)
                case .element(let element): walk(element.children)
                case .comment: break
                }
            }
        }
        walk(HTMLParser.parseFragment(html))
        return texts.joined(separator: " ").split(whereSeparator: { $0.isWhitespace || $0 == "." }).map(
            String.init)
    }

    static func elements(_ name: String, in nodes: [HTMLNode]) -> [HTMLElement] {
        var found: [HTMLElement] = []
        for case .element(let element) in nodes {
            if element.name == name { found.append(element) }
            found += elements(name, in: element.children)
        }
        return found
    }

    /// A table without the paragraphs some editors put in cells and without attributes.
    static func canonical(_ table: HTMLElement) -> String {
        func strip(_ nodes: [HTMLNode]) -> [HTMLNode] {
            nodes.flatMap { node -> [HTMLNode] in
                guard case .element(var element) = node else { return [node] }
                if element.name == "p" { return strip(element.children) }
                element.attributes = []
                element.children = strip(element.children)
                return [.element(element)]
            }
        }
        return CanonicalHTML.canonicalForm(of: strip([.element(table)]))
    }

    /// A code block's text; the renderer ends it with a line break.
    static func codeText(_ pre: HTMLElement) -> String {
        var text = pre.textContent
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
