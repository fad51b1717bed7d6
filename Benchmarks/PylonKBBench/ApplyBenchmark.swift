import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import PylonKBTestSupport

/// `pylon-kb-bench apply [--articles N] [--timed-articles M] [--scale S] [--timed publish,rename]`
///
/// Efficiency: four applies in a row against one emulator (no rate limits) — a first publish of
/// N generated articles, the same again (no-op), 1 % of the articles edited, 10 % renamed — each
/// counting the requests the emulator received against the fewest the change needs.
///
/// Time: a first publish of M articles and then a 10 % rename against an emulator that enforces
/// Pylon's documented limits S times faster (the client paces itself at the same speed), each
/// divided by the least time those limits allow for the requests it sent.
struct EfficiencyResult {
    var scenario: String
    var sent: RequestCount
    var minimum: RequestCount
    var seconds: Double

    var ratio: Double { Double(sent.total) / Double(max(minimum.total, 1)) }
}

struct TimedResult {
    var scenario: String
    var sent: RequestCount
    /// The whole `pylon-kb apply` process: start-up, content check, reads and plan included.
    var seconds: Double
    /// From the first write's arrival at the emulator to the last write's: the part the rate
    /// limits govern (start-up, check, reads and plan are measured by `sizes`).
    var writeSpan: Double
    /// From spawning `pylon-kb` to the first write's arrival: start-up, check, reads, plan.
    var beforeFirstWrite: Double
    var lowerBound: Double

    var ratio: Double { seconds / max(lowerBound, 0.001) }
    var writeSpanRatio: Double { writeSpan / max(lowerBound, 0.001) }
}

/// The changes a scenario makes to a generated corpus, and the fewest requests they need.
struct CorpusChange {
    var generator: CorpusGenerator
    var directory: URL

    /// Articles whose body gains a paragraph: every hundredth, from the 50th.
    var edited: [Int] { stride(from: 50, to: generator.articleCount, by: 100).map { $0 } }
    /// Articles given a new slug: every tenth, from the 3rd. None is a collection's first
    /// article and none links to another, so no renamed article waits for another.
    var renamed: [Int] { stride(from: 3, to: generator.articleCount, by: 10).map { $0 } }

    func path(_ index: Int) -> URL {
        directory.appendingPathComponent(generator.articlePaths()[index])
    }

    func edit() throws {
        for index in edited {
            let url = path(index)
            let text = try String(contentsOf: url, encoding: .utf8)
            try (text + "\nUpdated: the \(index) steps now also cover shared inboxes.\n").write(
                to: url, atomically: true, encoding: .utf8)
        }
    }

