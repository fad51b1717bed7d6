import Foundation
import PylonHTML

/// The article files: front matter with the settings that differ from the defaults, the body
/// converted to Markdown with links and images made relative, and the problems worth reporting.
extension ExportRun {
    mutating func writeArticles() {
        let links = ExportLinks(articles: snapshot.articles)
        let paths = articlePaths
        let images = imagePaths
        let siteURL = report.siteURL
        for (article, bodies) in exportedBodies() {
            guard let path = articlePaths[article.id] else { continue }
            var kept: [String] = []
            var languages: [String] = []
            noteArticleProblems(article, path: path)
            for body in bodies {
                let filePath: String
                if body.language.isEmpty {
                    filePath = path
                } else {
                    let candidate = String(path.dropLast(3)) + ".\(body.language).md"
                    let name = String(candidate.split(separator: "/").last ?? "")
                    guard let parsed = Translation.languageCode(inFileName: name),
                        parsed.language == body.language
                    else {
                        report.warnings.append(
                            "\(path): the \(body.language) translation is not exported: pylon-kb names translations `name.<lang>.md` with a two-letter language (`fr`) or language and region (`pt-BR`), and “\(body.language)” is neither."
                        )
                        continue
                    }
                    filePath = candidate
                    languages.append(body.language)
                    report.translationCount += 1
                }
                let conversion = HTMLToMarkdown().convert(
                    body.html,
                    linkRewriter: { href in
                        guard let match = links.match(href), let target = paths[match.articleID] else {
                            return Self.fileLinkDestination(href, siteURL: siteURL)
                        }
                        return ContentPath.relative(to: target, fromFile: filePath) + match.fragment
                    },
                    imageRewriter: { src in
                        images[src].map { ContentPath.relative(to: $0, fromFile: filePath) }
                    })
                noteDanglingFileLinks(in: body.html, links: links, filePath: filePath, siteURL: siteURL)
                for tag in conversion.keptAsHTML where !kept.contains(tag) { kept.append(tag) }
                let frontMatter =
                    body.language.isEmpty
                    ? articleFrontMatter(article, path: path) : [ExportYAML.line("title", body.title)]
                var text = "---\n" + frontMatter.joined(separator: "\n") + "\n---\n"
                if !conversion.markdown.isEmpty { text += "\n" + conversion.markdown }
                files.append(ExportedFile(path: filePath, text: text))
            }
            report.articles.append(
                ExportReport.ArticleEntry(
                    path: path, slug: article.slug, title: article.title, published: article.isPublished,
                    keptAsHTML: kept, translations: languages))
        }
    }

    /// Keys at their defaults are left out, so files stay as short as an author would write them.
    func articleFrontMatter(_ article: RemoteArticle, path: String) -> [String] {
        var lines = [ExportYAML.line("title", article.title)]
        let name = String(path.split(separator: "/").last ?? "").dropLast(3)
        if name != article.slug { lines.append(ExportYAML.line("slug", article.slug)) }
        if !article.isPublished { lines.append(ExportYAML.line("published", false)) }
        if article.isUnlisted { lines.append(ExportYAML.line("unlisted", true)) }
        if let visibility = article.visibility, visibility != ArticleVisibility.public.rawValue {
            lines.append(ExportYAML.line("visibility", visibility))
        }
        if let access = article.aiAgentAccess, access != AIAgentAccess.inherit.rawValue {
            lines.append(ExportYAML.line("ai_agent_access", access))
        }
        if !article.allowedAgentIDs.isEmpty {
            lines.append(ExportYAML.line("allowed_agent_ids", list: article.allowedAgentIDs))
        }
        // Sorted: pylon-kb does not set the order of an article's tags, so none is implied.
        let tags = snapshot.tagValues(of: article)
        if !tags.isEmpty { lines.append(ExportYAML.line("tags", list: TagValues.sorted(tags))) }
        return lines
    }

    mutating func noteArticleProblems(_ article: RemoteArticle, path: String) {
        if let problem = Slug.problem(with: article.slug) {
            report.warnings.append(
                "\(path): \(problem) Pylon cannot change a slug, so `check` will report this until you give the article a valid slug (which publishes it as a new article with a redirect)."
            )
        }
        if article.title.trimmingCharacters(in: .whitespaces).isEmpty {
            report.warnings.append(
                "\(path): the article has no title in Pylon; give it one before publishing.")
        }
        if let visibility = article.visibility, ArticleVisibility(rawValue: visibility) == nil {
            report.warnings.append(
                "\(path): visibility “\(visibility)” is not one pylon-kb knows (public, customer, internal_only); it is exported as is, and `check` will ask you to choose."
            )
        }
        if let access = article.aiAgentAccess, AIAgentAccess(rawValue: access) == nil {
            report.warnings.append(
                "\(path): ai_agent_access “\(access)” is not one pylon-kb knows (inherit, none, specific_agents); it is exported as is, and `check` will ask you to choose."
            )
        }
        if article.isPublished, let draft = article.draftHTML, let published = article.publishedHTML,
            CanonicalHTML.canonicalize(draft) != CanonicalHTML.canonicalize(published)
        {
            report.warnings.append(
                "\(path): “\(article.title)” has unpublished draft changes in Pylon; the published text was exported, not the draft. Publish or discard the draft in Pylon and export again, or copy the changes into the file."
            )
        }
    }
}
