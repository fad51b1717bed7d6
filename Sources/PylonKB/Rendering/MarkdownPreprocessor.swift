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
    /// See `RenderInput.sourceLines`.
    var sourceLines: [Int]? = nil
    var diagnostics: [Diagnostic] = []
    var reportedBaseURL = false
    /// Kramdown markup reported so far (text → index into `diagnostics`), one warning per text.
    var reportedKramdown: [String: (index: Int, count: Int)] = [:]

    init(path: String, lineOffset: Int, sourceLines: [Int]? = nil) {
        self.path = path
        self.lineOffset = lineOffset
        self.sourceLines = sourceLines
    }

    /// The file line of body line `line` (see `RenderInput.fileLine`).
    func fileLine(_ line: Int) -> Int {
        RenderInput(markdown: "", path: path, lineOffset: lineOffset, sourceLines: sourceLines).fileLine(line)
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
}
