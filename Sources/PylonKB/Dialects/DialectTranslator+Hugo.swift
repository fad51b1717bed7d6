import Foundation

/// Hugo shortcodes: `alert`, `tabpane`/`tab`, `highlight`, `details` and `comment` blocks
/// become callouts, labelled sections, fenced code and `<details>`; `figure`, `imgproc`,
/// `youtube`, `vimeo`, `ref`/`relref` become Markdown; the rest is removed (inner Markdown
/// kept) and reported once per name.
extension DialectTranslatorRun {
    /// One `{{< name args >}}` or `{{% name args %}}`.
    struct Shortcode {
        var range: Range<String.Index>
        var name: String
        var closing: Bool
        var markdown: Bool
        var arguments: (named: [String: String], positional: [String])
        /// `{{</* x */>}}`: Hugo's way to show a shortcode as written.
        var escaped: Bool
        /// `{{< tab header="x" />}}`: no closing shortcode follows.
        var selfClosing = false
    }

    static func shortcodes(in line: String) -> [Shortcode] {
        var found: [Shortcode] = []
        var from = line.startIndex
        while let open = line.range(of: "{{", range: from..<line.endIndex) {
            guard open.upperBound < line.endIndex else { break }
            let delimiter = line[open.upperBound]
            guard delimiter == "<" || delimiter == "%" else {
                from = open.upperBound
                continue
            }
            let closer = delimiter == "<" ? ">}}" : "%}}"
            let innerStart = line.index(after: open.upperBound)
            guard let close = line.range(of: closer, range: innerStart..<line.endIndex) else { break }
            var inner = line[innerStart..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let escaped = inner.hasPrefix("/*")
            if escaped {
                inner = String(inner.dropFirst(2).dropLast(inner.hasSuffix("*/") ? 2 : 0)).trimmingCharacters(
                    in: .whitespaces)
            }
            let closing = inner.hasPrefix("/")
            if closing { inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces) }
            let selfClosing = inner.hasSuffix("/")
            if selfClosing { inner = String(inner.dropLast()).trimmingCharacters(in: .whitespaces) }
            let name = String(inner.prefix { !$0.isWhitespace })
            found.append(
                Shortcode(
                    range: open.lowerBound..<close.upperBound, name: name, closing: closing,
                    markdown: delimiter == "%",
                    arguments: DialectText.attributes(inner.dropFirst(name.count)[...]), escaped: escaped,
                    selfClosing: selfClosing))
            from = close.upperBound
        }
        return found
    }

    mutating func translateHugo(_ lines: [TranslatedLine]) -> [TranslatedLine] {
        hugoBlocks(joinMultilineShortcodes(lines)[...], codeTabs: nil)
    }

