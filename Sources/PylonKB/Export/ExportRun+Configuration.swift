/// The `pylon-kb.yml` an export writes: where to publish, who writes, and the `site_url` most
/// links between articles were published with.
extension ExportRun {
    /// The prefix most links between articles were published with becomes `site_url`, so
    /// publishing the export writes the same links.
    mutating func chooseSiteURL() -> String? {
        let links = ExportLinks(articles: snapshot.articles)
        var prefixes: [String] = []
        for (_, bodies) in exportedBodies() {
            for body in bodies {
                for href in ExportLinks.hrefs(in: body.html) {
                    if let match = links.match(href) { prefixes.append(match.prefix) }
                }
            }
        }
        let (siteURL, others) = ExportLinks.dominantPrefix(prefixes)
        if !others.isEmpty {
            let described = others.sorted().map { $0.isEmpty ? "root-relative /articles/…" : $0 }
            report.warnings.append(
                "Links between articles use more than one address (\(([siteURL ?? "root-relative /articles/…"] + described).joined(separator: ", "))). They are all exported as relative .md links and publish as \(siteURL.map { "\($0)/articles/…" } ?? "/articles/…"); articles with the other form will show a change in the first plan."
            )
        }
        return siteURL
    }

    func configurationText(siteURL: String?) -> String {
        var lines = ["# pylon-kb settings, written by `pylon-kb export` (see docs/configuration.md)."]
        switch options.source {
        case .knowledgeBase(let id):
            lines.append(
                "# Exported from the knowledge base “\(snapshot.knowledgeBase.title)”.")
            lines.append(ExportYAML.line("knowledge_base", id))
        case .local:
            lines += [
                "# Exported from the embedded local knowledge base. This folder gets a local knowledge",
                "# base of its own (in .pylon-kb/local/), empty until the first `pylon-kb apply`;",
                "# replace `target: local` with `knowledge_base: <id>` to publish to Pylon.",
                "target: local",
            ]
        }
        if let author = options.author {
            lines.append(ExportYAML.line("author", author))
        } else {
            lines.append("# author: docs@example.com   # a Pylon user's email or id; new articles need one")
        }
        if let siteURL { lines.append(ExportYAML.line("site_url", siteURL)) }
        return lines.joined(separator: "\n") + "\n"
    }
}
