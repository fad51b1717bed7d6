import PylonHTML
import Testing

@Suite struct CanonicalHTMLTests {
    @Test func editorReserializationDoesNotCount() {
        let ours =
            "<h2 id=\"a\" class=\"x\">Title</h2>\n<p>One &amp; two<br>three</p>\n<img src=\"a.png\" alt=\"A\">"
        let theirs =
            "<h2 class='x' id=a>Title</h2><p>One &#38; two<br/>three</p>  <img alt=\"A\" src=\"a.png\"/>"
        #expect(CanonicalHTML.canonicalize(ours) == CanonicalHTML.canonicalize(theirs))
    }

    @Test func textChangesCount() {
        #expect(CanonicalHTML.canonicalize("<p>a b</p>") != CanonicalHTML.canonicalize("<p>a  c</p>"))
    }

    @Test func whitespaceInsidePreCounts() {
        #expect(
            CanonicalHTML.canonicalize("<pre><code>a\n  b</code></pre>")
                != CanonicalHTML.canonicalize("<pre><code>a\n b</code></pre>"))
    }

    @Test func parsesLeadingTextWithoutImpliedParagraph() {
        #expect(
            HTMLParser.parseFragment("hello <b>x</b>") == [
                .text("hello "), .element(HTMLElement(name: "b", children: [.text("x")])),
            ])
    }

    @Test func serializerEscapesTextAndAttributes() {
        let node = HTMLNode.element(
            HTMLElement(
                name: "a", attributes: [HTMLAttribute(name: "href", value: "/x?a=1&b=\"2\"")],
                children: [.text("<tag> & more")]))
        #expect(
            HTMLSerializer.serialize(node)
                == "<a href=\"/x?a=1&amp;b=&quot;2&quot;\">&lt;tag&gt; &amp; more</a>")
    }
}
