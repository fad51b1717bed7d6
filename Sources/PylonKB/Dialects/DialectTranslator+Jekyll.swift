import Foundation

/// Jekyll: `{{ site.baseurl }}` and `{{ site.url }}` prefixes become `/` (links then resolve
/// against the pages folder), `{{ site.x }}` and `{{ page.x }}` become the value `_config.yml`
/// or the page's front matter gives (see `SiteVariables.siteVariables`), other `{{ … }}` and
/// `{% … %}` are removed and reported once per
/// name, `{% raw %}` keeps its text as written, `{% comment %}` goes, and a just-the-docs
/// `{: .note}` after a paragraph makes that paragraph a callout.
extension DialectTranslatorRun {
    static let calloutClasses: [String: String] = [
        "note": "note", "tip": "tip", "warning": "warning", "important": "important", "caution": "caution",
        "danger": "caution", "info": "note", "highlight": "note",
    ]

    mutating func translateJekyll(_ lines: [TranslatedLine]) -> [TranslatedLine] {
        var output: [TranslatedLine] = []
        var fence = DialectFence()
        var raw = false
        var comment = false
        for var line in lines {
            if fence.consume(line.text) {
                output.append(line)
                continue
            }
            let trimmed = line.text.trimmingCharacters(in: .whitespaces)
            if comment {
                if trimmed.contains("endcomment") { comment = false }
                continue
            }
            if Self.isTag(trimmed, "comment") {
                comment = !trimmed.contains("endcomment")
                continue
            }
            if Self.isTag(trimmed, "raw") || Self.isTag(trimmed, "endraw") {
                raw = Self.isTag(trimmed, "raw")
                continue
            }
            if raw {
                output += protectBraces([line])
                continue
            }
            if let type = Self.calloutClass(trimmed) {
                quotePreviousParagraph(&output, type: type)
                continue
            }
            if line.text.contains("{{") || line.text.contains("{%") {
                line.text = DialectText.mapOutsideCodeSpans(line.text) {
                    self.replaceLiquid($0, line: line.fileLine)
                }
            }
            output.append(line)
        }
        return output
    }

    private static func isTag(_ trimmed: String, _ name: String) -> Bool {
        guard trimmed.hasPrefix("{%"), trimmed.hasSuffix("%}") else { return false }
        let inner = trimmed.dropFirst(2).dropLast(2).trimmingCharacters(in: CharacterSet(charactersIn: " -"))
        return inner == name || inner.hasPrefix(name + " ")
    }

    /// `{: .note}` / `{: .warning }` alone on a line: the callout type.
    private static func calloutClass(_ trimmed: String) -> String? {
        guard trimmed.hasPrefix("{:"), trimmed.hasSuffix("}") else { return nil }
        let classes = trimmed.dropFirst(2).dropLast().split(separator: " ").filter { $0.hasPrefix(".") }
        return classes.lazy.compactMap { calloutClasses[String($0.dropFirst())] }.first
    }

    private func quotePreviousParagraph(_ output: inout [TranslatedLine], type: String) {
        var start = output.count
        while start > 0, !output[start - 1].text.trimmingCharacters(in: .whitespaces).isEmpty { start -= 1 }
        guard start < output.count else { return }
        for index in start..<output.count { output[index].text = "> " + output[index].text }
        output.insert(TranslatedLine(text: "> [!\(type)]", fileLine: output[start].fileLine), at: start)
    }

    private mutating func replaceLiquid(_ text: String, line: Int) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "{", text.index(after: index) < text.endIndex else {
                output.append(text[index])
                index = text.index(after: index)
                continue
            }
            let next = text[text.index(after: index)]
            let closer = next == "{" ? "}}" : next == "%" ? "%}" : nil
            guard let closer,
                let close = text.range(of: closer, range: text.index(index, offsetBy: 2)..<text.endIndex)
            else {
                output.append(text[index])
                index = text.index(after: index)
                continue
            }
            let inner = text[text.index(index, offsetBy: 2)..<close.lowerBound]
                .trimmingCharacters(in: CharacterSet(charactersIn: " -"))
            index = close.upperBound
            if next == "{" {
                let name = String(inner.prefix { !$0.isWhitespace && $0 != "|" })
                if name == "site.baseurl" || name == "site.url" {
                    if !text[index...].hasPrefix("/"), !text[index...].hasPrefix("{{") { output += "/" }
                    continue
                }
                if !inner.contains("|"), let value = source.siteParameters[name.lowercased()] {
                    // `_config.yml` or the page's front matter sets it: the site showed this.
                    output += value
                    continue
                }
                tally(
                    "Liquid `{{ \(name) }}`", line: line,
                    "Liquid variable `{{ \(name) }}` was removed; pylon-kb does not run templates, so write its value into the page."
                )
            } else {
                let name = String(inner.prefix { !$0.isWhitespace })
                tally(
                    "Liquid `{% \(name) %}`", line: line,
                    "Liquid tag `{% \(name) %}` was removed (text around it kept); pylon-kb does not run templates, so rewrite it as Markdown."
                )
            }
        }
        return output
    }
}
