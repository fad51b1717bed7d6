import Foundation
import PylonHTML

/// Inline content: emphasis, code spans, links, images and escaped text.
extension MarkdownWriter {
    /// Stands for `<br>` until the paragraph knows whether the break ends it: a trailing hard
    /// break cannot be written as `\`, only as inline `<br>`.
    static let hardBreak: Character = "\u{E000}"

    enum InlineContext {
        case paragraph
        case heading
        case tableCell

        var escapesPipes: Bool { self == .tableCell }
    }

    mutating func inline(_ nodes: [HTMLNode], context: InlineContext) -> String {
        var output = ""
        for node in nodes { inline(node, context: context, into: &output) }
        return output
    }

    mutating func inline(_ node: HTMLNode, context: InlineContext, into output: inout String) {
        switch node {
        case .comment:
            return
        case .text(let text):
            Self.escapeText(text, context: context, into: &output)
        case .element(let element):
            inlineElement(element, context: context, into: &output)
        }
    }

    mutating func inlineElement(_ element: HTMLElement, context: InlineContext, into output: inout String) {
        switch element.name {
        case "em", "i":
            delimited(element, "*", context: context, into: &output)
        case "strong", "b":
            delimited(element, "**", context: context, into: &output)
        case "del", "s", "strike":
            delimited(element, "~~", context: context, into: &output)
        case "code",
            "tt" where element.attributes.isEmpty:
            output += Self.codeSpan(element.textContent, escapingPipes: context.escapesPipes)
        case "br":
            output += context == .paragraph ? String(Self.hardBreak) + "\n" : "<br>"
        case "a":
            link(element, context: context, into: &output)
        case "img":
            image(element, into: &output)
        case "sup" where Self.hasClass(element, "footnote-ref"):
            if case .element(let anchor)? = element.children.first(where: { !Self.isBlank($0) }),
                let href = anchor[attribute: "href"], href.hasPrefix("#fn-")
            {
                output += "[^" + href.dropFirst(4) + "]"
            } else {
                rawInline(element, context: context, into: &output)
            }
        case "span" where element.attributes.isEmpty:
            for child in element.children { inline(child, context: context, into: &output) }
        default:
            if element.isBlock {
                // Block content where only inline content fits (a heading holding a list):
                // its text survives, its structure does not.
                output += Self.escapeText(element.textContent, context: context)
            } else {
                rawInline(element, context: context, into: &output)
            }
        }
    }

    /// `<u>`, `<span style>`, `<sup>`… : the tags stay as inline HTML, the content between them
    /// is converted (Markdown reads the text between inline tags as Markdown).
    mutating func rawInline(_ element: HTMLElement, context: InlineContext, into output: inout String) {
        keep(element.name)
        var open = element
        open.children = []
        let tag = HTMLSerializer.serialize(.element(open))
        if element.isVoid {
            output += tag
            return
        }
        output += tag.dropLast(element.name.count + 3)
        for child in element.children { inline(child, context: context, into: &output) }
        output += "</" + element.name + ">"
    }

    /// Emphasis delimiters must touch non-space text, so surrounding spaces move outside.
    mutating func delimited(
        _ element: HTMLElement, _ delimiter: String, context: InlineContext, into output: inout String
    ) {
        let inner = inline(element.children, context: context)
        let leading = inner.prefix { $0 == " " || $0 == "\n" }
        let core = inner.dropFirst(leading.count)
        let trailing = core.reversed().prefix { $0 == " " || $0 == "\n" }
        let body = core.dropLast(trailing.count)
        output += leading
        if !body.isEmpty {
            output += delimiter
            output += body
            output += delimiter
        }
        output += String(trailing.reversed())
    }

    static func codeSpan(_ text: String, escapingPipes: Bool) -> String {
        var content = text.replacingOccurrences(of: "\n", with: " ")
        if escapingPipes { content = content.replacingOccurrences(of: "|", with: "\\|") }
        let fence = String(repeating: "`", count: longestRun(of: "`", in: content) + 1)
        let needsPadding =
            content.hasPrefix("`") || content.hasSuffix("`")
            || (content.hasPrefix(" ") && content.hasSuffix(" ") && content.contains { $0 != " " })
        let pad = needsPadding ? " " : ""
        return fence + pad + content + pad + fence
    }

