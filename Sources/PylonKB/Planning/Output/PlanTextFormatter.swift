/// The terminal form of a plan, in the spirit of `terraform plan`: one line per change with a
/// symbol, the text diff of changed bodies, warnings, blockers, a summary and the time estimate.
public struct PlanTextFormatter: Sendable {
    /// ANSI colours; the command turns them on only for a terminal without `NO_COLOR`.
    public var color: Bool
    /// Longest diff shown per article.
    public var maxDiffLines: Int

    public init(color: Bool = false, maxDiffLines: Int = 40) {
        self.color = color
        self.maxDiffLines = maxDiffLines
    }

    private enum Paint: String {
        case green = "32", yellow = "33", red = "31", magenta = "35", cyan = "36", bold = "1", dim = "2"
    }

    private func paint(_ text: String, _ paint: Paint) -> String {
        color ? "\u{1B}[\(paint.rawValue)m\(text)\u{1B}[0m" : text
    }

    public func format(_ plan: Plan) -> String {
        var lines: [String] = []
        lines.append(paint("Plan for “\(plan.knowledgeBase.title)” (\(plan.knowledgeBase.id))", .bold))
        if let author = plan.defaultAuthor { lines.append(PlanWording.defaultAuthor(author)) }
        lines.append("")
        if !plan.hasChanges {
            lines.append("No changes. The knowledge base matches the content.")
        }
        for step in plan.collections {
            lines.append("  \(paint("+", .green)) collection \(step.slugPath)  “\(step.title)”")
        }
        for step in plan.collectionUpdates {
            lines.append("  \(paint("~", .yellow)) collection \(step.oldSlugPath)  “\(step.title)”")
            lines += step.changes.map { "      " + PlanWording.change($0) }
            if step.probesCapability { lines.append("      " + PlanWording.collectionProbe) }
        }
        for step in plan.images {
            lines.append("  \(paint("+", .green)) image      \(step.path) (\(Self.size(step.byteCount)))")
        }
        for step in plan.articles {
            lines += articleLines(step)
        }
        for step in plan.redirects {
            lines.append(
                "  \(paint("↪", .cyan)) redirect   \(step.fromPath) → \(step.targetSource)  (\(step.reason))")
        }
        if !plan.renameHints.isEmpty {
            lines.append("")
            lines.append(paint("Possible renames (not applied):", .cyan))
            lines += plan.renameHints.map { "  ? " + PlanWording.hint($0) }
        }
        if !plan.warnings.isEmpty {
            lines.append("")
            lines.append(paint("Warnings:", .yellow))
            lines += plan.warnings.map { "  ! \($0.subject): \($0.message)" }
        }
        if !plan.blockers.isEmpty {
            lines.append("")
            lines.append(paint("Apply will refuse this plan:", .red))
            lines += plan.blockers.map { "  ✗ \($0.subject): \($0.message)" }
        }
        lines.append("")
        lines.append(paint(PlanWording.summary(plan), .bold))
        if plan.hasChanges { lines.append(PlanWording.estimate(plan.estimate)) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func articleLines(_ step: ArticleStep) -> [String] {
        let name =
            step.source
            ?? (step.collectionSlugPath.isEmpty ? step.slug : step.collectionSlugPath + "/" + step.slug)
        var lines: [String] = []
        switch step.action {
        case .create:
            lines.append("  \(paint("+", .green)) article    \(name)  “\(step.title)”")
            if step.slugHolder != nil, let reason = step.reason { lines.append("      because \(reason)") }
        case .update:
            let drift = step.drift ? paint(" [edited in Pylon]", .red) : ""
            lines.append(
                "  \(paint("~", .yellow)) article    \(name)  “\(step.title)”  (\(step.changes.joined(separator: ", ")))\(drift)"
            )
            if let title = PlanWording.titleChange(step) { lines.append("      " + title) }
        case .replace:
            lines.append(
                "  \(paint("±", .magenta)) article    \(name)  “\(step.title)” replaces “\(step.existing?.slug ?? "?")”"
            )
            if let reason = step.reason { lines.append("      because \(reason)") }
            if let fate = step.oldArticleFate {
                lines.append("      old article: \(PlanWording.fate(fate, freesSlug: step.freesSlugFirst))")
            }
            if step.probesRenameInPlace { lines.append("      " + PlanWording.renameProbe) }
        case .remove:
            lines.append(
                "  \(paint("-", .red)) article    \(name)  “\(step.title)”  (\(step.reason ?? "removed"))")
        case .unlist:
            lines.append(
                "  \(paint("-", .yellow)) article    \(name)  “\(step.title)” unlisted  (\(step.reason ?? ""))"
            )
        }
        if let holder = step.slugHolder { lines.append("      " + PlanWording.slugHolder(holder)) }
        if let tags = TagChange.planLine(step) { lines.append("      " + tags) }
        if step.action == .update || step.action == .replace, let diff = step.diff, !diff.isEmpty {
            for line in diff.lines.prefix(maxDiffLines) {
                switch line.kind {
                case .added: lines.append("      " + paint("+" + line.text, .green))
                case .removed: lines.append("      " + paint("-" + line.text, .red))
                case .context: lines.append("       " + line.text)
                case .hunk: lines.append("      " + paint("@@ … @@", .dim))
                }
            }
            if diff.lines.count > maxDiffLines {
                lines.append("      " + paint("… \(diff.lines.count - maxDiffLines) more diff lines", .dim))
            }
        }
        return lines
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) B" : bytes < 1_048_576 ? "\(bytes / 1024) KB" : "\(bytes / 1_048_576) MB"
    }
}

/// Phrases the text and Markdown forms share.
enum PlanWording {
    /// `title: “Install” → “Install Relay”` for an update that changes the title, or nil: a
    /// reviewer sees what the title was, not only what it becomes (the body diff has no title).
    static func titleChange(_ step: ArticleStep) -> String? {
        guard step.action == .update, step.changes.contains("title"), let old = step.existing?.title,
            old != step.title
        else { return nil }
        return "title: “\(old)” → “\(step.title)”"
    }

