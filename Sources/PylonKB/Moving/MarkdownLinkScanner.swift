/// Finds where link and image destinations are written in a Markdown file, by position, so
/// `pylon-kb mv` can change the path of one and leave every other character as it is. The
/// renderer knows which links a page has, but not where in the text each one is written
/// (cmark gives a link's line, not its columns, and a reference-style link's line is where it
/// is used, not where its path is), so the text is read here again, in the forms writers use:
///
/// - inline links and images: `[text](path "title")`, `![alt](<path with spaces.png>)`;
/// - reference definitions: `[id]: path "title"` (also inside `>` quotes);
/// - raw HTML: `href` and `src` attributes (`<a href="…">`, `<img src='…'>`).
///
/// Fenced code blocks and code spans are skipped: a path shown as code is not a link. The
/// caller rewrites only destinations that resolve to a file the move concerns, and `mv`
/// checks the folder again afterwards, so text that only looks like a link is left alone.
struct MarkdownLinkScanner {
    enum Form: Sendable, Equatable {
        case inline
        case definition
        case html
    }

    /// One destination as written.
    struct Occurrence: Sendable, Equatable {
        /// 1-based line in the file.
        var line: Int
        /// The destination's characters in the file, without angle brackets or quotes.
        var range: Range<String.Index>
        var form: Form
        /// Written between `<` and `>` (Markdown), where spaces need no escaping.
        var angleBracketed: Bool
    }

    /// Every destination in `text`, in order. The first `skipLines` lines (the front matter)
    /// are not Markdown and are not read.
    static func occurrences(in text: String, skipLines: Int) -> [Occurrence] {
        var result: [Occurrence] = []
        var fences = FenceTracker()
        var lineNumber = 0
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            lineNumber += 1
            let line = text[lineStart..<lineEnd]
            if lineNumber > skipLines, !fences.consume(line.utf8) {
                let code = codeSpans(in: line)
                let outside = { (index: String.Index) in !code.contains { $0.contains(index) } }
                result += definition(in: line, lineNumber: lineNumber)
                result += inlineDestinations(in: line, lineNumber: lineNumber).filter {
                    outside($0.range.lowerBound)
                }
                result += htmlAttributes(in: line, lineNumber: lineNumber).filter {
                    outside($0.range.lowerBound)
                }
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        return result
    }

    /// The ranges of code spans on one line (between equal runs of backticks).
    static func codeSpans(in line: Substring) -> [Range<String.Index>] {
        var spans: [Range<String.Index>] = []
        var index = line.startIndex
        var open: (start: String.Index, length: Int)?
        while index < line.endIndex {
            guard line[index] == "`" else {
                index = line.index(after: index)
                continue
            }
            let runStart = index
            while index < line.endIndex, line[index] == "`" { index = line.index(after: index) }
            let length = line.distance(from: runStart, to: index)
            if let current = open {
                if current.length == length {
                    spans.append(current.start..<index)
                    open = nil
                }
            } else {
                open = (runStart, length)
            }
        }
        return spans
    }

    /// `[id]: destination` at the start of a line (after quote markers), not a footnote.
    static func definition(in line: Substring, lineNumber: Int) -> [Occurrence] {
        var index = line.startIndex
        func skip(_ characters: Set<Character>) {
            while index < line.endIndex, characters.contains(line[index]) { index = line.index(after: index) }
        }
        skip([" ", "\t", ">"])
        guard index < line.endIndex, line[index] == "[" else { return [] }
        let labelStart = line.index(after: index)
        guard labelStart < line.endIndex, line[labelStart] != "^",
            let close = line[labelStart...].firstIndex(of: "]"), close > labelStart
        else { return [] }
        index = line.index(after: close)
        guard index < line.endIndex, line[index] == ":" else { return [] }
        index = line.index(after: index)
        skip([" ", "\t"])
        guard let (range, angle) = destination(in: line, from: index, insideParentheses: false) else {
            return []
        }
        return [Occurrence(line: lineNumber, range: range, form: .definition, angleBracketed: angle)]
    }

    /// The destination of every `[text](…)` and `![alt](…)` on one line.
    static func inlineDestinations(in line: Substring, lineNumber: Int) -> [Occurrence] {
        var result: [Occurrence] = []
        var search = line.startIndex
        while let match = line[search...].firstRange(of: "](") {
            search = match.upperBound
            var start = match.upperBound
            while start < line.endIndex, line[start] == " " || line[start] == "\t" {
                start = line.index(after: start)
            }
            guard let (range, angle) = destination(in: line, from: start, insideParentheses: true) else {
                continue
            }
            result.append(Occurrence(line: lineNumber, range: range, form: .inline, angleBracketed: angle))
            search = range.upperBound
        }
        return result
    }

    /// A destination starting at `start`: `<…>`, or characters up to a space (and, inside
    /// `(…)`, up to the parenthesis that closes the link; balanced pairs belong to the path).
    private static func destination(in line: Substring, from start: String.Index, insideParentheses: Bool)
        -> (Range<String.Index>, Bool)?
    {
        guard start < line.endIndex else { return nil }
        if line[start] == "<" {
            let inner = line.index(after: start)
            guard let close = line[inner...].firstIndex(of: ">") else { return nil }
            return (inner..<close, true)
        }
        var index = start
        var depth = 0
        while index < line.endIndex {
            let character = line[index]
            if character == "\\" {
                index = line.index(after: index)
                if index < line.endIndex { index = line.index(after: index) }
                continue
            }
            if character == " " || character == "\t" { break }
            if insideParentheses {
                if character == "(" { depth += 1 }
                if character == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
            }
            index = line.index(after: index)
        }
        guard index > start else { return nil }
        return (start..<index, false)
    }

    /// `href="…"` and `src="…"` (any quoting) inside the HTML tags of one line.
    static func htmlAttributes(in line: Substring, lineNumber: Int) -> [Occurrence] {
        var result: [Occurrence] = []
        for tag in line.matches(of: /<[A-Za-z][A-Za-z0-9-]*\s[^<>]*>/) {
            let attributes = /(?i)\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/
            for attribute in line[tag.range].matches(of: attributes) {
                guard let value = attribute.output.1 ?? attribute.output.2 ?? attribute.output.3 else {
                    continue
                }
                result.append(
                    Occurrence(
                        line: lineNumber, range: value.startIndex..<value.endIndex, form: .html,
                        angleBracketed: false))
            }
        }
        return result
    }
}
