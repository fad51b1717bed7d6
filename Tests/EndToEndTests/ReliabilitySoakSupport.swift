import Foundation
import PylonEmulator
import PylonKB
import PylonKBTestSupport
import Testing

extension EndToEndHarness {
    /// Runs the binary in another folder (a second checkout) against this harness's emulator.
    func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) async throws
        -> Result
    {
        try await BinaryRun(arguments, in: directory, harness: self, environment: environment).wait()
    }
}

/// How big the soaks are: bounded for CI by default, the issue's full numbers with
/// `PYLON_KB_SOAK=full`.
struct SoakScale: CustomStringConvertible {
    var articles: Int
    var kills: Int
    var maximumRuns: Int
    var isFull: Bool

    static let current: SoakScale =
        ProcessInfo.processInfo.environment["PYLON_KB_SOAK"] == "full"
        ? SoakScale(articles: 500, kills: 20, maximumRuns: 12, isFull: true)
        : SoakScale(articles: 120, kills: 6, maximumRuns: 10, isFull: false)

    var description: String { "\(isFull ? "full" : "CI") soak: \(articles) articles, \(kills) kills" }
}

/// The generated corpus and its deterministic 20 % edit: 10 % of the articles get a new
/// paragraph (every other one a new title too), 5 % a new slug with `previous_slugs` (a replace
/// with a redirect), 5 % are deleted (and links to them become plain text).
enum SoakCorpus {
    static let configuration =
        "knowledge_base: \(EndToEndHarness.knowledgeBaseID)\nauthor: docs@example.com\n"

    /// Policies both the faulty and the fault-free runs use: removals really delete.
    static let policies = ["--on-remove", "delete", "--max-removals", "1000"]

    @discardableResult
    static func write(articles: Int, to root: URL) throws -> [String] {
        // The generator wants an empty folder; keep nothing from the harness's sample.
        if FileManager.default.fileExists(atPath: root.path) { try FileManager.default.removeItem(at: root) }
        return try CorpusGenerator(articleCount: articles, seed: 2026).write(
            to: root, configuration: configuration)
    }

    struct Edit {
        var edited: [Int] = []
        var renamed: [Int] = []
        var removed: [Int] = []
    }

    /// Which articles the edit touches: a fixed pseudo-random 20 %.
    static func plan(articles: Int) -> Edit {
        var edit = Edit()
        for index in 0..<articles {
            switch (index &* 7919 &+ 13) % 20 {
            case 0, 1: edit.edited.append(index)
            case 2: edit.renamed.append(index)
            case 3: edit.removed.append(index)
            default: break
            }
        }
        return edit
    }

    @discardableResult
    static func applyEdit(articles: Int, root: URL) throws -> Edit {
        let paths = CorpusGenerator(articleCount: articles, seed: 2026).articlePaths()
        let edit = plan(articles: articles)
        let removed = Set(edit.removed)
        for index in edit.removed {
            try FileManager.default.removeItem(at: root.appendingPathComponent(paths[index]))
        }
        for (index, path) in paths.enumerated() where !removed.contains(index) {
            let url = root.appendingPathComponent(path)
            var text = try String(contentsOf: url, encoding: .utf8)
            // Links to deleted articles would be errors: they become plain text.
            text = text.replacing(/\[([^\]]*)\]\([^)]*article-(\d{5})\.md(#[^)]*)?\)/) { match in
                Int(match.output.2).map(removed.contains) == true
                    ? String(match.output.1) : String(match.output.0)
            }
            if edit.edited.contains(index) {
                text += "\nThis paragraph was added by the soak's edit of article \(index).\n"
                if index % 2 == 0 {
                    text = text.replacing(/\ntitle: ([^\n]*)\n/) { "\ntitle: \($0.output.1) (revised)\n" }
                }
            }
            if edit.renamed.contains(index) {
                let slug = String(format: "article-%05d", index)
                text = text.replacing(
                    "---\ntitle:", with: "---\nslug: \(slug)-renamed\nprevious_slugs: [\(slug)]\ntitle:",
                    maxReplacements: 1)
            }
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return edit
    }
}

/// Request counts from the emulator's log, for the report.
struct RequestTally: CustomStringConvertible {
    var total = 0
    var writes = 0
    var faults: [String: Int] = [:]

    mutating func add(_ log: [LoggedRequest]) {
        total += log.count
        writes += log.filter(EndToEndHarness.isWrite).count
        for entry in log { if let fault = entry.fault { faults[fault, default: 0] += 1 } }
    }

    var description: String {
        let faultText = faults.sorted { $0.key < $1.key }.map { "\($0.value)× \($0.key)" }.joined(
            separator: ", ")
        return
            "\(total) requests (\(writes) writes); faults injected: \(faultText.isEmpty ? "none" : faultText)"
    }
}
