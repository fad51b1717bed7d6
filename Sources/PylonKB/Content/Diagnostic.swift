/// One problem found in the content, reported compiler-style as `path:line: severity: message`.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// Path relative to the content root, with `/` separators.
    public var path: String
    /// 1-based line in the file, when known.
    public var line: Int?
    /// A full sentence saying what is wrong and what to do.
    public var message: String

    public init(_ severity: Severity, path: String, line: Int?, _ message: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.message = message
    }

    public static func error(_ path: String, line: Int?, _ message: String) -> Diagnostic {
        Diagnostic(.error, path: path, line: line, message)
    }

    public static func warning(_ path: String, line: Int?, _ message: String) -> Diagnostic {
        Diagnostic(.warning, path: path, line: line, message)
    }

    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return "\(location): \(severity.rawValue): \(message)"
    }

    /// Sorted by file, then line, then errors before warnings, so output is stable.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        return lhs.message < rhs.message
    }
}
