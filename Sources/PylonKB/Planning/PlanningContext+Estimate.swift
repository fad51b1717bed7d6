import PylonAPI

extension PlanningContext {
    /// Counts the write requests apply will send, per endpoint, and the least time Pylon's
    /// documented per-minute limits allow for them.
    mutating func estimate() {
        var requests: [String: Int] = [:]
        func add(_ endpoint: String, _ count: Int = 1) {
            guard count > 0 else { return }
            requests[endpoint, default: 0] += count
        }
        add("createCollection", plan.collections.count)
        add("createAttachment", plan.images.count)
        add("createRouteRedirect", plan.redirects.count)
        let created = Set(
            plan.articles.filter { $0.action == .create || $0.action == .replace }.compactMap(\.source))
        let secondPass = LinkOrder.secondPassSources(
            plan.articles.filter { created.contains($0.source ?? "") })
        for step in plan.articles {
            switch step.action {
            case .create, .replace:
                add("createArticle")
                if secondPass.contains(step.source ?? "") {
                    add("updateArticle", 1 + (step.desired?.translations.count ?? 0))
                }
                if step.action == .replace {
                    switch step.oldArticleFate {
                    case .delete: add("deleteArticle")
                    case .unlist: add("updateArticle")
                    case .keep, nil: break
                    }
                }
            case .update:
                let main = step.changes.contains { !$0.hasPrefix("translation:") && !$0.hasPrefix("draft") }
                add(
                    "updateArticle",
                    (main ? 1 : 0) + step.changes.filter { $0.hasPrefix("translation:") }.count)
            case .remove: add("deleteArticle")
            case .unlist: add("updateArticle")
            }
            add("updateArticle", DraftSaving.draftCount(step))
        }
        // The one-time question whether the server renames in place.
        if plan.articles.contains(where: \.probesRenameInPlace) { add("updateArticle") }
        plan.estimate = PlanEstimate(
            requests: requests, minimumSeconds: RateLimitBound.minimumSeconds(for: requests))
    }
}

/// The order in which articles created in one run are created, so that an article is created
/// after the articles it links to; only links in a cycle need a second pass (a PATCH once the
/// target's identifier exists).
enum LinkOrder {
    /// Creates in an order where targets come first, as far as cycles allow.
    static func creationOrder(_ steps: [ArticleStep]) -> [ArticleStep] {
        let bySource = Dictionary(
            steps.compactMap { step in step.source.map { ($0, step) } }, uniquingKeysWith: { a, _ in a })
        var visited: Set<String> = []
        var order: [ArticleStep] = []
        func visit(_ source: String, _ stack: inout Set<String>) {
            guard !visited.contains(source), !stack.contains(source), let step = bySource[source] else {
                return
            }
            stack.insert(source)
            for target in targets(of: step).sorted() { visit(target, &stack) }
            stack.remove(source)
            visited.insert(source)
            order.append(step)
        }
        for source in bySource.keys.sorted() {
            var stack: Set<String> = []
            visit(source, &stack)
        }
        return order
    }

    /// Sources whose bodies link to an article created later in `creationOrder`.
    static func secondPassSources(_ steps: [ArticleStep]) -> Set<String> {
        var createdSoFar: Set<String> = []
        var result: Set<String> = []
        let all = Set(steps.compactMap(\.source))
        for step in creationOrder(steps) {
            guard let source = step.source else { continue }
            let pending = targets(of: step).intersection(all)
            if !pending.isSubset(of: createdSoFar) { result.insert(source) }
            createdSoFar.insert(source)
        }
        return result
    }

    static func targets(of step: ArticleStep) -> Set<String> {
        guard let desired = step.desired else { return [] }
        var targets = PendingReference.pendingArticles(in: desired.bodyHTML)
        for translation in desired.translations {
            targets.formUnion(PendingReference.pendingArticles(in: translation.bodyHTML))
        }
        return targets
    }
}

/// The least time Pylon's documented limits allow for a request mix, from the same endpoint
/// table and window arithmetic the client paces itself with.
enum RateLimitBound {
    static func minimumSeconds(for requests: [String: Int]) -> Double {
        var counts: [PylonEndpoint: Int] = [:]
        for (name, count) in requests {
            guard let endpoint = PylonEndpoint(rawValue: name) else { continue }
            counts[endpoint, default: 0] += count
        }
        let duration = RateLimiter.minimumDuration(for: counts, margin: 0)
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
