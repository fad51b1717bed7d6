import Foundation

/// What links can name in a folder, before or after a move, resolved by the rule `check` and
/// the renderer use (`LinkTargets`), so a rewritten link is one `check` accepts.
struct LinkWorld: Sendable {
    var pages: Set<String>
    var collections: Set<String>
    var files: Set<String>
    var addresses: [String: String]
    var pagesFolder: String

    init(tree: ContentTree) {
        pages = Set(tree.articles.flatMap { [$0.path] + $0.translations.map(\.path) })
        collections = Set(tree.collections.map(\.path))
        files = tree.files
        addresses = tree.servedAddresses
        pagesFolder = tree.configuration.pagesFolder
    }

    /// The same folder after `mapping`: collections are the folders that hold pages.
    func moved(by mapping: MoveMapping) -> LinkWorld {
        var world = self
        world.pages = Set(pages.map(mapping.map))
        world.files = Set(files.map(mapping.map))
        world.addresses = addresses.mapValues(mapping.map)
        var folders = Set(collections.map(mapping.map))
        for page in world.pages {
            var folder = ContentPath.directory(of: page)
            while !folder.isEmpty, folder != pagesFolder, !pagesFolder.hasPrefix(folder + "/") {
                folders.insert(folder)
                folder = ContentPath.directory(of: folder)
            }
        }
        world.collections = folders.filter { folder in world.pages.contains { $0.hasPrefix(folder + "/") } }
        return world
    }

    /// What a link's resolved path names, and the path it was found as (`install` for
    /// `install.md`): nil for that path when it was found as an address the old site served
    /// the page at (a permalink, which travels with the page's front matter).
    func resolve(_ resolved: String, rootRelative: Bool) -> (target: LinkTargets.Target, base: String?)? {
        let bases = LinkTargets.bases(resolved, rootRelative: rootRelative, pagesFolder: pagesFolder)
        for base in bases {
            for candidate in LinkTargets.pageCandidates(base) where pages.contains(candidate) {
                return (.page(candidate), base)
            }
        }
        guard let target = target(resolved, rootRelative: rootRelative) else { return nil }
        switch target {
        case .page: return (target, nil)
        case .collection(let folder): return (target, bases.contains(folder) ? folder : nil)
        case .file(let file): return (target, file)
        }
    }

    func target(_ resolved: String, rootRelative: Bool) -> LinkTargets.Target? {
        LinkTargets.target(
            resolved, rootRelative: rootRelative, pagesFolder: pagesFolder, pagePaths: pages,
            collectionPaths: collections, files: files, addresses: addresses)
    }
}

extension LinkTargets.Target {
    var path: String {
        switch self {
        case .page(let path), .collection(let path), .file(let path): return path
        }
    }

    func withPath(_ path: String) -> Self {
        switch self {
        case .page: return .page(path)
        case .collection: return .collection(path)
        case .file: return .file(path)
        }
    }
}

/// Rewrites the path part of every link in one page that the move breaks, in the style it
/// was written: `./` kept, a trailing `/` kept, `install` stays without `.md`, `/…` stays
/// rooted, query and `#anchor` untouched. When that style cannot name the file after the move,
/// the link becomes a plain relative path to the `.md` file, which always can.
struct LinkRewriter: Sendable {
    var before: LinkWorld
    var after: LinkWorld
    var mapping: MoveMapping

    func replacements(in text: String, path: String, skipLines: Int) -> [ContentMove.Replacement] {
        MarkdownLinkScanner.occurrences(in: text, skipLines: skipLines).compactMap { occurrence in
            rewrite(occurrence, in: text, page: path)
        }
    }

    private func rewrite(_ occurrence: MarkdownLinkScanner.Occurrence, in text: String, page: String)
        -> ContentMove.Replacement?
    {
        let raw = text[occurrence.range]
        let pathEnd = raw.firstIndex { $0 == "?" || $0 == "#" } ?? raw.endIndex
        let writtenPath = raw[..<pathEnd]
        guard !writtenPath.isEmpty,
            case .local(let path, _, _) = URLPolicy.classify(Self.decode(raw, form: occurrence.form)),
            let resolved = ContentPath.resolve(path, fromFile: page)
        else { return nil }
        let rootRelative = LinkTargets.isRootRelative(path)
        guard let (target, base) = before.resolve(resolved, rootRelative: rootRelative), let base else {
            return nil
        }
        let pageAfter = mapping.map(page)
        let targetAfter = target.withPath(mapping.map(target.path))
        guard targetAfter != target || (pageAfter != page && !rootRelative) else { return nil }
        let style = Style(written: path, rootRelative: rootRelative)
        let baseAfter =
            targetAfter == target ? base : mappedBase(base, from: target.path, to: targetAfter.path)
        // A page that stays keeps its link as written but for the names that changed
        // (`../guides/install.md` → `../guides/setup.md`); a moved page's links are written anew.
        var newPath =
            pageAfter == page ? baseAfter.flatMap { Self.renamingTail(of: path, from: base, to: $0) } : nil
        if newPath.map({ names($0, targetAfter, from: pageAfter) }) != true {
            newPath = baseAfter.flatMap {
                written($0, style: style, resolved: resolved, base: base, page: pageAfter)
            }
        }
        if newPath.map({ names($0, targetAfter, from: pageAfter) }) != true {
            newPath = plainPath(to: targetAfter, from: pageAfter)
        }
        guard let newPath, names(newPath, targetAfter, from: pageAfter) else { return nil }
        let encoded = Self.encode(newPath, form: occurrence.form, angleBracketed: occurrence.angleBracketed)
        guard encoded != writtenPath else { return nil }
        let range = occurrence.range.lowerBound..<pathEnd
        return ContentMove.Replacement(
            range: range, text: encoded,
            change: MovePlan.Change(
                kind: .link, line: occurrence.line, lineAfter: occurrence.line, old: String(raw),
                new: encoded + raw[pathEnd...]))
    }

