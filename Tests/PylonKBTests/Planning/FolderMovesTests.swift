import Foundation
import Testing

@testable import PylonKB

@Suite struct FolderMovesTests {
    static let current = [
        "docs/content/print.md", "docs/content/search.md", "docs/content/adding-content.md",
        "docs/content/shortcodes/index.md", "docs/get-started/intro.md",
    ]

    @Test func aFolderTwoFilesLeftTogetherCarriesItsOtherPages() {
        let moves = FolderMoves(
            pairs: [
                ("docs/adding-content/print.md", "docs/content/print.md"),
                ("docs/adding-content/search.md", "docs/content/search.md"),
            ], currentPaths: Self.current)
        // Another name in the moved folder, and a page in a folder under it.
        #expect(
            moves.move(from: "docs/adding-content/content.md", to: "docs/content/adding-content.md")
                == FolderMoves.Move(old: "docs/adding-content", new: "docs/content"))
        #expect(
            moves.move(
                from: "docs/adding-content/shortcodes/index.md", to: "docs/content/shortcodes/index.md")
                != nil)
        // Not to another folder.
        #expect(moves.move(from: "docs/adding-content/content.md", to: "docs/get-started/intro.md") == nil)
    }

    @Test func oneFileOrAFolderThatStillExistsIsNoFolderMove() {
        let single = FolderMoves(
            pairs: [("docs/adding-content/print.md", "docs/content/print.md")], currentPaths: Self.current)
        #expect(single.isEmpty)
        let stillThere = FolderMoves(
            pairs: [
                ("docs/get-started/a.md", "docs/content/a.md"),
                ("docs/get-started/b.md", "docs/content/b.md"),
            ], currentPaths: Self.current)
        #expect(stillThere.isEmpty, "docs/get-started still has intro.md")
    }
}
