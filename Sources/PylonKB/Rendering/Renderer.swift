import Foundation
import PylonHTML

/// Turns an article's Markdown into the HTML Pylon stores as `body_html`.
///
/// cmark-gfm parses CommonMark + GFM (tables, strikethrough, autolinks, task lists, footnotes,
/// raw HTML kept with `CMARK_OPT_UNSAFE` and then filtered), then `ArticleShaper` changes the
/// tree and cmark renders it once. Decisions the design left open:
///
/// - **Title.** A first block that is a level-1 heading is dropped when its text equals
///   `RenderInput.title` (whitespace collapsed), or when there is no title (the content loader
///   then uses that heading as the title).
/// - **Heading levels.** The shallowest heading level left in the body becomes `<h2>` and the
///   others keep their distance to it, capped at `<h6>` (`##`/`###` bodies are unchanged,
///   `#`/`##` bodies move down one). Every heading gets a GitHub-style `id` (lower-case,
///   punctuation removed, spaces → `-`, repeats `-1`, `-2`; `section` when nothing is left),
///   or the id the author wrote at the end of the heading (`## Title {#id}`, `{: #id}`, as
///   kramdown, Pandoc and MkDocs spell it); `RenderedArticle.anchors` lists them in order.
/// - **Callouts.** GitHub alerts (`> [!NOTE]`), `:::type [title]` … `:::` and MkDocs
///   `!!! type ["title"]` with a 4-space indented body all become
///   `<blockquote class="callout callout-<kind>"><p><strong>ℹ️ Note</strong></p>…</blockquote>`
///   with kind note (ℹ️ Note), tip (💡 Tip), warning (⚠️ Warning) or danger (🚨 Danger); see
///   `CalloutKind.aliases` (GitHub IMPORTANT → warning, CAUTION → danger). Text after the
///   marker is a custom title that replaces the label's word and keeps the emoji (GitHub itself
///   ignores such alerts; here it is the natural spelling of a titled callout). Collapsible
///   forms (MkDocs `???`/`???+`, Obsidian `[!type]-`/`[!type]+`) become
///   `<details class="callout …"><summary><strong>…</strong></summary>…</details>`. An
///   unknown type is a warning and renders as a note.
/// - **Task lists** become `☐ ` / `☑ ` text in a plain `<li>` (Pylon drops inputs). Code fences
///   keep cmark's `class="language-x"`.
/// - **Footnotes.** cmark-gfm's markup minus what Pylon does not keep: references are
///   `<sup class="footnote-ref"><a href="#fn-x" id="fnref-x">1</a></sup>`, the notes an
///   `<ol class="footnotes">` after an `<h2 id="footnotes">Footnotes</h2>` at the end (no
///   `<section>`, no `data-`/`aria-` attributes), each note ending in a `↩` link back.
/// - **Links.** `http(s):`, `mailto:`, `tel:` and `//host` links and `#anchor`/`?query` links
///   are kept. Other schemes (`javascript:`, `data:`, `file:` …, read as a browser would:
///   controls and spaces ignored, any case) are removed, keeping the link text, with a
///   warning. A relative link to a `.md`/`.markdown` file is resolved from the article with
///   `ContentPath.resolve` and recorded in `links` (path nil when it leaves the content root);
///   its href becomes `resolver.articleURL(path)` plus `#anchor` — or, when the resolver has
///   no answer, stays exactly as written (the stable placeholder; validation reports it).
///   Other relative links (folders, PDFs) are kept as written and not recorded.
/// - **Images.** Relative `src` (Markdown or `<img>`) → `images` and `resolver.imageURL`, else
///   kept as written. `data:` images are removed with a warning, keeping the alt text:
///   Pylon wants uploaded attachments, and a data URL is a way to smuggle content.
/// - **Raw HTML** goes through `RawHTMLSanitizer` (allowlist of elements and attributes, URL
///   checks, iframes only over https from `RenderOptions.allowedIframeHosts`); every removal
///   is a warning with its line, except HTML comments, which are author notes and go silently.
/// - **Liquid and kramdown** (see `MarkdownPreprocessor`): `{% … %}` tags are dropped with a
///   warning each; `{{ site.baseurl }}` becomes "" with one warning per file; other `{{ … }}`
///   are dropped with a warning; kramdown `{: …}` attribute lists, `{:toc}` (with its `* TOC`
///   line) and `{::nomarkdown}`/`{:/}` markers are dropped with one warning per distinct markup
///   per file, the nomarkdown content staying as raw HTML. Fenced code and inline code spans (on
///   one line) are never touched, so documented `{{ variables }}` survive.
///
/// cmark-gfm is not thread-safe: parsing, shaping and rendering all happen under
/// `CmarkGFM.withDocument`, so `Renderer` is safe to use from any number of tasks (they take turns).
/// The resolver is called while the lock is held, so it must answer from data it already has
/// and never render (the lock is not recursive).
public struct Renderer: Sendable {
    public var options: RenderOptions

