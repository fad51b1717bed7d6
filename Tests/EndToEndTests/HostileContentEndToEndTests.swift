import Foundation
import PylonAPI
import PylonEmulator
import PylonHTML
import PylonKB
import Testing

/// Issue #7, item 5: the OWASP XSS filter-evasion cheat sheet, embedded in Markdown and
/// published through the real binary: nothing that could run script reaches Pylon (read back
/// from what the emulator stored, parsed like a browser would), and every removal is a warning
/// on the vector's own line. (`RendererXSSTests` holds the renderer to the same at unit level.)
@Suite(.serialized) struct HostileContentEndToEndTests {
    /// One vector per line; each is preceded and followed by a blank line in the article.
    static let vectors: [String] = [
        // Script tags, with case, slash and nesting tricks.
        #"<script>alert(1)</script>"#,
        #"<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>"#,
        #"<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>"#,
        #"<SCRIPT/SRC="http://xss.rocks/xss.js"></SCRIPT>"#,
        #"<<SCRIPT>alert("XSS");//\<</SCRIPT>"#,
        #"<SCRIPT SRC=//xss.rocks/.j>"#,
        #"<SCRIPT a=">" SRC="httx://xss.rocks/xss.js"></SCRIPT>"#,
        #"<scr<script>ipt>alert(1)</scr</script>ipt>"#,
        #"<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\>"#,
        // Event handlers.
        #"<IMG SRC=# onmouseover="alert('xxs')">"#,
        #"<IMG SRC= onmouseover="alert('xxs')">"#,
        #"<IMG onmouseover="alert('xxs')">"#,
        #"<IMG SRC=https://example.com/ onerror="alert(String.fromCharCode(88,83,83))"></img>"#,
        #"<img src=https://example.com/x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">"#,
        #"<a onmouseover="alert(document.cookie)">xxs link</a>"#,
        #"<BODY onload!#$%&()*~+-_.,:;?@[/|\]^`=alert("XSS")>"#,
        #"<details open ontoggle=alert(1)><summary>s</summary></details>"#,
        #"<span ONCLICK="alert(1)" class="x">click</span>"#,
        #"<video><source onerror="alert(1)"></video>"#,
        #"<audio src=x onerror=alert(1)>"#,
        #"<marquee onstart=alert(1)>text</marquee>"#,
        #"<input onfocus=alert(1) autofocus>"#,
        // javascript:, vbscript:, data: URLs with entity, whitespace and case obfuscation.
        #"<IMG SRC="javascript:alert('XSS');">"#,
        #"<IMG SRC=JaVaScRiPt:alert('XSS')>"#,
        #"<IMG SRC=`javascript:alert("RSnake says, 'XSS'")`>"#,
        #"<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>"#,
        #"<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>"#,
        #"<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>"#,
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        #"<IMG SRC="jav&#x09;ascript:alert('XSS');">"#,
        #"<IMG SRC="jav&#x0A;ascript:alert('XSS');">"#,
        #"<IMG SRC="jav&#x0D;ascript:alert('XSS');">"#,
        #"<IMG SRC=" &#14;  javascript:alert('XSS');">"#,
        #"<a href="jav&NewLine;ascript&colon;alert(1)">named entities</a>"#,
        #"<a href="&#x6A;avascript:alert(1)">hex entity</a>"#,
        #"<a href="javascript&colon;alert(1)">colon entity</a>"#,
        #"<a href="  JAVASCRIPT:alert(1)">spaces and case</a>"#,
        #"<a href="vbscript:msgbox(1)">vbscript</a>"#,
        #"<a href="livescript:alert(1)">livescript</a>"#,
        #"<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>"#,
        #"<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">"#,
        #"<IMG DYNSRC="javascript:alert('XSS')">"#,
        #"<IMG LOWSRC="javascript:alert('XSS')">"#,
        #"<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">"#,
        #"<BODY BACKGROUND="javascript:alert('XSS')">"#,
        #"<TABLE BACKGROUND="javascript:alert('XSS')"><tr><td>t</td></tr></TABLE>"#,
        #"<video poster=javascript:alert(1)></video>"#,
        // SVG and MathML.
        #"<svg/onload=alert('XSS')>"#,
        #"<svg><script>alert(1)</script></svg>"#,
        #"<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>"#,
        #"<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCc+PC9zdmc+#x"></use></svg>"#,
        #"<math><mi xlink:href="javascript:alert(1)">x</mi></math>"#,
        // Styles and expressions.
        #"<DIV STYLE="width: expression(alert('XSS'));">styled</DIV>"#,
        #"<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">"#,
        #"<DIV STYLE="background-image: url(javascript:alert('XSS'))">bg</DIV>"#,
        #"<STYLE>@import'http://xss.rocks/xss.css';</STYLE>"#,
        #"<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br></UL>"#,
        #"<LINK REL="stylesheet" HREF="javascript:alert('XSS');">"#,
        // Frames, objects, meta, base, forms.
        #"<IFRAME SRC="javascript:alert('XSS');"></IFRAME>"#,
        #"<iframe src="https://evil.example.com/embed"></iframe>"#,
        #"<iframe src="https://www.youtube.com.evil.com/embed/x"></iframe>"#,
        #"<iframe src="https://youtube.com@evil.com/embed/x"></iframe>"#,
        #"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
        #"<iframe src="https://www.youtube.com/embed/x" srcdoc="<script>alert(1)</script>" onload="alert(1)"></iframe>"#,
        #"<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>"#,
        #"<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">"#,
        #"<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">"#,
        #"<BASE HREF="javascript:alert('XSS');//">"#,
        #"<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>"#,
        #"<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>"#,
        #"<applet code="evil.class"></applet>"#,
        #"<form action="javascript:alert(1)"><input type=submit></form>"#,
        #"<form><button formaction=javascript:alert(1)>X</button></form>"#,
        #"<isindex action=javascript:alert(1) type=image>"#,
        #"<XML ID="xss"><I><B><IMG SRC="javas<!-- -->cript:alert('XSS')"></B></I></XML>"#,
        #"<?xml:namespace prefix="t" ns="urn:schemas-microsoft-com:time">"#,
        #"<!DOCTYPE html><html><head><title>x</title></head></html>"#,
        #"<a href="javascript:alert(1)" target="_blank" rel="opener">target</a>"#,
        // Markdown's own links and images.
        "[md link](javascript:alert(1))",
        "[md link case](JaVaScRiPt:alert(1))",
        "[md link angle](<javascript:alert(1)>)",
        "[md link entity](jav&#x09;ascript:alert(1))",
        "[md link colon](javascript&#58;alert(1))",
        "[md link vb](vbscript:msgbox(1))",
        "[md link data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[md ref][evil] and ![md ref image][evil]",
        "![md image](javascript:alert(1))",
        "![md svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "Inline <span onmouseover=\"alert(1)\">hover</span> and <kbd onclick=alert(1)>K</kbd> text",
    ]