    mutating func link(_ element: HTMLElement, context: InlineContext, into output: inout String) {
        guard let href = element[attribute: "href"],
            element.attributes.allSatisfy({ $0.name == "href" || $0.name == "title" })
        else {
            rawInline(element, context: context, into: &output)
            return
        }
        let destination = linkRewriter(href) ?? href
        output += "["
        for child in element.children { inline(child, context: context, into: &output) }
        output += "](" + Self.destination(destination)
        if let title = element[attribute: "title"] { output += " " + Self.title(title) }
        output += ")"
    }

    mutating func image(_ element: HTMLElement, into output: inout String) {
        guard let source = element[attribute: "src"],
            element.attributes.allSatisfy({ ["src", "alt", "title"].contains($0.name) })
        else {
            keep("img")
            output += HTMLSerializer.serialize(.element(element))
            return
        }
        let destination = imageRewriter(source) ?? source
        var alt = ""
        for character in element[attribute: "alt"] ?? "" {
            if "\\[]".contains(character) { alt.append("\\") }
            alt.append(character == "\n" ? " " : character)
        }
        output += "![" + alt + "](" + Self.destination(destination)
        if let title = element[attribute: "title"] { output += " " + Self.title(title) }
        output += ")"
    }

    static func destination(_ url: String) -> String {
        var depth = 0
        var balanced = true
        for character in url {
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth < 0 { balanced = false }
            }
        }
        let needsBrackets =
            url.isEmpty || depth != 0 || !balanced
            || url.contains { $0 == " " || $0 == "<" || $0 == ">" || $0.isNewline || $0 == "\t" }
        var result = needsBrackets ? "<" : ""
        for character in url {
            if character == "\\" || (needsBrackets && (character == "<" || character == ">")) {
                result.append("\\")
            }
            result.append(character == "\n" ? " " : character)
        }
        if url.isEmpty { return "" }
        return result + (needsBrackets ? ">" : "")
    }

    static func title(_ title: String) -> String {
        var result = "\""
        for character in title {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    static func escapeText(_ text: String, context: InlineContext) -> String {
        var output = ""
        escapeText(text, context: context, into: &output)
        return output
    }

    /// Escapes what Markdown would read as syntax and collapses whitespace the way a browser shows
    /// it; U+00A0 becomes `&nbsp;` so it stays visible in the source.
    static func escapeText(_ text: String, context: InlineContext, into output: inout String) {
        let characters = Array(text)
        var previousWasSpace = output.last == " " || output.last == "\n"
        for (index, character) in characters.enumerated() {
            if isCollapsible(character) {
                if !previousWasSpace { output.append(" ") }
                previousWasSpace = true
                continue
            }
            previousWasSpace = false
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "\\", "*", "[", "]", "`", "~", "<":
                output.append("\\")
                output.append(character)
            case "_":
                // Inside a word (`snake_case`) an underscore cannot start emphasis.
                let previous = index > 0 ? characters[index - 1] : output.last
                if previous?.isLetter == true || previous?.isNumber == true,
                    next?.isLetter == true || next?.isNumber == true
                {
                    output.append("_")
                } else {
                    output += "\\_"
                }
            case "|" where context.escapesPipes:
                output += "\\|"
            case "&":
                if let next, next.isLetter || next.isNumber || next == "#" {
                    output += "\\&"
                } else {
                    output += "&"
                }
            case "{":
                // The renderer's Liquid/kramdown pass would drop `{{ … }}`, `{% … %}` and `{: … }`.
                if next == "{" || next == "%" || next == ":" { output += "&#123;" } else { output += "{" }
            case "\u{00A0}":
                output += "&nbsp;"
            case hardBreak:
                output += "&#xE000;"
            default:
                output.append(character)
            }
        }
    }
}
