import Foundation

/// Paths inside the content root: always relative, `/`-separated, normalised, never leaving
/// the root. Every file path that comes from content (links, images, includes) goes through
/// `resolve` so nothing outside the content root is ever read or uploaded.
public enum ContentPath {
    /// Resolves `reference` (as written in a file at `fromFile`) to a normalised path relative
    /// to the content root. Returns nil when the path leaves the content root. A leading `/`
    /// means the content root.
    public static func resolve(_ reference: String, fromFile: String) -> String? {
        var components: [Substring]
        if reference.hasPrefix("/") {
            components = []
        } else {
            components = fromFile.split(separator: "/")
            if !components.isEmpty { components.removeLast() }
        }
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if components.isEmpty { return nil }
                components.removeLast()
            default: components.append(part)
            }
        }
        return components.joined(separator: "/")
    }

    /// The folder part of a content path ("" for the root).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The relative path from the file `fromFile` to the content path `target`.
    public static func relative(to target: String, fromFile: String) -> String {
        let fromParts = directory(of: fromFile).split(separator: "/")
        let targetParts = target.split(separator: "/")
        var common = 0
        while common < fromParts.count, common < targetParts.count - 1,
            fromParts[common] == targetParts[common]
        {
            common += 1
        }
        let ups = Array(repeating: "..", count: fromParts.count - common)
        return (ups + targetParts[common...].map(String.init)).joined(separator: "/")
    }

    /// A folder setting (`pages: docs/`, `site: ./site`) as a normalised root-relative path
    /// ("" for the root itself), or nil when it is absolute or leaves the root.
    public static func normalisedFolder(_ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.hasPrefix("/"), !trimmed.hasPrefix("~") else { return nil }
        return resolve(trimmed.isEmpty ? "." : trimmed, fromFile: "x")
    }
}
