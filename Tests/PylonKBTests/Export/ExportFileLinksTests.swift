import Foundation
import PylonAPI
import PylonKB
import Testing

/// Links to files that are not articles never become paths to nothing without a word: full
/// addresses stay, root-relative ones become full addresses on the help center, and relative
/// ones (which pointed at nothing in Pylon already) are kept so the article publishes unchanged,
/// and reported.
@Suite struct ExportFileLinksTests {
    typealias Fixture = KnowledgeBaseExporterTests

    static let html = """
        <p><a href="https://help.example.com/articles/102-two">two</a> \
        <a href="https://cdn.example.com/attachments/9/manual.pdf">manual</a> \
        <a href="/files/archive.zip">archive</a> \
        <a href="files/notes.pdf">notes</a> \
        <a href="#top">top</a> \
        <a href="mailto:help@example.com">mail</a></p>
        """

    @Test func fullAddressesStayAndRootRelativeOnesGainTheSiteAddress() throws {
        let export = Fixture.export([
            Fixture.article("a1", "one", html: Self.html), Fixture.article("a2", "two"),
        ])
        #expect(export.report.siteURL == "https://help.example.com")
        let text = try Fixture.text(export, "one.md")
        #expect(text.contains("[two](two.md)"))
        #expect(text.contains("[manual](https://cdn.example.com/attachments/9/manual.pdf)"))
        #expect(text.contains("[archive](https://help.example.com/files/archive.zip)"))
        #expect(text.contains("[top](#top)"))
        #expect(text.contains("[mail](mailto:help@example.com)"))
    }

    @Test func aRelativeFileLinkIsKeptAndReportedOnce() throws {
        var translated = Fixture.article("a1", "one", html: Self.html)
        translated.translations["fr"] = RemoteTranslation(
            title: "Un", draftHTML: nil, publishedHTML: "<p><a href=\"files/notes.pdf\">notes</a></p>")
        let export = Fixture.export([translated, Fixture.article("a2", "two")])
        #expect(try Fixture.text(export, "one.md").contains("[notes](files/notes.pdf)"))
        let warnings = export.report.warnings.filter { $0.contains("points at nothing") }
        #expect(
            warnings == [
                "one.md: the link `files/notes.pdf` is not to an article of this knowledge base and has no full address, so it points at nothing in Pylon and in the export; put the file it means at that path, or replace the link with the file's full URL.",
                "one.fr.md: the link `files/notes.pdf` is not to an article of this knowledge base and has no full address, so it points at nothing in Pylon and in the export; put the file it means at that path, or replace the link with the file's full URL.",
            ])
    }

    @Test func withoutASiteAddressARootRelativeFileLinkIsReported() throws {
        let export = Fixture.export([
            Fixture.article("a1", "one", html: "<p><a href=\"/files/archive.zip\">archive</a></p>")
        ])
        #expect(export.report.siteURL == nil)
        #expect(try Fixture.text(export, "one.md").contains("[archive](/files/archive.zip)"))
        #expect(export.report.warnings.contains { $0.hasPrefix("one.md: the link `/files/archive.zip`") })
    }

    @Test func aLinkToADownloadedImageIsNoDanglingPath() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        let src = "https://cdn.example.com/a/shot.png"
        let export = Fixture.export(
            [
                Fixture.article(
                    "a1", "one",
                    html: "<p><img src=\"\(src)\" alt=\"x\"> <a href=\"images/shot.png\">big</a></p>")
            ],
            images: [src: png])
        #expect(export.file("images/shot.png") != nil)
        #expect(!export.report.warnings.contains { $0.contains("points at nothing") })
    }
}
