/// Turns a page written for a docs-site generator into the Markdown pylon-kb renders:
/// converts what has an equivalent, resolves includes from the folder, and reports (with
/// file:line) what it removes. Runs once per page when the folder is loaded.
package enum DialectTranslator {
    package static func translate(_ markdown: String, source: DialectSource) -> DialectTranslation {
        guard let dialect = source.dialect else { return DialectTranslation(markdown: markdown) }
        var run = DialectTranslatorRun(source: source, dialect: dialect)
        return run.translate(markdown)
    }
}

/// One line of the page being translated and the file line it came from.
struct TranslatedLine: Sendable {
    var text: String
    var fileLine: Int
}

/// The state of one page's translation: what was reported so far.
struct DialectTranslatorRun {
    let source: DialectSource
    let dialect: Dialect
    var diagnostics: [Diagnostic] = []
    var tallies: [String: Tally] = [:]
    var tallyOrder: [String] = []

    /// Includes nested deeper than this are an error (real sites nest two or three).
    static let maximumIncludeDepth = 8

    init(source: DialectSource, dialect: Dialect) {
        self.source = source
        self.dialect = dialect
    }

    mutating func translate(_ markdown: String) -> DialectTranslation {
        let body = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        // CRLF files: the `\r` would hide every line-end match below; Markdown ignores it.
        var lines = body.enumerated().map {
            TranslatedLine(
                text: String($1.hasSuffix("\r") ? $1.dropLast() : $1),
                fileLine: source.bodyLineOffset + $0 + 1)
        }
        lines = expandIncludes(lines, file: source.path, chain: [source.path])
        switch dialect {
        case .hugo: lines = translateHugo(lines)
        case .docusaurus: lines = translateDocusaurus(lines)
        case .mkdocs: lines = translateMkDocs(lines)
        case .jekyll: lines = translateJekyll(lines)
        case .docfx: lines = translateDocfx(lines)
        }
        lines = rewriteSiteRootedImages(lines)
        lines = rewriteAddressRelativeLinks(lines)
        if dialect != .jekyll { lines = protectBraces(lines) }
        let identity =
            lines.count == body.count
            && lines.enumerated().allSatisfy { $1.fileLine == source.bodyLineOffset + $0 + 1 }
        return DialectTranslation(
            markdown: lines.map(\.text).joined(separator: "\n"),
            sourceLines: identity ? nil : lines.map(\.fileLine),
            diagnostics: diagnostics,
            tallies: tallyOrder.compactMap { tallies[$0] })
    }

    // MARK: Reporting

    mutating func tally(_ key: String, line: Int, _ message: String) {
        if tallies[key] != nil {
            tallies[key]?.count += 1
        } else {
            tallyOrder.append(key)
            tallies[key] = Tally(key: key, message: message, path: source.path, line: line)
        }
    }

    mutating func error(line: Int, _ message: String) {
        diagnostics.append(.error(source.path, line: line, message))
    }

    mutating func warning(line: Int, _ message: String) {
        diagnostics.append(.warning(source.path, line: line, message))
    }

    // MARK: Braces outside Jekyll

    /// Outside Jekyll, `{{name}}` and `{%` in prose are text (a help center's placeholders),
    /// but the render-time preprocessor drops them as Liquid; a backslash escape between the
    /// braces keeps them as written.
    func protectBraces(_ lines: [TranslatedLine]) -> [TranslatedLine] {
        var fence = DialectFence()
        var previousBlank = true
        var indentedCode = false
        return lines.map { line in
            let blank = line.text.allSatisfy { $0 == " " || $0 == "\t" }
            defer { previousBlank = blank }
            // An indented code block shows a backslash as written: leave it alone.
            let indented = line.text.hasPrefix("    ") || line.text.hasPrefix("\t")
            indentedCode = indented && (previousBlank || indentedCode) || (blank && indentedCode)
            guard !fence.consume(line.text), !indentedCode,
                line.text.contains("{{") || line.text.contains("{%")
            else {
                return line
            }
            var copy = line
            copy.text = DialectText.mapOutsideCodeSpans(line.text) {
                $0.replacingOccurrences(of: "{{", with: "{\\{").replacingOccurrences(of: "{%", with: "{\\%")
            }
            return copy
        }
    }
}

/// Follows fenced code blocks at any indentation (inside list items and tabs too).
struct DialectFence {
    private var open: (character: Character, length: Int)?

    /// True when `line` is part of a fenced code block, fences included.
    mutating func consume(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == ">" }
        guard let first = trimmed.first, first == "`" || first == "~" else { return open != nil }
        let length = trimmed.prefix { $0 == first }.count
        let rest = trimmed.dropFirst(length)
        if let current = open {
            if first == current.character, length >= current.length,
                rest.allSatisfy({ $0 == " " || $0 == "\t" })
            {
                open = nil
            }
            return true
        }
        guard length >= 3 else { return false }
        if first == "`", rest.contains("`") { return false }
        open = (first, length)
        return true
    }

    var isOpen: Bool { open != nil }
}
