import ArgumentParser
import PylonKB

@main
struct PylonKBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pylon-kb",
        abstract: "Run a Pylon knowledge base as code.",
        version: PylonKBVersion.current,
        subcommands: [
            InitCommand.self, CheckCommand.self, RenderCommand.self, PlanCommand.self, ApplyCommand.self,
            ExportCommand.self, MigrateCommand.self, KnowledgeBasesCommand.self,
            WhoamiCommand.self, EmulatorCommand.self,
        ]
    )
}
