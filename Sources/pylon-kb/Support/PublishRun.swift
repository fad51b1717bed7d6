import ArgumentParser
import Foundation
import PylonKB

/// Connects to the target of a content folder and prepares a plan: shared by plan and apply.
struct PublishRun {
    let root: URL
    let connection: TargetConnection
    let session: PublishSession
    let prepared: PublishSession.Prepared

    static func prepare(
        root: URL, connection options: ConnectionOptions, policies: PolicyOptions
    ) async throws -> PublishRun {
        let (configuration, configurationDiagnostics) = Configuration.load(root: root)
        if configurationDiagnostics.contains(where: { $0.severity == .error }) {
            for diagnostic in configurationDiagnostics { Console.error(diagnostic.description) }
            throw ExitCode.failure
        }
        let languages = Self.translationLanguages(root: root)
        let connection = try await TargetConnection.connect(
            configuration: configuration, root: root, overrideKnowledgeBase: options.knowledgeBase,
            verbose: options.verbose, contentLanguages: languages)
        let session = PublishSession(
            root: root, client: connection.client, knowledgeBaseID: connection.knowledgeBaseID,
            options: policies.planOptions, stateStore: connection.stateStore)
        // Content paths in messages are relative to the current folder, as in `check`.
        let formatter = DiagnosticFormatter(
            style: .text,
            pathPrefix: ContentRoot.displayPrefix(root: root, currentDirectory: CommandPaths.currentDirectory)
        )
        do {
            let prepared = try await session.prepare()
            for diagnostic in prepared.diagnostics { Console.error(formatter.line(for: diagnostic)) }
            for notice in prepared.notices { Console.error("warning: \(notice)") }
            return PublishRun(root: root, connection: connection, session: session, prepared: prepared)
        } catch let failure as PublishSession.Failure {
            if case .content(let diagnostics, _) = failure {
                for diagnostic in diagnostics { Console.error(formatter.line(for: diagnostic)) }
            }
            Console.error("error: \(failure.description)")
            await connection.close()
            throw ExitCode.failure
        } catch {
            Console.error("error: \(error)")
            await connection.close()
            throw ExitCode.failure
        }
    }

    /// Language codes of `name.<lang>.md` files, so the local knowledge base supports them.
    static func translationLanguages(root: URL) -> Set<String> {
        var languages: Set<String> = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let (_, language) = Translation.languageCode(inFileName: url.lastPathComponent) {
                languages.insert(language)
            }
        }
        return languages
    }
}