    static func summary(_ plan: Plan) -> String {
        guard plan.hasChanges else { return "Plan: no changes." }
        let summary = plan.summary
        var parts: [String] = []
        func add(_ count: Int, _ one: String, _ many: String) {
            if count > 0 { parts.append("\(count) \(count == 1 ? one : many)") }
        }
        add(summary.articlesToCreate, "article to create", "articles to create")
        add(summary.articlesToUpdate, "to update", "to update")
        add(summary.articlesToReplace, "to replace", "to replace")
        add(summary.articlesToRemove, "to delete", "to delete")
        add(summary.articlesToUnlist, "to unlist", "to unlist")
        add(summary.collectionsToCreate, "collection", "collections")
        add(summary.collectionsToUpdate, "collection to update in place", "collections to update in place")
        add(summary.imagesToUpload, "image", "images")
        add(summary.redirectsToCreate, "redirect", "redirects")
        return "Plan: " + parts.joined(separator: ", ") + "."
    }

    static func estimate(_ estimate: PlanEstimate) -> String {
        let detail = estimate.requests.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
            separator: ", ")
        return
            "\(estimate.totalRequests) write requests (\(detail)); Pylon's rate limits allow this in \(duration(estimate.minimumSeconds)) at best."
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "under a minute" }
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        return hours > 0 ? "\(hours) h \(minutes) min" : "\(minutes) min"
    }

    /// `title: “Guides” → “User guides”`.
    static func change(_ change: CollectionFieldChange) -> String {
        "\(change.field.rawValue): “\(change.old ?? "")” → “\(change.new ?? "")”"
            + (change.new == nil ? " (cleared)" : "")
    }

    static let collectionProbe =
        "(apply first asks once whether this server can update collections in place; if it cannot, the collection stays as it is and apply warns)"

    static func defaultAuthor(_ author: PlanAuthor) -> String {
        "author: \(author.display) (the token's user), for articles that name no author"
    }

    /// `guides/setup.md (setup) may be a rename of “install” (45 % alike): add …`.
    static func hint(_ hint: RenameHint) -> String {
        "\(hint.source) (\(hint.slug)) may be a rename of “\(hint.existing.slug)” (\(PlanningContext.percent(hint.similarity)) alike, under the threshold); if so, add `previous_slugs: [\(hint.existing.slug)]` to its front matter"
    }

    static func slugHolder(_ holder: ExistingArticle) -> String {
        "article holding the slug: “\(holder.slug)” (\(holder.id)), deleted first"
    }

    static let renameProbe =
        "(apply first asks once whether this server can change a slug in place; if it can, the article keeps its identifier and nothing is replaced)"

    static func fate(_ fate: ArticleStep.OldArticleFate, freesSlug: Bool) -> String {
        switch fate {
        case .delete where freesSlug: "deleted first, to free its slug for the new article"
        case .delete: "deleted after the new article and its redirect exist"
        case .unlist: "unlisted (its direct link keeps working)"
        case .keep: "kept as it is"
        }
    }
}
