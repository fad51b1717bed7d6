import Foundation

/// docfx: `:::image` becomes a Markdown image, `:::code source` fenced code with the file's
/// content, `:::zone pivot` a labelled section, `[!VIDEO]` an embed or a link, `#tab/x`
/// headings bold labels, `> [!div class="nextstepaction"]` a plain link, `xref:` links their
/// text (reported). `> [!NOTE]` is already the GitHub alert form.
extension DialectTranslatorRun {
    mutating func translateDocfx(_ lines: [TranslatedLine]) -> [TranslatedLine] {
        var output: [TranslatedLine] = []
        var fence = DialectFence()
        var inTabGroup = false
        var unquoteNext = false
        var index = 0
        while index < lines.count {
            var line = lines[index]
            index += 1
            if fence.consume(line.text) {
                output.append(line)
                continue
            }
            let indent = DialectText.indentation(line.text)
            var trimmed = line.text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(":::"), let name = Self.directiveName(trimmed),
                Self.directives.contains(name)
            {
                // `:::image` and `:::code` may run over several lines until their closing `:::`.
                while name == "image" || name == "code", !trimmed.dropFirst(3).contains(":::"),
                    index < lines.count,
                    trimmed.count < 2000
                {
                    trimmed += " " + lines[index].text.trimmingCharacters(in: .whitespaces)
                    index += 1
                }
                output += docfxDirective(trimmed, indent: indent, line: line)
                continue
            }
            if unquoteNext {
                unquoteNext = false
                if trimmed.hasPrefix(">") {
                    line.text = indent + trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
                }
            }
            if trimmed.lowercased().hasPrefix("> [!div") {
                unquoteNext = true
                continue
            }
            if let tab = Self.tabHeading(trimmed) {
                inTabGroup = true
                output += [line.with(""), line.with("**\(tab)**"), line.with("")]
                continue
            }
            if inTabGroup, trimmed == "---" {
                inTabGroup = false
                output.append(line.with(""))
                continue
            }
            if line.text.contains("[!VIDEO") || line.text.contains("[!Video") {
                line.text = docfxVideo(line.text)
            }
            if line.text.contains("xref:") {
                line.text = DialectText.mapOutsideCodeSpans(line.text) {
                    self.removeXrefs($0, line: line.fileLine)
                }
            }
            output.append(line)
        }
        return output
    }

    static let directives: Set<String> = [
        "image", "image-end", "code", "zone", "zone-end", "moniker", "moniker-end", "row", "row-end",
        "column",
        "column-end",
    ]

    /// `image` for `:::image …` and `::: image …`.
    private static func directiveName(_ trimmed: String) -> String? {
        let body = trimmed.drop { $0 == ":" }.drop { $0 == " " }
        let name = body.prefix { $0.isLetter || $0 == "-" }
        return name.isEmpty ? nil : String(name)
    }

    /// `# [Label](#tab/id)` at any heading level: the label.
    private static func tabHeading(_ trimmed: String) -> String? {
        guard trimmed.hasPrefix("#"), let open = trimmed.firstIndex(of: "["),
            let close = trimmed.range(of: "](#tab/"), open < close.lowerBound
        else { return nil }
        return String(trimmed[trimmed.index(after: open)..<close.lowerBound])
    }

    private mutating func docfxDirective(_ text: String, indent: String, line: TranslatedLine)
        -> [TranslatedLine]
    {
        let body = text.dropFirst(3).drop { $0 == " " }
        let name = String(body.prefix { $0.isLetter || $0 == "-" })
        let end = body.range(of: ":::")?.lowerBound ?? body.endIndex
        let attributes = DialectText.attributes(body[body.index(body.startIndex, offsetBy: name.count)..<end])
        let rest =
            end < body.endIndex
            ? String(body[body.index(end, offsetBy: 3)...]).trimmingCharacters(in: .whitespaces) : ""
        let named = attributes.named
        var result: [TranslatedLine]
        switch name {
        case "image":
            let alt = named["alt-text"] ?? ""
            result = [line.with(indent + "![\(alt)](\(named["source"] ?? ""))")]
        case "image-end", "zone-end", "moniker-end", "row-end", "column-end":
            result = [line.with("")]
        case "zone":
            let label = named["pivot"] ?? named["target"] ?? ""
            result = [line.with(""), line.with(indent + "**\(label)**"), line.with("")]
        case "code":
            result = docfxCode(named, indent: indent, line: line)
        case "row", "column", "moniker":
            result = [line.with("")]
        default:
            result = [line.with("")]
        }
        if !rest.isEmpty { result.append(line.with(indent + rest)) }
        return result
    }

