import Foundation
import PylonKB
import Testing

/// `checks: accessibility`, `checks: strict` and `check --strict`.
@Suite("Accessibility check and strictness")
struct AccessibilityCheckTests {
    private func diagnostics(_ body: String, configuration: String = "target: local\n", strict: Bool = false)
        async throws -> [String]
    {
        let content = try TemporaryContent([
            "pylon-kb.yml": configuration, "a.md": "# A\n\n" + body, "b.md": "# B\n\nText.\n",
            "shot.png": "",
        ])
        return try await ContentCheck.run(root: content.root, render: Renderer().render, strict: strict)
            .report.diagnostics.map(\.description)
    }

    @Test func findsMissingAltTextSkippedLevelsAndUnhelpfulLinkText() async throws {
        let found = try await diagnostics(
            "Intro.\n\n## Setup\n\n#### Details\n\n![](https://cdn.example.com/shot.png)\n\n[](b.md) [Click here](b.md), [ici](b.md) and [hier.](https://example.com) but [the setup guide](b.md).\n"
        )
        #expect(
            found == [
                "a.md:7: warning: The heading \"Details\" is an h4 after an h2, skipping h3; screen-reader users navigate by heading levels, so write it with at most one `#` more than the heading before it.",
                "a.md:9: warning: The image `https://cdn.example.com/shot.png` has no alt text, so screen readers announce only its file name; describe what it shows: `![What it shows](https://cdn.example.com/shot.png)`.",
                "a.md:11: warning: The link text \"Click here\" says nothing about where it leads (screen readers list links by their text alone); name the destination instead, such as `[the setup guide](b.md)`.",
                "a.md:11: warning: The link text \"hier.\" says nothing about where it leads (screen readers list links by their text alone); name the destination instead, such as `[the setup guide](https://example.com)`.",
                "a.md:11: warning: The link text \"ici\" says nothing about where it leads (screen readers list links by their text alone); name the destination instead, such as `[the setup guide](b.md)`.",
                "a.md:11: warning: The link to `b.md` has no text, so screen readers read out its address; write what it leads to between the brackets.",
            ])
    }

    @Test func firstHeadingDeeperThanALaterOne() async throws {
        let found = try await diagnostics("### Intro\n\nText.\n\n## Part\n")
        #expect(
            found == [
                "a.md:3: warning: The first heading \"Intro\" is an h3 under the title (the page's h1), skipping h2, because a later heading is shallower; screen-reader users navigate by heading levels, so give the first heading the shallowest level the article uses."
            ])
    }

    @Test func imageLinksWithAltTextAndSymbolsAreNotEmpty() async throws {
        let found = try await diagnostics(
            "[![Logo](shot.png)](b.md) [✅](b.md) [`_`](b.md)\n\n## A\n\n### B\n\n## C\n")
        #expect(found.filter { !$0.contains("shot.png") } == [])
    }

    @Test func strictFlagMakesWarningsErrors() async throws {
        let body = "![](https://cdn.example.com/shot.png)\n"
        let relaxed = try await diagnostics(body)
        let strict = try await diagnostics(body, strict: true)
        #expect(relaxed.count == 1 && relaxed[0].hasPrefix("a.md:3: warning: The image"))
        #expect(strict == relaxed.map { $0.replacingOccurrences(of: ": warning: ", with: ": error: ") })
        let configured = try await diagnostics(
            body, configuration: "target: local\nchecks:\n  strict: true\n")
        #expect(configured == strict)
    }

    @Test func offReportsNothingEvenWhenStrict() async throws {
        let found = try await diagnostics(
            "![](https://cdn.example.com/shot.png) [here](b.md)\n",
            configuration: "target: local\nchecks:\n  accessibility: off\n", strict: true)
        #expect(found == [])
    }
}

@Suite("checks: in pylon-kb.yml")
struct CheckSettingsConfigurationTests {
    @Test func readsLevelsAndParameters() {
        var diagnostics: [Diagnostic] = []
        let configuration = Configuration.parse(
            """
            target: local
            checks:
              strict: true
              unclosed_html: warning
              images:
                level: error
                max_size: 2.5MB
              accessibility: off
              external_links:
                per_host: 4
                timeout: 500ms
                cache_ttl: 2h
                max_redirects: 3
            """, diagnostics: &diagnostics)
        #expect(diagnostics == [])
        let checks = configuration.checks
        #expect(checks.strict)
        #expect(checks.level(of: .unclosedHTML) == .warning)
        #expect(checks.level(of: .images) == .error)
        #expect(checks.level(of: .accessibility) == .off)
        #expect(checks.level(of: .staleTranslations) == .warning)
        #expect(checks.imageMaximumBytes == 2_500_000)
        #expect(checks.externalLinks.perHost == 4)
        #expect(checks.externalLinks.timeout == .milliseconds(500))
        #expect(checks.externalLinks.cacheTTL == .seconds(7200))
        #expect(checks.externalLinks.maximumRedirects == 3)
    }

    @Test func reportsUnknownKeysAndBadValuesAtTheirLine() {
        var diagnostics: [Diagnostic] = []
        let configuration = Configuration.parse(
            "target: local\nchecks:\n  spelling: error\n  images:\n    max_size: huge\n    colour: red\n  accessibility: loud\n",
            diagnostics: &diagnostics)
        #expect(
            diagnostics.sorted().map(\.description) == [
                "pylon-kb.yml:3: warning: Unknown key `spelling` in `checks` is ignored.",
                "pylon-kb.yml:5: error: `max_size` is \"huge\"; write a size such as `10MB` or `500KB`.",
                "pylon-kb.yml:6: warning: Unknown key `colour` in `checks.images` is ignored.",
                "pylon-kb.yml:7: error: `accessibility` is \"loud\", which is not one of `off`, `warning`, `error`.",
            ])
        #expect(configuration.checks.imageMaximumBytes == 10_000_000)
    }
}
