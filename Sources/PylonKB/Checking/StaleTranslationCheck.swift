/// `checks: stale_translations`: a translation (`name.fr.md`) older than its source
/// (`name.md`), by git history: the commits that changed the source after the last commit that
/// changed the translation. A translation with uncommitted changes is being updated and is not
/// reported, nor is one never committed.
///
/// Outside a git work tree (or without git), by the hashes `apply` records in
/// `.pylon-kb/translation-sources.json` (`TranslationSources`): a translation unchanged since
/// it was recorded whose source changed since. Without git and before any apply, nothing.
enum StaleTranslationCheck {
    static func diagnostics(tree: ContentTree, settings: CheckSettings) -> [Diagnostic] {
        guard settings.level(of: .staleTranslations) != .off,
            tree.articles.contains(where: { !$0.translations.isEmpty })
        else { return [] }
        if let history = GitChangeLog.read(root: tree.root) {
            return diagnostics(tree: tree, history: history, settings: settings)
        }
        guard let recorded = TranslationSources.load(root: tree.root) else { return [] }
        return diagnostics(tree: tree, recorded: recorded, settings: settings)
    }

    static func diagnostics(tree: ContentTree, recorded: TranslationSources, settings: CheckSettings)
        -> [Diagnostic]
    {
        let stale = recorded.stale(in: tree)
        var diagnostics: [Diagnostic] = []
        for article in tree.articles {
            for translation in article.translations where stale.contains(translation.path) {
                let name = translation.path.split(separator: "/").last.map(String.init) ?? translation.path
                if let diagnostic = settings.diagnostic(
                    .staleTranslations, translation.path, line: 1,
                    "`\(name)` predates changes to its source \(article.path) (its title or text changed after the translation last did, by the hashes the last apply recorded); bring the translation up to date."
                ) {
                    diagnostics.append(diagnostic)
                }
            }
        }
        return diagnostics
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
