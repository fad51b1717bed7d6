import Testing

@testable import PylonKB

@Suite struct DocusaurusTranslationTests {
    @Test func importsAndComponentsAreRemovedAndReported() {
        let page = """
            import Tabs from '@theme/Tabs';
            import {
              A,
              B,
            } from './x';

            <Badge text="new" /> Hello {props.name} {/* hidden */}

            <details><summary>More</summary>

            Inside

            </details>
            """
        let result = DialectTestSupport.translate(page, dialect: .docusaurus)
        #expect(!result.markdown.contains("import"))
        #expect(result.markdown.contains(" Hello  "))
        #expect(
            Set(result.tallies.map(\.key)) == [
                "MDX import/export", "MDX component <Badge>", "MDX expression",
            ])
        let html = DialectTestSupport.render(result).html
        #expect(html.contains("<details>"))
        #expect(TemplateLeftovers.find(in: html).isEmpty)
    }

    @Test func tabsBecomeLabelledSections() {
        let page = """
            <Tabs>
            <TabItem value="npm" label="npm" default>

            ```bash
            npm install {x}
            ```

            </TabItem>
            <TabItem value="yarn">
            Use yarn.
            </TabItem>
            </Tabs>
            """
        let result = DialectTestSupport.translate(page, dialect: .docusaurus)
        #expect(result.markdown.contains("**npm**"))
        #expect(result.markdown.contains("**yarn**\n\nUse yarn."))
        #expect(result.markdown.contains("npm install {x}"))
        #expect(TemplateLeftovers.find(in: DialectTestSupport.render(result).html).isEmpty)
    }

    @Test func admonitionsStillBecomeCallouts() {
        let html = DialectTestSupport.html(":::tip[Good idea]\nDo it.\n:::", dialect: .docusaurus)
        #expect(html.contains("Good idea"))
        #expect(TemplateLeftovers.find(in: html).isEmpty)
    }
}

@Suite struct MkDocsTranslationTests {
    @Test func contentTabsBecomeLabelledSections() {
        let page =
            "=== \"Linux\"\n\n    ```sh\n    curl x\n    ```\n\n=== \"Windows\"\n    Use the installer.\n\nAfter"
        let result = DialectTestSupport.translate(page, dialect: .mkdocs)
        #expect(result.markdown.contains("**Linux**\n\n\n```sh\ncurl x\n```"))
        #expect(result.markdown.contains("**Windows**\n\nUse the installer."))
        #expect(TemplateLeftovers.find(in: DialectTestSupport.render(result).html).isEmpty)
    }

    @Test func snippetsWithSectionsAreResolved() {
        let files = ["snippets/a.md": "--8<-- [start:one]\nFirst\n--8<-- [end:one]\nOther\n"]
        let result = DialectTestSupport.translate(
            "--8<-- \"snippets/a.md:one\"\n--8<-- \"snippets/a.md\"", dialect: .mkdocs, files: files)
        #expect(result.markdown == "First\nFirst\nOther")
        #expect(result.sourceLines == [1, 2, 2])
    }

    @Test func admonitionsStillBecomeCallouts() {
        let html = DialectTestSupport.html(
            "!!! note \"Heads up\"\n    Body text.\n\n??? tip\n    Hidden", dialect: .mkdocs)
        #expect(html.contains("Heads up"))
        #expect(TemplateLeftovers.find(in: html).isEmpty)
    }
}

@Suite struct JekyllTranslationTests {
    @Test func includesAreResolvedAndHTMLIncludesDropped() {
        let files = ["_includes/note.md": "Included **text**", "_includes/copy.html": "<button>"]
        let result = DialectTestSupport.translate(
            "A\n{% include note.md %}\n{% include copy.html %}\n{% include copy.html %}\nB", dialect: .jekyll,
            files: files)
        #expect(result.markdown == "A\nIncluded **text**\nB")
        #expect(result.tallies.map(\.count) == [2])
    }

