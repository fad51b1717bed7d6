/// What an apply did.
public struct ApplyReport: Sendable {
    /// One line per completed change, in the order they completed.
    public var completed: [String] = []
    /// One entry per change that failed or was skipped because something it needs failed.
    public var failures: [ApplyFailure] = []
    /// Live URLs of the articles created or updated, by source file.
    public var urls: [String: String] = [:]
    /// Warnings that came up while applying (e.g. the state file could not be written).
    public var warnings: [String] = []

    public init() {}

    public var succeeded: Bool { failures.isEmpty }
}

public struct ApplyFailure: Sendable, CustomStringConvertible {
    /// The file or object.
    public var subject: String
    public var message: String

    public init(subject: String, message: String) {
        self.subject = subject
        self.message = message
    }

    public var description: String { "\(subject): \(message)" }
}

/// Progress for a terminal or a CI log.
public struct ApplyProgress: Sendable {
    public var completed: Int
    public var total: Int
    /// What just finished (or failed).
    public var line: String
    public var isFailure: Bool
}
