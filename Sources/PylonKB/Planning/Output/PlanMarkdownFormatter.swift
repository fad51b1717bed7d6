import PylonHTML

/// The pull-request comment form of a plan: a summary table, blockers and warnings, the time
/// estimate, and one collapsible section per article with a diff of its text.
///
/// GitHub refuses comments over 65,535 characters. The summary, blockers and estimate always
/// fit (they are small and bounded); warnings and article sections are added while they fit,
/// and what is left out is counted in a closing note that says how to see everything.
public struct PlanMarkdownFormatter: Sendable {
    public static let githubCommentLimit = 65_535

    /// The most characters to produce; below GitHub's limit by default, leaving room for a
    /// workflow to add a line.
    public var limit: Int
    /// Longest diff shown per article.
    public var maxDiffLines: Int

    public init(limit: Int = 65_000, maxDiffLines: Int = 60) {
        self.limit = limit
        self.maxDiffLines = maxDiffLines
    }

    /// A marker a CI workflow can search for to update its own comment instead of adding one.
    public static let commentMarker = "<!-- pylon-kb-plan -->"

    public func format(_ plan: Plan) -> String {
        var head = Self.commentMarker + "\n"
        head += "### pylon-kb plan for “\(escape(plan.knowledgeBase.title))” (`\(plan.knowledgeBase.id)`)\n\n"
        if !plan.hasChanges {
            head += "**No changes.** The knowledge base matches the content.\n"
        } else {
            head += summaryTable(plan)
            head += "\n⏱️ " + escape(PlanWording.estimate(plan.estimate)) + "\n"
        }
        if let author = plan.defaultAuthor {
            head += "\n" + escape(PlanWording.defaultAuthor(author)) + "\n"
        }
        if !plan.blockers.isEmpty {
            head += "\n#### ⛔ Apply will refuse this plan\n\n"
            // Blockers are few by nature; each is still capped so the head stays bounded.
            for note in plan.blockers.prefix(20) {
                head += "- `\(note.subject)`: \(escape(String(note.message.prefix(500))))\n"
            }
            if plan.blockers.count > 20 { head += "- … and \(plan.blockers.count - 20) more\n" }
        }

        var sections: [String] = []
        if !plan.warnings.isEmpty {
            sections.append("\n#### ⚠️ Warnings\n\n")
            sections += plan.warnings.map { "- `\($0.subject)`: \(escape($0.message))\n" }
        }
        let listed = plan.articles
        if !listed.isEmpty || !plan.collections.isEmpty || !plan.collectionUpdates.isEmpty
            || !plan.redirects.isEmpty || !plan.images.isEmpty
        {
            sections.append("\n#### Changes\n\n")
        }
        sections += plan.collections.map { "- 📁 new collection `\($0.slugPath)` “\(escape($0.title))”\n" }
        sections += plan.collectionUpdates.map { step in
            "- 📁 update collection `\(step.oldSlugPath)`: "
                + step.changes.map { escape(PlanWording.change($0)) }.joined(separator: "; ")
                + (step.probesCapability ? " _(\(escape(PlanWording.collectionProbe)))_" : "") + "\n"
        }
        sections += plan.images.map { "- 🖼️ upload `\($0.path)` (\(PlanTextFormatter.size($0.byteCount)))\n" }
        sections += plan.redirects.map {
            "- ↪️ redirect `\($0.fromPath)` → `\($0.targetSource)` (\(escape($0.reason)))\n"
        }
        sections += listed.map(articleSection)
        if !plan.renameHints.isEmpty {
            sections.append("\n#### 💡 Possible renames (not applied)\n\n")
            sections += plan.renameHints.map { "- " + escape(PlanWording.hint($0)) + "\n" }
        }

        var body = head
        var length = head.count
        var omitted = 0
        let footerReserve = 400
        for section in sections {
            let sectionLength = section.count
            if omitted == 0 && length + sectionLength + footerReserve <= limit {
                body += section
                length += sectionLength
            } else {
                omitted += 1
            }
        }
        if omitted > 0 {
            body +=
                "\n> ✂️ \(omitted) more entries are not shown: a GitHub comment holds at most 65,535 characters. Run `pylon-kb plan` to see the whole plan.\n"
        }
        return body
    }

