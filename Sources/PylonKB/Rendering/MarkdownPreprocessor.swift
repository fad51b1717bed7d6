import Foundation

/// Rewrites the parts of an article's Markdown that cmark-gfm does not know, before parsing:
/// Jekyll/Liquid and kramdown leftovers are dropped (with warnings), and the `:::note` and
/// MkDocs `!!! note` callout syntaxes are rewritten into the GitHub alert form
/// (`> [!note] Title`) so that one AST pass shapes all three.
///
/// Every input line yields exactly one output line, so cmark's line numbers stay the file's.
/// Fenced code and one-line code spans are left exactly as written: a page that documents
/// Liquid shows it verbatim.
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

    /// The Markdown cmark-gfm should parse. Works on UTF-8 bytes and leaves lines without
    /// anything to rewrite untouched: this runs on every render and must stay cheap.
    mutating func process(_ markdown: String) -> String {
        var markdown = markdown
        let (needsTemplate, needsCallouts) = markdown.withUTF8 { buffer in
            (Self.containsTemplateOpener(buffer[...]), Self.mayContainCalloutOpeners(buffer))
        }
        guard needsTemplate || needsCallouts else { return markdown }
        var bytes = Array(markdown.utf8)
        if needsTemplate {
            bytes = stripTemplateSyntax(bytes)
            finishKramdownWarnings()
        }
        guard needsCallouts else { return String(decoding: bytes, as: UTF8.self) }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        return rewriteCallouts(lines[...], depth: 0).joined(separator: "\n")
    }

    // MARK: - Liquid and kramdown

    private static let openBrace = UInt8(ascii: "{")

    /// True when `bytes` hold `{%`, `{{` or `{:`.
    private static func containsTemplateOpener<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var previousWasBrace = false
        for byte in bytes {
            if previousWasBrace, byte == UInt8(ascii: "%") || byte == openBrace || byte == UInt8(ascii: ":") {
                return true
            }
            previousWasBrace = byte == openBrace
        }
        return false
    }

    private mutating func stripTemplateSyntax(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var fence = FenceTracker()
        var lineStart = 0
        var line = 1
        var previousLine: (range: Range<Int>, outputStart: Int)?
        while true {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let text = bytes[lineStart..<lineEnd]
            var outputStart = output.count
            if fence.consume(text) || !Self.containsTemplateOpener(text) {
                output.append(contentsOf: text)
            } else if Self.isTOCMarker(text) {
                // `* TOC` + `{:toc}` is kramdown's generated table of contents; Pylon shows
                // its own, so both lines go (the list item would otherwise read "TOC").
                if let previous = previousLine,
                    ["* TOC", "- TOC", "1. TOC"].contains(
                        String(decoding: bytes[previous.range], as: UTF8.self).trimmingSpaces)
                {
                    output.removeSubrange(previous.outputStart..<(outputStart - 1))
                    outputStart = output.count
                }
                warnKramdown("{:toc}", line: line, what: "table of contents marker")
            } else {
                stripTemplateSyntax(in: text, line: line, into: &output)
            }
            previousLine = (lineStart..<lineEnd, outputStart)
            guard lineEnd < bytes.count else { break }
            output.append(UInt8(ascii: "\n"))
            lineStart = lineEnd + 1
            line += 1
        }
        return output
    }

    /// The end of the code span opened by the backtick run at `start` (after its closing run),
    /// or the end of that opening run when the line does not close it.
    private static func codeSpanEnd(in text: ArraySlice<UInt8>, from start: Int) -> Int {
        let tick = UInt8(ascii: "`")
        var index = start
        while index < text.endIndex, text[index] == tick { index += 1 }
        let length = index - start
        while index < text.endIndex {
            guard text[index] == tick else {
                index += 1
                continue
            }
            let runStart = index
            while index < text.endIndex, text[index] == tick { index += 1 }
            if index - runStart == length { return index }
        }
        return start + length
    }

    /// True for `{: #id …}` ending an ATX heading line.
    private static func isHeadingID(_ markup: String, in line: ArraySlice<UInt8>, closingAt close: Int)
        -> Bool
    {
        guard markup.dropFirst(2).trimmingSpaces.hasPrefix("#"),
            line[(close + 1)...].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        else { return false }
        let start = line.firstIndex { $0 != UInt8(ascii: " ") } ?? line.endIndex
        return start < line.endIndex && line[start] == UInt8(ascii: "#")
    }

    private static let tocMarker = Array("{:toc}".utf8)

    /// `{:toc}`, alone on its line (spaces and tabs around it allowed).
    private static func isTOCMarker(_ line: ArraySlice<UInt8>) -> Bool {
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let start = line.firstIndex(where: { !isSpace($0) }),
            let end = line.lastIndex(where: { !isSpace($0) })
        else { return false }
        return line[start...end].elementsEqual(tocMarker)
    }

    private static func find(_ first: UInt8, _ second: UInt8?, in bytes: ArraySlice<UInt8>, from start: Int)
        -> Int?
    {
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == first {
                guard let second else { return index }
                if index + 1 < bytes.endIndex, bytes[index + 1] == second { return index }
            }
            index += 1
        }
        return nil
    }

    private mutating func stripTemplateSyntax(
        in text: ArraySlice<UInt8>, line: Int, into output: inout [UInt8]
    ) {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "`") {
                // An inline code span shows template syntax as written (a help center documents
                // `{{ customer.name }}` variables); copy it through to its closing backticks.
                let end = Self.codeSpanEnd(in: text, from: index)
                output.append(contentsOf: text[index..<end])
                index = end
                continue
            }
            guard byte == Self.openBrace, index + 1 < text.endIndex else {
                output.append(byte)
                index += 1
                continue
            }
            let next = text[index + 1]
            if next == UInt8(ascii: "%"),
                let close = Self.find(UInt8(ascii: "%"), Self.closeBrace, in: text, from: index + 2)
            {
                let tag = String(decoding: text[index..<(close + 2)], as: UTF8.self)
                diagnostics.append(
                    .warning(
                        path, line: lineOffset + line,
                        "unsupported Liquid tag \(tag) was dropped; Pylon articles cannot include other files or run templates, so write its content into the article."
                    ))
                index = close + 2
            } else if next == Self.openBrace,
                let close = Self.find(Self.closeBrace, Self.closeBrace, in: text, from: index + 2)
            {
                let expression = String(decoding: text[index..<(close + 2)], as: UTF8.self)
                let inner = String(decoding: text[(index + 2)..<close], as: UTF8.self)
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
                index = close + 2
            } else if next == UInt8(ascii: ":"),
                let close = Self.find(Self.closeBrace, nil, in: text, from: index + 2)
            {
                let markup = String(decoding: text[index...close], as: UTF8.self)
                if Self.isHeadingID(markup, in: text, closingAt: close) {
                    // `## Title {: #id}` names the heading; the renderer reads it.
                    output.append(contentsOf: text[index...close])
                    index = close + 1
                    continue
                }
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
                index = close + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    private static let closeBrace = UInt8(ascii: "}")

    private mutating func warnKramdown(_ markup: String, line: Int, what: String) {
        if let reported = reportedKramdown[markup] {
            // Only the count changes; the message is rewritten once, in `finishKramdownWarnings`.
            reportedKramdown[markup] = (reported.index, reported.count + 1)
        } else {
            reportedKramdown[markup] = (diagnostics.count, 1)
            diagnostics.append(
                .warning(path, line: lineOffset + line, Self.kramdownMessage(markup, what: what, count: 1)))
        }
    }

    private mutating func finishKramdownWarnings() {
        for (markup, reported) in reportedKramdown where reported.count > 1 {
            diagnostics[reported.index].message = diagnostics[reported.index].message.replacingOccurrences(
                of: "\(markup) was dropped;",
                with: "\(markup) was dropped (\(reported.count) times in this file, first here);")
        }
    }

    private static func kramdownMessage(_ markup: String, what: String, count: Int) -> String {
        let times = count > 1 ? " (\(count) times in this file, first here)" : ""
        return
            "unsupported kramdown \(what) \(markup) was dropped\(times); Pylon articles take no kramdown markup."
    }

    // MARK: - Callouts

    /// True when some line starts (after up to 3 spaces) with `:::`, `!!!` or `???`.
    private static func mayContainCalloutOpeners(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            var scan = index
            while scan < count, scan - index < 3, bytes[scan] == UInt8(ascii: " ") { scan += 1 }
            if scan + 2 < count {
                let first = bytes[scan]
                if first == UInt8(ascii: ":") || first == UInt8(ascii: "!") || first == UInt8(ascii: "?"),
                    bytes[scan + 1] == first, bytes[scan + 2] == first
                {
                    return true
                }
            }
            while index < count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            index += 1
        }
        return false
    }

    /// Rewrites `:::type` … `:::` and `!!! type` / `??? type` blocks (with 4-space indented
    /// bodies) in `lines` into `> [!type] title` blockquotes, recursively for nested ones.
    /// Callouts nested deeper than this are left as written: real content nests two or three
    /// levels, and the limit bounds recursion and rescanning on hostile input.
    static let maximumCalloutDepth = 8

    private mutating func rewriteCallouts(_ lines: ArraySlice<String>, depth: Int) -> [String] {
        guard depth < Self.maximumCalloutDepth else { return Array(lines) }
        var output: [String] = []
        output.reserveCapacity(lines.count)
        var fence = FenceTracker()
        var index = lines.startIndex
        while index < lines.endIndex {
            let line = lines[index]
            if fence.consume(line.utf8) {
                output.append(line)
                index += 1
                continue
            }
            if let opener = Self.colonOpener(line) {
                let close = Self.colonBlockEnd(lines, after: index)
                let body = rewriteCallouts(lines[(index + 1)..<close], depth: depth + 1)
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
                let body = rewriteCallouts(dedented[...], depth: depth + 1)
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
            if !fence.consume(line.utf8) {
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
    private var open: (character: UInt8, length: Int)?

    /// True when `line` (its UTF-8 bytes) is part of a fenced code block, fences included.
    mutating func consume<C: Collection>(_ line: C) -> Bool where C.Element == UInt8 {
        var index = line.startIndex
        var spaces = 0
        while index < line.endIndex, spaces < 3, line[index] == UInt8(ascii: " ") {
            index = line.index(after: index)
            spaces += 1
        }
        guard index < line.endIndex else { return open != nil }
        let first = line[index]
        guard first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return open != nil }
        var length = 0
        while index < line.endIndex, line[index] == first {
            length += 1
            index = line.index(after: index)
        }
        let rest = line[index...]
        if let current = open {
            if first == current.character, length >= current.length,
                rest.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            {
                open = nil
            }
            return true
        }
        guard length >= 3 else { return false }
        if first == UInt8(ascii: "`"), rest.contains(UInt8(ascii: "`")) { return false }
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
