/// `pylon-kb mv SRC DST` as a pure function: from the loaded folder and its pages' texts to
/// the renames and the text edits that keep every link working (`MovePlan`). Nothing here
/// touches the disk; `MoveExecutor` does, and `MoveSession` joins the two.
///
/// What moves: an article with every translation beside it (`install.md`, `install.fr.md`;
/// the translations follow a new file name), a whole folder, or any other single file (an
/// image). What changes: every relative link, image and `href`/`src` that named a moved file
/// (in every page of the folder), every relative link inside a moved page (its own place
/// changed), and `previous_slugs` of an article whose slug changes with its file name.
public struct ContentMove: Sendable {
    /// Content-relative path of the file or folder to move.
    public var source: String
    /// Content-relative path it gets: the final path, not a folder to move into (the session
    /// resolves `mv x.md folder/` to `folder/x.md`).
    public var destination: String

    public init(source: String, destination: String) {
        self.source = Self.trimmed(source)
        self.destination = Self.trimmed(destination)
    }

    /// Works out the move; `texts` holds the text of every article and translation (LF line
    /// endings). Refused, with the reason, when the move would not leave a working folder.
    public func plan(tree: ContentTree, texts: [String: String]) throws(MoveRefusal) -> MovePlan {
        let mapping = try mapping(in: tree)
        let before = LinkWorld(tree: tree)
        let rewriter = LinkRewriter(before: before, after: before.moved(by: mapping), mapping: mapping)
        var edits: [MovePlan.FileEdit] = []
        var slugRecords: [MovePlan.SlugRecord] = []
        let pages: [(path: String, bodyLineOffset: Int, article: Article?)] = tree.articles.flatMap {
            article in
            [(article.path, article.bodyLineOffset, article)]
                + article.translations.map { ($0.path, $0.bodyLineOffset, nil) }
        }
        for page in pages.sorted(by: { $0.path < $1.path }) {
            guard let text = texts[page.path] else {
                throw MoveRefusal(
                    "\(page.path) could not be read, so its links cannot be checked; fix it first.")
            }
            let links = rewriter.replacements(in: text, path: page.path, skipLines: page.bodyLineOffset)
            var slugEdit: SlugEdit?
            if let article = page.article, let record = slugRecord(for: article, mapping: mapping) {
                slugEdit = try SlugEdit(text: text, article: article, record: record)
                slugRecords.append(record)
            }
            guard !links.isEmpty || slugEdit != nil else { continue }
            edits.append(
                Self.edit(
                    text: text, path: page.path, pathAfter: mapping.map(page.path), links: links,
                    slugEdit: slugEdit))
        }
        var movedFiles: [String: String] = [:]
        for file in tree.files where mapping.moves(file) { movedFiles[file] = mapping.map(file) }
        return MovePlan(
            moves: fileMoves(mapping), edits: edits, slugRecords: slugRecords, movedFiles: movedFiles)
    }

    // MARK: - What moves

    func mapping(in tree: ContentTree) throws(MoveRefusal) -> MoveMapping {
        for (role, path) in [("source", source), ("destination", destination)] {
            guard !path.isEmpty else {
                throw MoveRefusal("The \(role) is the content root itself; name a file or folder inside it.")
            }
            if let hidden = path.split(separator: "/").first(where: { $0.hasPrefix(".") }) {
                throw MoveRefusal(
                    "\(path) is inside \(hidden), which pylon-kb does not read; name a file or folder of the content."
                )
            }
        }
        guard source != destination else {
            throw MoveRefusal("\(source) and \(destination) are the same path.")
        }
        let isFolder = tree.files.contains { $0.hasPrefix(source + "/") }
        let mapping: MoveMapping
        if tree.files.contains(source) {
            mapping = try fileMapping(in: tree)
        } else if isFolder {
            mapping = try folderMapping(in: tree)
        } else {
            throw MoveRefusal("\(source) does not exist in the content folder.")
        }
        for (from, to) in mapping.files.sorted(by: { $0.key < $1.key }) where Self.exists(to, in: tree) {
            throw MoveRefusal("\(to) already exists (the destination of \(from)); nothing was moved.")
        }
        if let to = mapping.folderTo, Self.exists(to, in: tree) {
            throw MoveRefusal("\(to) already exists; nothing was moved.")
        }
        return mapping
    }

