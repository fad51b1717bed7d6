import Foundation

/// Includes, resolved from the folder: Jekyll `{% include x.md %}` (from `_includes/`), docfx
/// `[!INCLUDE [title](path.md)]` (relative to the including file), MkDocs `--8<-- "path"`
/// (with `path:section`) and Hugo `{{< readfile file="x" >}}` / `{{% include "x" %}}`.
/// Included lines map to the page's include statement.
extension DialectTranslatorRun {
    /// What an include statement asks for.
    struct Include {
        var prefix: String
        var suffix: String
        /// Root-relative candidates, tried in order.
        var candidates: [String]
        var written: String
        var section: String? = nil
        var codeLanguage: String? = nil
        /// Dropped with one tally (a Jekyll HTML include that is a UI button).
        var dropped = false
    }

    mutating func expandIncludes(_ lines: [TranslatedLine], file: String, chain: [String]) -> [TranslatedLine]
    {
        var output: [TranslatedLine] = []
        var fence = DialectFence()
        for line in lines {
            if fence.consume(line.text) {
                output.append(line)
                continue
            }
            guard let include = includeStatement(line.text, file: file) else {
                if dialect == .mkdocs, Self.isSnippetSectionMarker(line.text) { continue }
                output.append(line)
                continue
            }
            if include.dropped {
                tally(
                    "Jekyll HTML include `\(include.written)`", line: line.fileLine,
                    "Jekyll HTML include `\(include.written)` (a site UI element) was removed; Pylon articles have no site templates."
                )
                if !(include.prefix + include.suffix).allSatisfy(\.isWhitespace) {
                    output.append(
                        TranslatedLine(text: include.prefix + include.suffix, fileLine: line.fileLine))
                }
                continue
            }
            guard chain.count <= Self.maximumIncludeDepth else {
                error(
                    line: line.fileLine,
                    "includes nest deeper than \(Self.maximumIncludeDepth) (\((chain + [include.written]).joined(separator: " → "))); flatten them."
                )
                continue
            }
            guard let (target, text) = readFirst(include.candidates) else {
                if dialect == .mkdocs, !snippetsCheckPaths {
                    missingSnippet("\(include.written) was not found", line: line.fileLine)
                    continue
                }
                error(
                    line: line.fileLine,
                    "included file \(include.written) was not found (looked for \(include.candidates.joined(separator: ", "))); fix the path or add the file."
                )
                continue
            }
            guard !chain.contains(target) else {
                error(
                    line: line.fileLine,
                    "include cycle: \((chain + [target]).joined(separator: " → ")); remove one of these includes."
                )
                continue
            }
            var included = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
                String($0.hasSuffix("\r") ? $0.dropLast() : $0)
            }
            if included.last == "" { included.removeLast() }
            if let section = include.section {
                guard let selected = Self.snippetSection(included, section) else {
                    if !snippetsCheckPaths {
                        missingSnippet("section \(section) of \(target) was not found", line: line.fileLine)
                        continue
                    }
                    error(
                        line: line.fileLine,
                        "section \(section) was not found in \(target) (mark it with --8<-- [start:\(section)] and [end:\(section)])."
                    )
                    continue
                }
                included = selected
            }
            if let language = include.codeLanguage {
                included = DialectText.fenced(included, language: language)
            }
            var mapped = expandIncludes(
                included.map { TranslatedLine(text: $0, fileLine: line.fileLine) }, file: target,
                chain: chain + [target])
            if mapped.isEmpty { mapped = [TranslatedLine(text: "", fileLine: line.fileLine)] }
            // Quote or indentation before the statement carries over to every included line.
            let lead = include.prefix.allSatisfy { $0 == " " || $0 == ">" }
            for index in mapped.indices {
                if lead {
                    mapped[index].text = include.prefix + mapped[index].text
                } else if index == 0 {
                    mapped[index].text = include.prefix + mapped[index].text
                }
            }
            mapped[mapped.count - 1].text += include.suffix
            output.append(contentsOf: mapped)
        }
        return output
    }

    /// pymdownx.snippets includes nothing for a missing file unless `check_paths: true`.
    private var snippetsCheckPaths: Bool {
        let config =
            source.files.read(DialectText.join(source.siteFolder, "mkdocs.yml") ?? "mkdocs.yml") ?? ""
        return config.contains("check_paths: true")
    }

    private mutating func missingSnippet(_ what: String, line: Int) {
        tally(
            "MkDocs snippet not found", line: line,
            "MkDocs snippet: \(what), so nothing was included (as MkDocs does without check_paths); add the file or remove the --8<-- line."
        )
    }

    private func readFirst(_ candidates: [String]) -> (String, String)? {
        for candidate in candidates {
            if let text = source.files.read(candidate) { return (candidate, text) }
        }
        return nil
    }

    private func includeStatement(_ line: String, file: String) -> Include? {
        switch dialect {
        case .jekyll: return jekyllInclude(line)
        case .docfx: return docfxInclude(line, file: file)
        case .mkdocs: return snippetInclude(line, file: file)
        case .hugo: return hugoInclude(line, file: file)
        case .docusaurus: return nil
        }
    }

    private func jekyllInclude(_ line: String) -> Include? {
        guard let open = line.range(of: "{% include "),
            let close = line.range(of: "%}", range: open.upperBound..<line.endIndex)
        else { return nil }
        let inner = line[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        let name = String(inner.prefix { !$0.isWhitespace })
        let folder = DialectText.join(source.siteFolder, "_includes") ?? "_includes"
        var include = Include(
            prefix: String(line[..<open.lowerBound]), suffix: String(line[close.upperBound...]),
            candidates: [DialectText.join(folder, name)].compactMap { $0 }, written: name)
        include.dropped = name.hasSuffix(".html")
        return include
    }

    private func docfxInclude(_ line: String, file: String) -> Include? {
        guard let open = line.range(of: "[!INCLUDE", options: .caseInsensitive),
            let paren = line.range(of: "](", range: open.upperBound..<line.endIndex),
            let close = line.range(of: ")]", range: paren.upperBound..<line.endIndex)
        else { return nil }
        let path = String(line[paren.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
        return Include(
            prefix: String(line[..<open.lowerBound]), suffix: String(line[close.upperBound...]),
            candidates: candidates(path, relativeTo: file), written: path)
    }

    private func snippetInclude(_ line: String, file: String) -> Include? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("--8<--"), !Self.isSnippetSectionMarker(line) else { return nil }
        let rest = trimmed.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard rest.count >= 2, rest.first == "\"" || rest.first == "'", rest.last == rest.first else {
            return nil
        }
        var path = String(rest.dropFirst().dropLast())
        var section: String?
        if let colon = path.lastIndex(of: ":"), !path[path.index(after: colon)...].contains("/") {
            section = String(path[path.index(after: colon)...])
            path = String(path[..<colon])
        }
        var include = Include(
            prefix: DialectText.indentation(line), suffix: "",
            candidates: [
                DialectText.join(source.siteFolder, path), DialectText.join(source.pagesFolder, path),
            ]
            .compactMap { $0 } + candidates(path, relativeTo: file),
            written: path)
        include.section = section
        return include
    }

    private func hugoInclude(_ line: String, file: String) -> Include? {
        for (open, close) in [("{{<", ">}}"), ("{{%", "%}}")] {
            guard let start = line.range(of: open),
                let end = line.range(of: close, range: start.upperBound..<line.endIndex)
            else { continue }
            let inner = line[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            let name = inner.prefix { !$0.isWhitespace }
            guard name == "readfile" || name == "include" else { continue }
            let attributes = DialectText.attributes(inner.dropFirst(name.count)[...])
            guard let path = attributes.named["file"] ?? attributes.positional.first else { continue }
            var include = Include(
                prefix: String(line[..<start.lowerBound]), suffix: String(line[end.upperBound...]),
                candidates: candidates(path, relativeTo: file)
                    + [DialectText.join(source.siteFolder, path), DialectText.join(source.pagesFolder, path)]
                    .compactMap { $0 },
                written: path)
            if attributes.named["code"] == "true" || attributes.named["lang"] != nil {
                include.codeLanguage = attributes.named["lang"] ?? ""
            }
            return include
        }
        return nil
    }

    /// `path` relative to the folder of `file`; a leading `/` or `~/` means the site folder.
    private func candidates(_ path: String, relativeTo file: String) -> [String] {
        if path.hasPrefix("~/") {
            return [DialectText.join(source.siteFolder, String(path.dropFirst(2)))].compactMap { $0 }
        }
        if path.hasPrefix("/") {
            return [
                DialectText.join(source.siteFolder, path.dropFirst() + ""),
                DialectText.join(source.pagesFolder, path.dropFirst() + ""),
            ]
            .compactMap { $0 }
        }
        return [DialectText.join(DialectText.folder(of: file), path)].compactMap { $0 }
    }

    /// `--8<-- [start:name]` / `--8<-- [end:name]` (pymdownx.snippets section markers).
    static func isSnippetSectionMarker(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let marker = trimmed.range(of: "--8<-- [") else { return false }
        let rest = trimmed[marker.upperBound...]
        return rest.hasPrefix("start:") || rest.hasPrefix("end:")
    }

    /// The lines between `[start:name]` and `[end:name]`, markers of other sections removed.
    static func snippetSection(_ lines: [String], _ name: String) -> [String]? {
        guard let start = lines.firstIndex(where: { $0.contains("--8<-- [start:\(name)]") }) else {
            return nil
        }
        let end = lines[(start + 1)...].firstIndex { $0.contains("--8<-- [end:\(name)]") } ?? lines.endIndex
        return lines[(start + 1)..<end].filter { !isSnippetSectionMarker($0) }
    }
}
