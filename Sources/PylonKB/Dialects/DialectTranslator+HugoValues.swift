import Foundation

/// What Hugo fills in where a page names something: `param` values, `ref`/`relref` targets,
/// and shortcodes inside code (which Hugo expands there too).
extension DialectTranslatorRun {
    /// Code (a fence's line, a code span): Hugo expands shortcodes there too, so an escaped
    /// one (`{{</* tab */>}}`) shows as written unescaped and a `param` with a value becomes the
    /// value; any other shortcode stays as written, since code shows its text.
    func hugoInCode(_ text: String) -> String {
        guard text.contains("{{<") || text.contains("{{%") else { return text }
        var output = ""
        var last = text.startIndex
        for code in Self.shortcodes(in: text) {
            output += text[last..<code.range.lowerBound]
            last = code.range.upperBound
            let (open, close) = code.markdown ? ("{{%", "%}}") : ("{{<", ">}}")
            if code.escaped {
                let inner = text[code.range].dropFirst(3).dropLast(3).trimmingCharacters(in: .whitespaces)
                output +=
                    "\(open) \(inner.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)) \(close)"
            } else if code.name == "param" || code.name == "_param",
                let value = hugoParameter(code.name, code.arguments.positional)
            {
                output += value
            } else {
                output += text[code.range]
            }
        }
        return output + text[last...]
    }

    /// A `param` value: the page's, else the site's `params`. Docsy's `_param` also reads the
    /// configuration's own keys (`baseURL`) and fills `{1}`, `{2}`… with its further arguments
    /// (`{{% _param FAS_LG palette success %}}` with `FAS_LG: <i class="fa-{1} text-{2}">`).
    func hugoParameter(_ shortcode: String, _ arguments: [String]) -> String? {
        let key = (arguments.first ?? "").lowercased()
        guard shortcode == "_param" else { return source.siteParameters[key] }
        guard var value = source.siteParameters[key] ?? source.siteParameters["site." + key] else {
            return nil
        }
        for (index, argument) in arguments.dropFirst().enumerated() {
            value = value.replacingOccurrences(of: "{\(index + 1)}", with: argument)
        }
        return value
    }

    /// `{{< ref "x" >}}`: a link relative to the page, to the Markdown file it names.
    mutating func hugoReference(_ target: String, line: Int) -> String {
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts.first ?? "")
        let anchor = parts.count > 1 ? "#" + parts[1] : ""
        if path.isEmpty { return anchor }
        let base = path.hasPrefix("/") ? source.pagesFolder : DialectText.folder(of: source.path)
        var stripped = path.hasSuffix("/") ? String(path.dropLast()) : path
        if stripped.hasPrefix("/") { stripped.removeFirst() }
        guard let joined = DialectText.join(base, stripped) else { return target }
        let candidates =
            joined.hasSuffix(".md")
            ? [joined] : [joined + ".md", joined + "/_index.md", joined + "/index.md", joined]
        guard let found = candidates.first(where: { source.files.exists($0) }) ?? pageNamed(path) else {
            warning(line: line, "Hugo ref \(target) names no page of the folder; fix the path.")
            return path + anchor
        }
        return DialectText.relative(from: DialectText.folder(of: source.path), to: found) + anchor
    }

    /// Hugo's lookup of a reference that is not a path from the page or the root: the one
    /// page or section whose name (file name without extension, or folder of an `_index.md`
    /// or `index.md`) is `name`. Nil when no page or several have it.
    func pageNamed(_ reference: String) -> String? {
        var name = reference.hasSuffix("/") ? String(reference.dropLast()) : reference
        if name.hasPrefix("/") { name.removeFirst() }
        guard !name.isEmpty, !name.contains("/") else { return nil }
        let bare = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let matches = source.pagePaths.filter { page in
            let file = DialectText.fileName(of: page)
            let stem = file.hasSuffix(".md") ? String(file.dropLast(3)) : file
            if stem == "_index" || stem == "index" {
                return DialectText.fileName(of: DialectText.folder(of: page)) == bare
            }
            return stem == bare
        }
        return matches.count == 1 ? matches.first : nil
    }
}
