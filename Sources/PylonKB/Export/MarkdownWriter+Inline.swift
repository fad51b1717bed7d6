import Foundation
import PylonHTML

/// Inline content: emphasis, code spans, links, images and escaped text.
extension MarkdownWriter {
    /// A private-use character (U+E000–U+F8FF) the document does not hold anywhere, or nil when
    /// it holds them all: a placeholder that is never also content, so every one left at the
    /// end of a paragraph is a `<br>` and content keeps its own private-use characters as is.
    static func unusedPrivateUseCharacter(in nodes: [HTMLNode]) -> Character? {
        var used: Set<UInt32> = []
        func note(_ text: String) {
            for scalar in text.unicodeScalars where (0xE000...0xF8FF).contains(scalar.value) {
                used.insert(scalar.value)
            }
        }
        func walk(_ nodes: [HTMLNode]) {
            for node in nodes {
                switch node {
                case .text(let text), .comment(let text): note(text)
                case .element(let element):
                    for attribute in element.attributes { note(attribute.value) }
                    walk(element.children)
                }
            }
        }
        walk(nodes)
        for value in UInt32(0xE000)...0xF8FF where !used.contains(value) {
            return Unicode.Scalar(value).map(Character.init)
        }
        return nil
    }

    enum InlineContext {
        case paragraph
        case heading
        case tableCell

        var escapesPipes: Bool { self == .tableCell }
    }

    mutating func inline(_ nodes: [HTMLNode], context: InlineContext, following: Character? = nil) -> String {
        var output = ""
        inline(nodes, context: context, following: following, into: &output)
        return output
    }

    /// `following` is the first character shown after these nodes (nil at the end of a block):
    /// whether `*` can close emphasis depends on it.
    mutating func inline(
        _ nodes: [HTMLNode], context: InlineContext, following: Character?, into output: inout String
    ) {
        for index in nodes.indices {
            switch nodes[index] {
            case .comment:
                continue
            case .text(let text):
                Self.escapeText(text, context: context, insideLink: linkDepth > 0, into: &output)
            case .element(let element):
                var next = following
                for later in nodes[(index + 1)...] {
                    if let first = later.textContent.first {
                        next = first
                        break
                    }
                }
                inlineElement(element, context: context, following: next, into: &output)
            }
        }
    }

    mutating func inlineElement(
        _ element: HTMLElement, context: InlineContext, following: Character?, into output: inout String
    ) {
        switch element.name {
        case "em":
            delimited(element, "*", context: context, following: following, into: &output)
        case "strong":
            delimited(element, "**", context: context, following: following, into: &output)
        // `<i>` and `<b>` (raw HTML in a source, older editors) stay as written: as `*`/`**`
        // they would come back as `<em>`/`<strong>`, and the exported folder would plan an
        // update of every such article.
        case "del", "s", "strike":
            delimited(element, "~~", context: context, following: following, into: &output)
        case "code",
            "tt" where element.attributes.isEmpty:
            output += Self.codeSpan(element.textContent, escapingPipes: context.escapesPipes)
        case "br":
            if context == .paragraph, let hardBreak {
                output += String(hardBreak) + "\n"
            } else {
                output += "<br>"
            }
        case "a":
            link(element, context: context, following: following, into: &output)
        case "img":
            image(element, into: &output)
        case "sup" where Self.hasClass(element, "footnote-ref"):
            if case .element(let anchor)? = element.children.first(where: { !Self.isBlank($0) }),
                let href = anchor[attribute: "href"], href.hasPrefix("#fn-")
            {
                output += "[^" + href.dropFirst(4) + "]"
            } else {
                rawInline(element, context: context, following: following, into: &output)
            }
        default:
            if element.isBlock {
                // Block content where only inline content fits (a heading holding a list):
                // its text survives, its structure does not.
                Self.escapeText(
                    element.textContent, context: context, insideLink: linkDepth > 0, into: &output)
            } else {
                rawInline(element, context: context, following: following, into: &output)
            }
        }
    }

    /// `<u>`, `<span style>`, `<sup>`… : the tags stay as inline HTML, the content between them
    /// is converted (Markdown reads the text between inline tags as Markdown).
    mutating func rawInline(
        _ element: HTMLElement, context: InlineContext, following: Character?, into output: inout String
    ) {
        keep(element.name)
        var open = rewritingURLs(element, deep: false)
        open.children = []
        let tag = HTMLSerializer.serialize(.element(open))
        if element.isVoid {
            output += tag
            return
        }
        output += tag.dropLast(element.name.count + 3)
        // The closing tag follows the content, and tags count as punctuation for emphasis.
        inline(element.children, context: context, following: "<", into: &output)
        output += "</" + element.name + ">"
    }

