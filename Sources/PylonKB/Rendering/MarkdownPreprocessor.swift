/// Rewrites the parts of an article's Markdown that cmark-gfm does not know, before parsing:
/// Jekyll/Liquid and kramdown leftovers are dropped (with warnings), and the `:::note` and
/// MkDocs `!!! note` callout syntaxes are rewritten into the GitHub alert form
/// (`> [!note] Title`) so that one AST pass shapes all three.
///
/// Every input line yields exactly one output line, so cmark's line numbers stay the file's.
/// Fenced code is left exactly as written: a page that documents Liquid shows it verbatim.
struct MarkdownPreprocessor {
    let path: String
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []
    private var reportedBaseURL = false
    /// Kramdown markup reported so far (text → index into `diagnostics`), one warning per text.
    private var reportedKramdown: [String: (index: Int, count: Int)] = [:]

    init(path: String, lineOffset: Int) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// The Markdown cmark-gfm should parse.
    mutating func process(_ markdown: String) -> String {
        let needsLiquid = markdown.utf8.contains(UInt8(ascii: "{"))
        let needsCallouts = Self.mayContainCalloutOpeners(markdown)
        guard needsLiquid || needsCallouts else { return markdown }
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if needsLiquid { stripTemplateSyntax(&lines) }
        if needsCallouts { lines = rewriteCallouts(lines[...], firstLine: 1) }
        return lines.joined(separator: "\n")
    }

    // MARK: - Liquid and kramdown

    private mutating func stripTemplateSyntax(_ lines: inout [String]) {
        var fence = FenceTracker()
        for index in lines.indices {
            if fence.consume(lines[index]) { continue }
            guard lines[index].utf8.contains(UInt8(ascii: "{")) else { continue }
            let line = index + 1
            if lines[index].trimmingSpaces == "{:toc}" {
                // `* TOC` + `{:toc}` is kramdown's generated table of contents; Pylon shows
                // its own, so both lines go (the list item would otherwise read "TOC").
                if index > 0, ["* TOC", "- TOC", "1. TOC"].contains(lines[index - 1].trimmingSpaces) {
                    lines[index - 1] = ""
                }
                lines[index] = ""
                warnKramdown("{:toc}", line: line, what: "table of contents marker")
                continue
            }
            lines[index] = stripTemplateSyntax(in: lines[index], line: line)
        }
    }

