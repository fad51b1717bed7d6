import Foundation
import PylonKB

enum CommandPaths {
    /// The folder given, or the default (`.` or `./content`, whichever holds pylon-kb.yml).
    static func contentRoot(_ directory: String?, context: CommandContext = .current) -> URL {
        guard let directory else {
            return ContentRoot.defaultDirectory(currentDirectory: context.currentDirectory)
        }
        return context.url(directory, isDirectory: true)
    }
}

extension Configuration {
    var knowledgeBaseID: String? {
        if case .knowledgeBase(let id) = target { return id }
        return nil
    }

    /// Reads `pylon-kb.yml` at `root` (defaults when there is none).
    static func load(root: URL) -> (Configuration, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let text = try? String(contentsOf: root.appendingPathComponent(fileName), encoding: .utf8)
        else {
            return (Configuration(), [])
        }
        let configuration = parse(text, diagnostics: &diagnostics)
        return (configuration, diagnostics)
    }

    /// Reads `pylon-kb.yml` at `root`; when it has errors, prints them and fails.
    static func loadValid(root: URL, console: Console) throws -> Configuration {
        let (configuration, diagnostics) = load(root: root)
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            for diagnostic in diagnostics { console.error(diagnostic.description) }
            throw CommandFailure.reported
        }
        return configuration
    }
}
