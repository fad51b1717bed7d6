import Foundation
import Yams

/// Reads the `checks:` section of `pylon-kb.yml` (see `CheckSettings`). Each check is a level
/// (`images: off`) or a mapping with `level` and the check's parameters
/// (`images: {level: error, max_size: 5MB}`). Wrong values are errors at their line and fall
/// back to the default; unknown keys are warnings, like everywhere else in the file.
extension CheckSettings {
    static func parse(_ section: inout YAMLFields) -> CheckSettings {
        var settings = CheckSettings()
        section.warnUnknownKeys(known: Set(["strict"] + Check.allCases.map(\.rawValue)), in: "`checks`")
        if let strict = section.bool("strict") { settings.strict = strict }
        for check in Check.allCases {
            guard let (node, _) = section.node(check.rawValue), !section.isNull(node) else { continue }
            if case .scalar = node {
                if let level = section.choice(check.rawValue, Level.self) { settings.levels[check] = level }
                continue
            }
            guard
                var fields = section.mapping(
                    check.rawValue,
                    what: "`checks.\(check.rawValue)` section (a level, or `level:` and parameters)")
            else { continue }
            fields.warnUnknownKeys(known: Set(["level"] + check.parameters), in: "`checks.\(check.rawValue)`")
            if let level = fields.choice("level", Level.self) { settings.levels[check] = level }
            settings.readParameters(of: check, from: &fields)
            section.diagnostics += fields.diagnostics
        }
        return settings
    }

    private mutating func readParameters(of check: Check, from fields: inout YAMLFields) {
        switch check {
        case .images:
            if let bytes = fields.quantity("max_size", unit: "a size such as `10MB` or `500KB`", Self.bytes) {
                imageMaximumBytes = bytes
            }
        case .externalLinks:
            if let count = fields.quantity("per_host", unit: "a whole number from 1", Self.positiveCount) {
                externalLinks.perHost = count
            }
            if let count = fields.quantity("max_redirects", unit: "a whole number", Self.count) {
                externalLinks.maximumRedirects = count
            }
            if let timeout = fields.quantity(
                "timeout", unit: "a duration such as `10s` or `500ms`", Self.duration)
            {
                externalLinks.timeout = timeout
            }
            if let ttl = fields.quantity(
                "cache_ttl", unit: "a duration such as `24h` or `30m`", Self.duration)
            {
                externalLinks.cacheTTL = ttl
            }
        case .unclosedHTML, .accessibility, .staleTranslations:
            break
        }
    }

    /// `10MB`, `1.5 MB`, `500KB`, `2MiB`, `123` (bytes). KB/MB/GB are decimal, KiB/MiB/GiB binary.
    static func bytes(_ text: String) -> Int? {
        let units: [(String, Double)] = [
            ("kib", 1024), ("mib", 1024 * 1024), ("gib", 1024 * 1024 * 1024),
            ("kb", 1e3), ("mb", 1e6), ("gb", 1e9), ("k", 1e3), ("m", 1e6), ("g", 1e9), ("b", 1),
        ]
        return scaled(text, units: units).flatMap { $0 > 0 ? Int($0) : nil }
    }

    /// `10s`, `500ms`, `30m`, `24h`, `1d`, `10` (seconds).
    static func duration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        guard let seconds = scaled(text, units: units), seconds > 0 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    static func count(_ text: String) -> Int? { Int(text).flatMap { $0 >= 0 ? $0 : nil } }
    static func positiveCount(_ text: String) -> Int? { Int(text).flatMap { $0 >= 1 ? $0 : nil } }

    /// A number followed by one of `units` (none: the unit of value 1).
    private static func scaled(_ text: String, units: [(String, Double)]) -> Double? {
        let lowered = text.lowercased().filter { !$0.isWhitespace }
        for (suffix, factor) in units where lowered.hasSuffix(suffix) {
            return Double(lowered.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(lowered)
    }
}

extension YAMLFields {
    /// A scalar read by `parse`, or nil with an error naming `unit` when it does not parse.
    mutating func quantity<T>(_ key: String, unit: String, _ parse: (String) -> T?) -> T? {
        guard let text = string(key), let line = line(of: key) else { return nil }
        if let value = parse(text) { return value }
        diagnostics.append(.error(path, line: line, "`\(key)` is \"\(text)\"; write \(unit)."))
        return nil
    }
}
