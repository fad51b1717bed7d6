import Foundation
import PylonHTML

/// One `pull`: finds the edits made in Pylon, writes them into the files, and moves the state
/// file's baselines (`PullSession` drives it; `PullRun+Files` writes, `PullRun+State` records).
struct PullRun {
    let root: URL
    let tree: ContentTree
    let snapshot: RemoteSnapshot
    var state: DeploymentState
    let options: PullOptions
    let forms = BodyForms()
    let links: ExportLinks
    let remoteByID: [String: RemoteArticle]
    /// Article id → the content file of its original language, for links between articles.
    var articlePathsByID: [String: String]
    var report = PullReport()
    var edits: [FileEdit] = []
    /// Content files to remove (`--delete`).
    var removals: [String] = []
    /// Image `src` → content path, for every image pylon-kb can place in the folder.
    var imagePaths: [String: String] = [:]
    /// Downloaded images to write, by content path.
    var newImages: [String: Data] = [:]
    /// Every file this run wrote or removed, as it was before (nil: it did not exist).
    var originals: [String: Data?] = [:]

    /// One file to write: an edit pulled into an existing file, or a new file.
    struct FileEdit {
        var path: String
        /// The state file's key: the original-language file of the article.
        var articlePath: String
        /// "" for the original language.
        var language: String
        var remote: RemoteArticle
        var title: String
        /// Pylon's body, when it is pulled; and Markdown for it and for what the file rendered.
        var pulledBody: String?
        var localHTML = ""
        var before = ""
        var after = ""
        var pulledTitle: String?
        var localTitle = ""
        var pulledTags: [String]?
        var pulledVisibility: String?
        var pulledUnlisted: Bool?
        var isNewFile = false
        var rewrittenWhole = false
        var markers = false
    }

