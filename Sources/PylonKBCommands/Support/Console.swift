import Foundation
import Synchronization

/// Where a command writes: its result on standard output, everything else (diagnostics,
/// progress, warnings, errors) on standard error, and where it reads a confirmation from.
/// The process's streams in the binary; a `ConsoleCapture` in tests.
public struct Console: Sendable {
    let writeOutput: @Sendable (Data) -> Void
    let writeError: @Sendable (Data) -> Void
    let readInputLine: @Sendable () -> String?
    public var outputIsTerminal: Bool
    public var errorIsTerminal: Bool
    public var inputIsTerminal: Bool

    public init(
        outputIsTerminal: Bool = false, errorIsTerminal: Bool = false, inputIsTerminal: Bool = false,
        writeOutput: @escaping @Sendable (Data) -> Void, writeError: @escaping @Sendable (Data) -> Void,
        readLine: @escaping @Sendable () -> String? = { nil }
    ) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.readInputLine = readLine
        self.outputIsTerminal = outputIsTerminal
        self.errorIsTerminal = errorIsTerminal
        self.inputIsTerminal = inputIsTerminal
    }

    /// The process's standard streams. Written unbuffered, so scripts waiting on a pipe for a
    /// line (the emulator's banner) see it at once.
    public static var standard: Console {
        Console(
            outputIsTerminal: isatty(STDOUT_FILENO) == 1, errorIsTerminal: isatty(STDERR_FILENO) == 1,
            inputIsTerminal: isatty(STDIN_FILENO) == 1,
            writeOutput: { FileHandle.standardOutput.write($0) },
            writeError: { FileHandle.standardError.write($0) },
            readLine: { Swift.readLine() })
    }

    /// A line of the command's result.
    public func print(_ text: String, terminator: String = "\n") {
        writeOutput(Data((text + terminator).utf8))
    }

    /// Bytes of the command's result (a JSON plan).
    public func write(_ data: Data) { writeOutput(data) }

    /// A line for the person running the command, not part of the result.
    public func error(_ text: String, terminator: String = "\n") {
        writeError(Data((text + terminator).utf8))
    }

    public func readLine() -> String? { readInputLine() }
}

/// Everything a command wrote, for tests that run pylon-kb in-process.
public final class ConsoleCapture: Sendable {
    private let output = Mutex(Data())
    private let error = Mutex(Data())
    private let input: Mutex<[String]>

    /// `input`: the lines a confirmation prompt reads, in order.
    public init(input: [String] = []) {
        self.input = Mutex(input)
    }

    /// A console writing into this capture; `inputIsTerminal` pretends someone is there to ask.
    public func console(inputIsTerminal: Bool = false) -> Console {
        Console(
            inputIsTerminal: inputIsTerminal,
            writeOutput: { data in self.output.withLock { $0.append(data) } },
            writeError: { data in self.error.withLock { $0.append(data) } },
            readLine: { self.input.withLock { $0.isEmpty ? nil : $0.removeFirst() } })
    }

    public var standardOutput: String { output.withLock { String(decoding: $0, as: UTF8.self) } }
    public var standardError: String { error.withLock { String(decoding: $0, as: UTF8.self) } }
}
