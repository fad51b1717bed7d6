import Foundation

extension FrontMatter {
    /// `tags: [billing, "getting started"]` (or one value, `tags: billing`): each value trimmed;
    /// a value written twice, in any case, counts once with its first spelling, because Pylon
    /// matches tags by value and pylon-kb compares them ignoring case (docs/front-matter.md).
    static func parseTags(
        _ entries: [(value: String, line: Int)], path: String, diagnostics: inout [Diagnostic]
    ) -> [String] {
        var tags: [String] = []
        var seen: Set<String> = []
        for (value, line) in entries {
            let tag = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !tag.isEmpty else {
                diagnostics.append(
                    .error(
                        path, line: line,
                        "A `tags` entry is empty; write the tag's name, or remove the entry."))
                continue
            }
            if seen.insert(TagValues.key(tag)).inserted { tags.append(tag) }
        }
        return tags
    }
}

/// How tag values compare: ignoring case (and nothing else), everywhere pylon-kb compares them.
public enum TagValues {
    /// The form two values are compared in.
    public static func key(_ value: String) -> String { value.lowercased() }

    /// Whether two lists name the same tags, in any order and any case.
    public static func same(_ a: [String], _ b: [String]) -> Bool {
        Set(a.map(key)) == Set(b.map(key))
    }

    /// Sorted for recording and export: case-insensitively, ties by spelling.
    public static func sorted(_ values: [String]) -> [String] {
        values.sorted { (key($0), $0) < (key($1), $1) }
    }
}