    private func summaryTable(_ plan: Plan) -> String {
        let summary = plan.summary
        let rows: [(String, Int)] = [
            ("➕ Articles to create", summary.articlesToCreate),
            ("✏️ Articles to update", summary.articlesToUpdate),
            ("🔁 Articles to replace (new slug or collection)", summary.articlesToReplace),
            ("🗑️ Articles to delete", summary.articlesToRemove),
            ("🙈 Articles to unlist", summary.articlesToUnlist),
            ("📁 Collections to create", summary.collectionsToCreate),
            ("📁 Collections to update in place", summary.collectionsToUpdate),
            ("🖼️ Images to upload", summary.imagesToUpload),
            ("↪️ Redirects to create", summary.redirectsToCreate),
        ]
        var table = "| Change | Count |\n| --- | ---: |\n"
        for (label, count) in rows where count > 0 { table += "| \(label) | \(count) |\n" }
        return table
    }

    private func articleSection(_ step: ArticleStep) -> String {
        let name =
            step.source
            ?? (step.collectionSlugPath.isEmpty ? step.slug : step.collectionSlugPath + "/" + step.slug)
        let symbol: String
        var detail: String
        switch step.action {
        case .create:
            symbol = "➕"
            detail = step.slugHolder.map { "new; deletes `\($0.slug)` first" } ?? "new"
        case .update:
            symbol = "✏️"
            detail =
                step.changes.joined(separator: ", ")
                + (step.drift ? " — **edited in Pylon since the last apply**" : "")
        case .replace:
            symbol = "🔁"
            detail = "replaces `\(step.existing?.slug ?? "?")`"
        case .remove:
            symbol = "🗑️"
            detail = step.reason ?? "delete"
        case .unlist:
            symbol = "🙈"
            detail = step.reason ?? "unlist"
        }
        var section =
            "\n<details><summary>\(symbol) <b>\(escapeHTML(step.title))</b> — <code>\(escapeHTML(name))</code> (\(escapeHTML(detail)))</summary>\n\n"
        if let title = PlanWording.titleChange(step) {
            section += escape(title.prefix(1).uppercased() + title.dropFirst()) + ".\n\n"
        }
        if let tags = TagChange.planLine(step) {
            section += escape(tags.prefix(1).uppercased() + tags.dropFirst()) + ".\n\n"
        }
        if let holder = step.slugHolder {
            section += escape(PlanWording.slugHolder(holder)) + ".\n"
            if step.action == .create, let reason = step.reason { section += "Why: \(escape(reason)).\n" }
            section += "\n"
        }
        if let reason = step.reason, step.action == .replace {
            section += "Why: \(escape(reason)).\n"
            if let fate = step.oldArticleFate {
                section += "Old article: \(PlanWording.fate(fate, freesSlug: step.freesSlugFirst)).\n"
            }
            if step.probesRenameInPlace { section += PlanWording.renameProbe + "\n" }
            section += "\n"
        }
        if let diff = step.diff, !diff.isEmpty {
            let lines = diff.lines.prefix(maxDiffLines).map { line in
                line.kind == .hunk ? "@@ … @@" : line.kind.rawValue + line.text
            }
            var text = lines.joined(separator: "\n")
            if diff.lines.count > maxDiffLines { text += "\n… \(diff.lines.count - maxDiffLines) more lines" }
            let fence = Self.fence(for: text)
            section += "\(fence)diff\n\(text)\n\(fence)\n"
        }
        section += "</details>\n"
        return section
    }

    /// A backtick fence longer than any run of backticks in `text`.
    static func fence(for text: String) -> String {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// Markdown-inert text: no accidental tables, HTML or mentions.
    private func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "@": result += "@\u{200B}"
            default: result.append(character)
            }
        }
        return result
    }

    private func escapeHTML(_ text: String) -> String {
        HTMLSerializer.escapeAttribute(text)
    }
}