    /// Emphasis delimiters must touch non-space text, so surrounding spaces move outside. Where
    /// CommonMark's flanking rules would not read the delimiters as emphasis (`foo*"bar"*baz`),
    /// the element stays inline HTML around converted content.
    mutating func delimited(
        _ element: HTMLElement, _ delimiter: String, context: InlineContext, following: Character?,
        into output: inout String
    ) {
        let inner = inline(element.children, context: context, following: following)
        // A break at either end moves outside too: `**bold\` + newline + `**` would not close.
        let leading = inner.prefix { $0 == " " || $0 == "\n" || $0 == hardBreak }
        let core = inner.dropFirst(leading.count)
        let trailing = core.reversed().prefix { $0 == " " || $0 == "\n" || $0 == hardBreak }
        let body = core.dropLast(trailing.count)
        output += leading
        if let first = body.first, let last = body.last {
            let previous = output.last
            let next = trailing.isEmpty ? following : " "
            var delimiter = delimiter
            // `***x***` reads as <em><strong>, and `*a**b*` as one run: nested or adjacent
            // emphasis uses `_`, which may not touch a letter or digit outside.
            if delimiter.first == "*" && (first == "*" || last == "*" || previous == "*") {
                delimiter = String(repeating: "_", count: delimiter.count)
            }
            var opens = !isPunctuation(first) || previous.map(isSpaceOrPunctuation) ?? true
            var closes = !isPunctuation(last) || next.map(isSpaceOrPunctuation) ?? true
            if delimiter.first == "_" {
                opens = opens && previous.map { $0 != "_" && isSpaceOrPunctuation($0) } ?? true
                closes = closes && next.map(isSpaceOrPunctuation) ?? true
            }
            if delimiter.first == "~" && previous == "~" { opens = false }
            if opens && closes {
                output += delimiter
                output += body
                output += delimiter
            } else {
                keep(element.name)
                output += "<" + element.name + ">" + body + "</" + element.name + ">"
            }
        }
        output += String(trailing.reversed())
    }

    /// The placeholder stands for a `<br>`, which CommonMark counts as punctuation here.
    func isPunctuation(_ character: Character) -> Bool {
        character.isPunctuation || character.isSymbol || character == hardBreak
    }

    func isSpaceOrPunctuation(_ character: Character) -> Bool {
        character.isWhitespace || isPunctuation(character)
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

    mutating func link(
        _ element: HTMLElement, context: InlineContext, following: Character?, into output: inout String
    ) {
        guard let href = element[attribute: "href"],
            element.attributes.allSatisfy({ $0.name == "href" || $0.name == "title" }),
            !href.unicodeScalars.contains(where: Self.isEncodedInDestinations)
        else {
            rawInline(element, context: context, following: following, into: &output)
            return
        }
        let destination = linkRewriter(href) ?? href
        output += "["
        linkDepth += 1
        inline(element.children, context: context, following: "]", into: &output)
        linkDepth -= 1
        output += "](" + Self.destination(destination)
        if let title = element[attribute: "title"] { output += " " + Self.title(title) }
        output += ")"
    }

    mutating func image(_ element: HTMLElement, into output: inout String) {
        guard let source = element[attribute: "src"],
            element.attributes.allSatisfy({ ["src", "alt", "title"].contains($0.name) })
        else {
            keep("img")
            output += HTMLSerializer.serialize(.element(rewritingURLs(element)))
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

    /// Characters cmark percent-encodes in a Markdown link's destination (a space, non-ASCII):
    /// such a link stays raw HTML, so it is published with the address exactly as it was.
    static func isEncodedInDestinations(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII || scalar.value < 0x21 || "\"<>\\^`{|}".unicodeScalars.contains(scalar)
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

    /// Escapes what Markdown would read as syntax and collapses whitespace the way a browser shows
    /// it; U+00A0 becomes `&nbsp;` so it stays visible in the source.
    /// Outside links, `www.` and `scheme://` get an escape so GFM does not make them links
    /// (plain e-mail addresses cannot be protected this way; they become links).
    static func escapeText(
        _ text: String, context: InlineContext, insideLink: Bool, into output: inout String
    ) {
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
            // `{{` and `{%` in text would be read as Liquid and dropped when the folder is
            // published again; `{\{` and `{\%` publish as the text.
            case "{" where output.last == "{", "%" where output.last == "{":
                output.append("\\")
                output.append(character)
            case "|" where context.escapesPipes:
                output += "\\|"
            case "&":
                if let next, next.isLetter || next.isNumber || next == "#" {
                    output += "\\&"
                } else {
                    output += "&"
                }
            case ":"
            where !insideLink && next == "/" && index + 2 < characters.count && characters[index + 2] == "/":
                output += "\\:"
            case "."
            where !insideLink && index >= 3 && characters[(index - 3)..<index] == ["w", "w", "w"]
                && (index == 3 || !(characters[index - 4].isLetter || characters[index - 4].isNumber)):
                output += "\\."
            case "{":
                // The renderer's Liquid/kramdown pass would drop `{{ … }}`, `{% … %}` and `{: … }`.
                if next == "{" || next == "%" || next == ":" { output += "&#123;" } else { output += "{" }
            case "\u{00A0}":
                output += "&nbsp;"
            default:
                output.append(character)
            }
        }
    }
}
