import Foundation

/// What a command reads from its surroundings: the environment (the token, the server), the
/// current folder (default content folder, relative paths) and the console. The binary runs
/// with the process's; tests run commands in-process with their own, so they neither change
/// the process's environment nor its current folder, and can run in parallel.
public struct CommandContext: Sendable {
    public var environment: [String: String]
    public var currentDirectory: URL
    public var console: Console

    public init(environment: [String: String], currentDirectory: URL, console: Console) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.console = console
    }

    /// The process's environment, current folder and standard streams.
    public static var process: CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: URL(
                fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
            console: .standard)
    }

    /// The context of the command running in this task (`PylonKBCommand.run` sets it).
    @TaskLocal public static var current: CommandContext = .process

    /// A variable's value, nil when unset or empty (an empty variable counts as unset, as
    /// `PYLON_API_URL=` does in scripts that clear it).
    func value(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Colours only on a terminal and only without NO_COLOR (https://no-color.org).
    var useColor: Bool {
        console.outputIsTerminal && environment["NO_COLOR"].map(\.isEmpty) ?? true
    }

    /// `path` relative to the current folder.
    func url(_ path: String, isDirectory: Bool = false) -> URL {
        URL(fileURLWithPath: path, isDirectory: isDirectory, relativeTo: currentDirectory).standardizedFileURL
    }

    /// With `--verbose`, the client's line per request (never the token) on standard error.
    func requestLog(verbose: Bool) -> (@Sendable (String) -> Void)? {
        guard verbose else { return nil }
        let console = self.console
        return { line in console.error(line) }
    }
}