    func rename() throws {
        for index in renamed {
            let url = path(index)
            let text = try String(contentsOf: url, encoding: .utf8)
            let slug = url.deletingPathExtension().lastPathComponent + "-v2"
            try text.replacingOccurrences(of: "---\ntitle:", with: "---\nslug: \(slug)\ntitle:").write(
                to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Reads every run needs: the knowledge base (languages), its collections, its articles
    /// (999 a page), and the author's user id (plan validates authors up front, so a pull
    /// request shows an unknown author before anything is merged).
    static func reads(articlesHeld: Int) -> [PylonEndpoint: Int] {
        [
            .getKnowledgeBase: 1, .listCollections: 1,
            .listArticles: (max(articlesHeld, 1) + PylonClient.maximumArticlePageSize - 1)
                / PylonClient.maximumArticlePageSize,
            .searchUsers: 1,
        ]
    }

    /// A first publish: every collection, every distinct image, every article, and one PATCH per
    /// article that must be created before an article it links to exists (the fewest that
    /// break every cycle of links: `CorpusGenerator.minimumLinkPatches`).
    var firstPublishMinimum: [PylonEndpoint: Int] {
        Self.reads(articlesHeld: 0).merging(
            [
                .createCollection: generator.collectionCount,
                .createAttachment: generator.referencedImageCount,
                .createArticle: generator.articleCount, .updateArticle: generator.minimumLinkPatches,
            ], uniquingKeysWith: +)
    }

    var noOpMinimum: [PylonEndpoint: Int] { Self.reads(articlesHeld: generator.articleCount) }

    var editMinimum: [PylonEndpoint: Int] {
        Self.reads(articlesHeld: generator.articleCount).merging(
            [.updateArticle: edited.count], uniquingKeysWith: +)
    }

    /// A rename (the default `on_rename: unlist`): the new article, a redirect from the old
    /// public path, the old one unlisted; every other article linking to a renamed one now
    /// links to a new identifier, so its body is updated; and once per state file, one PATCH
    /// asks whether the server can change a slug in place (Pylon's OpenAPI says no; the answer
    /// is remembered).
    func renameMinimum(probes: Bool) -> [PylonEndpoint: Int] {
        let renamedSet = Set(renamed)
        let linking = (0..<generator.articleCount).filter { index in
            !renamedSet.contains(index)
                && generator.linkTargets(of: index).contains { renamedSet.contains($0) }
        }
        return Self.reads(articlesHeld: generator.articleCount).merging(
            [
                .createArticle: renamed.count, .createRouteRedirect: renamed.count,
                .updateArticle: renamed.count + linking.count + (probes ? 1 : 0),
            ], uniquingKeysWith: +)
    }
}

func runApplyBenchmark(_ arguments: [String], target: BenchTarget) async throws -> (
    [EfficiencyResult], [TimedResult]
) {
    var articles = 1000
    var timedArticles = 1000
    var scale = 60.0
    var seed: UInt64 = 1
    var timedScenarios: Set<String> = ["publish", "rename"]
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch argument {
        case "--articles": articles = Int(rest.popFirst() ?? "") ?? articles
        case "--timed-articles": timedArticles = Int(rest.popFirst() ?? "") ?? timedArticles
        case "--scale": scale = Double(rest.popFirst() ?? "") ?? scale
        case "--seed": seed = UInt64(rest.popFirst() ?? "") ?? seed
        case "--timed":
            timedScenarios = Set((rest.popFirst() ?? "").split(separator: ",").map(String.init))
            guard !timedScenarios.isEmpty, timedScenarios.isSubset(of: ["publish", "rename"]) else {
                throw BenchError("apply: --timed takes publish, rename or publish,rename")
            }
        default: throw BenchError("apply: unknown argument \(argument)")
        }
    }

    // Efficiency, limits off.
    var efficiency: [EfficiencyResult] = []
    do {
        let (directory, generator) = try target.corpus(articles, seed: seed)
        let change = CorpusChange(generator: generator, directory: directory)
        let emulator = try await target.startEmulator()
        defer { Task { await emulator.stop() } }
        func measure(_ scenario: String, minimum: [PylonEndpoint: Int]) async throws {
            await emulator.resetRequestLog()
            let run = try await target.run(["apply", "--auto-approve", directory.path], emulator: emulator)
            guard run.succeeded else {
                throw BenchError("\(scenario) failed:\n\(run.stderr.suffix(3000))\(run.stdout.suffix(3000))")
            }
            let result = EfficiencyResult(
                scenario: scenario, sent: RequestCount(await emulator.requestLog()),
                minimum: RequestCount(minimum),
                seconds: run.seconds)
            say(
                "\(scenario): \(result.sent.total) requests (\(result.sent.writes) writes), minimum \(result.minimum.total),"
                    + " ratio \(format(result.ratio)); \(format(run.seconds)) s\n  sent:    \(result.sent)\n  minimum: \(result.minimum)"
            )
            efficiency.append(result)
        }
        try await measure("first publish of \(articles)", minimum: change.firstPublishMinimum)
        try await measure("no-op", minimum: change.noOpMinimum)
        try change.edit()
        try await measure("1 % edited (\(change.edited.count))", minimum: change.editMinimum)
        try change.rename()
        try await measure(
            "10 % renamed (\(change.renamed.count))", minimum: change.renameMinimum(probes: true))
        await emulator.stop()
    }

    // Time under the documented limits, scaled.
    var timed: [TimedResult] = []
    do {
        let (directory, generator) = try target.corpus(timedArticles, seed: seed)
        let change = CorpusChange(generator: generator, directory: directory)
        // Without a timed first publish, the knowledge base is set up with the limits off and
        // they are switched on for the rename: at 10× a first publish of 1,000 takes 10 minutes.
        let emulator = try await target.startEmulator(
            rateLimitScale: timedScenarios.contains("publish") ? scale : nil)
        defer { Task { await emulator.stop() } }
        func measure(_ scenario: String) async throws {
            // Pylon counts requests in a sliding window: let the previous run's leave it, as
            // they would between two CI runs, so each run starts with the full allowance.
            try await Task.sleep(for: .seconds(60 / scale * 1.05))
            await emulator.resetRequestLog()
            let run = try await target.run(
                ["apply", "--auto-approve", directory.path], emulator: emulator, scale: scale)
            guard run.succeeded else {
                throw BenchError("\(scenario) failed:\n\(run.stderr.suffix(3000))\(run.stdout.suffix(3000))")
            }
            let log = await emulator.requestLog()
            let sent = RequestCount(log)
            let bound = RateLimiter.minimumDuration(for: sent.byEndpoint, scale: scale, margin: 0)
            let writeTimes = log.filter { RequestCount.isWrite($0.endpoint) }.compactMap(\.receivedAt)
            let result = TimedResult(
                scenario: scenario, sent: sent, seconds: run.seconds,
                writeSpan: (writeTimes.max() ?? 0) - (writeTimes.min() ?? 0),
                beforeFirstWrite: (writeTimes.min() ?? run.startedAt) - run.startedAt,
                lowerBound: seconds(bound))
            say(
                "\(scenario) at \(format(scale, 0))× limits: \(format(run.seconds)) s (writes \(format(result.writeSpan)) s),"
                    + " lower bound \(format(result.lowerBound)) s, ratio \(format(result.ratio))"
                    + " (writes \(format(result.writeSpanRatio))); \(sent.tooManyRequests) × 429;"
                    + " \(format(result.beforeFirstWrite)) s before the first write,"
                    + " \(format(result.seconds - result.beforeFirstWrite - result.writeSpan)) s after the last"
                    + "\n  sent: \(sent)"
            )
            timed.append(result)
        }
        if timedScenarios.contains("publish") {
            try await measure("first publish of \(timedArticles)")
        } else {
            let run = try await target.run(["apply", "--auto-approve", directory.path], emulator: emulator)
            guard run.succeeded else {
                throw BenchError("set-up publish failed:\n\(run.stderr.suffix(3000))")
            }
            await emulator.setRateLimitScale(scale)
        }
        if timedScenarios.contains("rename") {
            try change.rename()
            try await measure("10 % renamed (\(change.renamed.count))")
        }
        await emulator.stop()
    }
    return (efficiency, timed)
}

func printApplyTables(_ efficiency: [EfficiencyResult], _ timed: [TimedResult], scale: String) {
    say("")
    say("| scenario | requests sent | minimum | ratio | writes |")
    say("| --- | --: | --: | --: | --: |")
    for result in efficiency {
        say(
            "| \(result.scenario) | \(result.sent.total) | \(result.minimum.total) | \(format(result.ratio)) | \(result.sent.writes) |"
        )
    }
    say("")
    say(
        "| scenario (limits \(scale)× faster) | rate-limit lower bound | whole apply | ratio | first to last write | ratio | 429 received |"
    )
    say("| --- | --: | --: | --: | --: | --: | --: |")
    for result in timed {
        say(
            "| \(result.scenario) | \(format(result.lowerBound)) s | \(format(result.seconds)) s | \(format(result.ratio))"
                + " | \(format(result.writeSpan)) s | \(format(result.writeSpanRatio)) | \(result.sent.tooManyRequests) |"
        )
    }
}
