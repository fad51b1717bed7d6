import Foundation
import PylonAPI
import PylonEmulator
import Testing

/// `pylon-kb pull` as a team uses it: the sample content published, three articles edited in
/// Pylon as a person would (a word, a new paragraph with a link and an image, a title), then
/// pulled: git shows exactly those edits as Markdown, and the next plan says "No changes".
/// Against every kind of server (`ServerProfile`).
@Suite(.serialized) struct PullEndToEndTests {
    @Test(arguments: ServerProfile.all)
    func editsMadeInPylonComeBackAsTheSmallestMarkdownDiff(server profile: ServerProfile) async throws {
        let harness = try await EndToEndHarness(profile: profile)
        defer { Task { await harness.close() } }
        try #require(try await harness.succeeds(["apply", "--auto-approve"]))
        let git = try GitWorkTree(harness.root)

        // A word, in a paragraph the file wraps over two lines.
        try await harness.editBody(slug: "invite-your-team") {
            $0.replacingOccurrences(of: "expire after seven days", with: "expire after ten days")
        }
        // A new paragraph with a link to another article and an image pasted into the editor.
        let quickStart = try #require(try await harness.article(slug: "quick-start"))
        let image = try await harness.client.uploadAttachment(
            data: GitWorkTree.pixelPNG, filename: "support-flow.png", contentType: "image/png")
        let link = "/articles/\(quickStart.identifier ?? "")-quick-start"
        try await harness.editBody(slug: "faq") {
            $0
                + "<p>Still stuck? Start again from <a href=\"\(link)\">the quick start</a>.</p>"
                + "<p><img src=\"\(image.url ?? "")\" alt=\"Support flow\"></p>"
        }
        // A title.
        let retention = try #require(try await harness.article(slug: "data-retention"))
        _ = try await harness.client.updateArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: try #require(retention.id),
            UpdateArticleRequest(title: "How long we keep your data"))

        let pull = try await harness.run(["pull"])
        #expect(pull.status == 0, "\(pull.output)")
        #expect(pull.stdout.contains("Pulled 3 files"), "\(pull.output)")
        #expect(!pull.output.contains("rewritten whole"), "\(pull.output)")

        let changed = try git.changedFiles()
        #expect(
            changed == [
                ".pylon-kb/state.json", "account/data-retention.md", "faq.md",
                "getting-started/invite-your-team.md", "images/support-flow.png",
            ], "\(changed)")
        let invite = try git.diffLines("getting-started/invite-your-team.md")
        #expect(invite.removed.count == 1 && invite.added.count == 1, "\(invite)")
        #expect(invite.added.first?.contains("expire after ten days") == true, "\(invite)")
        let faq = try git.diffLines("faq.md")
        #expect(faq.removed.isEmpty, "\(faq)")
        #expect(
            faq.added.filter { !$0.isEmpty } == [
                "Still stuck? Start again from [the quick start](getting-started/quick-start.md).",
                "![Support flow](images/support-flow.png)",
            ], "\(faq)")
        let title = try git.diffLines("account/data-retention.md")
        #expect(title.removed == ["title: How long Relay keeps your data"], "\(title)")
        #expect(title.added == ["title: How long we keep your data"], "\(title)")

        let plan = try await harness.run(["plan"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.contains("No changes"), "\(plan.output)")
        let again = try await harness.run(["pull"])
        #expect(again.stdout.contains("Nothing to pull"), "\(again.output)")

        // The baseline moved to the pulled version: a later edit in Pylon is drift again.
        try await harness.editBody(slug: "invite-your-team") {
            $0.replacingOccurrences(of: "ten days", with: "two weeks")
        }
        try harness.write(
            "getting-started/invite-your-team.md",
            try harness.read("getting-started/invite-your-team.md") + "\nOne more line.\n")
        let drift = try await harness.run(["plan"])
        #expect(drift.status == 1, "\(drift.output)")
        #expect(drift.output.contains("edited in Pylon"), "\(drift.output)")
    }

    @Test func anArticleChangedOnBothSidesIsAConflictAndNothingIsWritten() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        try #require(try await harness.succeeds(["apply", "--auto-approve"]))
        let git = try GitWorkTree(harness.root)
        let path = "getting-started/invite-your-team.md"
        let local = try harness.read(path).replacingOccurrences(of: "seven days", with: "a week")
        try harness.write(path, local)
        try git.commit("Edit in git")
        try await harness.editBody(slug: "invite-your-team") {
            $0.replacingOccurrences(of: "seven days", with: "ten days")
        }

        let pull = try await harness.run(["pull"])
        #expect(pull.status == 0, "\(pull.output)")
        #expect(pull.stdout.contains("Changed in git and in Pylon"), "\(pull.output)")
        #expect(pull.stdout.contains("-Everyone who answers"), "the diff shows both sides: \(pull.output)")
        #expect(pull.stdout.contains("ten days"), "\(pull.output)")
        #expect(
            pull.stdout.contains("-sent by email and expire after seven days."), "git's side: \(pull.output)")
        #expect(try harness.read(path) == local)
        #expect(try git.changedFiles().isEmpty, "nothing written, not even the state file")
        let plan = try await harness.run(["plan"])
        #expect(plan.status == 1, "under on_drift: fail, plan keeps refusing: \(plan.output)")

        let markers = try await harness.run(["pull", "--conflict-markers"])
        #expect(markers.status == 0, "\(markers.output)")
        let text = try harness.read(path)
        #expect(text.contains("<<<<<<< yours (git)") && text.contains(">>>>>>> pylon"), "\(text)")
        #expect(text.contains("a week") && text.contains("ten days"), "\(text)")
    }
}

extension EndToEndHarness {
    /// Edits an article's published body through the API, as Pylon's editor saves it.
    func editBody(slug: String, _ edit: (String) -> String) async throws {
        let article = try #require(try await article(slug: slug))
        let body = try #require(article.currentPublishedContentHTML)
        let edited = edit(body)
        #expect(edited != body, "the edit of \(slug) changes its body")
        _ = try await client.updateArticle(
            knowledgeBaseID: Self.knowledgeBaseID, id: try #require(article.id),
            UpdateArticleRequest(bodyHTML: edited, publishUpdatedBodyHTML: true))
    }
}

/// A content folder made a git work tree, to see what a command changed as `git diff` does.
struct GitWorkTree {
    let root: URL

    /// A 1×1 PNG.
    static let pixelPNG = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )!

    init(_ root: URL) throws {
        self.root = root
        try git("init", "-q")
        try git("config", "user.email", "docs@example.com")
        try git("config", "user.name", "Docs")
        try commit("Published")
    }

    func commit(_ message: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
    }

    /// Modified and untracked files, sorted.
    func changedFiles() throws -> [String] {
        try git("status", "--porcelain", "--untracked-files=all").split(separator: "\n").map {
            String($0.dropFirst(3))
        }.sorted()
    }

    /// The lines `git diff` shows removed and added for `path`.
    func diffLines(_ path: String) throws -> (removed: [String], added: [String]) {
        let diff = try git("diff", "--no-color", "-U0", "--", path).split(
            separator: "\n", omittingEmptySubsequences: false)
        let removed = diff.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.map { String($0.dropFirst()) }
        let added = diff.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { String($0.dropFirst()) }
        return (removed, added)
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CocoaError(
                .executableLoad, userInfo: [NSLocalizedDescriptionKey: "git \(arguments): \(text)"])
        }
        return text
    }
}
