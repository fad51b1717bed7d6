import Testing

@testable import PylonKB

/// A key pulled from Pylon changes on its own line; every other key keeps its order, spelling
/// and comments, so the git diff is the edit and nothing else.
struct FrontMatterEditTests {
    static let yaml = """
        # Reviewed by support, 2026-11
        title: Data retention   # shown in search
        tags:
          - billing
          - privacy
        visibility: public

        """

    @Test func aTitleChangesOnItsOwnLineAndKeepsItsComment() {
        var edit = FrontMatterEdit(yaml: Self.yaml)
        edit.set("title", scalar: "How long we keep: your data")
        #expect(
            edit.yaml
                == Self.yaml.replacingOccurrences(
                    of: "title: Data retention   # shown in search",
                    with: "title: \"How long we keep: your data\"   # shown in search"))
    }

    @Test func aBlockListStaysABlockList() {
        var edit = FrontMatterEdit(yaml: Self.yaml)
        edit.set("tags", list: ["billing", "retention"])
        #expect(edit.yaml == Self.yaml.replacingOccurrences(of: "  - privacy", with: "  - retention"))
    }

    @Test func aMissingKeyIsAddedAfterTheTitle() {
        var edit = FrontMatterEdit(yaml: "title: Webhooks\nslug: hooks\n")
        edit.set("tags", list: ["api"])
        #expect(edit.yaml == "title: Webhooks\ntags: [api]\nslug: hooks\n")
        var empty = FrontMatterEdit(yaml: nil)
        empty.set("title", scalar: "FAQ")
        #expect(empty.yaml == "title: FAQ\n")
    }

    @Test func aHashInsideQuotesIsNotAComment() {
        #expect(FrontMatterEdit.trailingComment("title: \"C# tips\"  # note") == "  # note")
        #expect(FrontMatterEdit.trailingComment("title: C#") == nil)
        #expect(FrontMatterEdit.trailingComment("title: 'a # b'") == nil)
    }
}
