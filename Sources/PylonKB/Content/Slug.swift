/// Slug rules: Pylon puts slugs in public URLs, so they are limited to lowercase ASCII
/// letters, digits and single hyphens between them.
public enum Slug {
    public static func isValid(_ slug: String) -> Bool {
        guard !slug.isEmpty, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--") else {
            return false
        }
        return slug.unicodeScalars.allSatisfy { isAllowed($0) }
    }

    /// A valid slug close to `text`: lowercased, every run of other characters a hyphen.
    public static func suggestion(for text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if isAllowed(scalar) && scalar != "-" {
                if pendingHyphen && !result.isEmpty { result += "-" }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    /// The problem with `slug` as a full sentence, or nil when it is valid.
    public static func problem(with slug: String, key: String = "slug") -> String? {
        if isValid(slug) { return nil }
        let suggestion = suggestion(for: slug)
        let fix = suggestion.isEmpty ? "" : " Use `\(suggestion)` instead."
        return
            "The \(key) \"\(slug)\" is not valid: slugs may contain only lowercase letters a–z, digits and single hyphens between them.\(fix)"
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