    private mutating func docfxCode(_ named: [String: String], indent: String, line: TranslatedLine)
        -> [TranslatedLine]
    {
        let path = named["source"] ?? ""
        let base = path.hasPrefix("~/") ? source.siteFolder : DialectText.folder(of: source.path)
        guard let target = DialectText.join(base, path.hasPrefix("~/") ? String(path.dropFirst(2)) : path),
            let text = source.files.read(target)
        else {
            error(
                line: line.fileLine,
                "code file \(path) of :::code was not found; fix the source path or add the file.")
            return [line.with("")]
        }
        var content = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(
            String.init)
        if content.last == "" { content.removeLast() }
        if let range = named["range"] {
            var selected: [String] = []
            for part in range.split(separator: ",") {
                let bounds = part.split(separator: "-").compactMap {
                    Int($0.trimmingCharacters(in: .whitespaces))
                }
                guard let low = bounds.first else { continue }
                let high = bounds.count > 1 ? bounds[1] : (part.hasSuffix("-") ? content.count : low)
                if low >= 1, low <= high {
                    selected += content[min(low, content.count + 1) - 1..<min(high, content.count)]
                }
            }
            content = selected
        }
        if named["id"] != nil {
            tally(
                "docfx :::code id", line: line.fileLine,
                "docfx :::code id= (a named snippet region) is not supported; the whole file was included. Use range= instead."
            )
        }
        return DialectText.fenced(content, language: (named["language"] ?? "").lowercased(), indent: indent)
            .map { line.with($0) }
    }

    /// `> [!VIDEO https://…]`: an embed for the hosts Pylon allows, a link otherwise.
    private func docfxVideo(_ text: String) -> String {
        guard let open = text.range(of: "[!VIDEO", options: .caseInsensitive),
            let close = text.range(of: "]", range: open.upperBound..<text.endIndex)
        else { return text }
        let url = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        let prefix = text[..<open.lowerBound].replacingOccurrences(of: ">", with: "").trimmingCharacters(
            in: .whitespaces)
        let host = URL(string: url)?.host ?? ""
        let embeddable = ["youtube.com", "youtube-nocookie.com", "player.vimeo.com"].contains {
            host == $0 || host.hasSuffix("." + $0)
        }
        let replacement = embeddable ? DialectText.videoEmbed(url) : "[Video: \(url)](\(url))"
        return prefix + replacement + text[close.upperBound...]
    }

    /// `[text](xref:Uid)` → `text`, `<xref:Uid>` → `Uid`, reported.
    private mutating func removeXrefs(_ text: String, line: Int) -> String {
        var result = text
        while let range = result.range(of: "](xref:"),
            let close = result.range(of: ")", range: range.upperBound..<result.endIndex),
            let open = result[..<range.lowerBound].lastIndex(of: "[")
        {
            let label = result[result.index(after: open)..<range.lowerBound]
            result.replaceSubrange(open..<close.upperBound, with: label)
            reportXref(line: line)
        }
        while let range = result.range(of: "<xref:"),
            let close = result.range(of: ">", range: range.upperBound..<result.endIndex)
        {
            let uid =
                result[range.upperBound..<close.lowerBound].split(separator: "?").first.map(String.init) ?? ""
            result.replaceSubrange(range.lowerBound..<close.upperBound, with: "`\(uid)`")
            reportXref(line: line)
        }
        return result
    }

    private mutating func reportXref(line: Int) {
        tally(
            "docfx xref link", line: line,
            "docfx xref: links were replaced by their text; pylon-kb has no cross-reference map, so link to the page's .md file instead."
        )
    }
}

extension TranslatedLine {
    /// Another line mapped to the same file line.
    func with(_ text: String) -> TranslatedLine {
        TranslatedLine(text: text, fileLine: fileLine)
    }
}
