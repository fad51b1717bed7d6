import Foundation
import PylonKB
import Testing

/// The round trip a team relies on when it adopts a knowledge base: publish a folder of tricky
/// content to the local knowledge base, export it, point the export at that same knowledge base,
/// and nothing is to change.
extension ExportEndToEndTests {
    static let trickyFiles: [String: String] = [
        "tricky/_collection.yml": "title: Tricky content\n",
        "tricky/footnotes.md": """
        ---
        title: Footnotes with code
        tags: [reference, code]
        ---

        Run it once[^run], then check the log[^log] and the block[^block].

        [^run]: With `pylon-kb apply --auto-approve` and **`--quiet`**.
        [^log]: See `~/.pylon-kb/log` ↩ for `errors`.
        [^block]: A note that ends in code:

            ```sh
            pylon-kb plan
            ```

        """,
        "tricky/structure.md": """
        ---
        title: Tables, callouts and lists
        unlisted: true
        ---

        > [!NOTE]
        > A callout with `code` and a [link](footnotes.md).

        | Option | Meaning |
        | --- | --- |
        | `--out` | Where the **export** goes |
        | a\\|b | escaped pipe |

        1. First
           - nested *one*
           - nested two  
             with a break
        2. Second

        Download the [manual](https://cdn.example.com/attachments/manual.pdf), the [archive](https://cdn.example.com/x.zip),
        or see the [screenshot](../getting-started/images/inbox-overview.png).

        ![Inbox](../getting-started/images/inbox-overview.png)

        Text with a private-use icon \u{E000} and a break  
        **at the end**

        """,
        "tricky/draft.md": """
        ---
        title: Not yet
        published: false
        ---

        Draft body with *emphasis  
        across a break*.

        """,
    ]

    @Test func aTrickyLocalKnowledgeBaseExportsToAFolderThatPlansNoChanges() async throws {
        let harness = try await EndToEndHarness(
            files: Self.trickyFiles, configuration: "target: local\nauthor: docs@example.com\n")
        defer { Task { await harness.close() } }
        let anyPort = ["PYLON_KB_LOCAL_PORT": "0"]
        let publish = try await harness.run(["apply", "--auto-approve"], environment: anyPort)
        #expect(publish.status == 0, "\(publish.output)")
        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try await harness.run(
            ["export", "--out", out.path, "--download-images"], environment: anyPort)
        #expect(export.status == 0, "\(export.output)")
        #expect(!export.stderr.contains("points at nothing"), "\(export.output)")
        let structure = try String(
            contentsOf: out.appendingPathComponent("tricky/structure.md"), encoding: .utf8)
        #expect(structure.contains("](https://cdn.example.com/attachments/manual.pdf)"), "\(structure)")

        // No placeholder or other private-use character the articles did not hold.
        for path in try Self.files(under: out) where path.hasSuffix(".md") {
            let text = try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
            let privateUse = text.unicodeScalars.filter { (0xE000...0xF8FF).contains($0.value) }
            #expect(privateUse.allSatisfy { $0 == "\u{E000}" }, "\(path)")
            #expect(privateUse.isEmpty || path.hasSuffix("structure.md"), "\(path)")
            #expect(text.components(separatedBy: "footnote-backref").count == 1, "\(path)")
        }

        // The export, pointed at the same knowledge base, plans no changes.
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent(".pylon-kb"), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: out.appendingPathComponent(".pylon-kb/local"))
        try FileManager.default.copyItem(
            at: harness.root.appendingPathComponent(".pylon-kb/local"),
            to: out.appendingPathComponent(".pylon-kb/local"))
        let plan = try await harness.run(["plan", out.path, "--detailed-exitcode"], environment: anyPort)
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.contains("No changes"), "\(plan.output)")

        // It is that knowledge base the plan compared with: an edit shows as one change.
        let draft = out.appendingPathComponent("tricky/draft.md")
        let draftText = try String(contentsOf: draft, encoding: .utf8)
        #expect(draftText.contains("published: false\n"), "\(draftText)")
        #expect(structure.contains("unlisted: true\n"))
        try (draftText + "\nOne more line.\n").write(to: draft, atomically: true, encoding: .utf8)
        let edited = try await harness.run(["plan", out.path, "--detailed-exitcode"], environment: anyPort)
        #expect(edited.status == 2, "\(edited.output)")
        #expect(edited.stdout.contains("tricky/draft.md"), "\(edited.output)")
    }
}
