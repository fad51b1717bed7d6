import Testing

@testable import PylonKB

/// Vendor markup before the HTML → Markdown converter.
@Suite struct ImportHTMLTests {
    @Test func boldAndItalicTagsBecomeMarkdownEmphasisNotRawHTML() {
        let html = "<p>Click <b>Save</b>, then <i>wait</i> for <b><i>both</i></b>.</p>"
        let conversion = HTMLToMarkdown().convert(ImportHTML.normalise(html, vendor: .intercom).html)
        #expect(conversion.markdown.contains("Click **Save**, then *wait* for"), "\(conversion.markdown)")
        #expect(!conversion.markdown.contains("<b>") && !conversion.markdown.contains("<i>"))
        #expect(conversion.keptAsHTML.isEmpty, "\(conversion.keptAsHTML)")
    }
}
