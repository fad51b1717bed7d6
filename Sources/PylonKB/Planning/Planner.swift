import Foundation
import PylonHTML

/// Compares the content tree with the knowledge base and says what `apply` must do.
///
/// Identity (DESIGN.md "Identity, diff and plan"): collections match by their path of slugs,
/// articles by slug. A slug that appears elsewhere is a move; a slug that disappears is a
/// rename when `previous_slugs`, the state file or the texts say so; otherwise articles left
/// in collections the content owns are orphans, handled by `on_remove`. Bodies are compared in
/// canonical form, so a server that re-serializes HTML causes no updates.
public struct Planner: Sendable {
    public init() {}

    public func plan(_ input: PlanningInput) async -> Plan {
        var context = PlanningContext(input: input)
        context.planCollections()
        context.matchArticles()
        let rendered = await render(input.content, resolver: context.makeResolver(), options: input.options)
        await context.detectRenamesBySimilarity(rendered: rendered)
        context.planArticles(rendered: rendered)
        context.planOrphans()
        context.planRedirectsFromFrontMatter()
        context.planImages(rendered: rendered)
        context.checkRemovalLimit()
        context.estimate()
        return context.plan
    }

    /// Renders every article and translation, many at a time.
    func render(_ content: ContentTree, resolver: LinkResolver, options: PlanOptions) async -> [String:
        RenderedArticle]
    {
        let renderer = Renderer(options: options.renderOptions)
        var inputs: [RenderInput] = []
        for article in content.articles {
            inputs.append(article.renderInput)
            inputs += article.translations.map(\.renderInput)
        }
        return await withTaskGroup(of: [(String, RenderedArticle)].self) { group in
            let chunkSize = max(16, inputs.count / (ProcessInfo.processInfo.activeProcessorCount * 4))
            for start in stride(from: 0, to: inputs.count, by: chunkSize) {
                let chunk = Array(inputs[start..<min(start + chunkSize, inputs.count)])
                group.addTask { chunk.map { ($0.path, renderer.render($0, resolver: resolver)) } }
            }
            var result: [String: RenderedArticle] = [:]
            result.reserveCapacity(inputs.count)
            for await pairs in group { for (path, article) in pairs { result[path] = article } }
            return result
        }
    }
}
