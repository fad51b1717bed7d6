/// GitHub-style heading ids: lower-cased, punctuation removed, spaces turned into `-`, and
/// repeats numbered `-1`, `-2`, … in document order, so links written for GitHub keep working.
struct HeadingSlugger {
    private var used: Set<String> = []

    /// A unique id for a heading with this text. Headings without any letter or digit get
    /// `section` (GitHub would give them an empty id, which no link can target).
    mutating func slug(for text: String) -> String {
        var base = ""
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            if scalar == " " {
                base += "-"
            } else if scalar == "-" || scalar == "_" || properties.isAlphabetic
                || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
            {
                base.unicodeScalars.append(scalar)
            }
        }
        if base.isEmpty { base = "section" }
        var candidate = base
        var counter = 0
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        used.insert(candidate)
        return candidate
    }
}
