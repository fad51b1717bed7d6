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

extension PullEndToEndTests {
    @Test func articlesCreatedOrDeletedInPylonAreListedAndWrittenOnlyWhenAsked() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        try #require(try await harness.succeeds(["apply", "--auto-approve"]))
        let git = try GitWorkTree(harness.root)
        let invite = try #require(try await harness.article(slug: "invite-your-team"))
        _ = try await harness.client.createArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID,
            CreateArticleRequest(
                title: "Reset your password",
                bodyHTML: "<p>Open <strong>Settings</strong> and choose Reset.</p>",
                authorUserID: try #require(try await harness.client.listUsers().first?.id),
                slug: "reset-your-password",
                collectionID: invite.collectionID, isPublished: true))
        let legacy = try #require(try await harness.article(slug: "legacy-plans"))
        try await harness.client.deleteArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: try #require(legacy.id))

        let listed = try await harness.run(["pull"])
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.stdout.contains("“Reset your password” (reset-your-password)"), "\(listed.output)")
        #expect(listed.stdout.contains("account/legacy-plans.md"), "\(listed.output)")
        #expect(try git.changedFiles().isEmpty, "nothing written without --new and --delete")

        let written = try await harness.run(["pull", "--new", "--delete"])
        #expect(written.status == 0, "\(written.output)")
        #expect(
            try harness.read("getting-started/reset-your-password.md")
                == "---\ntitle: Reset your password\n---\n\nOpen **Settings** and choose Reset.\n")
        #expect(
            !FileManager.default.fileExists(
                atPath: harness.root.appendingPathComponent("account/legacy-plans.md").path))
        let plan = try await harness.run(["plan"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.contains("No changes"), "\(plan.output)")
    }
}

extension PullEndToEndTests {
    @Test func aDryRunShowsTheEditAndWritesNothingAndAFolderNeverAppliedIsRefused() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        let unpublished = try await harness.run(["pull"])
        #expect(unpublished.status == 1, "\(unpublished.output)")
        #expect(unpublished.stderr.contains("error: pull needs the state file"), "\(unpublished.output)")

        try #require(try await harness.succeeds(["apply", "--auto-approve"]))
        let git = try GitWorkTree(harness.root)
        try await harness.editBody(slug: "invite-your-team") {
            $0.replacingOccurrences(of: "seven days", with: "ten days")
        }
        let dryRun = try await harness.run(["pull", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.output)")
        #expect(dryRun.stdout.contains("+sent by email and expire after ten days."), "\(dryRun.output)")
        #expect(dryRun.stdout.contains("Would pull 1 file."), "\(dryRun.output)")
        #expect(try git.changedFiles().isEmpty)
    }
}

extension PullEndToEndTests {
    @Test(arguments: [ServerProfile.tidy, .goDocumented])
    func visibilityAndUnlistedChangedInPylonComeBackAsFrontMatterLines(server profile: ServerProfile)
        async throws
    {
        let harness = try await EndToEndHarness(profile: profile)
        defer { Task { await harness.close() } }
        try #require(try await harness.succeeds(["apply", "--auto-approve"]))
        let git = try GitWorkTree(harness.root)
        let sso = try #require(try await harness.article(slug: "single-sign-on"))
        _ = try await harness.client.updateArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: try #require(sso.id),
            UpdateArticleRequest(visibilityConfig: VisibilityConfig(visibility: "internal_only")))
        let webhooks = try #require(try await harness.article(slug: "webhooks"))
        _ = try await harness.client.updateArticle(
            knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: try #require(webhooks.id),
            UpdateArticleRequest(isUnlisted: true))

        let pull = try await harness.run(["pull"])
        #expect(pull.status == 0, "\(pull.output)")
        let sign = try git.diffLines("account/single-sign-on.md")
        #expect(
            sign.removed == ["visibility: customer"] && sign.added == ["visibility: internal_only"], "\(sign)"
        )
        let hooks = try git.diffLines("routing/advanced/webhooks.md")
        #expect(hooks.removed.isEmpty && hooks.added == ["unlisted: true"], "\(hooks)")
        let plan = try await harness.run(["plan"])
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.stdout.contains("No changes"), "\(plan.output)")
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

/// A real help center written by other people (the DuckDuckGo corpus: wrapped lines, Liquid,
/// raw HTML, its own Markdown habits): one word changed in Pylon in each of 20 articles comes
/// back as exactly 20 changed lines.
extension PullEndToEndTests {
    @Test(arguments: [ServerProfile.tidy, .hostile])
    func oneWordEditedInEachOfTwentyDDGArticlesIsTwentyChangedLines(server profile: ServerProfile)
        async throws
    {
        try #require(
            FileManager.default.fileExists(atPath: ExportEndToEndTests.ddgCorpus.path),
            "missing \(ExportEndToEndTests.ddgCorpus.path)")
        let harness = try await EndToEndHarness(copyingSample: false, profile: profile)
        defer { Task { await harness.close() } }
        try ExportEndToEndTests.prepareDDG(into: harness.root)
        let publish = try await harness.run(["apply", "--auto-approve"])
        try #require(publish.status == 0, "\(publish.output.suffix(3000))")
        let git = try GitWorkTree(harness.root)

        // Every 4th article (by slug) that has a paragraph word of its own: that word, changed.
        let articles = try await harness.articles().sorted { ($0.slug ?? "") < ($1.slug ?? "") }
        var edited: [String] = []
        for (index, article) in articles.enumerated() where index % 4 == 0 && edited.count < 20 {
            guard let body = article.currentPublishedContentHTML, let word = Self.editableWord(in: body),
                let id = article.id
            else { continue }
            let changed = body.replacingOccurrences(of: word.html, with: word.replacement)
            _ = try await harness.client.updateArticle(
                knowledgeBaseID: EndToEndHarness.knowledgeBaseID, id: id,
                UpdateArticleRequest(bodyHTML: changed, publishUpdatedBodyHTML: true))
            edited.append(article.slug ?? "")
        }
        try #require(edited.count == 20, "\(edited)")

        let pull = try await harness.run(["pull"])
        #expect(pull.status == 0, "\(pull.output.suffix(3000))")
        #expect(pull.stdout.contains("Pulled 20 files"), "\(pull.output.suffix(3000))")
        let stats = try git.git("diff", "--numstat", "--", "*.md").split(separator: "\n").map {
            $0.split(separator: "\t")
        }
        #expect(stats.count == 20, "\(stats)")
        let added = stats.reduce(0) { $0 + (Int($1[0]) ?? 0) }
        let removed = stats.reduce(0) { $0 + (Int($1[1]) ?? 0) }
        #expect(added == 20 && removed == 20, "\(stats)\n\(pull.output.suffix(3000))")

        let plan = try await harness.run(["plan"])
        #expect(plan.status == 0, "\(plan.output.suffix(3000))")
        #expect(plan.stdout.contains("No changes"), "\(plan.output.suffix(3000))")
    }

    /// A word of at least six letters that occurs once in the body, in a paragraph's own text,
    /// as `>word ` or ` word ` spelled in HTML; and what it becomes.
    static func editableWord(in body: String) -> (html: String, replacement: String)? {
        guard let paragraph = body.range(of: "<p>") else { return nil }
        let text = body[paragraph.upperBound...].prefix { $0 != "<" }
        for word in text.split(separator: " ") where word.count >= 6 && word.allSatisfy(\.isLetter) {
            let spelled = " \(word) "
            guard body.components(separatedBy: spelled).count == 2 else { continue }
            return (spelled, " \(word.uppercased()) ")
        }
        return nil
    }
}
