import Foundation
import PylonAPI

/// Writing what `pull` found: images first, then each file, keeping what every file was so a
/// failure puts the folder back as it found it.
extension PullRun {
    /// Every image Pylon's pulled bodies show gets a place in the folder: an image uploaded from
    /// the folder maps back to its file; a new one is downloaded (without the API token, as
    /// `ImageDownloader` always does) into `images/` beside the article, once per content.
    mutating func fetchImages(downloader: ImageDownloader, locate: @escaping @Sendable (URL) -> URL) async {
        let pulled = edits.compactMap { edit in edit.pulledBody.map { (edit, $0) } }
        guard !pulled.isEmpty else { return }
        var urlHashes: [String: String] = [:]
        for (hash, record) in state.images { urlHashes[record.url] = hash }
        var localByHash: [String: String]?
        var wanted: [String] = []
        for (edit, body) in pulled {
            let shown = Set(KnowledgeBaseExporter.imageSources(in: edit.localHTML))
            for src in KnowledgeBaseExporter.imageSources(in: body) + shown where imagePaths[src] == nil {
                if let hash = urlHashes[src] {
                    if localByHash == nil { localByHash = Self.localImages(root: root) }
                    if let path = localByHash?[hash] {
                        imagePaths[src] = path
                        continue
                    }
                }
                // An image the file already shows by its address stays an address.
                if !shown.contains(src), !wanted.contains(src) { wanted.append(src) }
            }
        }
        guard !wanted.isEmpty else { return }
        let downloaded = await downloader.download(wanted, locate: locate)
        if localByHash == nil { localByHash = Self.localImages(root: root) }
        var placed = localByHash ?? [:]
        for src in wanted {
            guard let data = downloaded.images[src] else { continue }
            let hash = ContentHash.sha256(data)
            if let existing = placed[hash] {
                imagePaths[src] = existing
                continue
            }
            guard
                let edit = pulled.first(where: { KnowledgeBaseExporter.imageSources(in: $0.1).contains(src) }
                )?.0
            else { continue }
            let folder = ContentPath.directory(of: edit.path)
            let (stem, ext) = ExportRun.imageName(src: src, data: data)
            var naming = ExportNaming()
            var path: String
            repeat {
                path =
                    (folder.isEmpty ? "" : folder + "/") + "images/"
                    + naming.claimFile(stem: stem, extension: ext, fallback: "image")
            } while FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
                || newImages[path] != nil
            newImages[path] = data
            placed[hash] = path
            // Pylon already has it at this address: apply need not upload it again.
            if state.images[hash] == nil { state.images[hash] = .init(url: src, source: path) }
            imagePaths[src] = path
            // Until apply uploads it, the folder planned again shows it by this reference.
            imagePaths[PendingReference.image(sha256: hash)] = path
        }
        for failure in downloaded.failures {
            report.notes.append(failure + " The pulled text links to it where it is.")
        }
    }