    init(root: URL, tree: ContentTree, snapshot: RemoteSnapshot, state: DeploymentState, options: PullOptions)
    {
        self.root = root
        self.tree = tree
        self.snapshot = snapshot
        self.state = state
        self.options = options
        links = ExportLinks(articles: snapshot.articles)
        remoteByID = Dictionary(
            snapshot.articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var paths: [String: String] = [:]
        for (path, record) in state.articles { paths[record.id] = path }
        articlePathsByID = paths
    }

    var touchedFiles: Bool { !originals.isEmpty }

    // MARK: Finding edits

    mutating func findEdits(plan: Plan) {
        let articles = Dictionary(
            tree.articles.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for step in plan.articles where step.action == .update {
            guard let path = step.source, let existing = step.existing, let desired = step.desired,
                let article = articles[path], let record = state.articles[path], record.id == existing.id,
                let remote = remoteByID[existing.id]
            else { continue }
            // What readers of Pylon see: the published text, or a draft article's draft.
            let remoteBody =
                article.published && remote.isPublished
                ? (remote.publishedHTML ?? remote.liveHTML) : (remote.draftHTML ?? remote.liveHTML)
            let pendingDraft = article.published && remote.isPublished ? remote.draftHTML : nil
            consider(
                FileEdit(
                    path: path, articlePath: path, language: "", remote: remote, title: article.title,
                    localHTML: desired.bodyHTML, localTitle: desired.title),
                remoteBody: remoteBody, pendingDraft: pendingDraft, remoteTitle: remote.title, record: record,
                article: article)
            for translation in desired.translations {
                guard let remoteTranslation = remote.translations[translation.language] else { continue }
                consider(
                    FileEdit(
                        path: translation.path, articlePath: path, language: translation.language,
                        remote: remote,
                        title: translation.title, localHTML: translation.bodyHTML,
                        localTitle: translation.title),
                    remoteBody: remoteTranslation.liveHTML,
                    pendingDraft: remoteTranslation.publishedHTML == nil ? nil : remoteTranslation.draftHTML,
                    remoteTitle: remoteTranslation.title, record: record, article: nil)
            }
        }
    }

    /// Decides, for one file, what Pylon changed since the last apply and whether git changed
    /// the same thing (a conflict).
    private mutating func consider(
        _ candidate: FileEdit, remoteBody: String, pendingDraft: String?, remoteTitle: String,
        record: DeploymentState.ArticleRecord, article: Article?
    ) {
        let localTags = article?.tags
        let baseline = Baseline(record, language: candidate.language, remoteID: candidate.remote.id)
        // Without a record of what was sent, an edit cannot be told from anything else.
        guard let sent = baseline.sentBody else { return }
        let known = Set(
            [baseline.sentBody, baseline.storedBody, baseline.sentDraft, baseline.storedDraft].compactMap {
                $0
            })
        let bodyEdited =
            !known.contains(forms.bodyHash(remoteBody)) && !forms.same(candidate.localHTML, remoteBody)
        var titleEdited = false
        if let sentTitle = baseline.sentTitle {
            titleEdited =
                remoteTitle != sentTitle && remoteTitle != baseline.storedTitle
                && remoteTitle != candidate.localTitle
        }
        var remoteTags: [String]?
        if let localTags, let applied = record.appliedTags, candidate.remote.tagIDs != nil {
            let values = snapshot.tagValues(of: candidate.remote)
            if !TagValues.same(applied, values), !TagValues.same(localTags, values) { remoteTags = values }
        }
        if let draft = pendingDraft, !forms.same(draft, remoteBody), !known.contains(forms.bodyHash(draft)) {
            report.notes.append(
                "\(candidate.path): “\(candidate.title)” has an unpublished draft in Pylon. pull brings back published text only, so that an apply never publishes a draft nobody reviewed; publish or discard the draft in Pylon, then pull again."
            )
        }
        let settings = article.map { changedSettings($0, remote: candidate.remote, record: record) }
        let settingsEdited = settings.map { $0.visibility != nil || $0.unlisted != nil } ?? false
        guard bodyEdited || titleEdited || remoteTags != nil || settingsEdited else { return }

        var edit = candidate
        edit.before = markdown(candidate.localHTML, in: candidate.path).markdown
        edit.after = markdown(remoteBody, in: candidate.path).markdown
        let bodyChangedInGit = forms.bodyHash(candidate.localHTML) != sent
        let titleChangedInGit = baseline.sentTitle.map { candidate.localTitle != $0 } ?? false
        let tagsChangedInGit = localTags.map { !TagValues.same(record.appliedTags ?? [], $0) } ?? false
        if (bodyEdited && bodyChangedInGit) || (titleEdited && titleChangedInGit)
            || (remoteTags != nil && tagsChangedInGit) || settings?.conflict == true
        {
            var yours: [String] = []
            var pylons: [String] = []
            if titleEdited {
                yours.append("title: \(edit.localTitle)")
                pylons.append("title: \(remoteTitle)")
            }
            if let article, let visibility = settings?.visibility {
                yours.append("visibility: \(article.visibility.rawValue)")
                pylons.append("visibility: \(visibility)")
            }
            if let article, let unlisted = settings?.unlisted {
                yours.append("unlisted: \(article.unlisted)")
                pylons.append("unlisted: \(unlisted)")
            }
            noteConflict(edit, frontMatter: (yours, pylons))
            guard options.conflictMarkers, bodyEdited else { return }
            edit.pulledBody = remoteBody
            edit.markers = true
            edits.append(edit)
            return
        }
        if bodyEdited { edit.pulledBody = remoteBody }
        if titleEdited { edit.pulledTitle = remoteTitle }
        edit.pulledTags = remoteTags.map(TagValues.sorted)
        edit.pulledVisibility = settings?.visibility
        edit.pulledUnlisted = settings?.unlisted
        edits.append(edit)
    }

    /// Visibility and `unlisted` changed in Pylon since the last apply recorded them (nil each
    /// when not, or when nothing was recorded); a conflict when the front matter changed too.
    private mutating func changedSettings(
        _ article: Article, remote: RemoteArticle, record: DeploymentState.ArticleRecord
    ) -> (visibility: String?, unlisted: Bool?, conflict: Bool) {
        var result: (visibility: String?, unlisted: Bool?, conflict: Bool) = (nil, nil, false)
        let local = article.visibility.rawValue
        if let applied = record.appliedVisibility {
            let now = remote.visibility ?? ArticleVisibility.public.rawValue
            if now != applied, now != local {
                if ArticleVisibility(rawValue: now) == nil {
                    report.notes.append(
                        "\(article.path): its visibility in Pylon is “\(now)”, which pylon-kb does not know (public, customer, internal_only); it was not pulled."
                    )
                } else {
                    result.visibility = now
                    result.conflict = result.conflict || local != applied
                }
            }
        }
        if let applied = record.appliedUnlisted, remote.isUnlisted != applied,
            remote.isUnlisted != article.unlisted
        {
            result.unlisted = remote.isUnlisted
            result.conflict = result.conflict || article.unlisted != applied
        }
        return result
    }

    /// `frontMatter`: the keys that differ, as your file and Pylon have them.
    private mutating func noteConflict(_ edit: FileEdit, frontMatter: (yours: [String], pylons: [String])) {
        let split = { (text: String) in
            text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let yours = frontMatter.yours + split(edit.before)
        let pylons = frontMatter.pylons + split(edit.after)
        report.conflicts.append(
            PullReport.Conflict(
                path: edit.path, title: edit.title, pylonDiff: TextDiff(old: yours, new: pylons),
                gitDiff: GitHistory(root: root).diffSinceStateCommit(of: edit.path),
                markersWritten: options.conflictMarkers && !options.dryRun && edit.before != edit.after))
    }

    /// Articles created in Pylon inside a collection the content owns, and articles deleted there.
    mutating func findCreatedAndDeleted() {
        let treePaths = Set(tree.articles.map(\.path))
        for (path, record) in state.articles.sorted(by: { $0.key < $1.key })
        where remoteByID[record.id] == nil && treePaths.contains(path) {
            report.deletedInPylon.append(path)
            guard options.deleteRemoved else { continue }
            removals.append(path)
            if let article = tree.articles.first(where: { $0.path == path }) {
                removals += article.translations.map(\.path)
            }
            state.articles[path] = nil
        }
        report.removedLocally = options.deleteRemoved && !report.deletedInPylon.isEmpty

        var foldersByCollectionID: [String: String] = [:]
        for (slugPath, record) in state.collections {
            foldersByCollectionID[record.id] = record.folder ?? slugPath
        }
        let tracked = Set(state.articles.values.map(\.id)).union(state.retiredArticleIDs)
        let localSlugs = Set(tree.articles.map(\.slug))
        for remote in snapshot.articles.sorted(by: { $0.slug < $1.slug }) {
            guard let collectionID = remote.collectionID, let folder = foldersByCollectionID[collectionID],
                !tracked.contains(remote.id), !localSlugs.contains(remote.slug)
            else { continue }
            guard options.createNew else {
                report.notCreated.append("“\(remote.title)” (\(remote.slug))")
                continue
            }
            // A slug is the server's text: only its safe form names a file, and only inside the
            // content root (the front matter then says the slug).
            guard !folder.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { continue }
            let stem = ExportNaming.base(remote.slug, fallback: "article")
            var path = (folder.isEmpty ? "" : folder + "/") + stem + ".md"
            var number = 2
            while FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
                path = (folder.isEmpty ? "" : folder + "/") + "\(stem)-\(number).md"
                number += 1
            }
            articlePathsByID[remote.id] = path
            var edit = FileEdit(
                path: path, articlePath: path, language: "", remote: remote, title: remote.title,
                pulledBody: remote.liveHTML, pulledTitle: remote.title)
            edit.isNewFile = true
            edit.pulledTags = remote.tagIDs == nil ? nil : TagValues.sorted(snapshot.tagValues(of: remote))
            edits.append(edit)
            report.created.append(path)
            if !remote.translations.isEmpty {
                report.notes.append(
                    "\(path): its translations in Pylon (\(remote.translations.keys.sorted().joined(separator: ", "))) were not written; `pylon-kb export` writes them, or copy them into `\(String(path.dropLast(3))).<lang>.md` files."
                )
            }
        }
    }

    /// Markdown for `html` as the file at `filePath` would write it: links to articles as
    /// relative `.md` links, images as relative paths where the folder has them.
    func markdown(_ html: String, in filePath: String) -> MarkdownConversion {
        let links = self.links
        let paths = articlePathsByID
        let images = imagePaths
        return HTMLToMarkdown().convert(
            html,
            linkRewriter: { href in
                guard let match = links.match(href), let target = paths[match.articleID] else { return nil }
                return ContentPath.relative(to: target, fromFile: filePath) + match.fragment
            },
            imageRewriter: { src in images[src].map { ContentPath.relative(to: $0, fromFile: filePath) } })
    }
}
