import ArgumentParser
import Foundation
import PylonAPI
import PylonKB

struct KnowledgeBasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knowledge-bases",
        abstract: "List the knowledge bases PYLON_API_TOKEN can reach (id, title, slug, languages).",
        discussion: """
            Examples:
              pylon-kb knowledge-bases
              pylon-kb knowledge-bases --verbose    # every request, with its request_id

            Needs PYLON_API_TOKEN (and PYLON_API_URL for another server, such as
            `pylon-kb emulator`). Put the id into pylon-kb.yml as
            `knowledge_base: <id>`, or pass it to `pylon-kb init --kb`.
            """)

    @Flag(help: "Log every request to standard error (never the token).")
    var verbose = false

    func run() async throws {
        let client = try PylonConnection.client(verbose: verbose)
        let bases: [KnowledgeBase]
        do {
            bases = try await client.listKnowledgeBases()
        } catch {
            // A failed call is not a usage error: say what Pylon said, exit 1.
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
        guard !bases.isEmpty else {
            print("The token reaches no knowledge bases. Check that it belongs to the right Pylon workspace.")
            return
        }
        let rows = bases.map { base in
            [
                base.id ?? "?", base.title ?? "", base.slug ?? "",
                (base.supportedLanguages ?? []).joined(separator: ", ")
                    + (base.defaultLanguage.map { " (default \($0))" } ?? ""),
            ]
        }
        print(TextTable.render(header: ["ID", "TITLE", "SLUG", "LANGUAGES"], rows: rows))
    }
}

struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Check PYLON_API_TOKEN: print the Pylon organization it belongs to.",
        discussion: """
            Examples:
              pylon-kb whoami
              pylon-kb whoami --verbose    # every request, with its request_id

            Needs PYLON_API_TOKEN. Exit code 1 when Pylon refuses the token; the
            message says why and gives Pylon's request_id.
            """)

    @Flag(help: "Log every request to standard error (never the token).")
    var verbose = false

    func run() async throws {
        let client = try PylonConnection.client(verbose: verbose)
        do {
            let me = try await client.me()
            print("The token works. Organization: \(me.name ?? "(no name)") (\(me.id ?? "no id")).")
        } catch {
            // A failed call is not a usage error: say what Pylon said, exit 1.
            Console.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}

/// Columns padded to their widest cell.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1
                    ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
