import Foundation
import PylonAPI
import PylonKB
import Testing

@Suite struct CollectionUpdateApplyTests {
    @Test func aRetitledCollectionIsExactlyOnePatchAndTheStateRecordsIt() async throws {
        let (fixture, kb) = try await publishedBase()
        try fixture.write("guides/_collection.yml", "title: User guides\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let server = NewerSurfaceFakeServer()
        let (report, state) = try await server.apply(plan, snapshot: kb.snapshot, state: kb.state)
        #expect(report.failures.isEmpty, "\(report.failures)")
        let id = try #require(kb.state.collections["guides"]?.id)
        #expect(
            server.writes.map { "\($0.method) \($0.path)" } == [
                "PATCH /knowledge-bases/kb-1/collections/\(id)"
            ])
        #expect(server.writes.first?.json.keys.sorted() == ["title"])
        #expect(state.capabilities?.collectionUpdates == true)
        #expect(state.collections["guides"]?.title == "User guides")
        #expect(state.collections["guides"]?.folder == "guides")
    }

    @Test func aServerWithoutThePatchIsAskedOnceAndTheAnswerKept() async throws {
        let (fixture, kb) = try await publishedBase()
        try fixture.write("guides/_collection.yml", "title: User guides\n")
        try fixture.write("guides/advanced/_collection.yml", "title: Advanced topics\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        #expect(plan.collectionUpdates.count == 2)
        let server = NewerSurfaceFakeServer(.init(collectionUpdates: false))
        let (report, state) = try await server.apply(plan, snapshot: kb.snapshot, state: kb.state)
        // Two updates, one question: the second waits for the first's answer.
        #expect(server.writes.count == 1)
        #expect(report.failures.isEmpty, "a missing capability is not a failure: \(report.failures)")
        #expect(report.warnings.filter { $0.contains("cannot update collections in place") }.count == 1)
        #expect(state.capabilities?.collectionUpdates == false)
        // The next plan knows: today's warning, no update step, no question.
        let next = try await fixture.plan(against: kb.snapshot, state: state)
        #expect(next.collectionUpdates.isEmpty && !next.hasChanges)
        #expect(next.warnings.contains { $0.kind == .collectionTitleDrift })
    }

    @Test func aKnownMissingCapabilityIsNotAskedAgain() async throws {
        let (fixture, kb) = try await publishedBase()
        try fixture.write("guides/_collection.yml", "title: User guides\n")
        // A plan made before the answer was known (e.g. saved), applied after.
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        var state = kb.state
        state.capabilities = .init(collectionUpdates: false)
        let server = NewerSurfaceFakeServer(.init(collectionUpdates: false))
        let (report, _) = try await server.apply(plan, snapshot: kb.snapshot, state: state)
        #expect(server.writes.isEmpty)
        #expect(report.warnings.count == 1)
    }

    @Test func aSlugChangeMovesTheStateRecordsWithIt() async throws {
        let (fixture, kb) = try await publishedBase(capabilities: .init(collectionUpdates: true))
        try fixture.write("guides/_collection.yml", "title: Guides\nslug: manuals\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: kb.state)
        let server = NewerSurfaceFakeServer()
        let (report, state) = try await server.apply(plan, snapshot: kb.snapshot, state: kb.state)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(server.writes.count == 1)
        #expect(server.writes.first?.json["slug"] as? String == "manuals")
        #expect(state.collections["guides"] == nil)
        #expect(state.collections["manuals"]?.folder == "guides")
        #expect(state.collections["manuals/advanced"]?.id == kb.state.collections["guides/advanced"]?.id)
    }

    @Test func anOlderStateLearnsItsFoldersOnTheNextApply() async throws {
        let (fixture, kb) = try await publishedBase()
        var old = kb.state
        for key in old.collections.keys { old.collections[key]?.folder = nil }
        try fixture.write("guides/install.md", "---\ntitle: Install Relay\n---\nDownload and run it.\n")
        let plan = try await fixture.plan(against: kb.snapshot, state: old)
        let server = NewerSurfaceFakeServer()
        let (_, state) = try await server.apply(plan, snapshot: kb.snapshot, state: old)
        #expect(state.collections["guides"]?.folder == "guides")
        #expect(state.collections["guides/advanced"]?.folder == "guides/advanced")
        #expect(!server.writes.contains { $0.path.contains("/collections") })
    }
}

@Suite struct UnpublishApplyTests {
    private func unpublishedInstall(title: String = "Install Relay") async throws -> (
        PlannerFixture, FakeKnowledgeBase, Plan
    ) {
        let (fixture, kb) = try await publishedBase()
        try fixture.write(
            "guides/install.md",
            "---\ntitle: \(title)\npublished: false\n---\nDownload the agent and run the installer. See [configuration](configure.md#tokens).\n"
        )
        return (fixture, kb, try await fixture.plan(against: kb.snapshot, state: kb.state))
    }

    @Test func unpublishingIsItsOwnSmallPatch() async throws {
        let (_, kb, plan) = try await unpublishedInstall()
        let step = try #require(plan.articles.first { $0.source == "guides/install.md" })
        #expect(step.changes == ["unpublish"])
        #expect(PlanTextFormatter().format(plan).contains("(unpublish)"))
        let server = NewerSurfaceFakeServer()
        let (report, state) = try await server.apply(plan, snapshot: kb.snapshot, state: kb.state)
        #expect(report.failures.isEmpty && report.warnings.isEmpty, "\(report.failures) \(report.warnings)")
        #expect(server.writes.count == 1)
        #expect(server.writes.first?.json.keys.sorted() == ["is_published"])
        #expect(server.writes.first?.json["is_published"] as? Bool == false)
        #expect(state.capabilities?.articleUnpublish == true)
    }

    @Test func aServerThatRejectsIsPublishedKeepsTheRestOfTheUpdate() async throws {
        let (fixture, kb, plan) = try await unpublishedInstall(title: "Installing Relay")
        #expect(plan.articles.first?.changes == ["title", "unpublish"])
        let server = NewerSurfaceFakeServer(.init(articleUnpublish: false))
        let (report, state) = try await server.apply(plan, snapshot: kb.snapshot, state: kb.state)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(server.writes.count == 2)
        #expect(server.writes.first?.json["title"] as? String == "Installing Relay")
        #expect(report.warnings.contains { $0.contains("stays published") })
        #expect(state.capabilities?.articleUnpublish == false)
        // The next plan falls back to today's warning without asking.
        let next = try await fixture.plan(against: kb.snapshot, state: state)
        #expect(!(next.articles.first?.changes.contains("unpublish") ?? false))
        #expect(next.warnings.contains { $0.message.contains("the API cannot unpublish it") })
    }
}

@Suite struct ReviewRequestApplyTests {
    private func plannedDrafts() async throws -> (FakeKnowledgeBase, Plan) {
        let (fixture, kb) = try await publishedBase()
        try fixture.write("guides/draft-one.md", "---\ntitle: Draft one\npublished: false\n---\nNot yet.\n")
        try fixture.write("guides/draft-two.md", "---\ntitle: Draft two\npublished: false\n---\nNot yet.\n")
        try fixture.write("guides/live.md", "---\ntitle: Live\n---\nAlready.\n")
        return (kb, try await fixture.plan(against: kb.snapshot, state: kb.state))
    }

    private func reviewPaths(_ server: NewerSurfaceFakeServer) -> [String] {
        server.writes.filter { $0.path.hasSuffix("/request-review") }.map(\.path).sorted()
    }

    @Test func onlyTheDraftsThisApplyLeftAreSentForReview() async throws {
        let (kb, plan) = try await plannedDrafts()
        let server = NewerSurfaceFakeServer()
        let reviews = ReviewRequestOptions(reviewerUserIDs: ["user-7"], aiReview: true)
        let (report, state) = try await server.apply(
            plan, snapshot: kb.snapshot, state: kb.state, reviews: reviews)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(
            reviewPaths(server) == [
                "/knowledge-bases/kb-1/articles/art-draft-one/request-review",
                "/knowledge-bases/kb-1/articles/art-draft-two/request-review",
            ])
        let body = try #require(server.writes.first { $0.path.hasSuffix("/request-review") }?.json)
        #expect(body["reviewer_user_ids"] as? [String] == ["user-7"])
        #expect(body["request_ai_review"] as? Bool == true)
        #expect(state.capabilities?.reviewRequests == true)
    }

    @Test func aServerWithoutReviewRequestsIsAskedOnce() async throws {
        let (kb, plan) = try await plannedDrafts()
        let server = NewerSurfaceFakeServer(.init(reviewRequests: false))
        let (report, state) = try await server.apply(
            plan, snapshot: kb.snapshot, state: kb.state,
            reviews: ReviewRequestOptions(reviewerUserIDs: [], aiReview: true))
        #expect(reviewPaths(server).count == 1)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.warnings.filter { $0.contains("No review was requested") }.count == 1)
        #expect(state.capabilities?.reviewRequests == false)
    }

    @Test func aFailedReviewRequestIsReportedAndTheChangesStand() async throws {
        let (kb, plan) = try await plannedDrafts()
        let server = NewerSurfaceFakeServer(.init(failingReviews: ["art-draft-one"]))
        let (report, state) = try await server.apply(
            plan, snapshot: kb.snapshot, state: kb.state,
            reviews: ReviewRequestOptions(reviewerUserIDs: ["user-7"], aiReview: false))
        let failure = try #require(report.failures.first)
        #expect(report.failures.count == 1)
        #expect(failure.subject == "guides/draft-one.md")
        #expect(failure.message.contains("req-review-1"))
        #expect(reviewPaths(server).count == 2)
        #expect(state.articles["guides/draft-one.md"] != nil)
    }
}

@Suite struct DefaultAuthorTests {
    @Test func theTokensUserAuthorsArticlesWhenNoneIsConfigured() async throws {
        var files = PlannerFixture.base
        files["pylon-kb.yml"] = "target: local\n"
        let fixture = try PlannerFixture(files: files)
        let server = NewerSurfaceFakeServer(.init(tokenUser: "user-me"))
        let client = try server.client()
        let author = try #require(await AuthorDirectory(client: client).tokenUser())
        #expect(author.userID == "user-me")
        var input = PlanningInput(
            content: try await fixture.load(), snapshot: FakeKnowledgeBase().snapshot, state: nil)
        input.defaultAuthor = author
        let plan = await Planner().plan(input)
        #expect(plan.articles.allSatisfy { $0.desired?.authorUserID == "user-me" })
        #expect(plan.defaultAuthor == author)
        let text = PlanTextFormatter().format(plan)
        #expect(text.components(separatedBy: "(the token's user)").count == 2)
        #expect(text.contains("author: Token User <token@example.com> (the token's user)"))
    }

    @Test func withoutAUserInMeArticlesHaveNoAuthorAsBefore() async throws {
        let server = NewerSurfaceFakeServer()
        let client = try server.client()
        #expect(await AuthorDirectory(client: client).tokenUser() == nil)
    }

    @Test func aConfiguredAuthorWins() async throws {
        let fixture = try PlannerFixture(files: PlannerFixture.base)
        var input = PlanningInput(
            content: try await fixture.load(), snapshot: FakeKnowledgeBase().snapshot, state: nil,
            authorUserIDs: ["docs@example.com": "user-1"])
        input.defaultAuthor = PlanAuthor(userID: "user-me", name: nil, email: nil)
        let plan = await Planner().plan(input)
        #expect(plan.articles.allSatisfy { $0.desired?.authorUserID == "user-1" })
        #expect(plan.defaultAuthor == nil)
    }
}
