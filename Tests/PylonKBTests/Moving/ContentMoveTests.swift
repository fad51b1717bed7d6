import Foundation
import Testing

@testable import PylonKB

/// The edit planner of `pylon-kb mv`: from a folder and its texts to the renames and the
/// changed lines, with nothing written.
@Suite struct ContentMoveTests {
    /// A small help center: two folders, a translation, an image, links of every kind.
    static let files: [String: String] = [
        "pylon-kb.yml": "target: local\nauthor: docs@example.com\n",
        "faq.md": """
        ---
        title: FAQ
        ---

        See [Install](guides/install.md#before-you-start) and [again](./guides/install.md).
        Reference style: [install][inst] and [the image][shot].
        <a href="guides/install.md#before-you-start">raw</a>
        Code is left alone: `guides/install.md` and

        ```
        [not a link](guides/install.md)
        ```

        [inst]: guides/install.md#before-you-start "Install"
        [shot]: <guides/images/shot.png>
        """,
        "guides/install.md": """
        ---
        title: Install   # keep this comment
        tags: [setup]
        ---

        ## Before you start

        ![Screen](images/shot.png) and <img src="images/shot.png" alt="x">
        Next: [Configure](configure.md), [FAQ](../faq.md#top), [self](#before-you-start).
        Docs-site style: [configure](configure) and [again](configure.html).
        """,
        "guides/install.fr.md": """
        ---
        title: Installer
        ---

        ## Avant de commencer

        [Configurer](configure.md) ![Écran](images/shot.png)
        """,
        "guides/configure.md": """
        # Configure

        Back to [install](install.md#before-you-start) or [install](./install) or [folder](../guides/install.md).
        """,
        "guides/images/shot.png": "png",
        "guides/_collection.yml": "title: Guides\n",
        "setup/other.md": "# Other\n\nText.\n",
    ]

    struct Folder {
        var tree: ContentTree
        var texts: [String: String]
    }

