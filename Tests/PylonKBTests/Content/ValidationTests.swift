import Foundation
import PylonKB
import Testing

@Suite("Content validation")
struct ValidationTests {
    @Test func malformedFrontMatterYAMLIsAnErrorAtItsLine() async throws {
        let content = try TemporaryContent([
            "a.md": "---\ntitle: Fine\ntags: [one, two\nslug: a\n---\nBody\n"
        ])
        #expect(
            try await content.diagnostics() == [
                "a.md:4: error: The YAML is malformed: did not find expected ',' or ']' while parsing a flow sequence (column 5)."
            ])
    }

    @Test func fileThatIsNotUTF8IsAnErrorAtTheLineOfTheBadByte() async throws {
        var data = Data("---\ntitle: Café\n---\nFirst line\nSecond ".utf8)
        data.append(contentsOf: [0xE9, 0x0A])  // Latin-1 "é"
        let content = try TemporaryContent(data: ["latin1.md": data])
        #expect(
            try await content.diagnostics() == [
                "latin1.md:5: error: The file is not valid UTF-8 text; save it with UTF-8 encoding."
            ])
    }

    @Test func articleWithoutTitleIsAnError() async throws {
        let content = try TemporaryContent(["guide.md": "---\nslug: guide\n---\nJust text.\n"])
        #expect(
            try await content.diagnostics() == [
                "guide.md:1: error: This article has no title; add `title:` to the front matter or start the text with a `# Heading`."
            ])
    }

    @Test func firstHeadingIsTheTitleWhenFrontMatterHasNone() async throws {
        let content = try TemporaryContent([
            "guide.md": "```\n# not this\n```\n\n# Install the agent\n\nText.\n"
        ])
        let result = try await content.check()
        #expect(result.report.diagnostics.isEmpty)
        #expect(result.tree.articles.map(\.title) == ["Install the agent"])
    }

    @Test func duplicateSlugNamesBothFiles() async throws {
        let content = try TemporaryContent([
            "a/install.md": "# Install A\n\nText.\n",
            "b/setup.md": "---\ntitle: Install B\nslug: install\n---\nText.\n",
        ])
        #expect(
            try await content.diagnostics() == [
                "b/setup.md:3: error: The slug \"install\" is also used by a/install.md; slugs must be unique in a knowledge base, so set a different `slug:` in one of them."
            ])
    }

    @Test func redirectsMustHaveOneTarget() async throws {
        let content = try TemporaryContent([
            "a.md": "---\ntitle: A\nprevious_slugs: [b, old]\nredirect_from: [/legacy]\n---\nText.\n",
            "b.md": "---\ntitle: B\nprevious_slugs: [old]\nredirect_from: [/legacy]\n---\nText.\n",
        ])
        #expect(
            try await content.diagnostics() == [
                "a.md:3: error: The previous slug \"b\" is the slug of b.md; remove it from `previous_slugs`.",
                "b.md:3: error: The previous slug \"old\" is also listed by a.md; an old slug can redirect to only one article.",
                "b.md:4: error: The redirect from /legacy is also listed by a.md; a path can redirect to only one article.",
            ])
    }

    @Test func invalidSlugInFrontMatterSuggestsAValidOne() async throws {
        let content = try TemporaryContent(["a.md": "---\ntitle: A\nslug: Getting_Started\n---\nText.\n"])
        #expect(
            try await content.diagnostics() == [
                "a.md:3: error: The slug \"Getting_Started\" is not valid: slugs may contain only lowercase letters a–z, digits and single hyphens between them. Use `getting-started` instead."
            ])
    }

    @Test func slugFromAnInvalidFileNameIsDerivedWithAWarning() async throws {
        let content = try TemporaryContent(["Read Me.md": "# Read me\n\nText.\n"])
        #expect(
            try await content.diagnostics() == [
                "Read Me.md:1: warning: The slug \"read-me\" was derived from the file name \"Read Me\", which is not a valid slug (only a–z, 0–9 and single hyphens are). The slug is part of the address on Pylon; to keep it if the name changes, or to choose another, set `slug: read-me` in the front matter."
            ])
    }

    @Test func unknownVisibilityIsAnError() async throws {
        let content = try TemporaryContent(["a.md": "---\ntitle: A\nvisibility: private\n---\nText.\n"])
        #expect(
            try await content.diagnostics() == [
                "a.md:3: error: `visibility` is \"private\", which is not one of `public`, `customer`, `internal_only`."
            ])
    }

    @Test func linkToMissingArticleIsAnError() async throws {
        let content = try TemporaryContent([
            "guides/a.md": "# A\n\nSee [setup](setup.md).\n"
        ])
        #expect(
            try await content.diagnostics() == [
                "guides/a.md:3: error: The link `setup.md` points to guides/setup.md, which does not exist; fix the path or add the article."
            ])
    }

    @Test func linkToMissingAnchorListsTheTargetsHeadings() async throws {
        let content = try TemporaryContent([
            "a.md": "# A\n\nSee [b](b.md#instal) and [ok](b.md#install).\n",
            "b.md": "# B\n\n## Install\n\n## Configure\n",
        ])
        #expect(
            try await content.diagnostics() == [
                "a.md:3: error: The link `b.md#instal` points to #instal, which is not a heading or id in b.md; its headings and ids are #configure, #install."
            ])
    }

    @Test func permalinksResolveAndCollectionLinksWarn() async throws {
        let content = try TemporaryContent([
            "a.md":
                "# A\n\n[b](guides/b), [c](/guides/c/#x), [self](#part)\n\n[folder](guides/)\n\n[gone](/old-section/)\n\n## Part\n",
            "guides/b.md": "# B\n\nText.\n",
            "guides/c/index.md": "# C\n\n## X\n",
        ])
        #expect(
            try await content.diagnostics() == [
                "a.md:5: warning: The link `guides/` points to the folder guides, a collection; Pylon's API gives collections no address, so the link is published as written and will not work there. Link to an article in it instead.",
                "a.md:7: error: The link `/old-section/` points to old-section, which does not exist; fix the path or add the article.",
            ])
    }

    @Test func missingImageIsAnError() async throws {
        let content = try TemporaryContent(["a.md": "# A\n\n![Diagram](images/flow.png)\n"])
        #expect(
            try await content.diagnostics() == [
                "a.md:3: error: The image `images/flow.png` does not exist (looked for images/flow.png in the content root)."
            ])
    }

    @Test func imageAndLinkLeavingTheContentRootAreErrors() async throws {
        let content = try TemporaryContent([
            "a.md": "# A\n\n![Logo](../../logo.png)\n\n[Secrets](../../etc/passwd.md)\n"
        ])
        #expect(
            try await content.diagnostics() == [
                "a.md:3: error: The image `../../logo.png` is outside the content root; move it into the content folder.",
                "a.md:5: error: The link `../../etc/passwd.md` points outside the content root; link only to files inside it.",
            ])
    }

    @Test func collectionFileThatFailsToParseIsAnError() async throws {
        let content = try TemporaryContent([
            "guides/_collection.yml": "title: Guides\ndescription: \"unclosed\n",
            "guides/a.md": "# A\n\nText.\n",
        ])
        #expect(
            try await content.diagnostics() == [
                "guides/_collection.yml:2: error: The YAML is malformed: found unexpected end of stream while scanning a quoted scalar (column 14)."
            ])
    }

    @Test func collectionFileWithoutArticlesIsIgnoredWithAWarning() async throws {
        let content = try TemporaryContent([
            "_collection.yml": "title: Root\n",
            "empty/_collection.yml": "title: Empty\n",
            "a.md": "# A\n\nText.\n",
        ])
        #expect(
            try await content.diagnostics() == [
                "_collection.yml: warning: This file is ignored: the content root is the knowledge base itself, not a collection.",
                "empty/_collection.yml: warning: This file is ignored: empty holds no articles, so it is not a collection.",
            ])
    }

    @Test func unknownFrontMatterKeysWarnOncePerKey() async throws {
        let content = try TemporaryContent([
            "a.md": "---\ntitle: A\nnav_title: Short\ncategory: Guides\norder: 3\n---\nText.\n"
        ])
        #expect(
            try await content.diagnostics() == [
                "a.md:3: warning: Front matter key `nav_title` is not read by pylon-kb and is ignored (docs/front-matter.md lists the keys it reads; docs/adopting.md those of each dialect).",
                "a.md:4: warning: Front matter key `category` is not read by pylon-kb and is ignored (docs/front-matter.md lists the keys it reads; docs/adopting.md those of each dialect).",
                "a.md:5: warning: Front matter key `order` is not read by pylon-kb and is ignored (docs/front-matter.md lists the keys it reads; docs/adopting.md those of each dialect).",
            ])
    }

    @Test func syntaxTheRendererDropsIsAWarningAtItsLine() async throws {
        let content = try TemporaryContent([
            "a.md": "---\ntitle: A\n---\nIntro\n\n{% include footer.md %}\n"
        ])
        let diagnostics = try await content.diagnostics()
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("a.md:6: warning: ") == true)
        #expect(diagnostics.first?.contains("{% include footer.md %}") == true)
    }

    @Test func byteOrderMarkIsStrippedAndCRLFIsAccepted() async throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("---\r\ntitle: Windows\r\nvisibility: secret\r\n---\r\nText\r\n".utf8))
        let content = try TemporaryContent(data: ["win.md": data])
        let result = try await content.check()
        #expect(result.tree.articles.map(\.title) == ["Windows"])
        #expect(
            result.report.diagnostics.map(\.description) == [
                "win.md:3: error: `visibility` is \"secret\", which is not one of `public`, `customer`, `internal_only`."
            ])
    }

    @Test func unterminatedFrontMatterIsAnErrorAtLineOne() async throws {
        let content = try TemporaryContent(["a.md": "---\ntitle: A\n\nBody without a closing fence.\n"])
        #expect(
            try await content.diagnostics() == [
                "a.md:1: error: The front matter that starts on line 1 is never closed; add a line with `---` after it."
            ])
    }

    @Test func translationWithoutOriginalIsAnError() async throws {
        let content = try TemporaryContent(["guides/install.fr.md": "# Installer\n\nText.\n"])
        #expect(
            try await content.diagnostics() == [
                "guides/install.fr.md: error: This file is named as the `fr` translation of guides/install.md, which does not exist; add guides/install.md or rename this file."
            ])
    }

    @Test func translationSettingsAreIgnoredWithAWarning() async throws {
        let content = try TemporaryContent([
            "install.md": "# Install\n\nText.\n",
            "install.pt-br.md": "---\ntitle: Instalar\nslug: instalar\n---\nText.\n",
        ])
        let result = try await content.check()
        #expect(
            result.report.diagnostics.map(\.description) == [
                "install.pt-br.md:3: warning: `slug` in a translation is ignored; translations share the settings of install.md."
            ])
        #expect(result.tree.articles.first?.translations.map(\.language) == ["pt-BR"])
        #expect(result.tree.articles.first?.translations.map(\.title) == ["Instalar"])
    }

    @Test func underscoreAndDotFilesAreNotContent() async throws {
        let content = try TemporaryContent([
            "_defaults.md": "---\ntitle:\n---\nText.\n",
            "_includes/footer.md": "no front matter, no title",
            ".github/README.md": "nothing",
            "a.md": "# A\n\nText.\n",
        ])
        let result = try await content.check()
        #expect(result.report.diagnostics.isEmpty)
        #expect(result.tree.articles.map(\.path) == ["a.md"])
    }

    @Test func frontMatterValuesAndDefaultsFromConfiguration() async throws {
        let content = try TemporaryContent([
            "pylon-kb.yml":
                "target: local\nauthor: docs@example.com\ndefaults:\n  published: false\n  visibility: customer\n",
            "guides/_collection.yml": "title: User guides\ndescription: How to.\nslug: user-guides\n",
            "guides/a.md": """
            ---
            title: A
            unlisted: true
            ai_agent_access: none
            previous_slugs: [old-a]
            redirect_from: [/articles/123-old-a]
            protect: true
            ---
            Text.
            """,
            "guides/deep/b.md":
                "---\ntitle: B\npublished: true\nvisibility: internal_only\nauthor: u_123\n---\nText.\n",
        ])
        let result = try await content.check()
        #expect(result.report.diagnostics.isEmpty)
        let a = try #require(result.tree.articles.first { $0.path == "guides/a.md" })
        #expect(!a.published && a.unlisted && a.protect)
        #expect(a.visibility == .customer && a.aiAgentAccess == AIAgentAccess.none)
        #expect(a.previousSlugs == ["old-a"] && a.redirectFrom == ["/articles/123-old-a"])
        #expect(a.author == "docs@example.com" && a.collectionPath == "guides")
        let b = try #require(result.tree.articles.first { $0.path == "guides/deep/b.md" })
        #expect(b.published && b.visibility == .internalOnly && b.author == "u_123")
        #expect(
            result.tree.collections == [
                ContentCollection(
                    path: "guides", parentPath: nil, slug: "user-guides", title: "User guides",
                    description: "How to."),
                ContentCollection(
                    path: "guides/deep", parentPath: "guides", slug: "deep", title: "Deep", description: nil),
            ])
    }
}

@Suite("Empty articles")
struct EmptyArticleTests {
    /// Pylon requires `body_html`: a file with only front matter, or only comments, would be a
    /// blank page (or a refused create), so `check` says so before anything is sent.
    @Test func anArticleWhoseBodyRendersEmptyGetsAWarning() async throws {
        let content = try TemporaryContent([
            "only-front-matter.md": "---\ntitle: Placeholder\n---\n",
            "only-comment.md": "---\ntitle: Later\n---\n<!-- to be written -->\n",
            "fine.md": "---\ntitle: Fine\n---\nText.\n",
        ])
        let diagnostics = try await content.diagnostics()
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.contains("warning: The article has no text") })
        #expect(diagnostics.contains { $0.hasPrefix("only-front-matter.md") })
        #expect(diagnostics.contains { $0.hasPrefix("only-comment.md") })
    }
}
