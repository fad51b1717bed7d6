/// `checks: unclosed_html` (an error by default): raw HTML opened and never closed, which
/// takes the rest of the article with it (`RawHTMLBalance` finds it while rendering).
///
/// What hides text (a comment, `<details>`, `<pre>`, `<script>` …) is reported at the check's
/// level, an error by default. A `<div>`, list or table left open only wraps the rest, which
/// stays visible (sites such as Docsy wrap a whole page on purpose), so it is at most a
/// warning.
enum UnclosedHTMLCheck {
    static let hiding: Set<String> = ["comment", "cdata", "details", "pre", "script", "style", "textarea"]

    static func diagnostics(_ page: ContentChecker.Page, settings: CheckSettings) -> [Diagnostic] {
        page.rendered.facts.openHTML.compactMap { open in
            var diagnostic = settings.diagnostic(.unclosedHTML, page.path, line: open.line, message(open))
            if !hiding.contains(open.name) { diagnostic?.severity = .warning }
            return diagnostic
        }
    }

    static func message(_ open: ArticleFacts.OpenHTML) -> String {
        switch open.name {
        case "comment":
            "`<!--` opens an HTML comment that is never closed, so everything after it is hidden from readers; end the comment with `-->`."
        case "cdata":
            "`<![CDATA[` is never closed, so everything after it is hidden from readers; end it with `]]>` or remove it."
        case "details":
            "`<details>` is never closed, so the rest of the article is inside it, hidden until a reader expands it; add `</details>` where it should end."
        case "pre":
            "`<pre>` is never closed, so the rest of the article is published as preformatted raw text; add `</pre>` where it should end."
        case "script", "style", "textarea":
            "`\(open.construct)` is never closed, so the rest of the article is removed with it; add `</\(open.name)>` or remove it."
        default:
            "`\(open.construct)` is never closed, so the rest of the article ends up inside it; add `</\(open.name)>` where it should end."
        }
    }
}
