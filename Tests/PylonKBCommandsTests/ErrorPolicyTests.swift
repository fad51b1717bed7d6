import ArgumentParser
import Foundation
import Testing

@testable import PylonKBCommands

/// The one error policy (`PylonKBCommand+ErrorPolicy.swift`), independent of any command.
@Suite struct ErrorPolicyTests {
    @Test func helpAndVersionGoToStandardOutputAndExit0() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let help = await fixture.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("SUBCOMMANDS:") && help.stderr.isEmpty)
        let version = await fixture.run(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty && version.stderr.isEmpty)
    }

    @Test func anUnknownSubcommandIsWrongUsage() async throws {
        let fixture = try await CommandFixture.make()
        defer { Task { await fixture.close() } }
        let result = await fixture.run(["publish"])
        #expect(result.status == 64 && result.stderr.contains("Usage: pylon-kb"), "\(result.output)")
    }

    /// Thrown while running, even a ValidationError is a failure: exit 1, `error:`, no usage.
    @Test func whileRunningEveryErrorIsAFailureWithoutUsage() {
        let capture = ConsoleCapture()
        let errors: [any Error] = [
            ValidationError("The folder is gone. Pass another."),
            CommandFailure("The folder is gone. Pass another."),
            CocoaError(.fileNoSuchFile),
        ]
        for error in errors {
            #expect(PylonKBCommand.report(runFailure: error, console: capture.console()) == 1)
        }
        let lines = capture.standardError.split(separator: "\n")
        #expect(lines.count == 3 && lines.allSatisfy { $0.hasPrefix("error: ") }, "\(capture.standardError)")
        #expect(lines.prefix(2).allSatisfy { $0 == "error: The folder is gone. Pass another." })
        #expect(!capture.standardError.contains("Usage"))
        #expect(capture.standardOutput.isEmpty)
    }

    @Test func alreadyReportedFailuresAddNoLineAndExplicitCodesPassThrough() {
        let capture = ConsoleCapture()
        #expect(PylonKBCommand.report(runFailure: CommandFailure.reported, console: capture.console()) == 1)
        #expect(PylonKBCommand.report(runFailure: ExitCode.changesPresent, console: capture.console()) == 2)
        #expect(capture.standardError.isEmpty && capture.standardOutput.isEmpty)
        let cancelled = PylonKBCommand.report(
            runFailure: CleanExit.message("Cancelled."), console: capture.console())
        #expect(cancelled == 0 && capture.standardOutput == "Cancelled.\n")
    }
}