    @Test func baseurlBecomesSlashAndUnknownVariablesAreTallied() {
        let result = DialectTestSupport.translate(
            "[a]({{site.url}}{{site.baseurl}}/x/) [b]({{ site.baseurl }}/y/) {{ page.title }} {{ page.title }}",
            dialect: .jekyll)
        #expect(result.markdown == "[a](/x/) [b](/y/)  ")
        #expect(result.tallies.map(\.key) == ["Liquid `{{ page.title }}`"])
        #expect(result.tallies.first?.count == 2)
    }

    @Test func kramdownCalloutClassMakesTheParagraphACallout() {
        let result = DialectTestSupport.translate(
            "Before\n\nThis matters.\nA lot.\n{: .warning}\n\nAfter", dialect: .jekyll)
        #expect(result.markdown == "Before\n\n> [!warning]\n> This matters.\n> A lot.\n\nAfter")
    }

    @Test func rawKeepsLiquidAsText() {
        let html = DialectTestSupport.html("{% raw %}\nUse {{ x }} here.\n{% endraw %}", dialect: .jekyll)
        #expect(html.contains("Use {{ x }} here."))
    }

    @Test func includeCycleAndMissingFileAreErrorsNamingTheChain() {
        let files = ["_includes/a.md": "{% include b.md %}", "_includes/b.md": "{% include a.md %}"]
        let result = DialectTestSupport.translate(
            "{% include a.md %}\n{% include gone.md %}", dialect: .jekyll, files: files)
        let messages = result.diagnostics.map(\.message)
        #expect(
            messages.contains {
                $0.contains("include cycle: docs/page.md → _includes/a.md → _includes/b.md → _includes/a.md")
            })
        #expect(messages.contains { $0.contains("gone.md was not found") })
        #expect(result.diagnostics.allSatisfy { $0.severity == .error })
    }
}

@Suite struct DocfxTranslationTests {
    @Test func imageDirectivesBecomeImages() {
        let page = """
            :::image type="content" source="media/a.png" alt-text="Screen A":::

            :::image type="complex" source="media/b.png"
              alt-text="Screen B":::
                Long description.
            :::image-end:::
            """
        let result = DialectTestSupport.translate(page, dialect: .docfx)
        #expect(result.markdown.contains("![Screen A](media/a.png)"))
        #expect(result.markdown.contains("![Screen B](media/b.png)"))
        #expect(TemplateLeftovers.find(in: DialectTestSupport.render(result).html).isEmpty)
    }

    @Test func includesCodeVideoTabsAndNextStep() {
        let files = [
            "includes/env.md": "Set `VCPKG_ROOT`.",
            "docs/snippets/main.cpp": "int main() {\n  return 0;\n}\n",
        ]
        let page = """
            [!INCLUDE [env](../includes/env.md)]

            :::code language="cpp" source="snippets/main.cpp" range="2":::

            > [!VIDEO https://learn.microsoft.com/player/?id=1]

            # [Bash](#tab/bash)
            Run it.
            # [PowerShell](#tab/ps)
            Run it too.
            ---

            > [!div class="nextstepaction"]
            > [Next](next.md)

            See [Foo](xref:Foo.Bar).
            """
        let result = DialectTestSupport.translate(page, dialect: .docfx, files: files)
        #expect(result.markdown.contains("Set `VCPKG_ROOT`."))
        #expect(result.markdown.contains("```cpp\n  return 0;\n```"))
        #expect(result.markdown.contains("[Video: https://learn.microsoft.com/player/?id=1]"))
        #expect(result.markdown.contains("**Bash**"))
        #expect(result.markdown.contains("\n[Next](next.md)"))
        #expect(result.markdown.contains("See Foo."))
        #expect(result.tallies.map(\.key) == ["docfx xref link"])
        #expect(TemplateLeftovers.find(in: DialectTestSupport.render(result).html).isEmpty)
    }

    @Test func noteIsAlreadyACallout() {
        let html = DialectTestSupport.html("> [!NOTE]\n> Read this.", dialect: .docfx)
        #expect(!html.contains("[!NOTE]"))
    }
}

