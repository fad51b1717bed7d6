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
        add("updateCollection", plan.collectionUpdates.count)
        add("createAttachment", plan.images.count)
        add("createRouteRedirect", plan.redirects.count)
        let created = Set(
            plan.articles.filter { $0.action == .create || $0.action == .replace }.compactMap(\.source))
        let secondPass = LinkOrder.secondPassSources(
            plan.articles.filter { created.contains($0.source ?? "") })
        // An article deleted to free a slug and also replaced by its rename is deleted once.
        let deletedByReplace = Set(
            plan.articles.filter { $0.action == .replace && $0.oldArticleFate == .delete }.compactMap(
                \.existing?.id))
        for step in plan.articles {
            switch step.action {
            case .create, .replace:
                add("createArticle")
                if let holder = step.slugHolder, !deletedByReplace.contains(holder.id) {
                    add("deleteArticle")
                }
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
                let main = step.changes.contains {
                    !$0.hasPrefix("translation:") && !$0.hasPrefix("draft") && $0 != "unpublish"
                        && $0 != "tags"
                }
                add(
                    "updateArticle",
                    (main ? 1 : 0)
                        + step.changes.filter { $0.hasPrefix("translation:") || $0 == "unpublish" }.count
                )
            case .remove: add("deleteArticle")
            case .unlist: add("updateArticle")
            }
            add("updateArticle", DraftSaving.draftCount(step))
        }
        for (endpoint, count) in tagRequestEstimate() { add(endpoint, count) }
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
    /// Creates in an order where targets come first, as far as cycles allow: the few articles
    /// that break every cycle of links (`cycleBreakers`) go first and get the second pass; all
    /// others follow with every article they link to created before them.
    static func creationOrder(_ steps: [ArticleStep]) -> [ArticleStep] {
        let bySource = Dictionary(
            steps.compactMap { step in step.source.map { ($0, step) } }, uniquingKeysWith: { a, _ in a })
        let links = bySource.mapValues { targets(of: $0).filter { bySource[$0] != nil }.sorted() }
        let breakers = cycleBreakers(links)
        var order = breakers.sorted().compactMap { bySource[$0] }
        var visited = breakers
        // Depth-first, targets before the article (post-order), without recursion: a chain of
        // links can be as long as the knowledge base.
        for root in bySource.keys.sorted() where !visited.contains(root) {
            visited.insert(root)
            var stack: [(source: String, next: Int)] = [(root, 0)]
            while let top = stack.last {
                let targets = links[top.source] ?? []
                if top.next < targets.count {
                    stack[stack.count - 1].next += 1
                    let target = targets[top.next]
                    if visited.insert(target).inserted { stack.append((target, 0)) }
                } else {
                    stack.removeLast()
                    if let step = bySource[top.source] { order.append(step) }
                }
            }
        }
        return order
    }

    /// A small set of articles whose removal leaves no cycle of links (finding the smallest is
    /// NP-hard; this greedy choice finds it for the usual shapes, such as every article of a
    /// collection linking to its overview and the overview to some of them). Articles that
    /// link to nothing left or that nothing left links to cannot be on a cycle and are dropped;
    /// when none is, the article with the most links in times out goes, and so on.
    static func cycleBreakers(_ links: [String: [String]]) -> Set<String> {
        var outgoing: [String: Set<String>] = [:]
        var incoming: [String: Set<String>] = [:]
        var breakers: Set<String> = []
        for (source, targets) in links {
            outgoing[source] = outgoing[source] ?? []
            incoming[source] = incoming[source] ?? []
            for target in targets {
                if target == source {
                    breakers.insert(source)
                } else {
                    outgoing[source, default: []].insert(target)
                    incoming[target, default: []].insert(source)
                }
            }
        }
        func remove(_ node: String) {
            for target in outgoing[node] ?? [] { incoming[target]?.remove(node) }
            for source in incoming[node] ?? [] { outgoing[source]?.remove(node) }
            outgoing[node] = nil
            incoming[node] = nil
        }
        for node in breakers { remove(node) }
        while !outgoing.isEmpty {
            // Peel off everything that cannot be on a cycle.
            var queue = outgoing.keys.filter { outgoing[$0]!.isEmpty || incoming[$0]!.isEmpty }
            while let node = queue.popLast() {
                guard outgoing[node] != nil else { continue }
                let neighbours = outgoing[node]!.union(incoming[node]!)
                remove(node)
                for neighbour in neighbours
                where outgoing[neighbour]?.isEmpty == true || incoming[neighbour]?.isEmpty == true {
                    queue.append(neighbour)
                }
            }
            let candidates = outgoing.keys.map { node in
                (node: node, score: incoming[node]!.count * outgoing[node]!.count)
            }
            guard
                let best = candidates.max(by: { ($0.score, $1.node) < ($1.score, $0.node) })
            else { break }
            breakers.insert(best.node)
            remove(best.node)
        }
        return breakers
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
        return RateLimiter.minimumDuration(for: counts, margin: 0).inSeconds
    }
}
