import Yams

/// The titles MkDocs' `nav` gives pages (`- Basic Usage: getting_started.md`): a page with no
/// title of its own is shown under that name on the old site, so it keeps it in Pylon.
enum MkDocsNavigation {
    static func titles(configuration: Configuration, files: Set<String>, read: (String) -> String?)
        -> [String: String]
    {
        let site = configuration.siteFolder
        let file = site.isEmpty ? "mkdocs.yml" : "\(site)/mkdocs.yml"
        guard files.contains(file), let text = read(file), let parsed = try? YAMLReader.parse(text),
            let nav = parsed["nav"]
        else { return [:] }
        var titles: [String: String] = [:]
        collect(nav, into: &titles, pages: configuration.pagesFolder)
        return titles
    }

    private static func collect(_ node: Node, into titles: inout [String: String], pages: String) {
        switch node {
        case .sequence(let items):
            for item in items { collect(item, into: &titles, pages: pages) }
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let title = key.string, let target = value.string, target.hasSuffix(".md") {
                    let path = pages.isEmpty ? target : "\(pages)/\(target)"
                    titles[path] = titles[path] ?? title
                } else {
                    collect(value, into: &titles, pages: pages)
                }
            }
        default:
            break
        }
    }
}