    /// How the original link was written.
    struct Style {
        var rootRelative: Bool
        var dotSlash: Bool
        var trailingSlash: Bool

        init(written: String, rootRelative: Bool) {
            self.rootRelative = rootRelative
            dotSlash = written.hasPrefix("./")
            trailingSlash = written.count > 1 && written.hasSuffix("/")
        }
    }

    /// The path the link named (`base`) after the move, in the same form: the file's new
    /// path, its new name without `.md` or with `.html`, or the same place under the moved
    /// folder. Nil when the form has no counterpart (the plain path is used then).
    func mappedBase(_ base: String, from oldTarget: String, to newTarget: String) -> String? {
        if base == oldTarget { return newTarget }
        if let from = mapping.folderFrom, let to = mapping.folderTo,
            base == from || base.hasPrefix(from + "/")
        {
            return to + base.dropFirst(from.count)
        }
        let oldStem = Self.stem(oldTarget)
        let newStem = Self.stem(newTarget)
        if base == oldStem { return newStem }
        for suffix in [".html", ".htm"] where base == oldStem + suffix { return newStem + suffix }
        let page = ContentPath.fileName(of: oldTarget)
        if oldTarget == base + "/" + page, ContentPath.fileName(of: newTarget) == page {
            return ContentPath.directory(of: newTarget)
        }
        return nil
    }

    /// `written` with the last names of `oldBase` that differ from `newBase` replaced, or nil
    /// when the link does not end with them.
    static func renamingTail(of written: String, from oldBase: String, to newBase: String) -> String? {
        let old = oldBase.split(separator: "/")
        let new = newBase.split(separator: "/")
        var common = 0
        while common < old.count, common < new.count, old[common] == new[common] { common += 1 }
        let oldTail = old[common...]
        guard !oldTail.isEmpty else { return nil }
        let trailingSlash = written.count > 1 && written.hasSuffix("/")
        var parts = written.split(separator: "/")
        guard parts.count >= oldTail.count, Array(parts.suffix(oldTail.count)) == Array(oldTail) else {
            return nil
        }
        parts.removeLast(oldTail.count)
        parts += new[common...]
        return (written.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/") + (trailingSlash ? "/" : "")
    }

    /// `base` written from `page` in `style`, or nil when the style cannot express it.
    private func written(_ base: String, style: Style, resolved: String, base oldBase: String, page: String)
        -> String?
    {
        var path: String
        if style.rootRelative {
            let pages = after.pagesFolder
            if oldBase == resolved {
                path = "/" + base
            } else if !pages.isEmpty, base.hasPrefix(pages + "/") {
                let inside = base.dropFirst(pages.count + 1)
                let served = String(pages.split(separator: "/").last?.drop { $0 == "_" } ?? "")
                path =
                    oldBase == "\(pages)/\(resolved)" || served.isEmpty
                    ? "/\(inside)" : "/\(served)/\(inside)"
            } else {
                return nil
            }
        } else {
            guard !base.isEmpty else { return nil }
            path = ContentPath.relative(to: base, fromFile: page)
            if style.dotSlash, !path.hasPrefix("../") { path = "./" + path }
        }
        if style.trailingSlash { path += "/" }
        return path
    }

    /// A relative path to the file itself (a folder gets its trailing `/`).
    private func plainPath(to target: LinkTargets.Target, from page: String) -> String? {
        guard !target.path.isEmpty else { return nil }
        let path = ContentPath.relative(to: target.path, fromFile: page)
        if case .collection = target { return path + "/" }
        return path
    }

    /// True when `path`, written in `page` after the move, leads to `target`.
    private func names(_ path: String, _ target: LinkTargets.Target, from page: String) -> Bool {
        guard let resolved = ContentPath.resolve(path, fromFile: page) else { return false }
        return after.target(resolved, rootRelative: path.hasPrefix("/")) == target
    }

    static func stem(_ path: String) -> String {
        for suffix in LinkTargets.articleExtensions where path.lowercased().hasSuffix(suffix) {
            return String(path.dropLast(suffix.count))
        }
        return path
    }

    /// The destination as the renderer reads it: Markdown backslash escapes, HTML entities.
    static func decode(_ raw: Substring, form: MarkdownLinkScanner.Form) -> String {
        if form == .html { return HTMLEntities.decode(Array(raw.utf8)[...]) }
        var result = ""
        var escaped = false
        for character in raw {
            if !escaped, character == "\\" {
                escaped = true
                continue
            }
            if escaped, !(character.isASCII && (character.isPunctuation || character.isSymbol)) {
                result.append("\\")
            }
            escaped = false
            result.append(character)
        }
        return result
    }

    /// A path written into a link: characters that would end or change the destination
    /// percent-encoded (the renderer decodes them); other characters, accents included, as is.
    static func encode(_ path: String, form: MarkdownLinkScanner.Form, angleBracketed: Bool) -> String {
        let special: Set<Character> =
            angleBracketed
            ? ["<", ">", "%", "#", "?"]
            : [" ", "\t", "(", ")", "<", ">", "\"", "'", "%", "#", "?", "\\", "&", "[", "]"]
        var result = ""
        for character in path {
            if special.contains(character) {
                for byte in String(character).utf8 { result += String(format: "%%%02X", byte) }
            } else {
                result.append(character)
            }
        }
        return result
    }
}
