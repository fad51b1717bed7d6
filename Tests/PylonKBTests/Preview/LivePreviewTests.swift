import Foundation
import Testing

@testable import PylonKB

/// The site `pylon-kb preview` serves, without its HTTP side: what a browser gets for a path,
/// and what changes after a file of the folder changes.
@Suite struct LivePreviewTests {
    static let files: [String: String] = [
        "pylon-kb.yml": "target: local\nauthor: docs@example.com\n",
        "guides/_collection.yml": "title: Guides\n",
        "guides/install.md": "---\ntitle: Install the app\n---\n\nDownload the installer.\n",
        "guides/faq.md": "---\ntitle: FAQ\n---\n\nSee [Install](install.md).\n\n![Logo](logo.png)\n",
    ]

    /// A 1×1 PNG (70 bytes).
    static let pixel = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )!

    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "live-preview-\(UUID().uuidString)")
        for (path, text) in Self.files { try write(path, text) }
        try Self.pixel.write(to: root.appendingPathComponent("guides/logo.png"))
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func text(_ response: LivePreview.Response?) -> String {
        response.map { String(decoding: $0.body, as: UTF8.self) } ?? "<no response>"
    }

    @Test func servesEveryPageWithTheLiveScriptAndNothingOutsideTheFolder() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = LivePreview(root: root)
        let built = await preview.build()
        #expect(built.version == 1 && built.errors == 0 && built.articles == 2, "\(built)")

        let page = text(await preview.response(for: "/guides/install.html"))
        #expect(page.contains("Download the installer."))
        #expect(page.contains("<script src=\"/_preview/live.js\" data-version=\"1\"></script>"))
        // The link between pages points at the other preview page, the image at its file.
        let faq = text(await preview.response(for: "/guides/faq.html"))
        #expect(faq.contains("href=\"install.html\""), "\(faq)")
        let image = await preview.response(for: "/guides/logo.png")
        #expect(image?.contentType == "image/png" && image?.body.count == 70)
        #expect(text(await preview.response(for: "/")).contains("Install the app"))
        #expect(
            await preview.response(for: "/_preview/live.js")?.contentType.hasPrefix("text/javascript") == true
        )

        for outside in [
            "/../etc/passwd", "/guides/../../x.png", "/guides/install.md", "/pylon-kb.yml", "/nope.html",
        ] {
            #expect(await preview.response(for: outside)?.status == 404, "\(outside)")
        }
    }

    @Test func anEditIsRebuiltAndTheNextPageShowsIt() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = LivePreview(root: root)
        await preview.build()
        #expect(await preview.refreshIfChanged() == nil, "nothing changed, nothing rebuilt")

        try write("guides/install.md", "---\ntitle: Install the app\n---\n\nRun the new installer twice.\n")
        let rebuilt = try #require(await preview.refreshIfChanged())
        #expect(rebuilt.version == 2 && rebuilt.changedFiles == ["guides/install.md"], "\(rebuilt)")
        let page = text(await preview.response(for: "/guides/install.html"))
        #expect(page.contains("Run the new installer twice.") && !page.contains("Download the installer."))
        #expect(page.contains("data-version=\"2\""))

        // A new article and a changed collection title are whole-site changes.
        try write("guides/_collection.yml", "title: Setup guides\n")
        try write("guides/upgrade.md", "---\ntitle: Upgrade\n---\n\nUpgrade in place.\n")
        let added = try #require(await preview.refreshIfChanged())
        #expect(added.changedFiles == ["guides/_collection.yml", "guides/upgrade.md"])
        #expect(text(await preview.response(for: "/guides/upgrade.html")).contains("Upgrade in place."))
        #expect(text(await preview.response(for: "/")).contains("Setup guides"))
    }

    @Test func anEditedIncludeReachesThePagesThatIncludeIt() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("pylon-kb.yml", "target: local\nauthor: docs@example.com\ndialect: jekyll\n")
        try write("_includes/support.md", "Write to help@example.com.\n")
        try write(
            "guides/install.md",
            "---\ntitle: Install the app\n---\n\nDownload it.\n\n{% include support.md %}\n")
        let preview = LivePreview(root: root)
        let first = await preview.build()
        #expect(first.errors == 0, "\(first)")
        #expect(text(await preview.response(for: "/guides/install.html")).contains("help@example.com"))

        // Only a Markdown file changed, so unchanged pages keep their renders, but the page that
        // includes it is read and rendered again.
        try write("_includes/support.md", "Write to care@example.com.\n")
        let rebuilt = try #require(await preview.refreshIfChanged())
        #expect(rebuilt.changedFiles == ["_includes/support.md"])
        let page = text(await preview.response(for: "/guides/install.html"))
        #expect(page.contains("care@example.com") && !page.contains("help@example.com"), "\(page)")
    }

    @Test func errorsReachEveryOpenPageWithTheirLineAndLeaveWhenFixed() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = LivePreview(root: root)
        await preview.build()
        var updates = await preview.updates().makeAsyncIterator()
        #expect(await updates.next()?.version == 1, "a new page first learns the current build")

        try write("guides/faq.md", "---\ntitle: FAQ\n---\n\nSee [Install](instal.md).\n")
        await preview.refreshIfChanged()
        let broken = try #require(await updates.next())
        #expect(broken.version == 2 && broken.errors == 1, "\(broken)")
        let entry = try #require(broken.diagnostics.first { $0.severity == "error" })
        #expect(entry.file == "guides/faq.md" && entry.line == 5, "\(entry)")
        #expect(entry.message.contains("instal.md"))

        try write("guides/faq.md", "---\ntitle: FAQ\n---\n\nSee [Install](install.md).\n")
        await preview.refreshIfChanged()
        let fixed = try #require(await updates.next())
        #expect(fixed.version == 3 && fixed.errors == 0 && fixed.diagnostics.isEmpty, "\(fixed)")
        await preview.finishUpdates()
        #expect(await updates.next() == nil)
    }

    @Test func aFolderThatCannotBeReadIsSaidInsteadOfPages() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        // Moved away while the preview runs (a branch switch, a rename): said, then picked up again.
        let moved = root.deletingLastPathComponent().appendingPathComponent("moved-\(UUID().uuidString)")
        try FileManager.default.moveItem(at: root, to: moved)
        let preview = LivePreview(root: root)
        let status = await preview.build()
        let failure = try #require(status.failure)
        #expect(failure.contains("is not a folder"), "\(failure)")
        let page = await preview.response(for: "/guides/install.html")
        #expect(page?.status == 503 && text(page).contains("is not a folder"))

        try FileManager.default.moveItem(at: moved, to: root)
        let recovered = try #require(await preview.refreshIfChanged())
        #expect(recovered.failure == nil && recovered.articles == 2, "\(recovered)")
        #expect(text(await preview.response(for: "/guides/install.html")).contains("Download the installer."))
    }
}
