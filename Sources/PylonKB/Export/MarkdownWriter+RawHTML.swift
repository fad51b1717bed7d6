import Foundation
import PylonHTML

/// HTML that stays HTML in the export, written so that publishing the Markdown again gives the
/// same HTML: wrappers around converted Markdown (`<div>`, `<details>`), raw blocks with no
/// blank line inside, and no `{{`/`{%` a re-publish would read as Liquid.
extension MarkdownWriter {
    /// A `<div>` stays, or the exported folder would publish without it and plan an update of
    /// the article: with inline content (alone or beside blocks), as HTML, since Markdown would
    /// wrap the content in a `<p>`; with blocks only, as its tags around the converted blocks,
    /// the way docs sources write it (an HTML block could not hold a code block's blank lines).
    mutating func div(_ element: HTMLElement) -> [String] {
        if element.children.contains(where: { !Self.isBlank($0) && Self.isInline($0) }) {
            return [rawBlock(element)]
        }
        keep("div")
        var open = rewritingURLs(element, deep: false)
        open.children = []
        let tags = HTMLSerializer.serialize(.element(open))
        return [Self.withoutLiquid(String(tags.dropLast("</div>".count)))] + blocks(element.children) + [
            "</div>"
        ]
    }

    /// Inline HTML outside any paragraph, as a source's raw HTML block leaves it (`<span …>`
    /// alone on its line, its content on the next): written back the same way, or nil when it
    /// does not start like that (then it becomes a paragraph).
    mutating func rawHTMLBlock(_ run: [HTMLNode]) -> String? {
        guard case .element(let first)? = run.first(where: { !Self.isBlank($0) }), !first.isVoid else {
            return nil
        }
        let html = Self.withoutBlankLines(
            Self.withoutLiquid(
                run.map { node in
                    if case .element(let element) = node {
                        return HTMLSerializer.serialize(.element(rewritingURLs(element)))
                    }
                    return HTMLSerializer.serialize([node])
                }.joined())
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let firstLine = html.prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces)
        guard html.contains("\n"), firstLine.hasPrefix("<\(first.name)"), firstLine.hasSuffix(">"),
            firstLine.filter({ $0 == "<" }).count == 1
        else { return nil }
        keep(first.name)
        return html
    }

    /// `<details>` holding blocks: its tags and summary as HTML around the converted blocks, as
    /// GitHub users write it, so links, footnote references and headings inside stay Markdown
    /// (a footnote referenced only from raw HTML would be dropped when published again). Nil
    /// when it holds inline content, which stays raw HTML.
    mutating func details(_ element: HTMLElement) -> [String]? {
        var children = element.children.filter { !Self.isBlank($0) }
        var summary = ""
        if case .element(let first)? = children.first, first.name == "summary" {
            summary = HTMLSerializer.serialize(.element(rewritingURLs(first)))
            children.removeFirst()
        }
        guard !children.isEmpty, !children.contains(where: Self.isInline), !summary.contains("\n") else {
            return nil
        }
        keep("details")
        var open = rewritingURLs(element, deep: false)
        open.children = []
        let tags = HTMLSerializer.serialize(.element(open))
        return [Self.withoutLiquid(String(tags.dropLast("</details>".count)) + summary)] + blocks(children)
            + [
                "</details>"
            ]
    }

    /// Any element Markdown cannot express, serialized as a raw HTML block. Tags outside
    /// CommonMark's block list need their start tag alone on the first line; blank lines inside
    /// would end the block, so they are written as `&#10;`.
    mutating func rawBlock(_ element: HTMLElement) -> String {
        keep(element.name)
        let element = rewritingURLs(element)
        var html: String
        if Self.commonMarkBlockTags.contains(element.name) || element.isVoid {
            html = HTMLSerializer.serialize(.element(element))
        } else {
            var open = element
            open.children = []
            let start = HTMLSerializer.serialize(.element(open))
            html =
                String(start.dropLast(element.name.count + 3)) + "\n"
                + HTMLSerializer.serialize(element.children)
                + "</" + element.name + ">"
        }
        return Self.withoutBlankLines(Self.withoutLiquid(html))
    }

    /// Raw HTML with `{{` and `{%` written `&#123;{` and `&#123;%`: publishing the folder again
    /// would read them as Liquid and drop them; the entity publishes as the same text.
    static func withoutLiquid(_ html: String) -> String {
        guard html.contains("{{") || html.contains("{%") else { return html }
        return html.replacingOccurrences(of: "{{", with: "&#123;{").replacingOccurrences(
            of: "{%", with: "&#123;%")
    }

    static func withoutBlankLines(_ html: String) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var lineIsBlank = true
        for character in html {
            if character == "\n" {
                result += lineIsBlank && !result.isEmpty ? "&#10;" : "\n"
                lineIsBlank = true
                continue
            }
            if character != " " && character != "\t" { lineIsBlank = false }
            result.append(character)
        }
        return result
    }
}
