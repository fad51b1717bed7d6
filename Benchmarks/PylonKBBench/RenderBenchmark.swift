import Foundation
import PylonAPI
import PylonKB

// `pylon-kb-bench render [--iterations N] [--cmark PATH] [--dump OUT] [DIR …]`: pylon-kb's
// renderer against cmark-gfm on the same Markdown bodies (Benchmarks/render/README.md).
//
// DIRs default to `content` and `../shared/corpora/ddg-help/_docs` (run from the package
// root). Front matter is cut off first, as the content loader does. Three timings per pass over
// all bodies (N passes per round, 7 interleaved rounds, the fastest round counts):
//   1. pylon-kb: `Renderer.render` (preprocessing, cmark parse, shaping, render, footnotes);
//   2. libcmark in-process: `Renderer.renderPlain` with the same extensions (the floor);
//   3. the `cmark-gfm` command: one process given every body file N times (it concatenates its
//      inputs into one document), minus the time of the same process on an empty file, so
//      process start-up is not counted against it.

struct RenderOptionsBench {
    var iterations = 20
    var cmark = "/usr/bin/cmark-gfm"
    var directories: [String] = []
    /// Where to write each rendered article and all diagnostics, for reviewing the output.
    var dump: String?
}

func parseOptions(_ given: [String]) -> RenderOptionsBench {
    var options = RenderOptionsBench()
    var arguments = given[...]
    while let argument = arguments.popFirst() {
        switch argument {
        case "--iterations": options.iterations = Int(arguments.popFirst() ?? "") ?? options.iterations
        case "--cmark": options.cmark = arguments.popFirst() ?? options.cmark
        case "--dump": options.dump = arguments.popFirst()
        default: options.directories.append(argument)
        }
    }
    if options.directories.isEmpty { options.directories = ["content", "../shared/corpora/ddg-help/_docs"] }
    return options
}

struct BenchArticle {
    var path: String
    var body: String
    var lineOffset: Int
}

/// The Markdown after a leading `---` … `---` front-matter block.
func splitFrontMatter(_ text: String) -> (body: String, lineOffset: Int) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return (text, 0) }
    for index in lines.indices.dropFirst() where lines[index].trimmingCharacters(in: .whitespaces) == "---" {
        return (lines[(index + 1)...].joined(separator: "\n"), index + 1)
    }
    return (text, 0)
}

func loadArticles(_ directories: [String]) -> [BenchArticle] {
    var articles: [BenchArticle] = []
    for directory in directories {
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { continue }
        for case let relative as String in enumerator where relative.hasSuffix(".md") {
            guard let text = try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            else {
                continue
            }
            let (body, offset) = splitFrontMatter(text)
            articles.append(BenchArticle(path: relative, body: body, lineOffset: offset))
        }
    }
    return articles.sorted { $0.path < $1.path }
}

func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
}

func seconds(_ duration: Duration) -> Double {
    duration.inSeconds
}

/// Runs a command with stdout to /dev/null and returns its wall time. posix_spawn + waitpid,
/// because Foundation's `Process` adds tens of milliseconds of its own on Linux.
func runCommand(_ executable: String, _ arguments: [String]) -> Double {
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let clock = ContinuousClock()
    let elapsed = clock.measure {
        let status = posix_spawn(&pid, executable, &fileActions, nil, argv, environ)
        guard status == 0 else {
            FileHandle.standardError.write(Data("could not run \(executable): error \(status)\n".utf8))
            exit(1)
        }
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
    }
    return seconds(elapsed)
}

/// The three timings of one render benchmark, in seconds per pass over all files.
struct RenderResult {
    var files: Int
    var bytes: Int
    var pylon: Double
    var library: Double
    var command: Double
}

