import Foundation
import PylonKB

/// `pylon-kb-bench sizes [--sizes 100,1000,10000] [--runs N]`: `check` and `plan` of generated
/// corpora, wall time and peak memory of the pylon-kb process.
///
/// For each size: `check` (fastest of N runs) next to the `cmark-gfm` command on the same files
/// (the floor: parsing alone); then an emulator with no rate limits gets the whole knowledge
/// base through `pylon-kb apply` (a first publish, also timed), and `plan` runs against it with
/// the state file that apply wrote: a no-op plan, the common CI case.
struct SizeResult {
    var articles: Int
    var markdownBytes: Int
    var check: ChildRun
    var cmark: Double
    var publish: ChildRun
    var plan: ChildRun
    /// CPU time the emulator (in this process) spent answering the fastest plan.
    var emulatorCPU: Double
}

func runSizeBenchmark(_ arguments: [String], target: BenchTarget) async throws -> [SizeResult] {
    var sizes = [100, 1000, 10_000]
    var runs = 2
    var seed: UInt64 = 1
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch argument {
        case "--sizes": sizes = (rest.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
        case "--runs": runs = max(1, Int(rest.popFirst() ?? "") ?? runs)
        case "--seed": seed = UInt64(rest.popFirst() ?? "") ?? seed
        default: throw BenchError("sizes: unknown argument \(argument)")
        }
    }
    var results: [SizeResult] = []
    for size in sizes {
        let (directory, _) = try target.corpus(size, seed: seed)
        let files = try markdownFiles(in: directory)
        let bytes = files.reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
        }
        var checks: [ChildRun] = []
        var floors: [Double] = []
        for _ in 0..<runs {
            let check = try await target.run(["check", directory.path], emulator: nil)
            guard check.succeeded else {
                throw BenchError(
                    "check of \(size) articles failed:\n\(check.stderr.suffix(3000))\(check.stdout.suffix(3000))"
                )
            }
            checks.append(check)
            floors.append(
                try await ChildProcess.run(
                    "/usr/bin/cmark-gfm",
                    [
                        "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist",
                        "-e", "footnotes",
                    ]
                        + files, scratch: target.work
                ).seconds)
        }
        let emulator = try await target.startEmulator()
        let publish = try await target.run(["apply", "--auto-approve", directory.path], emulator: emulator)
        guard publish.succeeded else {
            await emulator.stop()
            throw BenchError(
                "apply of \(size) articles failed:\n\(publish.stderr.suffix(3000))\(publish.stdout.suffix(2000))"
            )
        }
        var plans: [ChildRun] = []
        var emulatorCPU: [Double] = []
        for _ in 0..<runs {
            let before = ownCPUSeconds()
            let plan = try await target.run(
                ["plan", "--detailed-exitcode", directory.path], emulator: emulator)
            emulatorCPU.append(ownCPUSeconds() - before)
            guard plan.status == 0 else {
                await emulator.stop()
                throw BenchError(
                    "plan of \(size) unchanged articles was not a no-op (exit \(plan.status)):\n\(plan.stderr.suffix(3000))\(plan.stdout.prefix(3000))"
                )
            }
            plans.append(plan)
        }
        await emulator.stop()
        let result = SizeResult(
            articles: size, markdownBytes: bytes, check: fastest(checks), cmark: floors.min() ?? 0,
            publish: publish,
            plan: fastest(plans),
            emulatorCPU: emulatorCPU[plans.firstIndex { $0.seconds == fastest(plans).seconds } ?? 0])
        say(
            "\(size) articles (\(bytes / 1024) KB): check \(format(result.check.seconds)) s, \(format(result.check.peakMegabytes, 0)) MB"
                + " (cmark-gfm \(format(result.cmark)) s); first publish \(format(publish.seconds)) s, \(format(publish.peakMegabytes, 0)) MB;"
                + " no-op plan \(format(result.plan.seconds)) s, \(format(result.plan.peakMegabytes, 0)) MB"
                + " (CPU: pylon-kb \(format(result.plan.cpuSeconds)) s, emulator \(format(result.emulatorCPU)) s)"
        )
        results.append(result)
    }
    return results
}

/// The fastest run, with the highest peak memory of all runs (memory hardly varies; the
/// honest number is the worst).
func fastest(_ runs: [ChildRun]) -> ChildRun {
    var best = runs.min { $0.seconds < $1.seconds }!
    best.peakMegabytes = runs.map(\.peakMegabytes).max()!
    return best
}

func markdownFiles(in directory: URL) throws -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
    var files: [String] = []
    for case let relative as String in enumerator where relative.hasSuffix(".md") {
        files.append(directory.appendingPathComponent(relative).path)
    }
    return files.sorted()
}

func printSizeTable(_ results: [SizeResult]) {
    say("")
    say(
        "| articles | Markdown | check | check peak | check / cmark-gfm | first publish (no limits) | publish peak"
            + " | no-op plan | plan peak | plan CPU: pylon-kb / emulator |")
    say("| --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |")
    for result in results {
        say(
            "| \(result.articles) | \(result.markdownBytes / 1024) KB | \(format(result.check.seconds)) s | \(format(result.check.peakMegabytes, 0)) MB"
                + " | \(format(result.check.seconds / max(result.cmark, 0.001)))× | \(format(result.publish.seconds)) s | \(format(result.publish.peakMegabytes, 0)) MB"
                + " | \(format(result.plan.seconds)) s | \(format(result.plan.peakMegabytes, 0)) MB"
                + " | \(format(result.plan.cpuSeconds)) s / \(format(result.emulatorCPU)) s |")
    }
    // Growth: cost per article at the largest size over cost per article at the one before.
    let sorted = results.sorted { $0.articles < $1.articles }
    for (small, large) in zip(sorted, sorted.dropFirst()) {
        func perArticle(_ run: ChildRun, _ count: Int) -> Double { run.seconds / Double(count) }
        say(
            "growth \(small.articles) → \(large.articles) (time per article, larger / smaller; 1.00 is linear):"
                + " check \(format(perArticle(large.check, large.articles) / perArticle(small.check, small.articles)))×,"
                + " plan \(format(perArticle(large.plan, large.articles) / perArticle(small.plan, small.articles)))×,"
                + " first publish \(format(perArticle(large.publish, large.articles) / perArticle(small.publish, small.articles)))×"
        )
    }
}
