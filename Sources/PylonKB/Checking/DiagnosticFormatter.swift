import Foundation

/// Prints diagnostics for people (`path:line: error: …`) or for GitHub Actions
/// (`::error file=…,line=…::…`, which GitHub shows on the pull request's diff).
public struct DiagnosticFormatter: Sendable {
    public enum Style: String, Sendable, CaseIterable {
        case text
        case github
    }

    public var style: Style
    /// Prepended to every content-relative path so printed paths are relative to the
    /// current directory (clickable in terminals and matching the repository in CI).
    public var pathPrefix: String

    public init(style: Style, pathPrefix: String) {
        self.style = style
        self.pathPrefix = pathPrefix
    }

    public func line(for diagnostic: Diagnostic) -> String {
        let path = pathPrefix + diagnostic.path
        switch style {
        case .text:
            let location = diagnostic.line.map { "\(path):\($0)" } ?? path
            return "\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)"
        case .github:
            var properties = "file=\(Self.escapeProperty(path))"
            if let line = diagnostic.line { properties += ",line=\(line)" }
            return "::\(diagnostic.severity.rawValue) \(properties)::\(Self.escapeData(diagnostic.message))"
        }
    }

    /// "2 errors, 5 warnings in 14 articles and 1 translation".
    public static func summary(errors: Int, warnings: Int, articles: Int, translations: Int) -> String {
        var text =
            "\(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(articles, "article"))"
        if translations > 0 { text += " and \(plural(translations, "translation"))" }
        return text
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    // GitHub's workflow-command escaping (actions/toolkit `escapeData` / `escapeProperty`).
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
