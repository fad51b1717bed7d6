import Foundation
import Testing

/// One malformed content folder and what `check` and `plan` must say about it.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    var name: String
    var entries: [String: BadInputEntry]
    /// The file the message must name (relative to the content root).
    var file: String
    /// The line the message must name, where one makes sense.
    var line: Int?
    /// Replaces the valid pylon-kb.yml the harness writes.
    var configuration: String?
    /// True where a warning (exit 0) is the intended behaviour; see `unknownCallout`.
    var warningOnly = false

    var testDescription: String { name }

    init(
        _ name: String, _ entries: [String: BadInputEntry], file: String, line: Int? = nil,
        configuration: String? = nil, warningOnly: Bool = false
    ) {
        self.name = name
        self.entries = entries
        self.file = file
        self.line = line
        self.configuration = configuration
        self.warningOnly = warningOnly
    }

    static func article(_ text: String) -> [String: BadInputEntry] { ["guides/article.md": .text(text)] }

    static let valid = "---\ntitle: Valid\n---\nSome text.\n"

    static let all: [BadInputCase] =
        yaml + encoding + sizeAndNesting + structure + slugs + translations + symlinks + references

    static let yaml: [BadInputCase] = [
        .init(
            "YAML: unclosed flow sequence", article("---\ntitle: [unclosed\nslug: a\n---\nText.\n"),
            // libyaml reports the line where it gave up: the one after the unclosed `[`.
            file: "guides/article.md", line: 3),
        .init(
            "YAML: tab indentation", article("---\ntitle: A\n\tslug: x\n---\nText.\n"),
            file: "guides/article.md", line: 3),
        .init(
            "YAML: duplicate key", article("---\ntitle: A\ntitle: B\n---\nText.\n"),
            file: "guides/article.md", line: 2),
        .init(
            "YAML: billion laughs",
            article(
                "---\ntitle: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                    + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                    + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\nText.\n"),
            file: "guides/article.md", line: 3),
        .init(
            "YAML: alias", article("---\ntitle: &t Hello\ndescription: *t\n---\nText.\n"),
            file: "guides/article.md", line: 2),
        .init(
            "YAML: front matter is a list", article("---\n- title\n- slug\n---\n# Heading\n"),
            file: "guides/article.md", line: 2),
        .init(
            "YAML: title is a list", article("---\ntitle: [a, b]\n---\nText.\n"),
            file: "guides/article.md", line: 2),
        .init(
            "YAML: published is not a boolean", article("---\ntitle: A\npublished: maybe\n---\nText.\n"),
            file: "guides/article.md", line: 3),
        .init(
            "YAML: 1,000 nested flow sequences",
            article(
                "---\ntitle: A\nextra: " + String(repeating: "[", count: 1000)
                    + String(repeating: "]", count: 1000)
                    + "\n---\nText.\n"),
            file: "guides/article.md", line: 3),
        .init(
            "YAML: malformed pylon-kb.yml", ["guides/article.md": .text(valid)], file: "pylon-kb.yml",
            line: 3,
            configuration: "knowledge_base: kb-e2e\nauthor: [docs@example.com\n"),
        .init(
            "YAML: malformed _collection.yml",
            [
                "guides/article.md": .text(valid),
                "guides/_collection.yml": .text("title: Guides\n  slug: [x\n"),
            ],
            file: "guides/_collection.yml", line: 2),
    ]

    static let encoding: [BadInputCase] = [
        .init(
            "binary file named .md",
            [
                "guides/article.md": .bytes([
                    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0xFF, 0xFE,
                ])
            ],
            file: "guides/article.md", line: 1),
        .init(
            "NUL bytes in otherwise valid UTF-8",
            ["guides/article.md": .bytes(Array("---\ntitle: A\n---\nText\u{0}\u{0}more.\n".utf8))],
            file: "guides/article.md", line: 4),
        .init(
            "invalid UTF-8 on line 3",
            [
                "guides/article.md": .bytes(
                    Array("---\ntitle: A\nslug: ".utf8) + [0xC3, 0x28] + Array("\n---\n".utf8))
            ],
            file: "guides/article.md", line: 3),
        .init(
            "UTF-16 with a byte-order mark",
            ["guides/article.md": .bytes([0xFF, 0xFE] + Array("# Title\n".utf8).flatMap { [$0, 0] })],
            file: "guides/article.md", line: 1),
        .init(
            "UTF-8-encoded surrogate",
            ["guides/article.md": .bytes(Array("# Title\n\nText ".utf8) + [0xED, 0xA0, 0x80] + [0x0A])],
            file: "guides/article.md", line: 3),
        .init(
            "overlong UTF-8 encoding of /",
            ["guides/article.md": .bytes(Array("# Title\n".utf8) + [0xC0, 0xAF] + [0x0A])],
            file: "guides/article.md", line: 2),
        .init(
            "UTF-8 BOM before bad YAML keeps line numbers",
            ["guides/article.md": .bytes([0xEF, 0xBB, 0xBF] + Array("---\ntitle: [x\n---\nText.\n".utf8))],
            file: "guides/article.md", line: 3),
        .init(
            "CRLF line endings before bad YAML keep line numbers",
            article("---\r\ntitle: A\r\npublished: maybe\r\n---\r\nText.\r\n"),
            file: "guides/article.md", line: 3),
        .init(
            "BOM and CRLF with unterminated front matter",
            ["guides/article.md": .bytes([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\nText.\r\n".utf8))],
            file: "guides/article.md", line: 1),
    ]

    static let sizeAndNesting: [BadInputCase] = [
        .init(
            "20 MB article",
            [
                "guides/article.md": .generated(
                    header: "# Huge\n\n", line: "All work and no play. \n", bytes: 20_000_000)
            ],
            file: "guides/article.md"),
        .init(
            "6 MB front matter",
            [
                "guides/article.md": .generated(
                    header: "---\ntitle: Huge\ndescription: >\n", line: "  All work and no play.\n",
                    bytes: 6_000_000)
            ],
            file: "guides/article.md"),
        .init(
            "1,000 nested block quotes",
            article("# Deep\n\n" + String(repeating: "> ", count: 1000) + "bottom\n"),
            file: "guides/article.md"),
        .init(
            "50,000 nested block quotes",
            article("# Deep\n\n" + String(repeating: "> ", count: 50_000) + "bottom\n"),
            file: "guides/article.md"),
        .init(
            "100,000 nested raw HTML elements",
            article(
                "# Deep\n\n" + String(repeating: "<div>", count: 100_000) + "x"
                    + String(repeating: "</div>", count: 100_000) + "\n"),
            file: "guides/article.md"),
        .init(
            "1,000 nested lists",
            article(
                "# Deep\n\n" + (0..<1000).map { String(repeating: "  ", count: $0) + "- item\n" }.joined()),
            file: "guides/article.md"),
        .init(
            "1,000 nested raw HTML elements",
            article(
                "# Deep\n\n" + String(repeating: "<div>", count: 1000) + "x"
                    + String(repeating: "</div>", count: 1000)
                    + "\n"),
            file: "guides/article.md"),
    ]

    static let deepFolders = Array(repeating: "a", count: 1000).joined(separator: "/")

    static let structure: [BadInputCase] = [
        .init(
            "1,000 nested folders", [deepFolders + "/deep.md": .text(valid)], file: deepFolders + "/deep.md"),
        .init("empty file", ["guides/article.md": .bytes([])], file: "guides/article.md", line: 1),
        .init("whitespace only", article("\n   \n\t\n"), file: "guides/article.md", line: 1),
        .init(
            "front matter only, no title", article("---\nslug: lonely\n---\n"), file: "guides/article.md",
            line: 1),
        .init("empty front matter", article("---\n---\n"), file: "guides/article.md", line: 1),
        .init(
            "unterminated front matter", article("---\ntitle: A\n\nText that never ends the YAML.\n"),
            file: "guides/article.md", line: 1),
        .init(
            "unknown front matter value for visibility",
            article("---\ntitle: A\nvisibility: everyone\n---\nText.\n"),
            file: "guides/article.md", line: 3),
        // Unknown callout types are a warning by design (docs/content-layout.md): `> [!FOO]` is
        // valid Markdown and renders as an ordinary quote, so nothing is lost or corrupted, and
        // GitHub itself renders unknown types that way. The warning still names file and line.
        .init(
            "unknown callout type", article("---\ntitle: A\n---\n> [!DANGERZONE]\n> Careful.\n"),
            file: "guides/article.md", line: 4, warningOnly: true),
    ]

    static let slugs: [BadInputCase] = [
        .init(
            "slug with /", article("---\ntitle: A\nslug: a/b\n---\nText.\n"), file: "guides/article.md",
            line: 3),
        .init(
            "slug ..", article("---\ntitle: A\nslug: ..\n---\nText.\n"), file: "guides/article.md", line: 3),
        .init(
            "slug with spaces", article("---\ntitle: A\nslug: my page\n---\nText.\n"),
            file: "guides/article.md",
            line: 3),
        .init(
            "slug with emoji", article("---\ntitle: A\nslug: 🚀-launch\n---\nText.\n"),
            file: "guides/article.md",
            line: 3),
        // A file name with a space (`My Page.md`) is no longer bad input: it gets the slug
        // `my-page` with a warning (see SlugDerivationTests).
        .init("file name with emoji", ["guides/🚀.md": .text(valid)], file: "guides/🚀.md", line: 1),
        .init(
            "duplicate slugs differing only in case",
            ["guides/install.md": .text(valid), "guides/Install.md": .text(valid)], file: "guides/Install.md",
            line: 1),
        .init(
            "duplicate slugs differing only in Unicode normalisation",
            [
                "guides/cafe%CC%81.md": .text("---\ntitle: A\nslug: cafe\u{301}\n---\nText.\n"),
                "guides/caf%C3%A9.md": .text("---\ntitle: B\nslug: caf\u{E9}\n---\nText.\n"),
            ],
            file: "guides/caf", line: 3),
        .init(
            "duplicate slugs in front matter",
            [
                "guides/a.md": .text("---\ntitle: A\nslug: setup\n---\nText.\n"),
                "other/b.md": .text("---\ntitle: B\nslug: setup\n---\nText.\n"),
            ],
            file: "other/b.md", line: 3),
        .init(
            "collection folders differing only in case",
            ["guides/a.md": .text(valid), "Guides/b.md": .text("---\ntitle: B\n---\nText.\n")], file: "Guides"
        ),
        .init(
            "previous slug that is another article's slug",
            [
                "guides/a.md": .text("---\ntitle: A\n---\nText.\n"),
                "guides/b.md": .text("---\ntitle: B\nprevious_slugs: [a]\n---\nText.\n"),
            ],
            file: "guides/b.md", line: 3),
    ]

    static let translations: [BadInputCase] = [
        .init(
            "translation without an original", ["guides/install.fr.md": .text(valid)],
            file: "guides/install.fr.md"),
        .init(
            "conflicting translations in the same language",
            [
                "guides/install.md": .text(valid), "guides/install.pt-br.md": .text(valid),
                "guides/install.pt-BR.md": .text(valid),
            ],
            file: "guides/install.pt-BR.md"),
        .init(
            "translation with malformed front matter",
            [
                "guides/install.md": .text(valid),
                "guides/install.fr.md": .text("---\ntitle: [x\n---\nTexte.\n"),
            ],
            file: "guides/install.fr.md", line: 3),
    ]

    static let symlinks: [BadInputCase] = [
        .init(
            "symlink loop", ["guides/a.md": .text(valid), "guides/loop.md": .symlink(to: "loop.md")],
            file: "guides/loop.md"),
        .init(
            "two symlinks pointing at each other",
            [
                "guides/a.md": .text(valid), "guides/x.md": .symlink(to: "y.md"),
                "guides/y.md": .symlink(to: "x.md"),
            ],
            file: "guides/x.md"),
        .init(
            "folder symlink back to its parent",
            ["guides/a.md": .text(valid), "guides/again": .symlink(to: "..")], file: "guides/again"),
        .init(
            "symlink to an absolute path outside the root",
            ["guides/a.md": .text(valid), "guides/passwd.md": .symlink(to: "/etc/passwd")],
            file: "guides/passwd.md"),
        .init(
            "relative symlink leaving the root",
            ["guides/a.md": .text(valid), "guides/up.md": .symlink(to: "../../outside.md")],
            file: "guides/up.md"),
        .init(
            "dangling symlink", ["guides/a.md": .text(valid), "guides/gone.md": .symlink(to: "missing.md")],
            file: "guides/gone.md"),
    ]

    static let references: [BadInputCase] = [
        .init(
            "link leaving the content root", article("# A\n\nSee [this](../../../outside.md).\n"),
            file: "guides/article.md", line: 3),
        .init(
            "image leaving the content root", article("# A\n\n![x](../../secret.png)\n"),
            file: "guides/article.md",
            line: 3),
    ]
}

/// Issue 7, part 4: malformed content never crashes pylon-kb, never reaches Pylon, and is
/// reported with the file and line to fix.
@Suite struct BadInputEndToEndTests {
    @Test func theCorpusHasAtLeastFortyCases() {
        #expect(BadInputCase.all.count >= 40)
        #expect(Set(BadInputCase.all.map(\.name)).count == BadInputCase.all.count)
    }

    @Test(arguments: BadInputCase.all)
    func checkAndPlanRefuseBadInput(_ badCase: BadInputCase) async throws {
        let harness = try await EndToEndHarness(copyingSample: false, configuration: badCase.configuration)
        defer { Task { await harness.close() } }
        try harness.place(badCase.entries)
        let expectedStatus: Int32 = badCase.warningOnly ? 0 : 1
        let severity = badCase.warningOnly ? "warning" : "error"
        for command in [["check"], ["plan"]] {
            let result = try await harness.run(command)
            #expect(
                result.status == expectedStatus,
                "\(command[0]) exited \(result.status) for \(badCase.name):\n\(result.output)")
            let lines = result.output.split(separator: "\n")
            let named = lines.contains { line in
                guard line.contains(badCase.file), line.contains(": \(severity): ") else { return false }
                guard let expectedLine = badCase.line else { return true }
                return line.contains(":\(expectedLine): \(severity): ")
            }
            #expect(
                named,
                "\(command[0]) did not report an \(severity) naming \(badCase.file)\(badCase.line.map { ":\($0)" } ?? "") for \(badCase.name):\n\(result.output)"
            )
        }
        #expect(await harness.writes().isEmpty, "a write request reached the server for \(badCase.name)")
    }
}
