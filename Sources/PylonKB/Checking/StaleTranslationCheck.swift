/// `checks: stale_translations`: a translation (`name.fr.md`) older than its source
/// (`name.md`), by git history: the commits that changed the source after the last commit that
/// changed the translation. A translation with uncommitted changes is being updated and is not
/// reported, nor is one never committed.
///
/// Outside a git work tree (or without git) the check says nothing. The state file cannot
/// stand in: it records hashes of the HTML sent (links resolved to Pylon URLs), not of the
/// Markdown, so it cannot tell which file changed since the last publish without recording a
/// source hash at apply time, which pylon-kb does not do (docs/checks.md).
enum StaleTranslationCheck {
    static func diagnostics(tree: ContentTree, settings: CheckSettings) -> [Diagnostic] {
        guard settings.level(of: .staleTranslations) != .off,
            tree.articles.contains(where: { !$0.translations.isEmpty }),
            let history = GitChangeLog.read(root: tree.root)
        else { return [] }
        return diagnostics(tree: tree, history: history, settings: settings)
    }

    static func diagnostics(tree: ContentTree, history: GitChangeLog, settings: CheckSettings) -> [Diagnostic]
    {
        var diagnostics: [Diagnostic] = []
        for article in tree.articles {
            for translation in article.translations where !history.uncommitted.contains(translation.path) {
                guard let count = history.changes(to: article.path, since: translation.path), count > 0 else {
                    continue
                }
                let name = translation.path.split(separator: "/").last.map(String.init) ?? translation.path
                let changes = count == 1 ? "1 change" : "\(count) changes"
                if let diagnostic = settings.diagnostic(
                    .staleTranslations, translation.path, line: 1,
                    "`\(name)` predates \(changes) to its source \(article.path) (by git history); bring the translation up to date and commit it."
                ) {
                    diagnostics.append(diagnostic)
                }
            }
        }
        return diagnostics
    }
}
