import Foundation
import Testing

@testable import PylonKB

struct MigrationLinkRewriterTests {
    let rewriter = MigrationLinkRewriter(pathsByIdentifier: [
        "1111111111": "guides/install", "2222222222": "configure",
    ])

    @Test func rewritesRootRelativeAbsoluteAndOldSlugLinksKeepingFragments() {
        let html = """
            <p><a href="/articles/1111111111-install#step-2">a</a> \
            <a href="https://help.example.com/articles/2222222222-configure">b</a> \
            <a class="x" href='/articles/1111111111-old-name'>c</a> \
            <a href="http://127.0.0.1:8080/kb/help/articles/2222222222-configure?ref=nav#top">d</a></p>
            """
        let result = rewriter.rewrite(html)
        #expect(
            result.html == """
                <p><a href="pylon-kb-pending:guides/install#step-2">a</a> \
                <a href="pylon-kb-pending:configure">b</a> \
                <a class="x" href="pylon-kb-pending:guides/install">c</a> \
                <a href="pylon-kb-pending:configure#top">d</a></p>
                """)
        #expect(result.rewritten == 4)
    }

    @Test func leavesEveryOtherLinkAndByteAlone() {
        let html = """
            <p><a href="/articles/9999999999-not-in-source">x</a> <a href="https://example.com/articles/42">y</a> \
            <a href="docs/articles/1111111111-install">z</a> <a href="//cdn.example.com/articles/1111111111-install">w</a> \
            <a href="/collections/55-faq">faq</a> <img src="https://cdn.example.com/a.png" alt="A"> \
            <code>href="/articles/1111111111-install"</code> <a title="a > b" href="https://example.com">t</a></p>
            """
        let result = rewriter.rewrite(html)
        #expect(result.html == html)
        #expect(result.rewritten == 0)
        #expect(result.collectionLinks == ["/collections/55-faq"])
    }

    @Test func recognisesLinksWrittenWithCharacterReferences() {
        let result = rewriter.rewrite(#"<a href="/articles/1111111111-install?a=1&amp;b=2#x">i</a>"#)
        #expect(result.html == #"<a href="pylon-kb-pending:guides/install#x">i</a>"#)
    }
}

struct MigrationPlanningTests {
    static let sourceSnapshot = RemoteSnapshot(
        knowledgeBase: RemoteKnowledgeBase(
            id: "source", title: "Old help", supportedLanguages: ["en", "fr"]),
        collections: [
            RemoteCollection(id: "c-adv", title: "Advanced", slug: "advanced", parentID: "c-guides"),
            RemoteCollection(id: "c-guides", title: "Guides", slug: "guides", description: "How to"),
        ],
        articles: [
            RemoteArticle(
                id: "a1", identifier: "1111111111", slug: "install", title: "Install",
                collectionID: "c-guides",
                isPublished: true,
                draftHTML: #"<p>See <a href="/articles/2222222222-proxies#env">proxies</a>.</p>"#,
                publishedHTML: #"<p>See <a href="/articles/2222222222-proxies#env">proxies</a>.</p>"#,
                url: "https://help.old.example/articles/1111111111-install",
                translations: [
                    "fr": RemoteTranslation(
                        title: "Installer", draftHTML: "<p>Brouillon</p>", publishedHTML: "<p>Installez.</p>")
                ]),
            RemoteArticle(
                id: "a2", identifier: "2222222222", slug: "proxies", title: "Proxies", collectionID: "c-adv",
                isPublished: true,
                draftHTML:
                    #"<p>New: back to <a href="https://help.old.example/articles/1111111111-install">install</a>.</p>"#,
                publishedHTML: "<p>Old text.</p>",
                url: "https://help.old.example/articles/2222222222-proxies"),
            RemoteArticle(
                id: "a3", identifier: "3333333333", slug: "roadmap", title: "Roadmap", collectionID: nil,
                isPublished: false, isUnlisted: true, visibility: "internal_only",
                draftHTML: "<p>Never published.</p>", publishedHTML: nil),
        ])

