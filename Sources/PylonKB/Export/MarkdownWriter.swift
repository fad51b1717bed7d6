import Foundation
import PylonHTML

/// The converter's state for one document: block and inline writing, raw-HTML bookkeeping and
/// the footnote definitions collected on the way. Blocks are built as separate strings and
/// joined once per container, so the cost grows with size × nesting depth, never quadratically.
struct MarkdownWriter {
    let linkRewriter: (String) -> String?
    let imageRewriter: (String) -> String?
    private(set) var keptAsHTML: [String] = []
    private var keptNames: Set<String> = []
    var footnotes: [String] = []
    /// Follows the renderer's id assignment, so only ids it would not give are written out.
    private var slugger = HeadingSlugger()
    /// Links open around the text being written (GFM autolinks do not apply inside them).
    var linkDepth = 0
    /// Stands for `<br>` in a paragraph until it is known whether the break ends it (a trailing
    /// hard break cannot be written as `\`, only as inline `<br>`); nil when the document uses
    /// every private-use character, and then every break is written as `<br>`.
    let hardBreak: Character?

    init(
        linkRewriter: @escaping (String) -> String?, imageRewriter: @escaping (String) -> String?,
        hardBreak: Character?
    ) {
        self.linkRewriter = linkRewriter
        self.imageRewriter = imageRewriter
        self.hardBreak = hardBreak
    }

