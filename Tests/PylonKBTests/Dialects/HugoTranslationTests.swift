import Testing

@testable import PylonKB

@Suite struct HugoTranslationTests {
    @Test func alertBecomesCalloutWithTitleAndColor() {
        let result = DialectTestSupport.translate(
            "Intro\n\n{{< alert title=\"Careful\" color=\"warning\" >}}\nDo **not** do this.\n{{< /alert >}}\n",
            dialect: .hugo)
        #expect(result.markdown.contains("> [!warning] Careful"))
        #expect(result.markdown.contains("> Do **not** do this."))
        let html = DialectTestSupport.render(result).html
        #expect(TemplateLeftovers.find(in: html).isEmpty)
        #expect(html.contains("Careful"))
    }

    @Test func percentAlertKeepsMarkdown() {
        let result = DialectTestSupport.translate(
            "{{% alert %}}\nSee [x](y.md).\n{{% /alert %}}", dialect: .hugo)
        #expect(result.markdown.contains("> [!note]"))
        #expect(result.markdown.contains("> See [x](y.md)."))
    }

    @Test func tabpaneTabsAreCodeWithLabels() {
        let page = """
            {{< tabpane >}}
            {{< tab header="Go" lang="go" >}}
            fmt.Println("**hi**")
            {{< /tab >}}
            {{% tab header="Notes" %}}
            Some *prose*.
            {{% /tab %}}
            {{< /tabpane >}}
            """
        let result = DialectTestSupport.translate(page, dialect: .hugo)
        #expect(result.markdown.contains("**Go**"))
        #expect(result.markdown.contains("```go\nfmt.Println(\"**hi**\")\n```"))
        #expect(result.markdown.contains("**Notes**"))
        #expect(result.markdown.contains("Some *prose*."))
        #expect(TemplateLeftovers.find(in: DialectTestSupport.render(result).html).isEmpty)
    }

    @Test func figureYoutubeAndVimeo() {
        let result = DialectTestSupport.translate(
            "{{< figure src=\"a.png\" alt=\"A cat\" caption=\"The cat\" >}}\n\n{{< youtube dQw4w9WgXcQ >}}\n\n{{< vimeo id=\"123\" >}}",
            dialect: .hugo)
        #expect(result.markdown.contains("![A cat](a.png) *The cat*"))
        let html = DialectTestSupport.render(result).html
        #expect(html.contains("youtube-nocookie.com/embed/dQw4w9WgXcQ"))
        #expect(html.contains("player.vimeo.com/video/123"))
    }

    @Test func refBecomesRelativeLinkToMarkdownFile() {
        let result = DialectTestSupport.translate(
            "See [install]({{< ref \"/guides/install\" >}}) and [faq]({{< relref \"faq.md#top\" >}}).",
            dialect: .hugo, path: "docs/a/page.md",
            files: ["docs/guides/install.md": "x", "docs/a/faq.md": "y"])
        #expect(result.markdown == "See [install](../guides/install.md) and [faq](faq.md#top).")
    }

    @Test func highlightBecomesFencedCodeAndCodeIsNeverTouched() {
        let page = "{{< highlight yaml >}}\nkey: {{ .Value }}\n{{< /highlight >}}\n\n```\n{{< alert >}}\n```"
        let result = DialectTestSupport.translate(page, dialect: .hugo)
        #expect(result.markdown.hasPrefix("```yaml\nkey: {{ .Value }}\n```"))
        #expect(result.markdown.hasSuffix("```\n{{< alert >}}\n```"))
    }

    @Test func unknownShortcodesAreTalliedOncePerNameAndInnerTextKept() {
        let page =
            "{{% blocks/lead %}}\nHello\n{{% /blocks/lead %}}\n\n{{< blocks/lead >}}Again{{< /blocks/lead >}}"
        let result = DialectTestSupport.translate(page, dialect: .hugo)
        #expect(result.markdown.contains("Hello"))
        #expect(result.markdown.contains("Again"))
        #expect(!result.markdown.contains("{{"))
        #expect(result.tallies.count == 1)
        #expect(result.tallies.first?.count == 4)
        #expect(result.tallies.first?.line == 1)
    }

    @Test func multilineShortcodeIsRead() {
        let result = DialectTestSupport.translate(
            "{{< figure\n  src=\"b.png\"\n  alt=\"B\" >}}\nAfter", dialect: .hugo)
        #expect(result.markdown == "![B](b.png)\nAfter")
        #expect(result.sourceLines == [1, 4])
    }

    @Test func readfileIsResolvedAndLinesMapToTheStatement() {
        let result = DialectTestSupport.translate(
            "Top\n{{< readfile file=\"part.md\" >}}\nEnd", dialect: .hugo,
            files: ["docs/part.md": "One\nTwo\n"])
        #expect(result.markdown == "Top\nOne\nTwo\nEnd")
        #expect(result.sourceLines == [1, 2, 2, 3])
    }

    @Test func braceTextStaysOutsideJekyll() {
        let html = DialectTestSupport.html("Hello {{name}}, your {{ product }} is ready.", dialect: .hugo)
        #expect(html.contains("Hello {{name}}, your {{ product }} is ready."))
    }
}

@Suite struct HugoBlockLayoutTests {
    @Test func blockShortcodesWithTextOnTheirLines() {
        let result = DialectTestSupport.translate(
            "{{% alert %}} A _nota bene_ alert. {{% /alert %}}\n\n{{< comment >}} TODO hidden\nstill hidden {{< /comment >}}\nShown",
            dialect: .hugo)
        #expect(result.markdown.contains("> [!note]\n> A _nota bene_ alert."))
        #expect(!result.markdown.contains("hidden"))
        #expect(result.markdown.hasSuffix("Shown"))
        #expect(result.tallies.isEmpty)
    }

    /// Goldmark block attributes are not published as text.
    @Test func goldmarkBlockAttributesAreNotText() {
        let html = DialectTestSupport.html("> Quoted.\n> {.border-0}\n\nText.\n", dialect: .hugo)
        #expect(!html.contains("{.border-0}") && !html.contains("border-0"), "\(html)")
        #expect(html.contains("Quoted."))
    }

    /// An unknown shortcode in bold is removed with its emphasis, not left as `****` (a rule).
    @Test func removedShortcodeLeavesNoEmptyEmphasis() {
        let html = DialectTestSupport.html(
            "- **{{% dev-version final %}}**\n- *{{< x >}}* kept\n", dialect: .hugo)
        #expect(!html.contains("<hr"), "\(html)")
        #expect(html.contains("<li>kept</li>") || html.contains("<li> kept</li>"), "\(html)")
    }
}
