import ArgumentParser
import PylonKB

/// The `pylon-kb` command line. The executable only calls `PylonKBCommand.run`; tests call it
/// in-process with their own `CommandContext`.
public struct PylonKBCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "pylon-kb",
        abstract: "Run a Pylon knowledge base as code.",
        version: PylonKBVersion.current,
        subcommands: [
            InitCommand.self, CheckCommand.self, RenderCommand.self, PreviewCommand.self, PlanCommand.self,
            ApplyCommand.self, PullCommand.self, MoveCommand.self, ExportCommand.self, ImportCommand.self,
            MigrateCommand.self,
            KnowledgeBasesCommand.self,
            WhoamiCommand.self, EmulatorCommand.self,
        ]
    )

    public init() {}
}
