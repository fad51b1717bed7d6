/// The checks a `checks:` section of `pylon-kb.yml` configures, run after the fixed ones on
/// the rendered pages (docs/checks.md). Each reports at the level its settings give, and not at
/// all when it is `off`. `--external-links` is not here: it needs the network, so only
/// `check --external-links` runs it (`ExternalLinkCheck`).
enum ConfigurableChecks {
    static func diagnostics(pages: [ContentChecker.Page], tree: ContentTree) -> [Diagnostic] {
        let settings = tree.configuration.checks
        var diagnostics: [Diagnostic] = []
        for page in pages {
            diagnostics += UnclosedHTMLCheck.diagnostics(page, settings: settings)
            diagnostics += AccessibilityCheck.diagnostics(page, settings: settings)
        }
        diagnostics += ImageFileCheck.diagnostics(pages: pages, tree: tree, settings: settings)
        diagnostics += StaleTranslationCheck.diagnostics(tree: tree, settings: settings)
        return diagnostics
    }
}
