/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterSplit: Sendable, Equatable {
    /// The YAML between the `---` fences, or nil when the file has no front matter.
    public var yaml: String?
    /// The Markdown after the closing fence (the whole text without front matter).
    public var body: String
    /// Lines of the file before the body, so body line N is file line N + bodyLineOffset.
    public var bodyLineOffset: Int

    /// The front matter starts with `---` on the first line and is never closed.
    public struct Unterminated: Error, Sendable, Equatable {}

    /// Splits `text` (already LF-normalised). Front matter must begin on the very first line,
    /// as in Jekyll, Hugo and GitHub; a `---` later in the file is a thematic break.
    public static func split(_ text: String) throws(Unterminated) -> FrontMatterSplit {
        guard isFence(text.prefix(while: { $0 != "\n" }), allowDots: false) else {
            return FrontMatterSplit(yaml: nil, body: text, bodyLineOffset: 0)
        }
        var lineNumber = 0
        var yamlStart: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[index..<lineEnd]
            lineNumber += 1
            let next = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
            if lineNumber == 1 {
                yamlStart = next
            } else if isFence(line, allowDots: true), let start = yamlStart {
                return FrontMatterSplit(
                    yaml: String(text[start..<index]), body: String(text[next...]),
                    bodyLineOffset: lineNumber)
            }
            index = next
        }
        throw Unterminated()
    }

    private static func isFence(_ line: Substring, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        return trimmed == "---" || (allowDots && trimmed == "...")
    }
}