    static func plan(
        target: RemoteSnapshot, state: DeploymentState? = nil, redirect: Bool = false
    ) async -> (Plan, MigrationSource) {
        let source = MigrationSource(
            snapshot: sourceSnapshot,
            options: MigrationSource.Options(
                targetKnowledgeBaseID: target.knowledgeBase.id, author: "docs@example.com",
                redirectOldPaths: redirect))
        var input = PlanningInput(
            content: source.tree, snapshot: target, state: state,
            authorUserIDs: ["docs@example.com": "user-1"],
            options: PlanOptions(onRemove: .report, renameSimilarityThreshold: .infinity))
        input.prerendered = source.prerendered
        var plan = await Planner().plan(input)
        MigrationSession.guardTarget(&plan, state: state)
        return (plan, source)
    }

    static let emptyTarget = RemoteSnapshot(
        knowledgeBase: RemoteKnowledgeBase(
            id: "target", title: "New help", supportedLanguages: ["en", "fr"]),
        collections: [], articles: [])

    @Test func plansTheCollectionTreeAndArticlesWithSourceHTMLAndPlaceholders() async throws {
        let (plan, _) = await Self.plan(target: Self.emptyTarget, redirect: true)
        #expect(plan.collections.map(\.slugPath) == ["guides", "guides/advanced"])
        #expect(plan.collections.map(\.parentSlugPath) == [nil, "guides"])
        #expect(plan.collections.first?.description == "How to")
        let steps = Dictionary(uniqueKeysWithValues: plan.articles.map { ($0.slug, $0) })
        #expect(plan.articles.allSatisfy { $0.action == .create })

        let install = try #require(steps["install"]?.desired)
        #expect(
            install.bodyHTML
                == #"<p>See <a href="pylon-kb-pending:guides/advanced/proxies#env">proxies</a>.</p>"#)
        #expect(install.published && install.draftBodyHTML == nil)
        #expect(install.authorUserID == "user-1")
        let french = try #require(install.translations.first)
        #expect(french.language == "fr" && french.title == "Installer")
        #expect(french.bodyHTML == "<p>Installez.</p>" && french.draftBodyHTML == "<p>Brouillon</p>")

        // Published with a newer draft: the published body first, the draft kept apart.
        let proxies = try #require(steps["proxies"])
        #expect(proxies.collectionSlugPath == "guides/advanced")
        #expect(proxies.desired?.bodyHTML == "<p>Old text.</p>")
        #expect(
            proxies.desired?.draftBodyHTML
                == #"<p>New: back to <a href="pylon-kb-pending:guides/install">install</a>.</p>"#)
        #expect(DraftSaving.drafts(proxies).map(\.language) == [nil])

        // Never published: created as a draft with its draft body, no draft step.
        let roadmap = try #require(steps["roadmap"])
        #expect(roadmap.desired?.published == false && roadmap.desired?.bodyHTML == "<p>Never published.</p>")
        #expect(roadmap.desired?.unlisted == true && roadmap.desired?.visibility == "internal_only")
        #expect(DraftSaving.drafts(roadmap).isEmpty)

        // Redirects only from published articles' paths.
        #expect(
            Set(plan.redirects.map(\.fromPath)) == [
                "/articles/1111111111-install", "/articles/2222222222-proxies",
            ])
        // Two pending drafts to save (proxies, and install's French translation); no cycles.
        #expect(plan.estimate.requests["updateArticle"] == 2, "the drafts are estimated")
    }

    /// The target as a finished migration leaves it (new identifiers, links to them).
    static func migratedTarget(proxiesDraft: String? = nil) -> RemoteSnapshot {
        let installLink = "/articles/5555555555-install"
        return RemoteSnapshot(
            knowledgeBase: emptyTarget.knowledgeBase,
            collections: [
                RemoteCollection(id: "t-guides", title: "Guides", slug: "guides", description: "How to"),
                RemoteCollection(id: "t-adv", title: "Advanced", slug: "advanced", parentID: "t-guides"),
            ],
            articles: [
                RemoteArticle(
                    id: "t1", identifier: "5555555555", slug: "install", title: "Install",
                    collectionID: "t-guides",
                    isPublished: true,
                    draftHTML: #"<p>See <a href="/articles/6666666666-proxies#env">proxies</a>.</p>"#,
                    publishedHTML: #"<p>See <a href="/articles/6666666666-proxies#env">proxies</a>.</p>"#,
                    translations: [
                        "fr": RemoteTranslation(
                            title: "Installer", draftHTML: "<p>Brouillon</p>",
                            publishedHTML: "<p>Installez.</p>")
                    ]),
                RemoteArticle(
                    id: "t2", identifier: "6666666666", slug: "proxies", title: "Proxies",
                    collectionID: "t-adv",
                    isPublished: true,
                    draftHTML: proxiesDraft
                        ?? #"<p>New: back to <a href="\#(installLink)">install</a>.</p>"#,
                    publishedHTML: "<p>Old text.</p>"),
                RemoteArticle(
                    id: "t3", identifier: "7777777777", slug: "roadmap", title: "Roadmap", collectionID: nil,
                    isPublished: false, isUnlisted: true, visibility: "internal_only",
                    draftHTML: "<p>Never published.</p>", publishedHTML: nil),
            ])
    }

    @Test func aFinishedMigrationPlansNothing() async {
        let (plan, _) = await Self.plan(target: Self.migratedTarget())
        #expect(!plan.hasChanges, "\(plan.articles.map { ($0.slug, $0.changes) })")
        #expect(plan.blockers.isEmpty)
    }

    @Test func aMissingDraftIsTheOnlyChangeAndOnlyTheDraftIsSaved() async throws {
        let (plan, _) = await Self.plan(target: Self.migratedTarget(proxiesDraft: "<p>Old text.</p>"))
        let step = try #require(plan.articles.first)
        #expect(plan.articles.count == 1 && step.slug == "proxies" && step.action == .update)
        #expect(step.changes == ["draft"])
        #expect(step.desired?.draftBodyHTML?.contains("/articles/5555555555-install") == true)
        #expect(DraftSaving.drafts(step).count == 1)
        #expect(plan.estimate.requests["updateArticle"] == 1)
    }

    @Test func refusesToReplaceATargetArticleItDidNotCreate() async {
        var target = Self.emptyTarget
        target.articles = [
            RemoteArticle(
                id: "theirs", identifier: "8888888888", slug: "install", title: "Their install",
                collectionID: nil,
                isPublished: true, draftHTML: "<p>x</p>", publishedHTML: "<p>x</p>")
        ]
        let (plan, _) = await Self.plan(target: target, redirect: true)
        #expect(!plan.articles.contains { $0.slug == "install" })
        #expect(!plan.redirects.contains { $0.targetSource == "guides/install" })
        #expect(
            plan.blockers.contains { $0.subject == "guides/install" && $0.message.contains("Their install") })
    }

    @Test func aTranslationEqualToTheArticleIsPylonsFallbackNotATranslation() {
        var snapshot = Self.sourceSnapshot
        snapshot.articles[2].translations["fr"] = RemoteTranslation(
            title: "Roadmap", draftHTML: "<p>Never published.</p>", publishedHTML: nil)
        let source = MigrationSource(
            snapshot: snapshot, options: MigrationSource.Options(targetKnowledgeBaseID: "t", author: nil))
        #expect(source.tree.articles.first { $0.slug == "roadmap" }?.translations.isEmpty == true)
        #expect(source.tree.articles.first { $0.slug == "install" }?.translations.count == 1)
    }
}