    public init(options: RenderOptions = .init()) {
        self.options = options
    }

    /// The extensions `render` uses (footnotes are an option in cmark-gfm 0.29).
    static let articleExtensions = ["table", "strikethrough", "autolink", "tasklist", "footnotes"]

    public func render(_ input: RenderInput, resolver: LinkResolver) -> RenderedArticle {
        var preprocessor = MarkdownPreprocessor(
            path: input.path, lineOffset: input.lineOffset, sourceLines: input.sourceLines)
        let markdown = preprocessor.process(input.markdown)
        var shaper = ArticleShaper(input: input, resolver: resolver, options: options)
        var html = CmarkGFM.withDocument(
            markdown, extensionNames: Self.articleExtensions, options: CmarkGFM.optionUnsafe
        ) { document in
            shaper.shape(document)
            return document.renderHTML(options: CmarkGFM.optionUnsafe)
        }
        var anchors = shaper.anchors
        if shaper.hasFootnotes {
            var slugger = shaper.slugger
            let id = slugger.slug(for: "footnotes")
            anchors.append(id)
            html = Self.shapeFootnotes(html, headingID: id, heading: options.footnotesHeading)
        }
        let diagnostics = (preprocessor.diagnostics + shaper.diagnostics).sorted()
        return RenderedArticle(
            html: html, anchors: anchors, links: shaper.links, images: shaper.images,
            diagnostics: diagnostics,
            facts: shaper.facts)
    }

    /// Plain cmark-gfm HTML, before any Pylon shaping: what `cmark-gfm --unsafe -e …` prints.
    /// `extensions` are cmark-gfm extension names (`table`, `strikethrough`, `autolink`,
    /// `tagfilter`, `tasklist`, and `footnotes`); an unknown name is a programming error.
    public static func renderPlain(_ markdown: String, extensions: [String], unsafe: Bool = true) -> String {
        let options = unsafe ? CmarkGFM.optionUnsafe : 0
        return CmarkGFM.withDocument(markdown, extensionNames: extensions, options: options) { document in
            document.renderHTML(options: options)
        }
    }

    /// Rewrites cmark-gfm's footnote markup (fixed strings it always emits; raw HTML cannot
    /// forge them because the allowlist drops `section` and `data-` attributes) into the
    /// Pylon-safe form described above.
    static func shapeFootnotes(_ html: String, headingID: String, heading: String) -> String {
        html
            .replacingOccurrences(of: " data-footnote-ref>", with: ">")
            .replacingOccurrences(
                of: "<section class=\"footnotes\" data-footnotes>\n<ol>",
                with:
                    "<h2 id=\"\(headingID)\">\(HTMLSerializer.escapeText(heading))</h2>\n<ol class=\"footnotes\">"
            )
            .replacingOccurrences(of: "</ol>\n</section>", with: "</ol>")
            .replacingOccurrences(of: " data-footnote-backref aria-label=\"Back to content\"", with: "")
    }
}