    static func load(_ files: [String: String] = files) async throws -> Folder {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("move-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try await ContentLoader(root: root).load()
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
        return Folder(tree: loaded.tree, texts: files.filter { $0.key.hasSuffix(".md") })
    }

    static func plan(_ source: String, _ destination: String, in folder: Folder) throws -> MovePlan {
        try ContentMove(source: source, destination: destination).plan(tree: folder.tree, texts: folder.texts)
    }

    static func text(_ path: String, after plan: MovePlan, in folder: Folder) -> String? {
        plan.edits.first { $0.pathAfter == path }?.text
    }

    @Test func aRenamedArticleTakesItsTranslationAndEveryLinkToItAndRecordsItsSlug() async throws {
        let folder = try await Self.load()
        let plan = try Self.plan("guides/install.md", "guides/setup.md", in: folder)
        #expect(
            plan.moves == [
                .init(from: "guides/install.fr.md", to: "guides/setup.fr.md", isFolder: false),
                .init(from: "guides/install.md", to: "guides/setup.md", isFolder: false),
            ])
        let faq = try #require(Self.text("faq.md", after: plan, in: folder))
        // Anchors, `./`, reference definitions (title and angle brackets too) and raw HTML keep
        // their form; only the path changes. Code is not touched.
        #expect(faq.contains("[Install](guides/setup.md#before-you-start) and [again](./guides/setup.md)"))
        #expect(faq.contains("<a href=\"guides/setup.md#before-you-start\">raw</a>"))
        #expect(faq.contains("[inst]: guides/setup.md#before-you-start \"Install\""))
        #expect(faq.contains("[shot]: <guides/images/shot.png>"))
        #expect(faq.contains("`guides/install.md`") && faq.contains("[not a link](guides/install.md)"))
        // Links written the way docs sites write them keep that way.
        let configure = try #require(Self.text("guides/configure.md", after: plan, in: folder))
        #expect(
            configure.contains(
                "[install](setup.md#before-you-start) or [install](./setup) or [folder](../guides/setup.md)"))
        // The slug came from the file name: the old one is recorded, comments and keys kept.
        let article = try #require(Self.text("guides/setup.md", after: plan, in: folder))
        #expect(
            article.hasPrefix(
                "---\ntitle: Install   # keep this comment\nprevious_slugs: [install]\ntags: [setup]\n---\n"))
        #expect(article.contains("[configure](configure) and [again](configure.html)"))
        #expect(plan.slugRecords == [.init(path: "guides/setup.md", oldSlug: "install", newSlug: "setup")])
        // The translation's own links did not change (same folder): no edit for it.
        #expect(!plan.edits.contains { $0.path == "guides/install.fr.md" })
        let slugChange = try #require(plan.edits.first { $0.path == "guides/install.md" }?.changes.first)
        #expect(
            slugChange
                == .init(kind: .frontMatter, line: 3, lineAfter: 3, old: "", new: "previous_slugs: [install]")
        )
    }

    @Test func anArticleMovedToAnotherFolderRewritesItsOwnLinksAndImagesAndKeepsItsSlug() async throws {
        let folder = try await Self.load()
        let plan = try Self.plan("guides/install.md", "setup/install.md", in: folder)
        #expect(plan.slugRecords.isEmpty)
        let article = try #require(Self.text("setup/install.md", after: plan, in: folder))
        #expect(
            article.contains(
                "![Screen](../guides/images/shot.png) and <img src=\"../guides/images/shot.png\""))
        #expect(
            article.contains(
                "[Configure](../guides/configure.md), [FAQ](../faq.md#top), [self](#before-you-start)"))
        #expect(article.contains("[configure](../guides/configure) and [again](../guides/configure.html)"))
        let translation = try #require(Self.text("setup/install.fr.md", after: plan, in: folder))
        #expect(
            translation.contains("[Configurer](../guides/configure.md) ![Écran](../guides/images/shot.png)"))
        let change = try #require(plan.edits.first { $0.path == "guides/install.md" }?.changes.first)
        #expect(
            change.old == "images/shot.png" && change.new == "../guides/images/shot.png" && change.line == 8)
        #expect(
            plan.movedFiles == [
                "guides/install.md": "setup/install.md", "guides/install.fr.md": "setup/install.fr.md",
            ])
    }

    @Test func aFolderMovesWholeAndOnlyLinksThatCrossItsEdgeChange() async throws {
        let folder = try await Self.load()
        let plan = try Self.plan("guides", "setup/guides", in: folder)
        #expect(plan.moves == [.init(from: "guides", to: "setup/guides", isFolder: true)])
        #expect(plan.movedFiles["guides/_collection.yml"] == "setup/guides/_collection.yml")
        #expect(plan.movedFiles["guides/images/shot.png"] == "setup/guides/images/shot.png")
        #expect(plan.slugRecords.isEmpty)
        let faq = try #require(Self.text("faq.md", after: plan, in: folder))
        #expect(faq.contains("[Install](setup/guides/install.md#before-you-start)"))
        #expect(faq.contains("[shot]: <setup/guides/images/shot.png>"))
        let article = try #require(Self.text("setup/guides/install.md", after: plan, in: folder))
        #expect(article.contains("[FAQ](../../faq.md#top)"))
        #expect(article.contains("![Screen](images/shot.png)"))
        // `../guides/install.md` from inside the folder names the folder by its old name.
        let configure = try #require(Self.text("setup/guides/configure.md", after: plan, in: folder))
        // (a moved page's links are written anew, so that detour goes).
        #expect(configure.contains("[folder](install.md)"))
        #expect(!plan.edits.contains { $0.path == "guides/install.fr.md" })
    }

    @Test func aSetSlugOrANameBackKeepsPreviousSlugsValid() async throws {
        var files = Self.files
        files["setup/other.md"] = "---\ntitle: Other\nslug: other-page\n---\n\nText.\n"
        files["guides/configure.md"] =
            "---\nprevious_slugs:\n  - settings\n  - old-name\n---\n# Configure\n\nText.\n"
        let folder = try await Self.load(files)
        #expect(try Self.plan("setup/other.md", "setup/renamed.md", in: folder).slugRecords.isEmpty)
        let back = try Self.plan("guides/configure.md", "guides/settings.md", in: folder)
        let text = try #require(Self.text("guides/settings.md", after: back, in: folder))
        #expect(text.hasPrefix("---\nprevious_slugs:\n  - old-name\n  - configure\n---\n"))
    }

    @Test func anArticleWithoutFrontMatterGetsOne() async throws {
        let folder = try await Self.load()
        let plan = try Self.plan("setup/other.md", "setup/another.md", in: folder)
        let edit = try #require(plan.edits.first)
        #expect(edit.text == "---\nprevious_slugs: [other]\n---\n# Other\n\nText.\n")
        #expect(edit.changes.map(\.new) == ["---", "previous_slugs: [other]", "---"])
    }

    @Test(arguments: [
        ("guides/install.fr.md", "setup/install.fr.md", "is a translation of guides/install.md"),
        ("guides/install.md", "faq.md", "faq.md already exists"),
        ("guides/install.md", "setup/install.fr.md", "reads as a translation"),
        ("guides/install.md", "setup/install.txt", "does not end in .md"),
        ("guides/install.md", "_drafts/install.md", "would not be published"),
        ("guides", "guides/inner", "cannot move into itself"),
        ("guides", "setup", "setup already exists"),
        ("missing.md", "setup/missing.md", "does not exist"),
        ("guides/_collection.yml", "setup/_collection.yml", "move the folder instead"),
        ("pylon-kb.yml", "setup/pylon-kb.yml", "stays at the content root"),
        ("guides/install.md", ".git/install.md", "does not read"),
    ])
    func refused(source: String, destination: String, reason: String) async throws {
        let folder = try await Self.load()
        #expect {
            try Self.plan(source, destination, in: folder)
        } throws: { error in
            (error as? MoveRefusal)?.description.contains(reason) == true
        }
    }
}
