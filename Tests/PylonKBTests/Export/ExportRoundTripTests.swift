import Foundation
import PylonHTML
import PylonKB
import Testing

/// Markdown → Pylon HTML → exported Markdown → HTML gives the same HTML, for the constructs real
/// folders showed breaking: footnotes holding code, hard breaks inside emphasis, and text that
/// holds private-use characters (which the converter must neither leak nor mangle).
@Suite struct ExportRoundTripTests {
    static func render(_ markdown: String) -> String {
        Renderer().render(RenderInput(markdown: markdown, path: "round-trip.md"), resolver: .unresolved).html
    }

    /// The first HTML, the exported Markdown and the HTML rendered from it.
    static func roundTrip(_ markdown: String) -> (first: String, exported: String, second: String) {
        let first = render(markdown)
        let exported = HTMLToMarkdown().convert(first).markdown
        return (CanonicalHTML.canonicalize(first), exported, CanonicalHTML.canonicalize(render(exported)))
    }

    static func privateUse(in text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { (0xE000...0xF8FF).contains($0.value) }
    }

    static let footnotesWithCode: [String] = [
        "Text[^1].\n\n[^1]: See `code` here.\n",
        "Text[^a].\n\n[^a]: `code` first.\n",
        "Text[^a].\n\n[^a]: Ends with `code`\n",
        "Text[^a] and[^b].\n\n[^a]: Uses `x` and `y`.\n[^b]: Plain.\n",
        "Text[^a].\n\n[^a]: First paragraph with `code`.\n\n    Second paragraph with `more`.\n",
        "Text[^a].\n\n[^a]: A block:\n\n    ```swift\n    let x = 1\n    ```\n",
        "Text[^a].\n\n[^a]: **bold `code`** and [a `link`](https://example.com).\n",
        "Text[^note].\n\n[^note]: `↩` is the back-link character.\n",
    ]

    @Test(arguments: footnotesWithCode)
    func footnotesWithCodeRoundTrip(markdown: String) {
        let result = Self.roundTrip(markdown)
        #expect(result.first == result.second, "exported:\n\(result.exported)")
        #expect(result.exported.components(separatedBy: "↩").count <= 2, "\(result.exported)")
        #expect(
            result.second.components(separatedBy: "footnote-backref").count
                == result.first.components(separatedBy: "footnote-backref").count)
    }

    static let hardBreaks: [String] = [
        "**bold  \n**after\n",
        "*a  \nb*\n",
        "**a**  \nb\n",
        "[link  \ntext](https://example.com)\n",
        "a  \n*b  \nc*\n",
        "> quote  \n> more\n",
        "- item  \n  more\n",
        "| a | b |\n| - | - |\n| x<br>y | z |\n",
        "# Heading <br> more\n",
    ]

    @Test(arguments: hardBreaks)
    func hardBreaksNeverLeaveAPlaceholder(markdown: String) {
        let result = Self.roundTrip(markdown)
        #expect(Self.privateUse(in: result.exported).isEmpty, "exported:\n\(result.exported)")
        #expect(result.first == result.second, "exported:\n\(result.exported)")
    }

    /// Emphasis ending in a break: the break moves outside the delimiters, which shows the same.
    @Test func hardBreakAtTheEndOfEmphasisIsWrittenAsABreak() {
        let exported = HTMLToMarkdown().convert("<p><strong>bold<br></strong>after</p>").markdown
        #expect(Self.privateUse(in: exported).isEmpty, "\(exported)")
        #expect(CanonicalHTML.canonicalize(Self.render(exported)).contains("<br"), "\(exported)")
    }

    static let privateUseSources: [String] = [
        "Icon \u{E000} in text.\n",
        "Line ends with icon \u{E000}\n",
        "Code `a\u{E000}` span.\n",
        "Code at the end `\u{E000}`\n",
        "```\nblock \u{E000}\n```\n",
        "![alt \u{E000}](https://example.com/x.png)\n",
        "[t](https://example.com/\u{E000} \"title \u{E000}\")\n",
        "**bold \u{E000}**  \nnext \u{F8FF}\n",
        "| a | b |\n| - | - |\n| \u{E000} | `\u{E001}` |\n",
        "Text[^a].\n\n[^a]: Note \u{E000} with `\u{E000}`.\n",
        "<span title=\"\u{E000}\">x</span>\n",
    ]

    /// A private-use character the article holds survives exactly; none is added.
    @Test(arguments: privateUseSources)
    func privateUseCharactersInTheSourceSurvive(markdown: String) {
        let result = Self.roundTrip(markdown)
        #expect(result.first == result.second, "exported:\n\(result.exported)")
        let source = Self.privateUse(in: CanonicalHTML.canonicalize(result.first))
        let exportedHTML = Self.privateUse(in: result.second)
        #expect(exportedHTML == source)
        #expect(Self.privateUse(in: result.exported).count <= source.count, "\(result.exported)")
    }
}
