import PylonHTML

/// Turns Pylon article HTML back into Markdown that `Renderer` turns into the same HTML (after
/// `CanonicalHTML`), for `pylon-kb export`. Every construct the renderer emits maps back to the
/// Markdown an author would write (see `docs/export-format.md`); HTML that Markdown cannot
/// express (unknown elements, tables with block content, `<details>`, `<iframe>`, attributes
/// such as `style`) is kept as raw HTML and its tag name reported in `keptAsHTML`, never dropped.
/// HTML comments are dropped: the renderer drops them too, so they cannot survive a publish.
public struct HTMLToMarkdown: Sendable {
    public init() {}

    /// `linkRewriter` maps an href (e.g. "/articles/123-slug#x") to a Markdown destination (e.g.
    /// "../guides/slug.md#x") or nil to keep it; `imageRewriter` does the same for image sources.
    public func convert(
        _ html: String,
        linkRewriter: @Sendable (String) -> String? = { _ in nil },
        imageRewriter: @Sendable (String) -> String? = { _ in nil }
    ) -> MarkdownConversion {
        // The writer lives only for this call, so the rewriters never really escape.
        withoutActuallyEscaping(linkRewriter) { linkRewriter in
            withoutActuallyEscaping(imageRewriter) { imageRewriter in
                let nodes = HTMLParser.parseFragment(html)
                var writer = MarkdownWriter(
                    linkRewriter: linkRewriter, imageRewriter: imageRewriter,
                    hardBreak: MarkdownWriter.unusedPrivateUseCharacter(in: nodes))
                let markdown = writer.document(nodes)
                return MarkdownConversion(markdown: markdown, keptAsHTML: writer.keptAsHTML)
            }
        }
    }
}

/// The result of one conversion.
public struct MarkdownConversion: Sendable, Equatable {
    public var markdown: String
    /// Tag names kept as raw HTML, each once, in order of first appearance (for reporting).
    public var keptAsHTML: [String]

    public init(markdown: String, keptAsHTML: [String]) {
        self.markdown = markdown
        self.keptAsHTML = keptAsHTML
    }
}
