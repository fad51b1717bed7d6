import ArgumentParser
import Foundation

/// The one place that turns what a command threw into output and an exit code:
///
/// | Exit | When | Output |
/// |------|------|--------|
/// | 0 | success; `--help`, `--version`; a cancelled confirmation | the result |
/// | 1 | any failure while running (`CommandFailure`, or any other error) | `error: …` on standard error, no usage |
/// | 2 | changes present with `--detailed-exitcode` | the plan |
/// | 64 | wrong usage: parsing and `validate()` | `Error: …` and the usage text |
///
/// So a `ValidationError` means usage only where the argument parser reports it (parsing and
/// `validate()`); thrown later, it is a failure like any other (exit 1, no usage).
extension PylonKBCommand {
    /// Runs pylon-kb with `arguments` (without the program name) and returns its exit code.
    public static func run(_ arguments: [String], context: CommandContext = .process) async -> Int32 {
        await CommandContext.$current.withValue(context) {
            let console = context.console
            let command: any ParsableCommand
            do {
                command = try parseAsRoot(arguments)
            } catch {
                return report(error, console: console)
            }
            // `help` is the argument parser's own command: its errors are its own to report.
            guard isPylonKBCommand(command) else {
                do {
                    var command = command
                    try command.run()
                    return 0
                } catch {
                    return report(error, console: console)
                }
            }
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    var command = command
                    try command.run()
                }
                return 0
            } catch {
                return report(runFailure: error, console: console)
            }
        }
    }

    private static func isPylonKBCommand(_ command: any ParsableCommand) -> Bool {
        let type = ObjectIdentifier(Swift.type(of: command))
        return ([Self.self] + configuration.subcommands).contains { ObjectIdentifier($0) == type }
    }

    /// An error thrown while running: ExitCode and CleanExit as the parser defines them, every
    /// other error one `error: …` line and exit 1, with no usage text.
    static func report(runFailure error: any Error, console: Console) -> Int32 {
        switch error {
        case let code as ExitCode:
            return code.rawValue
        case is CleanExit:
            return report(error, console: console)
        case let failure as CommandFailure:
            if let message = failure.message { console.error("error: \(message)") }
            return ExitCode.failure.rawValue
        default:
            console.error("error: \(error)")
            return ExitCode.failure.rawValue
        }
    }

    /// What the argument parser says for its own errors (usage, `--help`, `--version`,
    /// completion scripts): on standard output for exit 0, else on standard error.
    private static func report(_ error: any Error, console: Console) -> Int32 {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if !message.isEmpty {
            if code.isSuccess { console.print(message) } else { console.error(message) }
        }
        return code.rawValue
    }
}