    private mutating func stripTemplateSyntax(in text: String, line: Int) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[open...]
            if after.hasPrefix("{%"), let close = after.range(of: "%}") {
                let tag = String(after[..<close.upperBound])
                diagnostics.append(
                    .warning(
                        path, line: lineOffset + line,
                        "unsupported Liquid tag \(tag) was dropped; Pylon articles cannot include other files or run templates, so write its content into the article."
                    ))
                rest = after[close.upperBound...]
            } else if after.hasPrefix("{{"), let close = after.range(of: "}}") {
                let expression = String(after[..<close.upperBound])
                let inner = after[after.index(open, offsetBy: 2)..<close.lowerBound]
                if inner.trimmingSpaces == "site.baseurl" {
                    if !reportedBaseURL {
                        reportedBaseURL = true
                        diagnostics.append(
                            .warning(
                                path, line: lineOffset + line,
                                "Liquid {{ site.baseurl }} was replaced by nothing (here and elsewhere in this file); links that used it now start at the content root."
                            ))
                    }
                } else {
                    diagnostics.append(
                        .warning(
                            path, line: lineOffset + line,
                            "unsupported Liquid expression \(expression) was dropped; write its value into the article."
                        ))
                }
                rest = after[close.upperBound...]
            } else if after.hasPrefix("{:"), let close = after.firstIndex(of: "}") {
                let markup = String(after[...close])
                let what: String
                switch markup {
                case "{::nomarkdown}", "{:/nomarkdown}", "{:/}":
                    // The content between the markers is raw HTML: it stays and goes through
                    // the raw-HTML allowlist like any other.
                    what = "nomarkdown marker"
                default:
                    what = markup.hasPrefix("{::") ? "extension" : "attribute list"
                }
                warnKramdown(markup, line: line, what: what)
                rest = after[after.index(after: close)...]
            } else {
                result += "{"
                rest = after.dropFirst()
            }
        }
        result += rest
        return result
    }

    private mutating func warnKramdown(_ markup: String, line: Int, what: String) {
        if let reported = reportedKramdown[markup] {
            let count = reported.count + 1
            reportedKramdown[markup] = (reported.index, count)
            diagnostics[reported.index].message = Self.kramdownMessage(markup, what: what, count: count)
        } else {
            reportedKramdown[markup] = (diagnostics.count, 1)
            diagnostics.append(
                .warning(path, line: lineOffset + line, Self.kramdownMessage(markup, what: what, count: 1)))
        }
    }

    private static func kramdownMessage(_ markup: String, what: String, count: Int) -> String {
        let times = count > 1 ? " (\(count) times in this file, first here)" : ""
        return
            "unsupported kramdown \(what) \(markup) was dropped\(times); Pylon articles take no kramdown markup."
    }

    // MARK: - Callouts

    private static func mayContainCalloutOpeners(_ markdown: String) -> Bool {
        var run = 0
        var last: UInt8 = 0
        for byte in markdown.utf8 {
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                run = byte == last ? run + 1 : 1
                if run == 3 { return true }
            } else {
                run = 0
            }
            last = byte
        }
        return false
    }

    /// Rewrites `:::type` … `:::` and `!!! type` / `??? type` blocks (with 4-space indented
    /// bodies) in `lines` into `> [!type] title` blockquotes, recursively for nested ones.
    private mutating func rewriteCallouts(_ lines: ArraySlice<String>, firstLine: Int) -> [String] {
        var output: [String] = []
        output.reserveCapacity(lines.count)
        var fence = FenceTracker()
        var index = lines.startIndex
        while index < lines.endIndex {
            let line = lines[index]
            if fence.consume(line) {
                output.append(line)
                index += 1
                continue
            }
            if let opener = Self.colonOpener(line) {
                let close = Self.colonBlockEnd(lines, after: index)
                let body = rewriteCallouts(lines[(index + 1)..<close], firstLine: firstLine)
                output.append(Self.markerLine(type: opener.type, fold: "", title: opener.title))
                output.append(contentsOf: body.map(Self.quoted))
                if close < lines.endIndex { output.append("") }
                index = close + 1
                continue
            }
            if let opener = Self.admonitionOpener(line) {
                var end = index
                var scan = index + 1
                while scan < lines.endIndex {
                    if lines[scan].allSatisfy({ $0 == " " || $0 == "\t" }) {
                        scan += 1
                    } else if lines[scan].hasPrefix("    ") || lines[scan].hasPrefix("\t") {
                        end = scan
                        scan += 1
                    } else {
                        break
                    }
                }
                let dedented = lines[(index + 1)..<(end + 1)].map(Self.dedent)
                let body = rewriteCallouts(dedented[...], firstLine: firstLine)
                output.append(Self.markerLine(type: opener.type, fold: opener.fold, title: opener.title))
                output.append(contentsOf: body.map(Self.quoted))
                index = end + 1
                continue
            }
            output.append(line)
            index += 1
        }
        return output
    }

    private static func quoted(_ line: String) -> String {
        line.isEmpty ? ">" : "> " + line
    }

    private static func markerLine(type: String, fold: String, title: String?) -> String {
        var marker = "> [!" + type + "]" + fold
        if let title, !title.isEmpty { marker += " " + title }
        return marker
    }

    private static func dedent(_ line: String) -> String {
        if line.hasPrefix("    ") { return String(line.dropFirst(4)) }
        if line.hasPrefix("\t") { return String(line.dropFirst()) }
        return ""
    }

    /// `:::note`, `:::note Title`, `:::note[Title]`, `::: tip` (Docusaurus, markdown-it-container).
    private static func colonOpener(_ line: String) -> (type: String, title: String?)? {
        let trimmed = line.trimmingLeadingSpaces(upTo: 3)
        guard trimmed.hasPrefix(":::") else { return nil }
        let rest = trimmed.drop { $0 == ":" }.trimmingSpaces
        let type = rest.prefix { $0.isLetter || $0 == "-" || $0 == "_" }
        guard !type.isEmpty else { return nil }
        var title = rest.dropFirst(type.count).trimmingSpaces
        if title.hasPrefix("["), title.hasSuffix("]") { title = String(title.dropFirst().dropLast()) }
        return (String(type), title.isEmpty ? nil : title)
    }

    private static func isColonCloser(_ line: String) -> Bool {
        let trimmed = line.trimmingLeadingSpaces(upTo: 3)
        return trimmed.hasPrefix(":::") && trimmed.allSatisfy { $0 == ":" || $0 == " " || $0 == "\t" }
    }

    /// The index of the `:::` that closes the block opened at `opener` (nested openers count),
    /// or `lines.endIndex` when it is never closed (the callout then runs to the end).
    private static func colonBlockEnd(_ lines: ArraySlice<String>, after opener: Int) -> Int {
        var depth = 1
        var fence = FenceTracker()
        var index = opener + 1
        while index < lines.endIndex {
            let line = lines[index]
            if !fence.consume(line) {
                if colonOpener(line) != nil {
                    depth += 1
                } else if isColonCloser(line) {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            index += 1
        }
        return lines.endIndex
    }

    /// `!!! note`, `!!! note "Title"`, `??? note` (collapsed), `???+ note` (expanded).
    private static func admonitionOpener(_ line: String) -> (type: String, fold: String, title: String?)? {
        let fold: String
        var rest: Substring
        if line.hasPrefix("!!! ") {
            fold = ""
            rest = line.dropFirst(4)
        } else if line.hasPrefix("???+ ") {
            fold = "+"
            rest = line.dropFirst(5)
        } else if line.hasPrefix("??? ") {
            fold = "-"
            rest = line.dropFirst(4)
        } else {
            return nil
        }
        rest = Substring(rest.trimmingSpaces)
        let type = rest.prefix { $0.isLetter || $0 == "-" || $0 == "_" }
        guard !type.isEmpty else { return nil }
        var title: String?
        if let quote = rest.firstIndex(of: "\""), let end = rest.lastIndex(of: "\""), quote < end {
            title = String(rest[rest.index(after: quote)..<end])
        }
        return (String(type), fold, title)
    }
}

/// Follows fenced code blocks (``` and ~~~) line by line.
struct FenceTracker {
    private var open: (character: Character, length: Int)?

    /// True when `line` is part of a fenced code block (including its fences).
    mutating func consume(_ line: String) -> Bool {
        let trimmed = line.trimmingLeadingSpaces(upTo: 3)
        guard let first = trimmed.first, first == "`" || first == "~" else { return open != nil }
        let length = trimmed.prefix { $0 == first }.count
        if let current = open {
            if first == current.character, length >= current.length,
                trimmed.dropFirst(length).allSatisfy({ $0 == " " || $0 == "\t" })
            {
                open = nil
            }
            return true
        }
        guard length >= 3 else { return false }
        if first == "`", trimmed.dropFirst(length).contains("`") { return false }
        open = (first, length)
        return true
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }

    /// Without up to `count` leading spaces (Markdown's block indentation allowance).
    func trimmingLeadingSpaces(upTo count: Int) -> SubSequence {
        var index = startIndex
        var dropped = 0
        while index < endIndex, dropped < count, self[index] == " " {
            index = self.index(after: index)
            dropped += 1
        }
        return self[index...]
    }
}
