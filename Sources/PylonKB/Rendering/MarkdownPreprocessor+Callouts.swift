/// The `:::note` (Docusaurus) and MkDocs `!!! note` callout syntaxes, rewritten into the GitHub
/// alert form (`> [!note] Title`) that `ArticleShaper` turns into Pylon's callout markup.
extension MarkdownPreprocessor {
    /// True when some line starts (after up to 3 spaces) with `:::`, `!!!` or `???`.
    static func mayContainCalloutOpeners(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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

    mutating func rewriteCallouts(_ lines: ArraySlice<String>, depth: Int) -> [String] {
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
