/// `checks: accessibility`: what screen-reader users trip over, read from the rendered page's
/// facts (`ArticleFacts`): images without alt text, heading levels that skip one (readers
/// navigate by the outline), links with no text, and link text that says nothing out of
/// context ("click here"; screen readers list links by their text alone). Raw HTML `<a>` and
/// `<img>` are not judged: the tag scanner does not read their text.
enum AccessibilityCheck {
    /// Link texts that say nothing about the destination, compared lowercased without
    /// surrounding punctuation: English, and the same phrases in French, German, Spanish,
    /// Portuguese, Italian and Dutch, the languages help centers are most often translated to.
    static let vagueLinkTexts: Set<String> = [
        "click here", "click", "here", "this link", "link", "read more", "learn more", "more", "this",
        "this page", "go here",
        "ici", "cliquez ici", "clique ici", "ce lien", "lien", "en savoir plus", "lire la suite",
        "hier", "hier klicken", "klicken sie hier", "dieser link", "mehr", "weiterlesen", "mehr erfahren",
        "aquí", "aqui", "haga clic aquí", "haz clic aquí", "este enlace", "enlace", "leer más",
        "más información",
        "clique aqui", "este link", "saiba mais", "leia mais",
        "qui", "clicca qui", "questo link", "leggi di più",
        "klik hier", "deze link", "lees meer",
    ]

    static func diagnostics(_ page: ContentChecker.Page, settings: CheckSettings) -> [Diagnostic] {
        guard settings.level(of: .accessibility) != .off else { return [] }
        let facts = page.rendered.facts
        var messages: [(Int, String)] = []
        for image in facts.images {
            guard let alt = image.alt, alt.trimmingSpaces.isEmpty else { continue }
            messages.append(
                (
                    image.line,
                    "The image `\(image.source)` has no alt text, so screen readers announce only its file name; describe what it shows: `![What it shows](\(image.source))`."
                ))
        }
        var previousLevel = 1  // Pylon shows the title as the page's h1.
        for heading in facts.headings {
            if heading.level > previousLevel + 1 {
                let skipped = (previousLevel + 1..<heading.level).map { "h\($0)" }.joined(separator: " and ")
                let message =
                    previousLevel == 1
                    ? "The first heading \"\(heading.text)\" is an h\(heading.level) under the title (the page's h1), skipping \(skipped), because a later heading is shallower; screen-reader users navigate by heading levels, so give the first heading the shallowest level the article uses."
                    : "The heading \"\(heading.text)\" is an h\(heading.level) after an h\(previousLevel), skipping \(skipped); screen-reader users navigate by heading levels, so write it with at most one `#` more than the heading before it."
                messages.append((heading.line, message))
            }
            previousLevel = heading.level
        }
        for link in facts.links {
            guard let text = link.text else { continue }
            let normalised = normalise(text)
            if text.allSatisfy(\.isWhitespace) {
                messages.append(
                    (
                        link.line,
                        "The link to `\(link.destination)` has no text, so screen readers read out its address; write what it leads to between the brackets."
                    ))
            } else if !normalised.isEmpty, vagueLinkTexts.contains(normalised) {
                messages.append(
                    (
                        link.line,
                        "The link text \"\(text.trimmingSpaces)\" says nothing about where it leads (screen readers list links by their text alone); name the destination instead, such as `[the setup guide](\(link.destination))`."
                    ))
            }
        }
        return messages.compactMap { line, message in
            settings.diagnostic(.accessibility, page.path, line: line, message)
        }
    }

    /// Lowercased, spaces collapsed, surrounding punctuation and arrows removed.
    static func normalise(_ text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace })
        let joined = words.joined(separator: " ")
        let edge: (Character) -> Bool = { $0.isPunctuation || $0.isSymbol || $0.isWhitespace }
        guard let start = joined.firstIndex(where: { !edge($0) }) else { return "" }
        let end = joined.lastIndex(where: { !edge($0) })!
        return String(joined[start...end])
    }
}
