import Foundation
import PylonAPI
import PylonEmulator
import Testing

/// What a knowledge base holds, with the parts that differ between equal runs (ids,
/// identifiers, attachment URLs) normalised away, and its duplicates counted.
struct KnowledgeBaseContents: Equatable, CustomStringConvertible {
    var collections: [String]
    var articles: [String: String]
    var redirects: [String: String]
    var duplicateArticles: Int
    var duplicateCollections: Int

    static func read(_ harness: EndToEndHarness) async throws -> KnowledgeBaseContents {
        let id = EndToEndHarness.knowledgeBaseID
        let collections = try await harness.client.listCollections(knowledgeBaseID: id)
        let byID = Dictionary(collections.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        func path(_ collectionID: String?) -> String {
            guard let collectionID, let collection = byID[collectionID] else { return "" }
            return path(collection.parentCollectionID) + "/" + (collection.slug ?? "?")
        }
        let articles = try await harness.articles()
        let slugByID = Dictionary(articles.map { ($0.id!, $0.slug!) }, uniquingKeysWith: { a, _ in a })
        func normalise(_ html: String?) -> String {
            (html ?? "").replacing(/\/articles\/\d+-/, with: "/articles/N-")
                .replacing(/http:\/\/127\.0\.0\.1:\d+\/attachments\/[^\/"]+\//, with: "/attachments/N/")
        }
        var contents: [String: String] = [:]
        for article in articles {
            contents[article.slug!] = [
                article.title ?? "", path(article.collectionID), String(article.isPublished ?? false),
                String(article.isUnlisted ?? false), normalise(article.currentDraftContentHTML),
                normalise(article.currentPublishedContentHTML),
            ].joined(separator: "\n")
        }
        let redirects = try await harness.emulator.routeRedirects(knowledgeBaseID: id)
        let collectionPaths = collections.map { path($0.id) }
        return KnowledgeBaseContents(
            collections: collectionPaths.sorted(), articles: contents,
            redirects: Dictionary(
                redirects.map {
                    (
                        $0.fromPath.replacing(/\/articles\/\d+-/, with: "/articles/N-"),
                        slugByID[$0.objectID] ?? "?"
                    )
                },
                uniquingKeysWith: { a, _ in a }),
            duplicateArticles: articles.count - Set(articles.map(\.slug)).count,
            duplicateCollections: collectionPaths.count - Set(collectionPaths).count)
    }

    var description: String {
        "\(collections.count) collections, \(articles.count) articles, \(redirects.count) redirects, duplicates \(duplicateArticles)/\(duplicateCollections)"
    }

    /// The first difference, for a failure message.
    func difference(from other: KnowledgeBaseContents) -> String {
        if collections != other.collections { return "collections \(collections) vs \(other.collections)" }
        if redirects != other.redirects { return "redirects \(redirects) vs \(other.redirects)" }
        for slug in Set(articles.keys).union(other.articles.keys).sorted()
        where articles[slug] != other.articles[slug] {
            return
                "article \(slug):\n\(articles[slug] ?? "missing")\n---- vs ----\n\(other.articles[slug] ?? "missing")"
        }
        return "no difference"
    }
}

@Suite(.serialized) struct CrashSafetyEndToEndTests {
    /// The knowledge base a clean, fault-free publish of the sample content produces.
    static func cleanRun() async throws -> KnowledgeBaseContents {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        return try await KnowledgeBaseContents.read(harness)
    }

    @Test func writesThatLandButAnswer500ConvergeWithoutDuplicates() async throws {
        let expected = try await Self.cleanRun()
        let faults = try FaultRule.parseSpec(
            "createArticle:500-applied:0.4,createCollection:500-applied:0.4,createRouteRedirect:500-applied:0.5,createAttachment:500-applied:0.5,updateArticle:500:0.2,seed=11"
        )
        let harness = try await EndToEndHarness(faults: faults.rules)
        defer { Task { await harness.close() } }
        var runs = 0
        var converged = false
        while runs < 8 && !converged {
            runs += 1
            _ = try await harness.run(["apply", "--auto-approve"])
            await harness.emulator.setFaults([])
            converged = try await harness.run(["plan", "--detailed-exitcode"]).status == 0
            await harness.emulator.setFaults(faults.rules)
        }
        #expect(converged, "no convergence after \(runs) runs")
        let log = await harness.emulator.requestLog()
        #expect(log.contains { $0.fault?.contains("applied") == true }, "the faults never fired")
        let actual = try await KnowledgeBaseContents.read(harness)
        #expect(actual.duplicateArticles == 0 && actual.duplicateCollections == 0)
        #expect(actual == expected, "\(actual.difference(from: expected))")
    }

    /// Kills after the first write, a few, about half and most of the sample's writes, between
    /// two writes and with one on the wire.
    @Test(arguments: [(1, false), (4, true), (10, false), (18, true)])
    func killedMidwayAndRerunConverges(afterWrites writes: Int, midRequest: Bool) async throws {
        let expected = try await Self.cleanRun()
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        // Pylon's limits sped up 20×: the run paces its writes as it would against Pylon.
        try await harness.runAndKill(
            ["apply", "--auto-approve"], afterWrites: writes, midRequest: midRequest,
            environment: ["PYLON_RATE_LIMIT_SCALE": "20"])
        let state = harness.root.appendingPathComponent(".pylon-kb/state.json")
        if let data = FileManager.default.contents(atPath: state.path) {
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "the state file was left torn")
        }
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(try await harness.run(["plan", "--detailed-exitcode"]).status == 0)
        let actual = try await KnowledgeBaseContents.read(harness)
        #expect(actual == expected, "\(actual.difference(from: expected))")
    }
}