    private func fileMapping(in tree: ContentTree) throws(MoveRefusal) -> MoveMapping {
        let name = ContentPath.fileName(of: source)
        if source == Configuration.fileName {
            throw MoveRefusal("\(source) is the folder's settings; it stays at the content root.")
        }
        if name == ContentCollection.fileName {
            throw MoveRefusal("\(source) describes its folder; move the folder instead.")
        }
        if let article = tree.articles.first(where: { $0.translations.contains { $0.path == source } }) {
            throw MoveRefusal(
                "\(source) is a translation of \(article.path); move \(article.path) and its translations follow it."
            )
        }
        guard let article = tree.articles.first(where: { $0.path == source }) else {
            return MoveMapping(files: [source: destination])
        }
        let newName = ContentPath.fileName(of: destination)
        guard newName.hasSuffix(".md"), newName.count > 3 else {
            throw MoveRefusal("\(destination) does not end in .md, so it would no longer be an article.")
        }
        if Translation.languageCode(inFileName: newName) != nil {
            throw MoveRefusal(
                "\(destination) reads as a translation (name.<lang>.md), not an article; choose another name."
            )
        }
        guard ContentLoader.isPage(destination, configuration: tree.configuration) else {
            throw MoveRefusal(
                "\(destination) would not be published (a folder or name starting with _ or ., or outside `pages:`); choose a path pylon-kb reads."
            )
        }
        var files = [source: destination]
        let oldStem = String(name.dropLast(3))
        let newStem = String(newName.dropLast(3))
        let folder = ContentPath.directory(of: destination)
        for translation in article.translations {
            // Keep the language code as written (`pt-br` stays `pt-br`).
            let suffix = ContentPath.fileName(of: translation.path).dropFirst(oldStem.count)
            files[translation.path] = ContentPath.join(folder, newStem + suffix)
        }
        return MoveMapping(files: files)
    }

    private func folderMapping(in tree: ContentTree) throws(MoveRefusal) -> MoveMapping {
        if destination.hasPrefix(source + "/") {
            throw MoveRefusal("\(destination) is inside \(source); a folder cannot move into itself.")
        }
        let configuration = tree.configuration
        for (key, folder) in [("pages", configuration.pagesFolder), ("site", configuration.siteFolder)]
        where !folder.isEmpty && (folder == source || folder.hasPrefix(source + "/")) {
            throw MoveRefusal(
                "\(source) holds the folder `\(key):` names in \(Configuration.fileName); move it there by hand."
            )
        }
        let mapping = MoveMapping(folderFrom: source, folderTo: destination)
        for article in tree.articles where mapping.moves(article.path) {
            let path = mapping.map(article.path)
            guard ContentLoader.isPage(path, configuration: configuration) else {
                throw MoveRefusal(
                    "\(article.path) would move to \(path), which pylon-kb does not publish (a folder starting with _ or ., or outside `pages:`)."
                )
            }
        }
        return mapping
    }

    private func fileMoves(_ mapping: MoveMapping) -> [MovePlan.FileMove] {
        if let from = mapping.folderFrom, let to = mapping.folderTo {
            return [MovePlan.FileMove(from: from, to: to, isFolder: true)]
        }
        return mapping.files.sorted { $0.key < $1.key }.map {
            MovePlan.FileMove(from: $0, to: $1, isFolder: false)
        }
    }

    /// True when `path` is a file or a folder of the loaded content.
    static func exists(_ path: String, in tree: ContentTree) -> Bool {
        tree.files.contains(path) || tree.files.contains { $0.hasPrefix(path + "/") }
    }

    private static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.hasSuffix("/") { path = path.dropLast() }
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        return path == "." ? "" : String(path)
    }
}
