import Foundation
import PylonKB
import PylonKBTestSupport

// pylon-kb's benchmarks (docs/performance.md). Run from the package root, after
// `swift build -c release --product pylon-kb --product pylon-kb-bench` (Benchmarks/run.sh does both):
//
//   pylon-kb-bench all [--quick]                  everything below, then the tables
//   pylon-kb-bench render [--iterations N] [DIR …] renderer vs cmark-gfm (Benchmarks/render)
//   pylon-kb-bench sizes [--sizes 100,1000,10000] [--runs N]
//   pylon-kb-bench apply [--articles N] [--timed-articles M] [--scale S] [--timed publish,rename]
//   pylon-kb-bench state [1000,2000,10000]       recording apply's writes in the state file
//   pylon-kb-bench preview [--articles 1000] [--runs 5] [DIR …]
//                                                 preview's rebuild after one saved article vs
//                                                 checking the whole folder (PreviewBenchmark)
//   pylon-kb-bench generate-corpus N DIR [SEED]
//   pylon-kb-bench renames [HISTORY …]           rename detection's precision and recall on
//                                                 /work/shared/rename-histories (RenameBenchmark)
//   pylon-kb-bench transport [--requests 1000] [--concurrency 20] [--waiting 4] [--wait-seconds 5]
//                                                 the HTTP transport's CPU time (TransportBenchmark)
//
// Common options (before the subcommand): --binary PATH (default .build/release/pylon-kb),
// --work DIR (default $TMPDIR/pylon-kb-bench; corpora and scratch files, replaced each run).

var arguments = Array(CommandLine.arguments.dropFirst())
var binary = ".build/release/pylon-kb"
var work = FileManager.default.temporaryDirectory.appendingPathComponent("pylon-kb-bench")
while let first = arguments.first, first.hasPrefix("--binary") || first.hasPrefix("--work") {
    arguments.removeFirst()
    let value = arguments.isEmpty ? "" : arguments.removeFirst()
    if first == "--binary" { binary = value } else { work = URL(fileURLWithPath: value) }
}
let command = arguments.first ?? "render"
let rest = Array(arguments.dropFirst())
let target = BenchTarget(binary: binary, work: work)

func machine() -> String {
    let cpu =
        (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
        .first { $0.hasPrefix("model name") }.map {
            String($0.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces)
        }
        ?? "unknown CPU"
    let load =
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
        .joined(
            separator: " ") ?? "?"
    let memory = ProcessInfo.processInfo.physicalMemory / 1_048_576
    return
        "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(memory) MB memory, load average \(load)"
}

do {
    switch command {
    case "generate-corpus":
        guard rest.count >= 2, let count = Int(rest[0]) else {
            throw BenchError("usage: pylon-kb-bench generate-corpus N DIR [SEED]")
        }
        let seed = rest.count > 2 ? UInt64(rest[2]) ?? 1 : 1
        let paths = try CorpusGenerator(articleCount: count, seed: seed).write(
            to: URL(fileURLWithPath: rest[1]))
        say("wrote \(paths.count) articles to \(rest[1])")
    case "render":
        try runRenderBenchmark(rest)
    case "renames":
        try await runRenameBenchmark(rest, target: target)
    case "transport-server":
        try await TransportBenchmark.serve()
    case "transport":
        say("machine: \(machine())")
        TransportBenchmark.printTable(try await TransportBenchmark.run(rest))
    case "state":
        // Recording n article writes: the journal against rewriting the whole file each time.
        let counts = (rest.first ?? "1000,2000,10000").split(separator: ",").compactMap { Int($0) }
        let wholeFileLimit = 2_000  // n² time: 10,000 whole-file writes take many minutes
        say("machine: \(machine())")
        say("| article writes | journal (now) | whole file each write (before) | ratio |")
        say("| --: | --: | --: | --: |")
        for count in counts {
            let directory = work.appendingPathComponent("state-\(count)")
            let journal = try await StateWriteBenchmark.run(
                articles: count, directory: directory, wholeFileEachWrite: false)
            var whole = "not run (n² time)"
            var ratio = ""
            if count <= wholeFileLimit {
                let seconds = try await StateWriteBenchmark.run(
                    articles: count, directory: directory, wholeFileEachWrite: true)
                whole = "\(format(seconds)) s"
                ratio = "\(format(seconds / journal, 1))×"
            }
            say("| \(count) | \(format(journal)) s | \(whole) | \(ratio) |")
        }
    case "preview":
        say("machine: \(machine())")
        let runs =
            rest.firstIndex(of: "--runs").flatMap { rest.indices.contains($0 + 1) ? rest[$0 + 1] : nil }
            ?? "5"
        PreviewBenchmark.printTable(try await PreviewBenchmark.run(rest, work: work), runs: runs)
    case "sizes":
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no pylon-kb binary at \(binary)")
        }
        say("machine: \(machine())")
        printSizeTable(try await runSizeBenchmark(rest, target: target))
    case "apply":
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no pylon-kb binary at \(binary)")
        }
        say("machine: \(machine())")
        let scale =
            rest.firstIndex(of: "--scale").flatMap { rest.indices.contains($0 + 1) ? rest[$0 + 1] : nil }
            ?? "60"
        let (efficiency, timed) = try await runApplyBenchmark(rest, target: target)
        printApplyTables(efficiency, timed, scale: scale)
    case "all":
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no pylon-kb binary at \(binary)")
        }
        let quick = rest.contains("--quick")
        say("machine: \(machine())")
        say("== rendering: pylon-kb vs cmark-gfm")
        let render = try runRenderBenchmark(quick ? ["--iterations", "5"] : [])
        say("== check and plan by size")
        let sizes = try await runSizeBenchmark(
            quick ? ["--sizes", "100,1000", "--runs", "1"] : [], target: target)
        say("== apply: requests and time")
        let (efficiency, timed) = try await runApplyBenchmark(
            quick ? ["--articles", "300", "--timed-articles", "100"] : [], target: target)
        say("== preview: one saved article vs the whole folder")
        let previewRuns = quick ? "3" : "5"
        let preview = try await PreviewBenchmark.run(
            ["--articles", quick ? "300" : "1000", "--runs", previewRuns], work: work)
        say("\n== summary (machine: \(machine()))")
        say(
            "rendering \(render.files) files: pylon-kb / cmark-gfm command \(format(render.pylon / render.command))×"
        )
        printSizeTable(sizes)
        printApplyTables(efficiency, timed, scale: "60")
        PreviewBenchmark.printTable(preview, runs: previewRuns)
    default:
        throw BenchError(
            "unknown command \(command); see the comment at the top of Benchmarks/PylonKBBench/main.swift")
    }
} catch {
    FileHandle.standardError.write(Data("pylon-kb-bench: \(error)\n".utf8))
    exit(1)
}