@discardableResult
func runRenderBenchmark(_ arguments: [String]) throws -> RenderResult {
    let options = parseOptions(arguments)
    let articles = loadArticles(options.directories)
    guard !articles.isEmpty else {
        FileHandle.standardError.write(Data("no .md files under \(options.directories)\n".utf8))
        exit(1)
    }
    let bytes = articles.reduce(0) { $0 + $1.body.utf8.count }
    let extensions = ["table", "strikethrough", "autolink", "tasklist", "footnotes"]
    let renderer = Renderer()
    let resolver = LinkResolver(
        articleURL: { "/articles/1000000000-" + $0 }, imageURL: { "https://cdn.example/" + $0 })
    let iterations = options.iterations

    // Warm up (caches, lazily registered extensions) and check nothing crashes.
    var warnings = 0
    var diagnosticsText = ""
    for article in articles {
        let rendered = renderer.render(
            RenderInput(markdown: article.body, path: article.path, lineOffset: article.lineOffset),
            resolver: resolver)
        warnings += rendered.diagnostics.count
        if let dump = options.dump {
            let file = URL(fileURLWithPath: dump).appendingPathComponent(article.path + ".html")
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.html.write(to: file, atomically: true, encoding: .utf8)
            diagnosticsText += rendered.diagnostics.map { "\($0)\n" }.joined()
        }
    }
    if let dump = options.dump {
        try diagnosticsText.write(
            to: URL(fileURLWithPath: dump).appendingPathComponent("diagnostics.txt"), atomically: true,
            encoding: .utf8)
    }

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pylon-kb-bench-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    var files: [String] = []
    for (index, article) in articles.enumerated() {
        let file = scratch.appendingPathComponent("\(index).md")
        // A blank line after each body keeps one file's last block from running into the next.
        try (article.body + "\n\n").write(to: file, atomically: true, encoding: .utf8)
        files.append(file.path)
    }
    let empty = scratch.appendingPathComponent("empty.md")
    try "".write(to: empty, atomically: true, encoding: .utf8)
    let cmarkArguments = ["--unsafe"] + extensions.flatMap { ["-e", $0] }
    let allFiles = Array(repeating: files, count: iterations).flatMap { $0 }
    // The machine is shared, so the three measurements take turns in each round and the fastest
    // round of each counts (the least disturbed one); the median is printed too.
    var pylonRuns: [Double] = []
    var libraryRuns: [Double] = []
    var commandRuns: [Double] = []
    var startupRuns: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<7 {
        pylonRuns.append(
            seconds(
                clock.measure {
                    for _ in 0..<iterations {
                        for article in articles {
                            _ = renderer.render(
                                RenderInput(
                                    markdown: article.body, path: article.path, lineOffset: article.lineOffset
                                ),
                                resolver: resolver)
                        }
                    }
                }))
        libraryRuns.append(
            seconds(
                clock.measure {
                    for _ in 0..<iterations {
                        for article in articles {
                            _ = Renderer.renderPlain(article.body, extensions: extensions)
                        }
                    }
                }))
        startupRuns.append(runCommand(options.cmark, cmarkArguments + [empty.path]))
        commandRuns.append(runCommand(options.cmark, cmarkArguments + allFiles))
    }
    let startup = startupRuns.min()!
    let pylon = pylonRuns.min()!
    let library = libraryRuns.min()!
    let command = commandRuns.min()! - startup

    func milliseconds(_ total: Double) -> String {
        String(format: "%.2f ms", total / Double(iterations) * 1000)
    }

    say("corpus: \(articles.count) files, \(bytes) bytes of Markdown; \(warnings) diagnostics per pass")
    say("per pass over all files (fastest of 7 rounds of \(iterations) passes; median in brackets):")
    say("  pylon-kb Renderer.render:        \(milliseconds(pylon)) [\(milliseconds(median(pylonRuns)))]")
    say(
        "  libcmark-gfm in-process (plain): \(milliseconds(library)) [\(milliseconds(median(libraryRuns)))]")
    say(
        "  \(options.cmark) command:     \(milliseconds(command)) [\(milliseconds(median(commandRuns) - startup))]"
            + "  (start-up \(String(format: "%.2f ms", startup * 1000)) subtracted)")
    say(String(format: "ratio pylon-kb / cmark-gfm command: %.2f", pylon / command))
    say(String(format: "ratio pylon-kb / libcmark in-process: %.2f", pylon / library))
    return RenderResult(
        files: articles.count, bytes: bytes, pylon: pylon / Double(iterations),
        library: library / Double(iterations), command: command / Double(iterations))
}