    static let forbiddenElements: Set<String> = [
        "script", "style", "object", "embed", "applet", "svg", "math", "form", "input", "button", "meta",
        "base", "link", "body", "html", "head", "title", "frame", "frameset", "isindex", "xml", "video",
        "audio",
        "source", "marquee",
    ]
    static let forbiddenAttributes: Set<String> = [
        "style", "srcdoc", "formaction", "action", "background", "dynsrc", "lowsrc", "poster", "xlink:href",
        "data",
        "allowscriptaccess",
    ]

    /// Everything in the HTML a browser could act on, read from libxml2's parse (which repairs
    /// tag soup and decodes entities like a browser).
    static func dangers(in html: String, allowedIframeHosts: [String]) -> [String] {
        var found: [String] = []
        func visit(_ nodes: [HTMLNode]) {
            for case .element(let element) in nodes {
                if forbiddenElements.contains(element.name) { found.append("<\(element.name)> element") }
                for attribute in element.attributes {
                    let name = attribute.name.lowercased()
                    if name.hasPrefix("on") { found.append("\(name) attribute on <\(element.name)>") }
                    if forbiddenAttributes.contains(name) {
                        found.append("\(name) attribute on <\(element.name)>")
                    }
                    // Browsers ignore control characters and whitespace inside a scheme.
                    let squeezed = String(
                        String.UnicodeScalarView(attribute.value.unicodeScalars.filter { $0.value > 0x20 })
                    ).lowercased()
                    for scheme in ["javascript:", "vbscript:", "livescript:", "data:"]
                    where squeezed.hasPrefix(scheme) {
                        found.append("\(scheme) in \(name) of <\(element.name)>")
                    }
                    if element.name == "iframe", name == "src" {
                        let host = URL(string: attribute.value)?.host ?? ""
                        if !allowedIframeHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) {
                            found.append("<iframe> from \(host)")
                        }
                    }
                }
                visit(element.children)
            }
        }
        visit(HTMLParser.parseFragment(html))
        if html.lowercased().contains("<script") { found.append("<script in the text") }
        return found
    }

    /// One article per vector, the vector on line 7: an unclosed `<script` or `<?` starts an
    /// HTML block that runs to the end of the document, which would hide the vectors after it.
    static func article(_ vector: String) -> String {
        [
            "---", "title: Hostile content", "---", "", "Before the vector.", "", vector, "",
            "After the vector.", "",
        ]
        .joined(separator: "\n") + (vector.contains("[evil]") ? "\n[evil]: javascript:alert(1)\n" : "")
    }

    static func fileName(_ index: Int) -> String { String(format: "xss-%03d.md", index) }

    @Test func noVectorReachesPylonAndEveryRemovalIsReported() async throws {
        #expect(Self.vectors.count >= 80)
        var files: [String: String] = [:]
        for (index, vector) in Self.vectors.enumerated() {
            files[Self.fileName(index)] = Self.article(vector)
        }
        let harness = try await EndToEndHarness(copyingSample: false, files: files)
        defer { Task { await harness.close() } }

        // An unclosed `<script>` or `<textarea>` hides the rest of its article: `unclosed_html`
        // refuses it by default, and that is the only kind of error hostile content gets.
        let refused = try await harness.run(["check"])
        let errors = refused.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(refused.status == 1 && !errors.isEmpty, "\(refused.output)")
        #expect(errors.allSatisfy { $0.contains("never closed") }, "\(errors.joined(separator: "\n"))")
        // Turned down to a warning, everything is warned about, not refused, and published.
        try harness.write(
            "pylon-kb.yml",
            "knowledge_base: \(EndToEndHarness.knowledgeBaseID)\nauthor: docs@example.com\n"
                + "checks:\n  unclosed_html: warning\n")
        let check = try await harness.run(["check"])
        #expect(check.status == 0, "hostile content is warned about, not refused:\n\(check.output)")
        let warned = Set(check.output.matches(of: /(xss-\d+\.md):7: warning:/).map { String($0.output.1) })
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        let articles = Dictionary(
            try await harness.articles().map { ($0.slug ?? "", $0) }, uniquingKeysWith: { first, _ in first })

        var shownAsText = 0
        for (index, vector) in Self.vectors.enumerated() {
            let file = Self.fileName(index)
            let article = try #require(articles[String(file.dropLast(3))], "\(file) was not published")
            let stored = [article.currentDraftContentHTML ?? "", article.currentPublishedContentHTML ?? ""]
            #expect(stored[0].contains("<p>Before the vector.</p>"), "\(file): \(stored[0])")
            for html in stored {
                let found = Self.dangers(in: html, allowedIframeHosts: RenderOptions.defaultIframeHosts)
                #expect(found.isEmpty, "\(file) \(vector) reached Pylon: \(found)\n\(html)")
            }
            guard !warned.contains(file) else { continue }
            // A vector CommonMark does not read as HTML comes out as visible, escaped text: nothing
            // was removed, so nothing is reported. Everything else must be warned about on line 7.
            let isMarkdownLink = vector.hasPrefix("[") || vector.hasPrefix("!")
            if !isMarkdownLink, stored[0].contains("&lt;") {
                shownAsText += 1
            } else {
                Issue.record("\(file): removed without a warning on line 7: \(vector)\n\(stored[0])")
            }
        }
        print(
            "[hostile content] \(Self.vectors.count) vectors, \(warned.count) warned about on their line, "
                + "\(shownAsText) shown as escaped text, none reached Pylon")
    }
}
