/// `previous_slugs` for an article whose slug changes with its file name, and putting a
/// file's changes together into its new text.
extension ContentMove {
    /// The slug change a move makes, or nil when the slug stays. The slug follows the file
    /// name only when the front matter sets none and the slug is the one the old name gives;
    /// otherwise it was chosen some other way (`slug:`, a generator's `id`) and stays.
    func slugRecord(for article: Article, mapping: MoveMapping) -> MovePlan.SlugRecord? {
        let newPath = mapping.map(article.path)
        guard newPath != article.path, article.frontMatter.slug == nil else { return nil }
        let oldStem = String(ContentPath.fileName(of: article.path).dropLast(3))
        let newStem = String(ContentPath.fileName(of: newPath).dropLast(3))
        guard Slug.derived(fromName: oldStem) == article.slug, let newSlug = Slug.derived(fromName: newStem),
            newSlug != article.slug
        else { return nil }
        return MovePlan.SlugRecord(path: newPath, oldSlug: article.slug, newSlug: newSlug)
    }

    /// A text change: `range` of the original text becomes `text`.
    struct Replacement: Sendable {
        var range: Range<String.Index>
        var text: String
        var change: MovePlan.Change
    }

    /// The front matter with the old slug added to `previous_slugs`, edited line by line
    /// (`FrontMatterEdit`) so every other key, its order and its comments stay as written.
    struct SlugEdit: Sendable {
        var replacement: Replacement
        var changes: [MovePlan.Change]
        /// Lines the front matter gains, which moves every body line down.
        var lineShift: Int

        init(text: String, article: Article, record: MovePlan.SlugRecord) throws(MoveRefusal) {
            let split: FrontMatterSplit
            do {
                split = try FrontMatterSplit.split(text)
            } catch {
                throw MoveRefusal("The front matter of \(article.path) is never closed; fix it first.")
            }
            var edit = FrontMatterEdit(yaml: split.yaml)
            // The new slug cannot stay a previous one (`check` refuses an article redirecting
            // to itself), which matters when a page moves back to an earlier name.
            var slugs = article.previousSlugs.filter { $0 != record.newSlug }
            if !slugs.contains(record.oldSlug) { slugs.append(record.oldSlug) }
            edit.set("previous_slugs", list: slugs)
            let oldLines = FrontMatterEdit(yaml: split.yaml).lines
            if let yaml = split.yaml {
                let start = text.index(after: text.firstIndex(of: "\n") ?? text.startIndex)
                let end = text.utf8.index(start, offsetBy: yaml.utf8.count)
                changes = Self.lineChanges(old: oldLines, new: edit.lines, firstLine: 2)
                lineShift = edit.lines.count - oldLines.count
                replacement = Replacement(range: start..<end, text: edit.yaml, change: changes[0])
            } else {
                let block = ["---"] + edit.lines + ["---"]
                changes = block.enumerated().map {
                    MovePlan.Change(
                        kind: .frontMatter, line: 1, lineAfter: $0.offset + 1, old: "", new: $0.element)
                }
                lineShift = block.count
                let insertion = block.joined(separator: "\n") + "\n"
                replacement = Replacement(
                    range: text.startIndex..<text.startIndex, text: insertion, change: changes[0])
            }
        }

        /// The lines that differ between two versions of the front matter, as one change per
        /// line (common lines at the start and the end are not changes).
        static func lineChanges(old: [String], new: [String], firstLine: Int) -> [MovePlan.Change] {
            var prefix = 0
            while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
            var suffix = 0
            while suffix < old.count - prefix, suffix < new.count - prefix,
                old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
            {
                suffix += 1
            }
            let removed = Array(old[prefix..<(old.count - suffix)])
            let added = Array(new[prefix..<(new.count - suffix)])
            return (0..<max(removed.count, added.count)).map { offset in
                MovePlan.Change(
                    kind: .frontMatter, line: firstLine + prefix + min(offset, max(removed.count - 1, 0)),
                    lineAfter: firstLine + prefix + min(offset, max(added.count - 1, 0)),
                    old: offset < removed.count ? removed[offset] : "",
                    new: offset < added.count ? added[offset] : "")
            }
        }
    }

    /// One file's new text from its link replacements and its front matter edit.
    static func edit(
        text: String, path: String, pathAfter: String, links: [Replacement], slugEdit: SlugEdit?
    ) -> MovePlan.FileEdit {
        var replacements = links
        if let slugEdit { replacements.append(slugEdit.replacement) }
        var newText = ""
        var cursor = text.startIndex
        for replacement in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            newText += text[cursor..<replacement.range.lowerBound]
            newText += replacement.text
            cursor = replacement.range.upperBound
        }
        newText += text[cursor...]
        let shift = slugEdit?.lineShift ?? 0
        let linkChanges = links.map { replacement in
            var change = replacement.change
            change.lineAfter = change.line + shift
            return change
        }
        return MovePlan.FileEdit(
            path: path, pathAfter: pathAfter, text: newText, changes: (slugEdit?.changes ?? []) + linkChanges)
    }
}
