/// The docs-site generator a content folder was written for (`dialect:` in `pylon-kb.yml`).
/// It decides how front matter keys and the site's own syntax (admonitions, tabs, includes,
/// shortcodes, MDX) are read; nil is pylon-kb's own Markdown. See docs/adopting.md.
public enum Dialect: String, Sendable, Hashable, CaseIterable {
    case hugo, docusaurus, mkdocs, jekyll, docfx

    /// The generator's name as its users write it.
    public var displayName: String {
        switch self {
        case .hugo: "Hugo"
        case .docusaurus: "Docusaurus"
        case .mkdocs: "MkDocs"
        case .jekyll: "Jekyll"
        case .docfx: "docfx"
        }
    }
}
