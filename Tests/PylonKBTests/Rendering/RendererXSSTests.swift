import PylonHTML
import PylonKB
import Testing

/// OWASP filter-evasion vectors embedded in Markdown: none may survive, each removal is
/// reported, and the text around the vector is kept. The output is read back with libxml2's
/// HTML parser (browser-like tag soup repair and entity decoding) before it is checked.
@Suite struct RendererXSSTests {
    static let vectors: [String] = [
        #"<script>alert(1)</script>"#,
        #"<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>"#,
        #"<IMG SRC="javascript:alert('XSS');">"#,
        #"<IMG SRC=JaVaScRiPt:alert('XSS')>"#,
        #"<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>"#,
        #"<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>"#,
        #"<IMG SRC="jav&#x09;ascript:alert('XSS');">"#,
        #"<IMG SRC="jav&#x0A;ascript:alert('XSS');">"#,
        #"<IMG SRC=" &#14;  javascript:alert('XSS');">"#,
        #"<img src=x onerror=alert(1)>"#,
        #"<svg/onload=alert('XSS')>"#,
        #"<svg><script>alert(1)</script></svg>"#,
        #"<BODY ONLOAD=alert('XSS')>"#,
        #"<IFRAME SRC="javascript:alert('XSS');"></IFRAME>"#,
        #"<iframe src="https://evil.example.com/embed"></iframe>"#,
        #"<iframe src="https://www.youtube.com.evil.com/embed/x"></iframe>"#,
        #"<iframe src="https://evil.com\.youtube.com/embed/x"></iframe>"#,
        #"<iframe src="https://youtube.com@evil.com/embed/x"></iframe>"#,
        #"<iframe src="http://www.youtube.com/embed/x"></iframe>"#,
        #"<DIV STYLE="width: expression(alert('XSS'));">styled</DIV>"#,
        #"<STYLE>@import'http://xss.rocks/xss.css';</STYLE>"#,
        #"<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>"#,
        #"<a href="vbscript:msgbox(1)">vb</a>"#,
        #"<a href="&#x6A;avascript:alert(1)">entity</a>"#,
        #"<a href="javascript&colon;alert(1)">named entity</a>"#,
        #"<a href="  javascript:alert(1)">spaces</a>"#,
        #"<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">"#,
        #"<object data="javascript:alert(1)"></object>"#,
        #"<embed src="javascript:alert(1)">"#,
        #"<scr<script>ipt>alert(1)</script>"#,
        #"<img """><script>alert("XSS")</script>">"#,
        #"<math><mi xlink:href="javascript:alert(1)">x</mi></math>"#,
        #"<form><button formaction=javascript:alert(1)>X</button></form>"#,
        #"<input onfocus=alert(1) autofocus>"#,
        #"<details open ontoggle=alert(1)><summary>s</summary></details>"#,
        #"<img src=x onerror=alert(1)"#,
        "[md link](javascript:alert(1))",
        "[md link case](JaVaScRiPt:alert(1))",
        "[md link entity](jav&#x09;ascript:alert(1))",
        "[md link ref][evil]\n\n[evil]: javascript:alert(1)",
        "![md image](javascript:alert(1))",
        "![md svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "Inline <span onmouseover=\"alert(1)\">hover</span> text",
    ]

    static let forbiddenElements: Set<String> = [
        "script", "style", "object", "embed", "svg", "math", "form", "input", "button", "meta", "body",
        "iframe",
    ]

    /// Every problem a browser would act on, read from the parsed output.
    static func dangers(in html: String) -> [String] {
        var found: [String] = []
        func visit(_ nodes: [HTMLNode]) {
            for case .element(let element) in nodes {
                if forbiddenElements.contains(element.name) { found.append("<\(element.name)> element") }
                for attribute in element.attributes {
                    if attribute.name.hasPrefix("on") { found.append("\(attribute.name) attribute") }
                    if attribute.name == "style" { found.append("style attribute") }
                    let squeezed = String(
                        String.UnicodeScalarView(attribute.value.unicodeScalars.filter { $0.value > 0x20 })
                    ).lowercased()
                    for scheme in ["javascript:", "vbscript:", "data:"] where squeezed.hasPrefix(scheme) {
                        found.append("\(scheme) in \(attribute.name)")
                    }
                }
                visit(element.children)
            }
        }
        visit(HTMLParser.parseFragment(html))
        if html.lowercased().contains("<script") { found.append("<script in the text") }
        return found
    }

    @Test func thereAreAtLeastTwentyVectors() {
        #expect(Self.vectors.count >= 20)
    }

    @Test(arguments: vectors) func vectorIsNeutralisedAndReported(vector: String) {
        let markdown = "Before the vector.\n\n\(vector)\n\nAfter the vector.\n"
        let article = Renderer().render(
            RenderInput(markdown: markdown, path: "xss.md", lineOffset: 10),
            resolver: RenderingTestSupport.resolver)
        #expect(Self.dangers(in: article.html).isEmpty, "survived in: \(article.html)")
        // Tags CommonMark does not read as HTML (`<svg/onload=…>`, unquoted `javascript:` values,
        // a tag without `>`) come out as escaped text; nothing was removed, so nothing to report.
        let shownAsText = article.html.contains("&lt;") && !vector.hasPrefix("[") && !vector.hasPrefix("!")
        #expect(!article.diagnostics.isEmpty || shownAsText, "removal not reported for \(vector)")
        for diagnostic in article.diagnostics {
            #expect(diagnostic.severity == .warning)
            #expect(diagnostic.line == 13, "\(diagnostic) should point at the vector's line")
        }
        #expect(article.html.contains("<p>Before the vector.</p>"))
        #expect(article.html.contains("After the vector."), "text after the vector was lost: \(article.html)")
    }

    @Test func allowedVideoEmbedSurvives() {
        let article = Renderer().render(
            RenderInput(
                markdown: #"<iframe src="https://player.vimeo.com/video/1" allowfullscreen></iframe>"#,
                path: "video.md"),
            resolver: .unresolved)
        #expect(article.html.contains(#"<iframe src="https://player.vimeo.com/video/1""#))
        #expect(article.diagnostics.isEmpty)
    }
}
