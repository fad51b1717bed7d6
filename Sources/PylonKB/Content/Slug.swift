import Foundation

/// Slug rules: Pylon puts slugs in public URLs, so they are limited to lowercase ASCII
/// letters, digits and single hyphens between them.
public enum Slug {
    public static func isValid(_ slug: String) -> Bool {
        guard !slug.isEmpty, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--") else {
            return false
        }
        return slug.unicodeScalars.allSatisfy { isAllowed($0) }
    }

    /// A valid slug close to `text`: transliterated to ASCII (`über` → `uber`, `Привет` →
    /// `privet`, `日本` → `ri-ben`), lowercased, every run of other characters a hyphen. Empty
    /// when nothing is left (a name made of emoji or symbols only).
    public static func suggestion(for text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in asciiTransliteration(of: text).lowercased().unicodeScalars {
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

    /// The slug of an article or collection that sets no `slug:`, from its file or folder
    /// name (extension removed): the name itself when valid, else `suggestion(for:)`; nil when
    /// nothing usable is left. Real docs folders are full of `Getting_Started.md`,
    /// `LTSC_2021.md` and `café-menü.md`, so such names are not an error.
    public static func derived(fromName name: String) -> String? {
        if isValid(name) { return name }
        let slug = suggestion(for: name)
        return slug.isEmpty ? nil : slug
    }

    /// A slug as chosen for an article or collection, with what to tell the author about it.
    public struct Choice: Sendable, Equatable {
        public var slug: String
        /// An error (an invalid `slug:`, or a name nothing can be made of) or a warning (the
        /// slug was derived from a name that is not one); nil when there is nothing to say.
        public var diagnostic: (severity: Diagnostic.Severity, message: String)?

        public static func == (lhs: Choice, rhs: Choice) -> Bool {
            lhs.slug == rhs.slug && lhs.diagnostic?.severity == rhs.diagnostic?.severity
                && lhs.diagnostic?.message == rhs.diagnostic?.message
        }
    }

    /// The slug of something named `name` (a file stem or folder name) whose settings may set
    /// `explicit`. An explicit slug is used as written, and is an error when invalid: the
    /// author chose it. Otherwise the name is used, or a slug derived from it with a warning
    /// that says how to pin it in `pinWhere` (a file's front matter, a `_collection.yml`).
    public static func choose(
        explicit: String?, name: String, key: String = "slug", origin: String, pinWhere: String
    ) -> Choice {
        if let explicit {
            return Choice(slug: explicit, diagnostic: problem(with: explicit, key: key).map { (.error, $0) })
        }
        guard let derived = derived(fromName: name) else {
            let message =
                (problem(with: name, key: key) ?? "")
                + " It comes from the \(origin), and no slug can be made from it; set `slug:` in \(pinWhere) or rename it."
            return Choice(slug: name, diagnostic: (.error, message))
        }
        if derived == name { return Choice(slug: name, diagnostic: nil) }
        return Choice(
            slug: derived,
            diagnostic: (
                .warning,
                "The \(key) \"\(derived)\" was derived from the \(origin) \"\(name)\", which is not a valid slug (only a–z, 0–9 and single hyphens are). The slug is part of the address on Pylon; to keep it if the name changes, or to choose another, set `slug: \(derived)` in \(pinWhere)."
            ))
    }

    /// The problem with `slug` as a full sentence, or nil when it is valid.
    public static func problem(with slug: String, key: String = "slug") -> String? {
        if isValid(slug) { return nil }
        let suggestion = suggestion(for: slug)
        let fix = suggestion.isEmpty ? "" : " Use `\(suggestion)` instead."
        return
            "The \(key) \"\(slug)\" is not valid: slugs may contain only lowercase letters a–z, digits and single hyphens between them.\(fix)"
    }

    /// `text` in ASCII letters where a transliteration exists (ICU's Any-Latin then
    /// Latin-ASCII: diacritics dropped, `ß` → `ss`, `Æ` → `AE`, Cyrillic, Greek and CJK
    /// romanised); characters with none (emoji, symbols) are left for the caller to drop.
    static func asciiTransliteration(of text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? text
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
