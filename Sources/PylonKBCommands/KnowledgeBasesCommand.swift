import ArgumentParser
import Foundation
import PylonAPI
import PylonKB

public struct KnowledgeBasesCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
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

    public init() {}

    public func run() async throws {
        let console = CommandContext.current.console
        let bases = try await PylonConnection.withClient(verbose: verbose) {
            try await $0.listKnowledgeBases()
        }
        guard !bases.isEmpty else {
            console.print(
                "The token reaches no knowledge bases. Check that it belongs to the right Pylon workspace.")
            return
        }
        let rows = bases.map { base in
            [
                base.id ?? "?", base.title ?? "", base.slug ?? "",
                (base.supportedLanguages ?? []).joined(separator: ", ")
                    + (base.defaultLanguage.map { " (default \($0))" } ?? ""),
            ]
        }
        console.print(TextTable.render(header: ["ID", "TITLE", "SLUG", "LANGUAGES"], rows: rows))
    }
}
