import Foundation
import PylonKB
import PylonKBTestSupport

/// `pylon-kb preview`'s rebuild after one saved article, against checking the whole folder
/// (what `check` does, and what a rebuild without the render cache would cost). In-process,
/// so it measures the work and not the start of a process; reported as ratios to the full
/// check of the same run, since these machines are noisy.
enum PreviewBenchmark {
    struct Row {
        var folder: String
        var articles: Int
        /// Medians, in seconds.
        var fullCheck: Double
        var firstBuild: Double
        var editRebuild: Double
        var editedPage: Double
        /// One look at the folder when nothing changed (the preview looks every 50 ms, less often when a look costs more than 5 ms).
        var look: Double
    }

    /// `[--articles 1000] [--runs 5] [DIR …]`: the repository's `content/` and a generated
    /// folder of `--articles` articles, or the folders given.
    static func run(_ arguments: [String], work: URL) async throws -> [Row] {
        var articles = 1_000
        var runs = 5
        var folders: [URL] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--articles": articles = Int(rest.popFirst() ?? "") ?? articles
            case "--runs": runs = max(1, Int(rest.popFirst() ?? "") ?? runs)
            default: folders.append(URL(fileURLWithPath: argument))
            }
        }
        let scratch = work.appendingPathComponent("preview")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var copies: [(name: String, root: URL)] = []
        if folders.isEmpty {
            let sample = scratch.appendingPathComponent("content")
            try FileManager.default.copyItem(at: URL(fileURLWithPath: "content"), to: sample)
            copies.append(("content/ (the sample)", sample))
            let generated = scratch.appendingPathComponent("generated-\(articles)")
            try CorpusGenerator(articleCount: articles, seed: 3).write(to: generated)
            copies.append(("generated, \(articles) articles", generated))
        } else {
            for folder in folders {
                let copy = scratch.appendingPathComponent(folder.lastPathComponent)
                try FileManager.default.copyItem(at: folder, to: copy)
                copies.append((folder.path, copy))
            }
        }
        var rows: [Row] = []
        for (name, root) in copies {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(".pylon-kb"))
            rows.append(try await measure(name: name, root: root, runs: runs))
        }
        return rows
    }

    static func measure(name: String, root: URL, runs: Int) async throws -> Row {
        let clock = ContinuousClock()
        var full: [Double] = []
        var articleCount = 0
        for _ in 0..<runs {
            let started = clock.now
            let result = try await ContentCheck.run(root: root, render: Renderer().render)
            full.append(seconds(clock.now - started))
            articleCount = result.tree.articles.count
        }
        let preview = LivePreview(root: root)
        var started = clock.now
        await preview.build()
        let first = seconds(clock.now - started)

        guard let edited = firstArticle(in: root) else { throw BenchError("no article in \(root.path)") }
        let url = root.appendingPathComponent(edited)
        let original = try String(contentsOf: url, encoding: .utf8)
        let page = "/" + edited.dropLast(3) + ".html"
        var rebuilds: [Double] = []
        var pages: [Double] = []
        for run in 1...runs {
            try (original + "\nEdited in benchmark run \(run).\n").write(
                to: url, atomically: true, encoding: .utf8)
            started = clock.now
            guard let status = await preview.refreshIfChanged(), status.changedFiles == [edited] else {
                throw BenchError("the preview did not see the edit of \(edited)")
            }
            rebuilds.append(seconds(clock.now - started))
            started = clock.now
            guard let response = await preview.response(for: page),
                String(decoding: response.body, as: UTF8.self).contains("Edited in benchmark run \(run).")
            else { throw BenchError("the preview did not show the edit of \(edited) at \(page)") }
            pages.append(seconds(clock.now - started))
        }
        try original.write(to: url, atomically: true, encoding: .utf8)
        await preview.refreshIfChanged()
        var looks: [Double] = []
        for _ in 0..<max(runs, 20) {
            started = clock.now
            if await preview.refreshIfChanged() != nil {
                throw BenchError("\(root.path) changed during the benchmark")
            }
            looks.append(seconds(clock.now - started))
        }
        return Row(
            folder: name, articles: articleCount, fullCheck: median(full), firstBuild: first,
            editRebuild: median(rebuilds), editedPage: median(pages), look: median(looks))
    }

    static func printTable(_ rows: [Row], runs: String) {
        say(
            "| folder | articles | check, whole folder | preview, first build | preview, one saved article | ratio | serving the edited page | one look for changes |"
        )
        say("| --- | --: | --: | --: | --: | --: | --: | --: |")
        for row in rows {
            say(
                "| \(row.folder) | \(row.articles) | \(milliseconds(row.fullCheck)) | \(milliseconds(row.firstBuild)) | \(milliseconds(row.editRebuild)) | \(format(row.editRebuild / row.fullCheck)) | \(milliseconds(row.editedPage)) | \(format(row.look * 1000, 1)) ms |"
            )
        }
        say("(medians of \(runs) runs; ratio = one saved article / check of the whole folder)")
    }

    /// The first article file in path order that is not a translation (`x.fr.md`) or an index.
    private static func firstArticle(in root: URL) -> String? {
        let walker = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let path = walker?.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            guard name.hasSuffix(".md"), name.split(separator: ".").count == 2, !name.hasPrefix("_"),
                !name.hasPrefix("."), !path.hasPrefix(".")
            else { continue }
            found.append(path)
        }
        return found.sorted().first
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    private static func milliseconds(_ seconds: Double) -> String {
        "\(format(seconds * 1000, 0)) ms"
    }
}
