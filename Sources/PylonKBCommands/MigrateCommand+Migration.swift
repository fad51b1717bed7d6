import Foundation
import PylonAPI
import PylonKB

extension MigrateCommand {
    /// The migration the options and the environment describe: the source (--kb or
    /// pylon-kb.yml, read with PYLON_API_TOKEN and PYLON_API_URL), the target (written with
    /// PYLON_TARGET_API_TOKEN and PYLON_TARGET_API_URL when set, else the same) and the state file.
    struct Migration {
        let sourceID: String
        let stateURL: URL
        let session: MigrationSession

        init(_ command: MigrateCommand, context: CommandContext = .current) throws {
            let (configuration, _) = Configuration.load(root: CommandPaths.contentRoot(nil, context: context))
            guard let sourceID = command.connection.knowledgeBase ?? configuration.knowledgeBaseID else {
                throw CommandFailure(
                    "migrate needs the source knowledge base: pass --kb ID or set `knowledge_base` in pylon-kb.yml (see `pylon-kb knowledge-bases`)."
                )
            }
            let sourceURL = context.value("PYLON_API_URL")
            let targetURL = context.value("PYLON_TARGET_API_URL") ?? sourceURL
            if sourceID == command.targetKnowledgeBase && sourceURL == targetURL {
                throw CommandFailure("The source and the target are the same knowledge base (\(sourceID)).")
            }
            let verbose = command.connection.verbose
            let source = try PylonConnection.client(verbose: verbose, context: context)
            let target = try PylonConnection.client(
                tokenVariables: ["PYLON_TARGET_API_TOKEN", "PYLON_API_TOKEN"],
                urlVariables: ["PYLON_TARGET_API_URL", "PYLON_API_URL"], verbose: verbose, context: context)
            self.sourceID = sourceID
            stateURL =
                command.state.map { context.url($0) }
                ?? MigrationSession.defaultStateURL(
                    directory: context.currentDirectory, source: sourceID, target: command.targetKnowledgeBase
                )
            session = MigrationSession(
                source: source, sourceKnowledgeBaseID: sourceID, target: target,
                targetKnowledgeBaseID: command.targetKnowledgeBase,
                options: MigrationSession.Options(
                    author: command.author ?? configuration.author,
                    targetSiteURL: command.targetSiteURL.flatMap(MigrateCommand.siteURL),
                    redirectOldPaths: command.redirectOldPaths, onDrift: command.onDrift),
                stateStore: StateStore(url: stateURL))
        }

        /// Two migrations with one state file would both create what is missing; the second
        /// one stops here instead.
        func lock() throws -> ApplyLock {
            try ApplyLock.acquire(migrationState: stateURL)
        }

        /// The state file's notices and one line on what is being copied, on standard error.
        func announce(_ prepared: MigrationSession.Prepared, console: Console) {
            for notice in prepared.notices { console.error("warning: \(notice)") }
            console.error(
                "Migrating “\(prepared.sourceSnapshot.knowledgeBase.title)” (\(sourceID)): \(prepared.source.articles.count) articles, \(prepared.source.tree.collections.count) collections, \(prepared.source.rewrittenLinks) links between them."
            )
        }
    }

    /// An http(s) address with a host, or nil.
    static func siteURL(_ text: String) -> URL? {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil
        else {
            return nil
        }
        return url
    }
}