    /// A shortcode whose arguments run over several lines is joined into its first line.
    private func joinMultilineShortcodes(_ lines: [TranslatedLine]) -> [TranslatedLine] {
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
            // Goldmark's block attributes (`{.border-0}` under a quote or table) are kramdown's
            // `{: .border-0}`, which the renderer reads (and reports: Pylon keeps no classes).
            if let brace = line.text.firstIndex(of: "{"),
                line.text[..<brace].allSatisfy({ $0 == " " || $0 == ">" }),
                line.text.hasSuffix("}"), let marker = line.text[line.text.index(after: brace)...].first,
                marker == "." || marker == "#", !line.text[line.text.index(after: brace)...].contains("{")
            {
                line.text = line.text[..<brace] + "{: " + line.text[line.text.index(after: brace)...]
            }
            var joined = 0
            while Self.hasUnclosedShortcode(line.text), index < lines.count, joined < 20 {
                line.text += " " + lines[index].text.trimmingCharacters(in: .whitespaces)
                index += 1
                joined += 1
            }
            // `{{% /tab %}} {{% tab header="x" %}}`: one shortcode per line, so blocks are seen.
            let codes = Self.shortcodes(in: line.text)
            var rest = line.text[...]
            for code in codes { rest = rest.replacingOccurrences(of: line.text[code.range], with: "")[...] }
            if codes.count > 1, rest.allSatisfy(\.isWhitespace) {
                output += codes.map { line.with(String(line.text[$0.range])) }
                continue
            }
            output.append(line)
        }
        return output
    }

    private static func hasUnclosedShortcode(_ text: String) -> Bool {
        guard
            let open = text.range(of: "{{<", options: .backwards)
                ?? text.range(of: "{{%", options: .backwards)
        else {
            return false
        }
        return !text[open.upperBound...].contains(">}}") && !text[open.upperBound...].contains("%}}")
    }

    private static let blockNames: Set<String> = [
        "alert", "tabpane", "tab", "highlight", "details", "comment",
    ]

    /// The index of the line closing the block `name` opened at `start` (same-name nesting counts).
    private static func closingLine(_ lines: ArraySlice<TranslatedLine>, name: String, after start: Int)
        -> Int?
    {
        var depth = 1
        var fence = DialectFence()
        for index in (start + 1)..<lines.endIndex
        where !fence.consume(lines[index].text) || name == "highlight" {
            for code in shortcodes(in: lines[index].text) where code.name == name && !code.escaped {
                depth += code.closing ? -1 : 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    private mutating func hugoBlocks(_ lines: ArraySlice<TranslatedLine>, codeTabs: String?)
        -> [TranslatedLine]
    {
        var output: [TranslatedLine] = []
        var fence = DialectFence()
        var index = lines.startIndex
        while index < lines.endIndex {
            let line = lines[index]
            if fence.consume(line.text) {
                output.append(line.with(hugoInCode(line.text)))
                index += 1
                continue
            }
            if let block = hugoBlockAt(lines, index, codeTabs: codeTabs) {
                output += block.lines
                index = block.next
                continue
            }
            var copy = line
            copy.text = hugoInline(line.text, line: line.fileLine)
            output.append(copy)
            index += 1
        }
        return output
    }

    /// A block shortcode opening line `index` (text may follow it, and precede its closing
    /// shortcode): its translation and the index of the line after it.
    private mutating func hugoBlockAt(_ lines: ArraySlice<TranslatedLine>, _ index: Int, codeTabs: String?)
        -> (lines: [TranslatedLine], next: Int)?
    {
        let line = lines[index]
        guard let code = Self.shortcodes(in: line.text).first, !code.closing, !code.escaped,
            !code.selfClosing,
            Self.blockNames.contains(code.name),
            line.text[..<code.range.lowerBound].allSatisfy(\.isWhitespace)
        else { return nil }
        let after = String(line.text[code.range.upperBound...])
        let isBlank: (String) -> Bool = { $0.allSatisfy(\.isWhitespace) }
        if let close = Self.shortcodes(in: after).first(where: { $0.closing && $0.name == code.name }) {
            let inner = [
                line.with(String(after[..<close.range.lowerBound]).trimmingCharacters(in: .whitespaces))
            ]
            let trailing = String(after[close.range.upperBound...])
            return (
                hugoBlock(code, inner: inner[...], open: line, close: line, codeTabs: codeTabs)
                    + (isBlank(trailing) ? [] : [line.with(trailing)]),
                index + 1
            )
        }
        guard let closeIndex = Self.closingLine(lines, name: code.name, after: index) else { return nil }
        let closeLine = lines[closeIndex]
        guard
            let closer = Self.shortcodes(in: closeLine.text).first(where: {
                $0.closing && $0.name == code.name
            })
        else { return nil }
        let before = String(closeLine.text[..<closer.range.lowerBound])
        let trailing = String(closeLine.text[closer.range.upperBound...])
        var inner: [TranslatedLine] =
            isBlank(after) ? [] : [line.with(after.trimmingCharacters(in: .whitespaces))]
        inner += lines[(index + 1)..<closeIndex]
        if !isBlank(before) { inner.append(closeLine.with(before)) }
        return (
            hugoBlock(code, inner: inner[...], open: line, close: closeLine, codeTabs: codeTabs)
                + (isBlank(trailing) ? [] : [closeLine.with(trailing)]),
            closeIndex + 1
        )
    }

    private mutating func hugoBlock(
        _ code: Shortcode, inner: ArraySlice<TranslatedLine>, open: TranslatedLine, close: TranslatedLine,
        codeTabs: String?
    ) -> [TranslatedLine] {
        let indent = DialectText.indentation(open.text)
        func at(_ text: String, _ line: TranslatedLine = open) -> TranslatedLine {
            TranslatedLine(text: text, fileLine: line.fileLine)
        }
        let named = code.arguments.named
        switch code.name {
        case "alert":
            let type: String
            switch named["color"] ?? "" {
            case "warning": type = "warning"
            case "danger": type = "caution"
            case "success": type = "tip"
            default: type = "note"
            }
            let title = named["title"].map { " " + $0 } ?? ""
            let body = hugoBlocks(inner, codeTabs: codeTabs)
            return [at(""), at(indent + "> [!\(type)]" + title)]
                + body.map {
                    at(
                        indent
                            + ($0.text.isEmpty ? ">" : "> " + DialectText.dedent($0.text, by: indent.count)),
                        $0)
                }
                + [at("", close)]
        case "tabpane":
            // `{{< tabpane >}}` shows each tab's content as code unless `text=true`.
            let asCode = !code.markdown && named["text"] != "true"
            return hugoBlocks(inner, codeTabs: asCode ? (named["lang"] ?? "") : nil)
        case "tab":
            let label = named["header"] ?? code.arguments.positional.first ?? "Tab"
            let asCode = codeTabs != nil && !code.markdown && named["text"] != "true"
            let heading = [at(""), at(indent + "**\(label)**"), at("")]
            if asCode {
                let content = inner.map { DialectText.dedent($0.text, by: indent.count) }
                let trimmed = Array(content.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed())
                return heading
                    + DialectText.fenced(trimmed, language: named["lang"] ?? codeTabs ?? "", indent: indent)
                    .map { at($0) }
                    + [at("", close)]
            }
            return heading + hugoBlocks(inner, codeTabs: nil) + [at("", close)]
        case "highlight":
            let language = code.arguments.positional.first ?? named["lang"] ?? ""
            return DialectText.fenced(inner.map(\.text), language: language, indent: indent).enumerated().map
            {
                at($1, $0 == 0 ? open : (inner.count >= $0 ? inner[inner.startIndex + $0 - 1] : close))
            }
        case "details":
            let summary = named["summary"] ?? code.arguments.positional.first ?? "Details"
            return [at(""), at("<details><summary>\(Self.escapeHTML(summary))</summary>"), at("")]
                + hugoBlocks(inner, codeTabs: codeTabs) + [
                    at("", close), at("</details>", close), at("", close),
                ]
        default:  // comment: Hugo shows nothing of it.
            return []
        }
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Replaces the shortcodes of one line that start outside code spans (an argument may
    /// itself hold backticks).
    private mutating func hugoInline(_ text: String, line: Int) -> String {
        guard text.contains("{{<") || text.contains("{{%") else { return text }
        let spans = DialectText.codeSpanRanges(text)
        var output = ""
        var last = text.startIndex
        for code in Self.shortcodes(in: text) {
            guard code.range.lowerBound >= last else { continue }
            output += text[last..<code.range.lowerBound]
            if spans.contains(where: { $0.contains(code.range.lowerBound) }) {
                output += hugoInCode(String(text[code.range]))
            } else {
                let replacement = hugoReplacement(code, written: String(text[code.range]), line: line)
                // A removed shortcode leaves no empty emphasis behind: `**{{% x %}}**` would
                // become `****`, which Markdown reads as a horizontal rule.
                for delimiter in ["**", "__", "*", "_", "`"]
                where replacement.isEmpty && output.hasSuffix(delimiter)
                    && text[code.range.upperBound...].hasPrefix(delimiter)
                {
                    output.removeLast(delimiter.count)
                    last = text.index(code.range.upperBound, offsetBy: delimiter.count)
                    break
                }
                output += replacement
                if last > code.range.upperBound { continue }
            }
            last = code.range.upperBound
        }
        return output + text[last...]
    }

    private mutating func hugoReplacement(_ code: Shortcode, written: String, line: Int) -> String {
        let named = code.arguments.named
        let first = code.arguments.positional.first
        if code.escaped {
            let open = code.markdown ? "{{%" : "{{<"
            let close = code.markdown ? "%}}" : ">}}"
            let inner = written.dropFirst(3).dropLast(3).trimmingCharacters(in: .whitespaces)
            return "`\(open) \(inner.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)) \(close)`"
        }
        if code.closing {
            if !["imgproc", "alert", "tab", "tabpane", "details", "highlight", "comment"].contains(code.name)
            {
                reportShortcode(code.name, line: line)
            }
            return ""
        }
        switch code.name {
        case "figure":
            let source = named["src"] ?? ""
            let alt = named["alt"] ?? named["caption"] ?? named["title"] ?? ""
            var image = "![\(alt)](\(source))"
            if let link = named["link"] { image = "[\(image)](\(link))" }
            if let caption = named["caption"], caption != alt { image += " *\(caption)*" }
            return image
        case "imgproc":
            return "![](\(first ?? ""))"
        case "youtube":
            let id = named["id"] ?? first ?? ""
            return DialectText.videoEmbed("https://www.youtube-nocookie.com/embed/\(id)")
        case "vimeo":
            let id = named["id"] ?? first ?? ""
            return DialectText.videoEmbed("https://player.vimeo.com/video/\(id)")
        case "ref", "relref":
            return hugoReference(named["path"] ?? first ?? "", line: line)
        case "param", "_param":
            if let value = hugoParameter(code.name, code.arguments.positional) { return value }
            tally(
                "Hugo shortcode `{{< param >}}`", line: line,
                "Hugo parameters the site's configuration does not set as text (`{{< param … >}}`, here \(first ?? "")) were removed; pylon-kb reads `params` from hugo.* / config.* in the site folder, so set it there or write the value into the page."
            )
            return ""
        case "tab" where code.selfClosing:
            return "**\(named["header"] ?? first ?? "")**"
        case "alert", "tab", "tabpane", "details", "highlight", "comment":
            // Not alone on its line: the block form could not be used.
            tally(
                "Hugo shortcode `{{< \(code.name) >}}` inline", line: line,
                "Hugo shortcode `\(code.name)` written inside a line was removed (its text kept); put the opening and closing shortcodes on lines of their own to convert it."
            )
            return ""
        default:
            reportShortcode(code.name, line: line)
            return ""
        }
    }

    private mutating func reportShortcode(_ name: String, line: Int) {
        tally(
            "Hugo shortcode `{{< \(name) >}}`", line: line,
            "unknown Hugo shortcode `\(name)` was removed (text between its opening and closing tags kept); pylon-kb has no equivalent, so rewrite it as Markdown."
        )
    }
}
