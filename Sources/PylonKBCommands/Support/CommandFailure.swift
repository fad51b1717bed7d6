import ArgumentParser

/// A failure the person running pylon-kb can act on. `PylonKBCommand.run` prints it as one
/// `error: …` line on standard error and exits 1, with no usage text: the flags were right,
/// something else was not. Usage errors are `ValidationError`s thrown by `validate()` (exit 64);
/// see `PylonKBCommand+ErrorPolicy.swift` for the whole policy.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
    /// What went wrong, where, and what to do; nil when the command has already printed why
    /// (content diagnostics, a list of failed changes).
    public var message: String?

    public init(_ message: String) {
        self.message = message
    }

    private init(alreadyReported: ()) {
        message = nil
    }

    /// Exit 1 without another line: the output above says what failed.
    public static let reported = CommandFailure(alreadyReported: ())

    public var description: String { message ?? "" }
}

extension ExitCode {
    /// `plan --detailed-exitcode`, `migrate --dry-run --detailed-exitcode`: there are changes.
    static let changesPresent = ExitCode(2)
}