    /// Image files under the root, by the SHA-256 of their bytes.
    static func localImages(root: URL) -> [String: String] {
        let extensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "svg", "avif"]
        var result: [String: String] = [:]
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        else { return result }
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
            guard let data = try? Data(contentsOf: url) else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            let hash = ContentHash.sha256(data)
            if let known = result[hash], known < path { continue }
            result[hash] = path
        }
        return result
    }

    /// Writes every file (nothing with `dryRun`), and reports each with its diff.
    mutating func writeFiles() {
        for index in edits.indices {
            var edit = edits[index]
            edit.before = markdown(edit.localHTML, in: edit.path).markdown
            if let body = edit.pulledBody { edit.after = markdown(body, in: edit.path).markdown }
            let original =
                edit.isNewFile ? "" : (try? String(contentsOf: url(edit.path), encoding: .utf8)) ?? ""
            guard let text = fileText(for: &edit, original: original) else {
                report.notes.append(
                    "\(edit.path): its front matter is never closed, so the edit from Pylon was not written; close it and pull again."
                )
                continue
            }
            edits[index] = edit
            if edit.markers {
                write(text, to: edit.path)
                continue
            }
            var changes: [String] = []
            if edit.pulledBody != nil { changes.append("body") }
            if edit.pulledTitle != nil { changes.append("title") }
            if edit.pulledTags != nil { changes.append("tags") }
            if edit.pulledVisibility != nil { changes.append("visibility") }
            if edit.pulledUnlisted != nil { changes.append("unlisted") }
            report.pulled.append(
                PullReport.Pulled(
                    path: edit.path, title: edit.pulledTitle ?? edit.title,
                    changes: edit.isNewFile ? ["new"] : changes,
                    rewrittenWhole: edit.rewrittenWhole,
                    diff: TextDiff(old: lines(original), new: lines(text))))
            write(text, to: edit.path)
        }
        for path in removals { remove(path) }
        for (path, data) in newImages.sorted(by: { $0.key < $1.key }) { write(data, to: path) }
    }

    /// The file's new text: the body patched (or, failing that, rewritten) and the front matter
    /// edited line by line. nil when the file's front matter cannot be read.
    func fileText(for edit: inout FileEdit, original: String) -> String? {
        let crlf = original.contains("\r\n")
        let text = crlf ? original.replacingOccurrences(of: "\r\n", with: "\n") : original
        guard let split = try? FrontMatterSplit.split(text) else { return nil }
        var header = String(text.dropLast(split.body.count))
        var body = split.body
        if edit.markers {
            body =
                "<<<<<<< yours (git)\n" + Self.endingWithNewline(body) + "=======\n"
                + Self.endingWithNewline(edit.after) + ">>>>>>> pylon\n"
        } else if edit.pulledBody != nil {
            if !edit.rewrittenWhole,
                let patched = MarkdownPatch(source: body).applying(before: edit.before, after: edit.after)
            {
                body = patched
            } else {
                edit.rewrittenWhole = !edit.isNewFile
                body = (split.yaml == nil && !edit.isNewFile ? "" : "\n") + edit.after
            }
        }
        var frontMatter = FrontMatterEdit(yaml: split.yaml)
        var frontMatterChanged = false
        if edit.isNewFile {
            let stem = String(edit.path.split(separator: "/").last ?? "").dropLast(3)
            frontMatter = FrontMatterEdit(
                yaml: Self.newFrontMatter(edit.remote, tags: edit.pulledTags, fileStem: String(stem)))
            frontMatterChanged = true
        } else {
            if let title = edit.pulledTitle {
                if frontMatter.has("title")
                    || !Self.replaceHeading(in: &body, old: edit.localTitle, new: title)
                {
                    frontMatter.set("title", scalar: title)
                    frontMatterChanged = true
                }
            }
            if let tags = edit.pulledTags {
                frontMatter.set("tags", list: tags)
                frontMatterChanged = true
            }
            if let visibility = edit.pulledVisibility {
                frontMatter.set("visibility", scalar: visibility)
                frontMatterChanged = true
            }
            if let unlisted = edit.pulledUnlisted {
                frontMatter.set("unlisted", bool: unlisted)
                frontMatterChanged = true
            }
        }
        // A body written whole no longer starts with the `# Heading` the title may have come from.
        if edit.rewrittenWhole, !frontMatter.has("title") {
            frontMatter.set("title", scalar: edit.pulledTitle ?? edit.localTitle)
            frontMatterChanged = true
        }
        if frontMatterChanged { header = "---\n" + frontMatter.yaml + "---\n" }
        let result = header + body
        return crlf ? result.replacingOccurrences(of: "\n", with: "\r\n") : result
    }

    /// A title written as the text's first `# Heading` (no `title:`) changes there.
    static func replaceHeading(in body: inout String, old: String, new: String) -> Bool {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }),
            lines[index].hasPrefix("# "),
            lines[index].dropFirst(2).trimmingCharacters(in: .whitespaces) == old
        else { return false }
        lines[index] = "# " + new
        body = lines.joined(separator: "\n")
        return true
    }

    static func newFrontMatter(_ remote: RemoteArticle, tags: [String]?, fileStem: String) -> String {
        var lines = [ExportYAML.line("title", remote.title)]
        if fileStem != remote.slug { lines.append(ExportYAML.line("slug", remote.slug)) }
        if !remote.isPublished { lines.append(ExportYAML.line("published", false)) }
        if remote.isUnlisted { lines.append(ExportYAML.line("unlisted", true)) }
        if let visibility = remote.visibility, visibility != ArticleVisibility.public.rawValue {
            lines.append(ExportYAML.line("visibility", visibility))
        }
        if let tags, !tags.isEmpty { lines.append(ExportYAML.line("tags", list: tags)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func endingWithNewline(_ text: String) -> String { text.hasSuffix("\n") ? text : text + "\n" }

    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    private mutating func write(_ text: String, to path: String) {
        write(Data(text.utf8), to: path)
    }

    private mutating func write(_ data: Data, to path: String) {
        guard !options.dryRun else { return }
        if originals[path] == nil { originals[path] = .some(try? Data(contentsOf: url(path))) }
        do {
            try AtomicFile.write(data, to: url(path))
        } catch {
            report.notes.append("\(path): could not be written (\(error.localizedDescription)).")
        }
    }

    private mutating func remove(_ path: String) {
        guard !options.dryRun else { return }
        if originals[path] == nil { originals[path] = .some(try? Data(contentsOf: url(path))) }
        try? FileManager.default.removeItem(at: url(path))
    }

    /// Puts every file this run wrote back as it was (removing those it created).
    func restoreFiles() {
        for (path, data) in originals {
            if let data {
                try? AtomicFile.write(data, to: url(path))
            } else {
                try? FileManager.default.removeItem(at: url(path))
            }
        }
    }

    /// After the folder was planned again: a patched file whose text no longer publishes what
    /// Pylon holds (a patch placed where the converter could not see a difference) is rewritten
    /// from Pylon's text. Returns whether any was.
    mutating func rewriteUnverified(plan: Plan) -> Bool {
        var rewrote = false
        for index in edits.indices where edits[index].pulledBody != nil && !edits[index].rewrittenWhole {
            let edit = edits[index]
            guard !edit.markers, let rendered = renderedBody(of: edit, in: plan),
                markdown(rendered, in: edit.path).markdown != edit.after
            else { continue }
            var rewritten = edit
            rewritten.rewrittenWhole = true
            // From the file as it was: its title and tags are edited again, the body replaced.
            let original =
                originals[edit.path].flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard let text = fileText(for: &rewritten, original: original) else { continue }
            edits[index] = rewritten
            write(text, to: edit.path)
            if let reported = report.pulled.firstIndex(where: { $0.path == edit.path }) {
                report.pulled[reported].rewrittenWhole = true
                report.pulled[reported].diff = TextDiff(old: lines(original), new: lines(text))
            }
            rewrote = true
        }
        return rewrote
    }

    /// What the file renders now, when the plan would still change the article's body (nil:
    /// it publishes what Pylon holds).
    func renderedBody(of edit: FileEdit, in plan: Plan) -> String? {
        guard let step = plan.articles.first(where: { $0.source == edit.articlePath }),
            let desired = step.desired
        else { return nil }
        if edit.language.isEmpty { return step.changes.contains("body") ? desired.bodyHTML : nil }
        return desired.translations.first { $0.language == edit.language && $0.changed }?.bodyHTML
    }
}
