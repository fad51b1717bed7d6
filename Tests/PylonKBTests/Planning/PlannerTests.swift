import Foundation
import PylonKB
import Testing

@Suite struct PlannerTests {
    @Test func firstPlanCreatesEverythingParentsFirst() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        let kb = FakeKnowledgeBase()
        let plan = try await fixture.plan(against: kb.snapshot)
        #expect(plan.collections.map(\.slugPath) == ["guides", "guides/advanced"])
        #expect(plan.collections.last?.parentSlugPath == "guides")
        #expect(plan.articles.map(\.action) == [.create, .create, .create])
        #expect(
            plan.articles.compactMap(\.source) == [
                "guides/advanced/proxies.md", "guides/configure.md", "guides/install.md",
            ])
        let install = try #require(plan.articles.first { $0.source == "guides/install.md" })
        #expect(
            install.desired?.bodyHTML.contains("href=\"pylon-kb-pending:guides/configure.md#tokens\"") == true
        )
        #expect(install.desired?.authorUserID == "user-1")
        #expect(plan.estimate.requests["createArticle"] == 3)
        #expect(plan.estimate.requests["createCollection"] == 2)
        #expect(plan.blockers.isEmpty)
    }

    @Test func secondPlanAfterApplyIsEmptyEvenWhenTheServerReserializes() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        let again = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(!again.hasChanges, "unexpected changes: \(again.articles.map { ($0.source, $0.changes) })")

        // An editor stores the same markup differently: attribute order, self-closing, spacing.
        for index in kb.snapshot.articles.indices {
            let html = kb.snapshot.articles[index].publishedHTML ?? ""
            let reserialized = html.replacingOccurrences(of: "</p>\n", with: "</p>\n\n")
                .replacingOccurrences(of: "<p>", with: "<p >")
            kb.snapshot.articles[index].publishedHTML = reserialized
            kb.snapshot.articles[index].draftHTML = reserialized
        }
        let sanitized = try await fixture.plan(against: kb.snapshot)
        #expect(!sanitized.hasChanges)
    }

    @Test func editingOneBodyPlansOneUpdateWithADiff() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        try fixture.write(
            "guides/advanced/proxies.md",
            "---\ntitle: Proxies\n---\nRelay honours HTTPS_PROXY and NO_PROXY. Back to [install](../install.md).\n"
        )
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.articles.count == 1)
        let step = try #require(plan.articles.first)
        #expect(step.action == .update)
        #expect(step.changes == ["body"])
        #expect(step.diff?.unified.contains("+Relay honours HTTPS_PROXY and NO_PROXY.") == true)
        #expect(plan.estimate.requests == ["updateArticle": 1])
    }

    /// The base content published, then `guides/configure.md` renamed to
    /// `guides/configuration.md` with `previous_slugs: [configure]` (not yet planned).
    static func publishedThenRenamedByPreviousSlugs() async throws -> (
        PlannerFixture, FakeKnowledgeBase, RemoteArticle
    ) {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        let old = try #require(kb.article(slug: "configure"))
        try fixture.remove("guides/configure.md")
        try fixture.write(
            "guides/configuration.md",
            "---\ntitle: Configure Relay\nprevious_slugs: [configure]\n---\n## Tokens\n\nCreate an API token.\n"
        )
        return (fixture, kb, old)
    }

    @Test func previousSlugsPlansAReplaceWithARedirect() async throws {
        let (fixture, kb, old) = try await Self.publishedThenRenamedByPreviousSlugs()
        try fixture.write(
            "guides/install.md",
            "---\ntitle: Install Relay\n---\nSee [configuration](configuration.md#tokens).\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let replace = try #require(plan.articles.first { $0.action == .replace })
        #expect(replace.source == "guides/configuration.md")
        #expect(replace.existing?.id == old.id)
        #expect(replace.reason?.contains("`previous_slugs` lists “configure”") == true)
        #expect(replace.oldArticleFate == .unlist)
        #expect(plan.redirects.map(\.fromPath) == [old.publicPath!])
        #expect(plan.articles.filter { $0.action == .remove || $0.action == .unlist }.isEmpty)
    }

    @Test func theOldArticleOfARenameKilledBeforeItWasUnlistedIsUnlistedNotRemoved() async throws {
        let (fixture, published, old) = try await Self.publishedThenRenamedByPreviousSlugs()
        var kb = published
        kb.apply(try await fixture.plan(against: kb.snapshot, state: kb.state))
        // The run was killed after the redirect and before the old article was unlisted.
        let index = try #require(kb.snapshot.articles.firstIndex { $0.id == old.id })
        kb.snapshot.articles[index].isUnlisted = false
        kb.state.retiredArticleIDs.removeAll { $0 == old.id }
        #expect(kb.state.redirects.map(\.fromPath) == [old.publicPath!])

        let options = PlanOptions(onRemove: .delete)
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state, options: options)
        let step = try #require(plan.articles.first { $0.existing?.id == old.id })
        #expect(step.action == .unlist, "the rename's fate (`on_rename: unlist`), not the orphan's")
        #expect(step.reason?.contains("interrupted rename") == true)

        // Without the redirect on record it would be an ordinary orphan, deleted.
        var forgotten = kb.state
        forgotten.redirects = []
        let orphanPlan = try await fixture.plan(against: kb.snapshot, state: forgotten, options: options)
        #expect(orphanPlan.articles.first { $0.existing?.id == old.id }?.action == .remove)
    }

    @Test func renameFoundByTextSimilarityShowsTheScore() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        let text = PlannerFixture.base["guides/configure.md"]!.replacingOccurrences(
            of: "title: Configure Relay", with: "title: Configuring Relay")
        try fixture.remove("guides/configure.md")
        try fixture.write("guides/configuring.md", text)
        // No state: the texts alone tell.
        let plan = try await fixture.plan(against: kb.snapshot)
        let replace = try #require(plan.articles.first { $0.action == .replace })
        #expect(replace.source == "guides/configuring.md")
        #expect((replace.similarity ?? 0) > 0.9)
        #expect(replace.reason?.contains("% like “configure”") == true)
    }

    /// A server that drops the whitespace between tags (`</li><li>`, `</strong> <em>`) must not
    /// hide a rename: the words on either side of a tag stay apart for the comparison.
    @Test func renameIsFoundByTextEvenWhenTheServerDroppedTheWhitespaceBetweenTags() async throws {
        var files = PlannerFixture.base
        files["guides/shortcuts.md"] = """
            ---
            title: Shortcuts
            ---
            Press **Ctrl** _K_ to search, **Esc** _twice_ to close.

            - Open the inbox
            - Assign a conversation
            - Snooze until tomorrow
            - Close the conversation
            """
        let fixture = try PlannerFixture(files: files)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        let index = try #require(kb.snapshot.articles.firstIndex { $0.slug == "shortcuts" })
        for keyPath in [\RemoteArticle.publishedHTML, \RemoteArticle.draftHTML] {
            kb.snapshot.articles[index][keyPath: keyPath] = kb.snapshot.articles[index][keyPath: keyPath]?
                .replacing(/>\s+</, with: "><")
        }
        #expect(kb.snapshot.articles[index].publishedHTML?.contains("</li><li>") == true)
        try fixture.remove("guides/shortcuts.md")
        try fixture.write("guides/keyboard-shortcuts.md", files["guides/shortcuts.md"]!)
        let plan = try await fixture.plan(against: kb.snapshot)
        let replace = try #require(plan.articles.first { $0.action == .replace }, "\(plan.articles)")
        #expect(replace.source == "guides/keyboard-shortcuts.md")
        #expect((replace.similarity ?? 0) > 0.9)
    }

    @Test func movingToAnotherCollectionFreesTheSlugFirst() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        try fixture.remove("guides/advanced/proxies.md")
        try fixture.write(
            "guides/proxies.md",
            "---\ntitle: Proxies\n---\nRelay honours HTTPS_PROXY. Back to [install](install.md).\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let replace = try #require(plan.articles.first { $0.action == .replace })
        #expect(replace.freesSlugFirst)
        #expect(replace.oldArticleFate == .delete)
        #expect(replace.reason?.hasPrefix("moved from “guides/advanced” to “guides”") == true)
        #expect(plan.redirects.count == 1)
        kb.apply(plan)
        #expect(!(try await fixture.plan(against: kb.snapshot, state: kb.state)).hasChanges)
    }

    @Test func orphansFollowThePolicyAndTheRemovalLimit() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        // Something in a collection the content does not own is never touched.
        kb.snapshot.articles.append(
            RemoteArticle(
                id: "foreign", identifier: "1", slug: "foreign", title: "Foreign", collectionID: nil,
                isPublished: true,
                draftHTML: "<p>x</p>", publishedHTML: "<p>x</p>"))
        try fixture.remove("guides/advanced/proxies.md")

        let report = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(!report.hasChanges)
        #expect(report.warnings.filter { $0.kind == .orphan }.map(\.subject) == ["guides/advanced/proxies"])

        let unlist = try await fixture.plan(
            against: kb.snapshot, state: kb.state, options: PlanOptions(onRemove: .unlist))
        #expect(unlist.articles.map(\.action) == [.unlist])

        let delete = try await fixture.plan(
            against: kb.snapshot, state: kb.state, options: PlanOptions(onRemove: .delete, maxRemovals: 0))
        #expect(delete.articles.map(\.action) == [.remove])
        #expect(delete.blockers.map(\.kind) == [.tooManyRemovals])
    }

    @Test func driftIsReportedAndHandledByPolicy() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        let index = try #require(kb.snapshot.articles.firstIndex { $0.slug == "proxies" })
        kb.snapshot.articles[index].publishedHTML = "<p>Edited in Pylon.</p>"
        kb.snapshot.articles[index].draftHTML = "<p>Edited in Pylon.</p>"

        let fail = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(fail.blockers.map(\.kind) == [.articleDrift])
        #expect(fail.articles.first?.drift == true)

        let skip = try await fixture.plan(
            against: kb.snapshot, state: kb.state, options: PlanOptions(onDrift: .skip))
        #expect(skip.articles.isEmpty)
        #expect(skip.warnings.map(\.kind) == [.articleDrift])

        let overwrite = try await fixture.plan(
            against: kb.snapshot, state: kb.state, options: PlanOptions(onDrift: .overwrite))
        #expect(overwrite.blockers.isEmpty)
        #expect(overwrite.articles.map(\.changes) == [["body"]])
    }

    @Test func linksBetweenNewArticlesNeedASecondPassOnlyInCycles() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        let plan = try await fixture.plan(against: FakeKnowledgeBase().snapshot)
        // install → configure, proxies → install: no cycle, so no PATCH after the creates.
        #expect(plan.estimate.requests["updateArticle"] == nil)

        try fixture.write(
            "guides/configure.md",
            "---\ntitle: Configure Relay\n---\n## Tokens\n\nFirst [install](install.md).\n")
        let cyclic = try await fixture.plan(against: FakeKnowledgeBase().snapshot)
        #expect(cyclic.estimate.requests["updateArticle"] == 1)
    }
}