@Suite struct TemplateLeftoversTests {
    @Test func findsSyntaxOutsideCodeOnly() {
        #expect(TemplateLeftovers.find(in: "<p>{{< foo >}}</p>\n<p>:::image x</p>").count == 2)
        #expect(
            TemplateLeftovers.find(in: "<pre><code>{{< foo >}}\n:::note\nimport x\n</code></pre>").isEmpty)
        #expect(TemplateLeftovers.find(in: "<p>Hello {{name}}</p>").isEmpty)
    }

    @Test func ownMarkdownIsLeftAlone() {
        let result = DialectTestSupport.translate("Hello {{ x }}", dialect: nil)
        #expect(result.markdown == "Hello {{ x }}")
        #expect(result.sourceLines == nil)
    }
}

@Suite struct IncludeLimitTests {
    @Test func includesNestedDeeperThanEightAreAnError() {
        var files: [String: String] = [:]
        for level in 0..<12 { files["_includes/\(level).md"] = "{% include \(level + 1).md %}" }
        let result = DialectTestSupport.translate("{% include 0.md %}", dialect: .jekyll, files: files)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("nest deeper than 8") == true)
        #expect(result.diagnostics.first?.line == 1)
    }

    @Test func bracesInIndentedAndInlineCodeStayAsWritten() {
        let result = DialectTestSupport.translate(
            "Text {{a}} and `{{b}}`\n\n    {{ code }}\n", dialect: .mkdocs)
        #expect(result.markdown == "Text {\\{a}} and `{{b}}`\n\n    {{ code }}\n")
    }
}

@Suite struct DocusaurusHeadingAndAttributeTests {
    @Test func headingIDsAreKeptAndJSXAttributesRemoved() {
        let result = DialectTestSupport.translate(
            "## Setup SAML {#setup}\n\n<div style={{textAlign: 'center'}}><img src=\"a.png\"/></div>",
            dialect: .docusaurus)
        #expect(result.markdown.hasPrefix("## Setup SAML {: #setup}"))
        #expect(result.markdown.hasSuffix("<div><img src=\"a.png\"/></div>"))
        let html = DialectTestSupport.render(result).html
        #expect(html.contains("id=\"setup\""))
    }

    /// Cards as the Flagsmith docs write them: removing `<Card>` and `<IonIcon />` must not
    /// leave blank lines that turn the indented HTML after them into a code block.
    @Test func componentLinesAmidHTMLLeaveNoCodeBlock() {
        let page = """
            Intro.

            <Card>
              <div className="card-header">
                <div className="icon-container">
                  <IonIcon icon={people} className="card-icon" />
                </div>
                <h3>User Management</h3>
              </div>
              <p>Control user roles</p>
            </Card>

            After.
            """
        let html = DialectTestSupport.html(page, dialect: .docusaurus)
        #expect(!html.contains("<pre>"), "\(html)")
        #expect(!html.contains("&lt;"), "\(html)")
        #expect(html.contains("User Management") && html.contains("<p>After.</p>"))
    }

    /// Flagsmith's install snippets: a `<CodeBlock>` of template literals around a version
    /// component becomes a fenced code block with the literal text, the component reported.
    @Test func codeBlockOfTemplateLiteralsBecomesAFencedCodeBlock() {
        let page = """
            <CodeBlock language="xml">
                {`<dependency>
                <version>`}
                <JavaVersion />
                {`</version>
            </dependency>`}
            </CodeBlock>

            <CodeBlock>{ `npm i x@`}<JsVersion />{`/index.js` } </CodeBlock>
            """
        let result = DialectTestSupport.translate(page, dialect: .docusaurus)
        #expect(
            result.markdown.contains("```xml\n<dependency>\n    <version></version>\n</dependency>\n```"),
            "\(result.markdown)")
        #expect(result.markdown.contains("```\nnpm i x@/index.js\n```"), "\(result.markdown)")
        #expect(result.tallies.contains { $0.key == "MDX component <JavaVersion>" })
        #expect(TemplateLeftovers.find(in: DialectTestSupport.render(result).html).isEmpty)
    }

    /// `<span id="top" />` in MDX is an empty span; as HTML it would wrap the rest of the page.
    @Test func selfClosedHTMLTagsAreClosed() {
        let html = DialectTestSupport.html("<span id=\"top\" />\n\nText.\n", dialect: .docusaurus)
        #expect(html.contains("<span id=\"top\"></span>"), "\(html)")
        #expect(html.contains("<p>Text.</p>"), "\(html)")
    }
}
