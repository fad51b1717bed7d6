import Foundation

/// Docusaurus MDX: `import`/`export` lines and JSX (`{…}` expressions, `<Component />`) are
/// removed and reported once per kind; `<Tabs>`/`<TabItem label>` become labelled sections.
/// `:::note` admonitions stay for the render-time preprocessor, lower-case HTML stays as HTML.
extension DialectTranslatorRun {
    mutating func translateDocusaurus(_ lines: [TranslatedLine]) -> [TranslatedLine] {
        var output: [TranslatedLine] = []
        var fence = DialectFence()
        var index = 0
        while index < lines.count {
            var line = lines[index]
            index += 1
            if fence.consume(line.text) {
                output.append(line)
                continue
            }
            if let (code, next) = docusaurusCodeBlock(lines, at: index - 1) {
                output += code
                index = next
                continue
            }
            if line.text.hasPrefix("import ") || line.text.hasPrefix("export ") {
                tally(
                    "MDX import/export", line: line.fileLine,
                    "MDX import/export lines were removed; Pylon articles cannot run components.")
                var statement = line.text
                while !Self.statementEnds(statement), index < lines.count, index - output.count < 200 {
                    statement = lines[index].text
                    index += 1
                }
                continue
            }
            let original = line.text
            guard original.contains("{") || original.contains("<") else {
                output.append(line)
                continue
            }
            line.text = DialectText.mapOutsideCodeSpans(original) {
                Self.closingSelfClosedTags(self.removeJSX($0, line: line.fileLine))
            }
            if line.text.trimmingCharacters(in: .whitespaces).isEmpty {
                line.text = ""
                // A component's own line amid HTML (`<Card>` around `<div>`s) goes entirely: a
                // blank line there would end the HTML block, and the next indented tag would
                // publish as a code block (MDX has no indented code).
                let previous = output.last?.text.trimmingCharacters(in: .whitespaces) ?? ""
                let next = index < lines.count ? lines[index].text.trimmingCharacters(in: .whitespaces) : ""
                if previous.hasPrefix("<") || next.hasPrefix("<") { continue }
            }
            if original.trimmingCharacters(in: .whitespaces).hasPrefix("<TabItem") {
                // The label is a paragraph of its own, before the tab's content.
                output += [line.with(""), line, line.with("")]
                continue
            }
            output.append(line)
        }
        return output
    }

    /// True once an `import`/`export` statement is complete (its `from '…'` or closing brace).
    private static func statementEnds(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.contains(" from ") || trimmed.hasPrefix("from ") || trimmed.hasSuffix(";") { return true }
        let opens = trimmed.filter { "{([".contains($0) }.count
        let closes = trimmed.filter { "})]".contains($0) }.count
        return opens <= closes && !trimmed.hasSuffix("{") && !trimmed.hasSuffix("(")
            && !trimmed.hasSuffix(",")
            && !trimmed.hasSuffix("=")
    }

    /// Removes JSX from a piece of prose: capitalized component tags and `{…}` expressions.
    private mutating func removeJSX(_ text: String, line: Int) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "{", let close = Self.matchingBrace(text, from: index) {
                let inner = text[text.index(after: index)..<close].trimmingCharacters(in: .whitespaces)
                if inner.hasPrefix("#"), text[text.index(after: close)...].allSatisfy(\.isWhitespace),
                    text.drop(while: { $0 == " " }).hasPrefix("#")
                {
                    // `## Title {#id}`: the heading's id, in the form the renderer reads.
                    output += "{: \(inner)}"
                    index = text.index(after: close)
                    continue
                }
                if output.hasSuffix("=") {
                    // `style={{…}}` on an HTML tag: the whole attribute goes.
                    output.removeLast()
                    while let last = output.last, last.isLetter || last == "-" { output.removeLast() }
                    if output.hasSuffix(" ") { output.removeLast() }
                }
                if !(inner.hasPrefix("/*") && inner.hasSuffix("*/")) {
                    tally(
                        "MDX expression", line: line,
                        "MDX `{…}` expressions were removed; Pylon articles cannot evaluate them, so write the value into the page."
                    )
                }
                index = text.index(after: close)
                continue
            }
            if character == "<", let tag = Self.componentTag(text, at: index) {
                index = tag.end
                if tag.name == "Tabs" { continue }
                if tag.name == "TabItem" {
                    if !tag.closing {
                        output +=
                            "**\(tag.attributes.named["label"] ?? tag.attributes.named["value"] ?? "Tab")**"
                    }
                    continue
                }
                if !tag.closing {
                    tally(
                        "MDX component <\(tag.name)>", line: line,
                        "MDX component <\(tag.name)> was removed (text between its tags kept); Pylon articles cannot run components."
                    )
                }
                continue
            }
            output.append(character)
            index = text.index(after: index)
        }
        return output
    }

    private static func matchingBrace(_ text: String, from start: String.Index) -> String.Index? {
        var depth = 0
        var index = start
        while index < text.endIndex {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// `<Name …>`, `<Name … />` or `</Name>` with a capitalized name (a JSX component).
    static func componentTag(_ text: String, at start: String.Index)
        -> (
            name: String, closing: Bool, attributes: (named: [String: String], positional: [String]),
            end: String.Index
        )?
    {
        var index = text.index(after: start)
        let closing = index < text.endIndex && text[index] == "/"
        if closing { index = text.index(after: index) }
        guard index < text.endIndex, text[index].isUppercase else { return nil }
        let nameStart = index
        while index < text.endIndex, text[index].isLetter || text[index].isNumber || text[index] == "." {
            index = text.index(after: index)
        }
        let name = String(text[nameStart..<index])
        var quote: Character?
        var scan = index
        while scan < text.endIndex {
            let character = text[scan]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                var attributes = text[index..<scan]
                if attributes.hasSuffix("/") { attributes = attributes.dropLast() }
                return (name, closing, DialectText.attributes(attributes), text.index(after: scan))
            }
            scan = text.index(after: scan)
        }
        return nil
    }
}
