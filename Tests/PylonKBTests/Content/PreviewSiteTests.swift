import Foundation
import PylonKB
import Testing

@Suite("Preview site")
struct PreviewSiteTests {
    func render(_ content: TemporaryContent, to out: URL) async throws -> (
        ContentCheck.Result, PreviewSiteWriter.Output
    ) {
        let result = try await ContentCheck.run(
            root: content.root, render: Renderer().render, resolver: { PreviewSiteWriter.resolvers(for: $0) })
        let output = try PreviewSiteWriter(contentRoot: content.root, outputDirectory: out)
            .write(tree: result.tree, pages: result.report.pages)
        return (result, output)
    }

    @Test func pagesLinkToEachOtherAndTranslationsRelatively() async throws {
        let content = try TemporaryContent([
            "guides/install.md":
                "# Install\n\nThen [configure](../setup/configure.md#proxy) it. ![Flow](img/flow.png)\n",
            "guides/install.de.md": "# Installieren\n\nText.\n",
            "guides/img/flow.png": "",
            "setup/configure.md": "# Configure\n\n## Proxy\n\nBack to [the guides](../guides/).\n",
        ])
        // A PNG signature: `check` reports an image file no browser can show.
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(
            to: content.root.appendingPathComponent("guides/img/flow.png"))
        let out = content.root.appendingPathComponent("../\(UUID().uuidString)-out").standardizedFileURL
        defer { try? FileManager.default.removeItem(at: out) }
        let (result, output) = try await render(content, to: out)
        // The preview links a folder to its collection; Pylon cannot, and `check` says so.
        #expect(
            result.report.diagnostics.map(\.message) == [
                "The link `../guides/` points to the folder guides, a collection; Pylon's API gives collections no address, so the link is published as written and will not work there. Link to an article in it instead."
            ])
        #expect(output.pagesWritten == 3 && output.imagesCopied == 1)
        let install = try String(
            contentsOf: out.appendingPathComponent("guides/install.html"), encoding: .utf8)
        #expect(install.contains("href=\"../setup/configure.html#proxy\""))
        #expect(install.contains("src=\"img/flow.png\""))
        #expect(install.contains("href=\"install.de.html\">Deutsch</a>"))
        let configure = try String(
            contentsOf: out.appendingPathComponent("setup/configure.html"), encoding: .utf8)
        #expect(configure.contains("href=\"../index.html#collection-guides\""))
        #expect(
            FileManager.default.fileExists(atPath: out.appendingPathComponent("guides/img/flow.png").path))
        #expect(
            FileManager.default.fileExists(atPath: out.appendingPathComponent("guides/install.de.html").path))
    }

    @Test func refusesToWriteIntoTheContentFolder() async throws {
        let content = try TemporaryContent(["a.md": "# A\n\nText.\n"])
        await #expect(throws: PreviewSiteWriter.WriteError.self) {
            _ = try await render(content, to: content.root)
        }
        #expect(!FileManager.default.fileExists(atPath: content.root.appendingPathComponent("a.html").path))
    }

    @Test func symlinkOutOfTheContentRootIsNotContent() async throws {
        let outside = try TemporaryContent(["secret.png": "outside the root"])
        let content = try TemporaryContent(["a.md": "# A\n\n![Secret](secret.png)\n"])
        try FileManager.default.createSymbolicLink(
            at: content.root.appendingPathComponent("secret.png"),
            withDestinationURL: outside.root.appendingPathComponent("secret.png"))
        #expect(
            try await content.diagnostics() == [
                "a.md:3: error: The image `secret.png` does not exist (looked for secret.png in the content root).",
                "secret.png: warning: This symbolic link points outside the content root (or nowhere), so it is ignored.",
            ])
    }

    @Test func collectionFileKeysAreCheckedAndUsed() async throws {
        let content = try TemporaryContent([
            "how_to/_collection.yml": "title: How-to guides\norder: 2\n",
            "how_to/a.md": "# A\n\nText.\n",
        ])
        let result = try await content.check()
        #expect(
            result.report.diagnostics.map(\.description) == [
                "how_to: warning: The collection slug \"how-to\" was derived from the folder name \"how_to\", which is not a valid slug (only a–z, 0–9 and single hyphens are). The slug is part of the address on Pylon; to keep it if the name changes, or to choose another, set `slug: how-to` in how_to/_collection.yml.",
                "how_to/_collection.yml:2: warning: Unknown key `order` in _collection.yml is ignored.",
            ])
        #expect(result.tree.collections.map(\.title) == ["How-to guides"])
    }
}
