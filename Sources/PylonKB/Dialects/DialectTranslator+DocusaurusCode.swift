import Foundation
import PylonHTML

/// Code that MDX builds with JavaScript: `<CodeBlock>` holding template literals
/// (`` {`npm install x@`} ``) and version components (`<JsVersion />`), and JSX's self-closing
/// HTML tags (`<span id="top" />`).
extension DialectTranslatorRun {
    /// A `<CodeBlock …>` … `</CodeBlock>` starting at `lines[start]`: a fenced code block with
    /// the text of its template literals and JSX text, and the index after its last line; nil
    /// when the line does not open one or it never closes (then it is read as any other JSX).
    mutating func docusaurusCodeBlock(_ lines: [TranslatedLine], at start: Int) -> ([TranslatedLine], Int)? {
        let first = lines[start]
        let trimmed = first.text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("<CodeBlock"),
            let tag = Self.componentTag(trimmed, at: trimmed.startIndex), tag.name == "CodeBlock",
            !tag.closing
        else { return nil }
        var text = String(trimmed[tag.end...])
        var end = start + 1
        while !text.contains("</CodeBlock>") {
            guard end < lines.count, end - start < 500 else { return nil }
            text += "\n" + lines[end].text
            end += 1
        }
        let body = String(text[..<text.range(of: "</CodeBlock>")!.lowerBound])
        let named = tag.attributes.named
        let language =
            named["language"]
            ?? named["className"].flatMap { $0.split(separator: " ").first { $0.hasPrefix("language-") } }
            .map { String($0.dropFirst("language-".count)) } ?? ""
        let code = codeBlockText(body, line: first.fileLine)
        var result = [first.with(""), first.with("```" + language)]
        for codeLine in code.split(separator: "\n", omittingEmptySubsequences: false) {
            result.append(first.with(String(codeLine)))
        }
        result += [first.with("```"), first.with("")]
        return (result, end)
    }

    /// What a `<CodeBlock>`'s children evaluate to: template literals' text as written, JSX
    /// text trimmed per line, components removed (reported: their value is unknown here).
    private mutating func codeBlockText(_ body: String, line: Int) -> String {
        var output = ""
        var index = body.startIndex
        var jsxText = ""
        func flushText() {
            let words = jsxText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            output += words.joined(separator: " ")
            jsxText = ""
        }
        while index < body.endIndex {
            let character = body[index]
            if character == "{",
                let tick = body[body.index(after: index)...].firstIndex(where: { !$0.isWhitespace }),
                body[tick] == "`"
            {
                flushText()
                var scan = body.index(after: tick)
                while scan < body.endIndex, body[scan] != "`" {
                    if body[scan] == "\\", body.index(after: scan) < body.endIndex {
                        scan = body.index(after: scan)
                    }
                    output.append(body[scan])
                    scan = body.index(after: scan)
                }
                guard scan < body.endIndex else { break }
                let close = body[body.index(after: scan)...].firstIndex(of: "}") ?? body.endIndex
                index = close < body.endIndex ? body.index(after: close) : close
                continue
            }
            if character == "<", let component = Self.componentTag(body, at: index) {
                flushText()
                if !component.closing {
                    tally(
                        "MDX component <\(component.name)>", line: line,
                        "MDX component <\(component.name)> was removed (text between its tags kept); Pylon articles cannot run components."
                    )
                }
                index = component.end
                continue
            }
            jsxText.append(character)
            index = body.index(after: index)
        }
        flushText()
        return output.trimmingCharacters(in: .newlines)
    }

    /// `<span id="top" />` closed the JSX way: in HTML a `<span …/>` stays open and wraps the
    /// rest of the page, so it becomes `<span id="top"></span>`.
    static func closingSelfClosedTags(_ text: String) -> String {
        guard text.contains("/>") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            output += rest[..<open]
            let tail = rest[open...]
            let nameEnd =
                tail.dropFirst().firstIndex { !($0.isLetter || $0.isNumber || $0 == "-") } ?? tail.endIndex
            let name = String(tail[tail.index(after: open)..<nameEnd])
            guard let first = name.first, first.isLowercase, first.isASCII,
                let close = tail.firstIndex(of: ">"), tail[..<close].hasSuffix("/"),
                !HTMLElement.voidElements.contains(name)
            else {
                output.append("<")
                rest = rest[rest.index(after: open)...]
                continue
            }
            var attributes = String(tail[nameEnd..<close].dropLast())
            while attributes.hasSuffix(" ") { attributes.removeLast() }
            output += "<\(name)\(attributes)></\(name)>"
            rest = tail[tail.index(after: close)...]
        }
        return output + rest
    }
}
