import Foundation
import PylonHTML

/// Compares the content tree with the knowledge base and says what `apply` must do.
///
/// Identity (docs/architecture.md; for users, docs/renames-and-redirects.md): collections
/// match by their path of slugs, articles by slug. A slug that appears elsewhere is a move
/// (unless the state file says another file published it and the texts differ: then two
/// articles); a slug that disappears is a rename when `previous_slugs`, the state file or the
/// texts say so; otherwise articles left in collections the content owns are orphans, handled
/// by `on_remove`, or redirected to the page their text went into. Bodies are compared in canonical form, so a server that re-serializes HTML
/// causes no updates.
public struct Planner: Sendable {
    public init() {}

    public func plan(_ input: PlanningInput) async -> Plan {
        var context = PlanningContext(input: input)
        context.planCollections()
        context.matchArticles()
        if !context.contested.isEmpty {
            // Which articles exist decides the links, so an equal slug is settled first, from
            // the words of a provisional render of the few articles it concerns.
            var subset = input.content
            subset.articles = context.articlesPlannedAsNew
            let provisional = await render(
                subset, resolver: context.makeResolver(), options: input.options,
                prerendered: input.prerendered, checkRenders: input.checkRenders)
            context.resolveContestedSlugs(rendered: provisional)
        }
        let resolver = context.makeResolver()
        var rendered = await render(
            input.content, resolver: resolver, options: input.options, prerendered: input.prerendered,
            checkRenders: input.checkRenders)
        for (path, body) in input.prerendered {
            rendered[path] = RenderedArticle(
                html: Self.resolveArticleLinks(body.html, resolver), anchors: [], links: [], images: [],
                diagnostics: [])
            if let draft = body.draftHTML {
                context.draftBodies[path] = Self.resolveArticleLinks(draft, resolver)
            }
        }
        await context.detectRenamesBySimilarity(rendered: rendered)
        await context.prefillBodyForms(rendered: rendered)
        context.planArticles(rendered: rendered)
        context.planMergeRedirects(rendered: rendered)
        context.noteUnsupportedTags()
        context.planOrphans()
        context.planRedirectsFromFrontMatter()
        context.planImages(rendered: rendered)
        context.checkRemovalLimit()
        context.estimate()
        return context.plan
    }

    /// Renders every article and translation, many at a time; a page the content check
    /// already rendered with placeholders only has them filled in, when that gives the same.
    func render(
        _ content: ContentTree, resolver: LinkResolver, options: PlanOptions,
        prerendered: [String: PrerenderedBody] = [:], checkRenders: [String: RenderedArticle] = [:]
    ) async -> [String: RenderedArticle] {
        let renderer = Renderer(options: options.renderOptions)
        var inputs: [RenderInput] = []
        for article in content.articles {
            inputs.append(article.renderInput)
            inputs += article.translations.map(\.renderInput)
        }
        if !prerendered.isEmpty { inputs.removeAll { prerendered[$0.path] != nil } }
        return await withTaskGroup(of: [(String, RenderedArticle)].self) { group in
            let chunkSize = max(16, inputs.count / (ProcessInfo.processInfo.activeProcessorCount * 4))
            for start in stride(from: 0, to: inputs.count, by: chunkSize) {
                let chunk = Array(inputs[start..<min(start + chunkSize, inputs.count)])
                group.addTask {
                    chunk.map { input in
                        if let page = checkRenders[input.path],
                            let html = PlaceholderRendering.substitute(page, resolver: resolver)
                        {
                            var filled = page
                            filled.html = html
                            return (input.path, filled)
                        }
                        return (input.path, renderer.render(input, resolver: resolver))
                    }
                }
            }
            var result: [String: RenderedArticle] = [:]
            result.reserveCapacity(inputs.count)
            for await pairs in group { for (path, article) in pairs { result[path] = article } }
            return result
        }
    }

    /// Placeholders in prerendered HTML become what the renderer would have written for the
    /// same link: the real URL of an article that exists, else the placeholder for apply.
    static func resolveArticleLinks(_ html: String, _ resolver: LinkResolver) -> String {
        PendingReference.resolve(
            html, articleURL: resolver.articleURL, imageURL: { _ in nil }, dropUnresolved: false)
    }
}