@Suite struct PlannerRenameChainTests {
    @Test func renamedTwiceKeepsEarlierPathsWorkingAndNeverLoops() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        let first = try #require(kb.article(slug: "configure"))

        // configure → configuration: the old article is unlisted and a redirect leads to the new.
        try fixture.remove("guides/configure.md")
        try fixture.write(
            "guides/configuration.md",
            "---\ntitle: Configure Relay\nprevious_slugs: [configure]\n---\nTokens.\n")
        try fixture.write(
            "guides/install.md", "---\ntitle: Install Relay\n---\nSee [configuration](configuration.md).\n")
        kb.apply(
            try await fixture.plan(
                against: kb.snapshot, state: kb.state, options: PlanOptions(onRename: .delete)))
        #expect(kb.article(slug: "configure") == nil)
        let second = try #require(kb.article(slug: "configuration"))
        #expect(kb.state.redirects.map(\.fromPath) == [first.publicPath!])

        // configuration → configure again (renaming back): a new article, a redirect from the
        // second path; the second article is kept unlisted because the first redirect leads to it.
        try fixture.remove("guides/configuration.md")
        try fixture.write(
            "guides/configure.md",
            "---\ntitle: Configure Relay\nprevious_slugs: [configuration]\n---\nTokens.\n")
        try fixture.write(
            "guides/install.md", "---\ntitle: Install Relay\n---\nSee [configuration](configure.md).\n")
        let back = try await fixture.plan(
            against: kb.snapshot, state: kb.state, options: PlanOptions(onRename: .delete))
        let replace = try #require(back.articles.first { $0.action == .replace })
        #expect(replace.oldArticleFate == .unlist)
        #expect(back.warnings.contains { $0.kind == .staleRedirects })
        #expect(back.redirects.map(\.fromPath) == [second.publicPath!])
        kb.apply(back)
        let third = try #require(kb.article(slug: "configure"))
        // Every redirect leads to an article whose own path differs from the redirect's path.
        for redirect in kb.state.redirects {
            let target = try #require(kb.snapshot.articles.first { $0.id == redirect.objectID })
            #expect(target.publicPath != redirect.fromPath)
        }
        #expect(third.id != first.id && third.id != second.id)
        // And the kept article is not treated as an orphan afterwards.
        let after = try await fixture.plan(
            against: kb.snapshot, state: kb.state, options: PlanOptions(onRemove: .delete))
        #expect(!after.hasChanges)
    }
}

