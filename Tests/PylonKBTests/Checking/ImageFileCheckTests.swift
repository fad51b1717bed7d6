import Foundation
import PylonKB
import Testing

/// `checks: images`: image files browsers cannot show, too large, or misnamed.
@Suite("Image file check")
struct ImageFileCheckTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46])

    private func diagnostics(_ files: [String: Data]) async throws -> [String] {
        var all = files
        if all["pylon-kb.yml"] == nil { all["pylon-kb.yml"] = Data("target: local\n".utf8) }
        return try await TemporaryContent(data: all).diagnostics()
    }

    @Test func reportsEachProblemAtTheReferencingLine() async throws {
        let found = try await diagnostics([
            "a.md": Data("# A\n\n![Logo](ok.png)\n\n![Photo](photo.png)\n\n![Broken](notes.png)\n".utf8),
            "ok.png": Self.png,
            "photo.png": Self.jpeg,
            "notes.png": Data("just text".utf8),
        ])
        #expect(
            found == [
                "a.md:5: warning: The image `photo.png` is a JPEG file but its name ends in .png, so it is served with the wrong type; rename it to .jpg and update its links.",
                "a.md:7: warning: The image `notes.png` (notes.png) is not a PNG, JPEG, GIF, WebP, SVG or AVIF file (its first bytes are none of theirs), so readers would see a broken image; export it again in one of those formats.",
            ])
    }

    @Test func largerThanTheConfiguredSize() async throws {
        let found = try await diagnostics([
            "pylon-kb.yml": Data(
                "target: local\nchecks:\n  images:\n    level: error\n    max_size: 1KB\n".utf8),
            "a.md": Data("# A\n\nText.\n\n![Big](big.gif)\n".utf8),
            "big.gif": Data("GIF89a".utf8) + Data(count: 1500),
        ])
        #expect(
            found == [
                "a.md:5: error: The image `big.gif` is 1.5 KB, more than the 1 KB allowed (`checks: images: max_size`), so the page loads slowly; compress or resize it."
            ])
    }

    @Test(arguments: [
        ("a.webp", Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)),
        ("a.avif", Data([0, 0, 0, 28]) + Data("ftypavif".utf8)),
        (
            "a.svg",
            Data(
                "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- x -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
                    .utf8)
        ),
        ("a.jpeg", jpeg), ("a.gif", Data("GIF87a".utf8)),
    ])
    func recognisesEveryFormat(name: String, data: Data) async throws {
        let found = try await diagnostics(["a.md": Data("# A\n\n![Picture](\(name))\n".utf8), name: data])
        #expect(found == [])
    }

    @Test func offReportsNothing() async throws {
        let found = try await diagnostics([
            "pylon-kb.yml": Data("target: local\nchecks:\n  images: off\n".utf8),
            "a.md": Data("# A\n\n![Broken](notes.png)\n".utf8),
            "notes.png": Data("just text".utf8),
        ])
        #expect(found == [])
    }
}
