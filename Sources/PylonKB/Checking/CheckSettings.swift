/// The `checks:` section of `pylon-kb.yml`: how loud each configurable check is, its
/// parameters, and `strict`. `check --strict` sets `strict` for one run.
///
/// Every configurable check is a warning by default except `unclosed_html`, which is an error:
/// an unclosed `<!--` or `<details>` hides the rest of the article without any other sign, so
/// it must not reach readers. `strict` turns every warning of the run into an error (the
/// older, fixed checks' too), as `-Werror` does: a docs team that asks for strict wants a
/// clean run, and a check it does not want is turned `off`, not left as a warning.
public struct CheckSettings: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, CaseIterable {
        case off, warning, error
    }

    /// The checks a `checks:` section configures, by their key.
    public enum Check: String, Sendable, Hashable, CaseIterable {
        case unclosedHTML = "unclosed_html"
        case images
        case accessibility
        case staleTranslations = "stale_translations"
        case externalLinks = "external_links"

        public var defaultLevel: Level { self == .unclosedHTML ? .error : .warning }

        /// Parameters the check takes besides `level`.
        var parameters: [String] {
            switch self {
            case .images: ["max_size"]
            case .externalLinks: ["per_host", "timeout", "cache_ttl", "max_redirects"]
            case .unclosedHTML, .accessibility, .staleTranslations: []
            }
        }
    }

    /// Every warning of the run is reported as an error.
    public var strict = false
    /// Levels written in `pylon-kb.yml`; the others are their check's default.
    public var levels: [Check: Level] = [:]
    /// `images.max_size`: a larger image is reported (10 MB, decimal).
    public var imageMaximumBytes = 10_000_000
    public var externalLinks = ExternalLinkSettings()

    public init() {}

    public func level(of check: Check) -> Level { levels[check] ?? check.defaultLevel }

    /// A diagnostic of `check` at its configured level; nil when the check is off.
    func diagnostic(_ check: Check, _ path: String, line: Int?, _ message: String) -> Diagnostic? {
        switch level(of: check) {
        case .off: nil
        case .warning: .warning(path, line: line, message)
        case .error: .error(path, line: line, message)
        }
    }

    /// `diagnostics` with every warning made an error when `strict` is set.
    public func applyingStrictness(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard strict else { return diagnostics }
        return diagnostics.map { diagnostic in
            var promoted = diagnostic
            promoted.severity = .error
            return promoted
        }
    }
}

/// `checks: external_links:` — only used by `check --external-links`.
public struct ExternalLinkSettings: Sendable, Hashable {
    /// Requests in flight to one host at a time.
    public var perHost = 2
    /// How long one request may take, redirects included.
    public var timeout: Duration = .seconds(10)
    /// How long a result in `.pylon-kb/cache/external-links.json` is trusted.
    public var cacheTTL: Duration = .seconds(24 * 3600)
    /// Redirects followed for one link before it counts as broken.
    public var maximumRedirects = 10

    public init() {}
}