@Suite struct PlannerCollectionTests {
    @Test func aCollectionRetitledHereIsReportedNotChanged() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        // A server known to lack the collection PATCH (newer surface): see
        // CollectionUpdatePlanningTests for one that has it.
        kb.state.capabilities = .init(collectionUpdates: false)
        try fixture.write("guides/_collection.yml", "title: User guides\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(!plan.hasChanges)
        let warning = try #require(plan.warnings.first { $0.kind == .collectionTitleDrift })
        #expect(warning.message.contains("titled “Guides” in Pylon but “User guides” here"))
        #expect(warning.message.contains("cannot update collections"))
    }
}

@Suite struct PlannerProtectTests {
    @Test func aProtectedArticleIsNeitherReplacedNorLinkedAsNew() async throws {
        var files = PlannerFixture.base
        files["guides/configure.md"] =
            "---\ntitle: Configure Relay\nprotect: true\n---\n## Tokens\n\nCreate a token.\n"
        let fixture = try PlannerFixture(files: files)
        var kb = FakeKnowledgeBase()
        kb.apply(try await fixture.plan(against: kb.snapshot))
        let published = try #require(kb.article(slug: "configure"))
        // Moved to another folder: a replace would delete the published article.
        try fixture.remove("guides/configure.md")
        try fixture.write("guides/advanced/configure.md", files["guides/configure.md"]!)
        try fixture.write(
            "guides/install.md",
            "---\ntitle: Install Relay\n---\nSee [configuration](advanced/configure.md#tokens).\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(!plan.articles.contains { $0.source == "guides/advanced/configure.md" })
        #expect(
            plan.warnings.contains { $0.kind == .protected && $0.subject == "guides/advanced/configure.md" })
        let install = try #require(plan.articles.first { $0.source == "guides/install.md" })
        #expect(install.desired?.bodyHTML.contains("href=\"\(published.publicPath!)#tokens\"") == true)
        #expect(!plan.articles.contains { $0.action == .remove || $0.action == .replace })
    }
}