    /// Elements written as Markdown inline syntax or as inline raw HTML around converted content.
    static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "del", "dfn", "em", "font", "i", "img",
        "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
        "sup", "time", "tt", "u", "var", "wbr",
    ]

    /// CommonMark's HTML block start condition 6: these tags may start a raw block on one line.
    static let commonMarkBlockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center",
        "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
        "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
        "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ]

    /// The body's headings are written as HTML: its shallowest heading is below `<h2>` (raw
    /// `<h3>` in the source), and as Markdown it would be raised to `<h2>` when rendered again.
    private var headingsAsHTML = false

    mutating func document(_ nodes: [HTMLNode]) -> String {
        if let shallowest = Self.headingLevels(nodes).min(), shallowest > 2 { headingsAsHTML = true }
        var parts = blocks(nodes)
        parts.append(contentsOf: footnotes)
        return parts.isEmpty ? "" : parts.joined(separator: "\n\n") + "\n"
    }

    static func isInline(_ node: HTMLNode) -> Bool {
        switch node {
        case .text: true
        case .comment: true
        case .element(let element): inlineElements.contains(element.name)
        }
    }

    /// Levels of the headings the document would write as Markdown headings.
    static func headingLevels(_ nodes: [HTMLNode]) -> [Int] {
        var levels: [Int] = []
        for case .element(let element) in nodes {
            if element.name.count == 2, element.name.first == "h", let level = Int(String(element.name.last!))
            {
                levels.append(level)
            } else if ["div", "details", "blockquote", "ul", "ol", "li"].contains(element.name) {
                levels += headingLevels(element.children)
            }
        }
        return levels
    }

    mutating func keep(_ name: String) {
        if keptNames.insert(name).inserted { keptAsHTML.append(name) }
    }

    // MARK: Blocks

    /// Converts a sequence of sibling nodes into blocks; runs of inline content become paragraphs.
    mutating func blocks(_ nodes: [HTMLNode], bareInlineIsParagraph: Bool = false) -> [String] {
        var result: [String] = []
        var run: [HTMLNode] = []
        // The list marker the previous block used: adjacent lists need different markers, or
        // Markdown would merge them into one list.
        var previousMarker: Character?
        func flush(_ writer: inout MarkdownWriter) {
            defer { run.removeAll() }
            if !bareInlineIsParagraph, run.contains(where: { !Self.isBlank($0) }),
                run.allSatisfy({ node in
                    if case .element(let element) = node { return element.name == "img" }
                    return Self.isBlank(node)
                })
            {
                // Images outside a paragraph (raw HTML in the source): Markdown would add a `<p>`.
                for case .element(let image) in run {
                    writer.keep("img")
                    result.append(HTMLSerializer.serialize(.element(writer.rewritingURLs(image))))
                }
                previousMarker = nil
                return
            }
            if !bareInlineIsParagraph, let html = writer.rawHTMLBlock(run) {
                result.append(html)
                previousMarker = nil
                return
            }
            let text = writer.paragraph(run)
            if !text.isEmpty {
                result.append(text)
                previousMarker = nil
            }
        }
        var index = nodes.startIndex
        while index < nodes.endIndex {
            let node = nodes[index]
            index += 1
            switch node {
            case .comment:
                continue
            case .text(let text):
                if run.isEmpty, text.allSatisfy(Self.isCollapsible) { continue }
                run.append(node)
            case .element(let element):
                if Self.inlineElements.contains(element.name) {
                    run.append(node)
                    continue
                }
                flush(&self)
                if element.name == "h2", element[attribute: "id"] == "footnotes",
                    let next = nodes[index...].first(where: { !Self.isBlank($0) }),
                    case .element(let list) = next, list.name == "ol", Self.hasClass(list, "footnotes")
                {
                    continue
                }
                if element.name == "ol", Self.hasClass(element, "footnotes") {
                    footnoteDefinitions(element)
                    continue
                }
                if element.name == "ul" || element.name == "ol" {
                    let ordered = element.name == "ol"
                    let usual: Character = ordered ? "." : "-"
                    let other: Character = ordered ? ")" : "*"
                    let marker = previousMarker == usual ? other : usual
                    result.append(list(element, marker: marker))
                    previousMarker = marker
                    continue
                }
                previousMarker = nil
                if element.name == "details", let wrapped = details(element) {
                    result += wrapped
                    continue
                }
                if element.name == "div" {
                    result += div(element)
                    continue
                }
                if let block = block(element), !block.isEmpty { result.append(block) }
            }
        }
        flush(&self)
        return result
    }

    mutating func block(_ element: HTMLElement) -> String? {
        switch element.name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            if headingsAsHTML {
                keep(element.name)
                return Self.withoutLiquid(HTMLSerializer.serialize(.element(rewritingURLs(element))))
            }
            let level = Int(String(element.name.last!))!
            var text = singleLine(inline(element.children, context: .heading))
            // A trailing `#` run would be read as the heading's closing sequence.
            if text.hasSuffix("#") { text = String(text.dropLast()) + "\\#" }
            if let id = element[attribute: "id"] {
                var trial = slugger
                // The text as written (runs of spaces collapse), which is what the renderer
                // will name the heading by.
                let spoken = element.textContent.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(
                    separator: " ")
                if trial.slug(for: spoken) == id {
                    slugger = trial
                } else {
                    text += " {#" + slugger.reserve(id) + "}"
                }
            }
            return String(repeating: "#", count: level) + (text.isEmpty ? "" : " " + text)
        case "p":
            return paragraph(element.children)
        case "pre":
            return codeBlock(element)
        case "blockquote":
            return blockquote(element)
        case "table":
            return table(element)
        case "hr":
            return "---"
        default:
            return rawBlock(element)
        }
    }

    /// A paragraph from inline nodes: whitespace-trimmed lines, with line-start characters that
    /// would start another block escaped.
    mutating func paragraph(_ nodes: [HTMLNode]) -> String {
        let text = inline(nodes, context: .paragraph)
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            lines.append(Self.escapeLineStart(trimmed))
        }
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        if var last = lines.popLast() {
            while last.last == " " { last.removeLast() }
            if let hardBreak, last.last == hardBreak { last = String(last.dropLast()) + "<br>" }
            lines.append(last)
        }
        guard let hardBreak else { return lines.joined(separator: "\n") }
        for index in lines.indices where lines[index].last == hardBreak {
            lines[index] = String(lines[index].dropLast()) + "\\"
        }
        // The placeholder is in no content, so one not at a line's end (none should be) is a
        // break all the same: never let it reach the file.
        return lines.joined(separator: "\n").replacingOccurrences(of: String(hardBreak), with: "<br>")
    }

    static func escapeLineStart(_ line: Substring) -> String {
        guard let first = line.first else { return "" }
        switch first {
        case "#", ">", "+", "-", "=":
            return "\\" + line
        case "0"..."9":
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            let after = line.dropFirst(digits.count).first
            if digits.count <= 9, after == "." || after == ")" {
                return digits + "\\" + line.dropFirst(digits.count)
            }
            return String(line)
        default:
            return String(line)
        }
    }

    mutating func codeBlock(_ element: HTMLElement) -> String {
        var language = ""
        var code = Self.preformattedText(element.children)
        if let child = element.children.first(where: { !Self.isBlank($0) }),
            case .element(let codeElement) = child, codeElement.name == "code"
        {
            code = Self.preformattedText(codeElement.children)
            for name in (codeElement[attribute: "class"] ?? "").split(separator: " ")
            where name.hasPrefix("language-") {
                language = String(name.dropFirst("language-".count))
                break
            }
        }
        let fenceCharacter: Character = language.contains("`") ? "~" : "`"
        let fence = String(
            repeating: fenceCharacter, count: max(3, Self.longestRun(of: fenceCharacter, in: code) + 1))
        if code.hasSuffix("\n") { code.removeLast() }
        return fence + language + "\n" + code
            + (code.isEmpty ? "" : "\n") + fence
    }

    /// The text of a code block; some editors break its lines with `<br>` instead of newlines.
    static func preformattedText(_ nodes: [HTMLNode]) -> String {
        var text = ""
        for node in nodes {
            switch node {
            case .text(let value): text += value
            case .comment: continue
            case .element(let element):
                text += element.name == "br" ? "\n" : preformattedText(element.children)
            }
        }
        return text
    }

    // MARK: Helpers

    static func prefixLines(_ text: String, first: String, rest: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        var isFirst = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !isFirst { result += "\n" }
            let prefix = isFirst ? first : rest
            if line.isEmpty {
                var trimmed = Substring(prefix)
                while trimmed.last == " " { trimmed.removeLast() }
                result += trimmed
            } else {
                result += prefix
                result += line
            }
            isFirst = false
        }
        return result
    }

    static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for each in text {
            if each == character {
                current += 1
                longest = max(longest, current)
            } else {
                current = 0
            }
        }
        return longest
    }

    static func isCollapsible(_ character: Character) -> Bool {
        character == " " || character == "\n" || character == "\t" || character == "\r"
    }

    static func isBlank(_ node: HTMLNode) -> Bool {
        switch node {
        case .text(let text): text.allSatisfy(isCollapsible)
        case .comment: true
        case .element: false
        }
    }

    static func hasClass(_ element: HTMLElement, _ name: String) -> Bool {
        (element[attribute: "class"] ?? "").split(separator: " ").contains { $0 == name }
    }

    /// Joins lines with spaces and trims ASCII spaces only: other spaces (U+2002…) are content.
    func singleLine(_ text: String) -> String {
        text.split(separator: "\n").map { Self.trimSpaces($0) }.joined(separator: " ")
    }

    static func trimSpaces(_ text: Substring) -> Substring {
        var text = text
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
