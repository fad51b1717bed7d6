import Foundation

/// `.pylon-kb/import-state.json`: the SHA-256 of every file the last import wrote, by content
/// path. It is how a rerun tells its own files (rewritten freely, or left alone when
/// unchanged) from files edited since (never overwritten without `--force`), and which files a
/// later import no longer produces (removed when unchanged). Sorted keys, no times: an import
/// that changes nothing rewrites nothing, this file included.
struct ImportState: Codable, Sendable, Equatable {
    var version = 1
    var vendor: String
    var files: [String: String] = [:]

    static let path = ".pylon-kb/import-state.json"

    static func load(from folder: URL) -> ImportState? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(path)) else { return nil }
        return try? JSONDecoder().decode(ImportState.self, from: data)
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }
}

/// Writes an import into its folder under the rules of `ImportState`.
struct ImportWriter: Sendable {
    let folder: URL
    let force: Bool

    struct Outcome: Sendable {
        var written: [String] = []
        var unchanged = 0
        var removed: [String] = []
        /// Files no longer imported that were edited, so they were kept.
        var keptEdited: [String] = []
    }

    /// Files the import owns but never tracks: written when absent, never overwritten.
    static let writeOnce: Set<String> = ["pylon-kb.yml"]
    /// Rewritten every run; its content is deterministic.
    static let report = "_import-report.md"

    func write(files: [String: Data], vendor: ImportVendor) throws -> Outcome {
        let previous = ImportState.load(from: folder)
        var state = ImportState(vendor: vendor.rawValue)
        var outcome = Outcome()
        var conflicts: [String] = []
        var pending: [(String, Data)] = []
        for path in files.keys.sorted() {
            let data = files[path]!
            let url = folder.appendingPathComponent(path)
            let existing = try? Data(contentsOf: url)
            if Self.writeOnce.contains(path) {
                if existing == nil { pending.append((path, data)) }
                continue
            }
            if path != Self.report { state.files[path] = ContentHash.sha256(data) }
            guard let existing else {
                pending.append((path, data))
                continue
            }
            if existing == data {
                outcome.unchanged += 1
                continue
            }
            let recorded = previous?.files[path]
            if path != Self.report, recorded != ContentHash.sha256(existing), !force {
                conflicts.append(path)
            }
            pending.append((path, data))
        }
        var removals: [String] = []
        for (path, hash) in previous?.files ?? [:] where files[path] == nil {
            let url = folder.appendingPathComponent(path)
            guard let existing = try? Data(contentsOf: url) else { continue }
            if ContentHash.sha256(existing) == hash || force {
                removals.append(path)
            } else {
                outcome.keptEdited.append(path)
            }
        }
        guard conflicts.isEmpty else { throw ImportFailure.localEdits(conflicts.sorted()) }
        for (path, data) in pending {
            try put(data, at: path)
            outcome.written.append(path)
        }
        for path in removals.sorted() {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(path))
            outcome.removed.append(path)
        }
        let stateData = state.encoded()
        if (try? Data(contentsOf: folder.appendingPathComponent(ImportState.path))) != stateData {
            try put(stateData, at: ImportState.path)
        }
        return outcome
    }

    private func put(_ data: Data, at path: String) throws {
        guard ContentPath.resolve(path, fromFile: "") == path, !path.hasPrefix("/") else {
            preconditionFailure("import path \(path) is not a plain relative path")
        }
        let url = folder.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw ImportFailure.write(url.path, error.localizedDescription)
        }
    }
}
