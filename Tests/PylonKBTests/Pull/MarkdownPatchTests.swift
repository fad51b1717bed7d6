import Testing

@testable import PylonKB

/// An edit made in Pylon lands in the file where it was made, in the file's own style, and
/// touches nothing else; an edit that cannot be placed for sure is refused (nil), never guessed.
struct MarkdownPatchTests {
    static let wrapped = """
        Everyone who answers conversations needs a seat in your Relay workspace. Invitations are
        sent by email and expire after seven days.

        * First _item_
        * Second item

        See [How routing rules work](../routing/routing-rules.md#actions).

        """

    static let before = """
        Everyone who answers conversations needs a seat in your Relay workspace. Invitations are sent by email and expire after seven days.

        - First *item*
        - Second item

        See [How routing rules work](../routing/routing-rules.md#actions).

        """

    @Test func aChangedWordIsChangedInTheWrappedLineItSitsOn() throws {
        let after = Self.before.replacingOccurrences(of: "seven days", with: "ten days")
        let patched = try #require(
            MarkdownPatch(source: Self.wrapped).applying(before: Self.before, after: after))
        #expect(patched == Self.wrapped.replacingOccurrences(of: "seven days", with: "ten days"))
    }

    @Test func aWordNextToMarkupTheFileSpellsDifferentlyIsStillFound() throws {
        let after = Self.before.replacingOccurrences(of: "First *item*", with: "Initial *item*")
        let patched = try #require(
            MarkdownPatch(source: Self.wrapped).applying(before: Self.before, after: after))
        #expect(patched == Self.wrapped.replacingOccurrences(of: "First _item_", with: "Initial _item_"))
    }

    @Test func aParagraphAddedAtTheEndKeepsEverythingElse() throws {
        let after = Self.before + "\nStill stuck? Read [the quick start](quick-start.md).\n"
        let patched = try #require(
            MarkdownPatch(source: Self.wrapped).applying(before: Self.before, after: after))
        #expect(
            patched
                == Self.wrapped.dropLast() + "\n\nStill stuck? Read [the quick start](quick-start.md).\n")
    }

    @Test func aListItemAddedJoinsItsList() throws {
        let after = Self.before.replacingOccurrences(
            of: "- Second item\n", with: "- Second item\n- Third item\n")
        let patched = try #require(
            MarkdownPatch(source: Self.wrapped).applying(before: Self.before, after: after))
        #expect(
            patched
                == Self.wrapped.replacingOccurrences(
                    of: "* Second item\n", with: "* Second item\n- Third item\n"))
    }

    @Test func aRemovedParagraphTakesItsBlankLineWithIt() throws {
        let after = Self.before.replacingOccurrences(of: "- First *item*\n- Second item\n\n", with: "")
        let patched = try #require(
            MarkdownPatch(source: Self.wrapped).applying(before: Self.before, after: after))
        #expect(
            patched == Self.wrapped.replacingOccurrences(of: "* First _item_\n* Second item\n\n", with: ""))
    }

    @Test func anEditOfTextThatAppearsTwiceWithTheSameContextIsRefused() {
        let source = "Same line.\n\nSame line.\n"
        #expect(
            MarkdownPatch(source: source).applying(before: source, after: "Same line.\n\nOther line.\n")
                != nil)
        let twins = "A b c.\n\nA b c.\n"
        // The converter's own text agrees with the file, but which "b" changed cannot be told
        // from the line alone when both lines and their neighbours are the same.
        #expect(
            MarkdownPatch(source: "A b c. A b c.").applying(before: "A b c. A b c.", after: "A b c. A x c.")
                != nil)
        #expect(
            MarkdownPatch(source: twins + twins).applying(before: twins, after: "A x c.\n\nA b c.\n") == nil)
    }

    @Test func textTheFileDoesNotHaveIsRefused() {
        #expect(
            MarkdownPatch(source: "{% include note.html %}\n").applying(
                before: "Note text.\n", after: "Note words.\n") == nil)
    }
}
