import Foundation
import PylonKB
import Testing

/// `checks: unclosed_html`: raw HTML that is never closed and takes the rest of the article.
@Suite("Unclosed HTML check")
struct UnclosedHTMLCheckTests {
    static let configuration = "target: local\n"

    private func diagnostics(_ body: String, configuration: String = configuration) async throws -> [String] {
        try await TemporaryContent(["pylon-kb.yml": configuration, "a.md": "# A\n\n" + body]).diagnostics()
    }

    @Test func unclosedCommentIsAnErrorAtTheLineItOpens() async throws {
        let found = try await diagnostics("Intro.\n\n<!-- draft note\n\n## Hidden\n\nGone.\n")
        #expect(
            found == [
                "a.md:5: error: `<!--` opens an HTML comment that is never closed, so everything after it is hidden from readers; end the comment with `-->`."
            ])
    }

    @Test func unclosedDetailsHidesTheRest() async throws {
        let found = try await diagnostics(
            "<details>\n<summary>More</summary>\n\nInside.\n\n## Later\n\nText.\n")
        #expect(
            found == [
                "a.md:3: error: `<details>` is never closed, so the rest of the article is inside it, hidden until a reader expands it; add `</details>` where it should end."
            ])
    }

    @Test func unclosedDivOnlyWrapsTheRestSoItIsAWarning() async throws {
        let found = try await diagnostics("<div class=\"box\">\n\nText.\n\n## H\n")
        #expect(
            found == [
                "a.md:3: warning: `<div>` is never closed, so the rest of the article ends up inside it; add `</div>` where it should end."
            ])
    }

    @Test func closedConstructsAndCodeAreFine() async throws {
        let found = try await diagnostics(
            "<!-- a\nnote -->\n\n<details>\n<summary>S</summary>\n\n<div>\n\nText.\n\n</div>\n\n</details>\n\n```html\n<!-- <details>\n```\n\nInline `<!--` and <kbd>Ctrl</kbd>.\n"
        )
        #expect(found == [])
    }

    @Test func canBeTurnedOffOrMadeAWarning() async throws {
        let body = "Intro.\n\n<!-- never closed\n\nText.\n"
        #expect(
            try await diagnostics(body, configuration: "target: local\nchecks:\n  unclosed_html: off\n") == []
        )
        #expect(
            try await diagnostics(body, configuration: "target: local\nchecks:\n  unclosed_html: warning\n")
                .map {
                    $0.contains(": warning: `<!--`")
                } == [true])
    }
}
