import Foundation

/// What the files of a content folder look like now (modification time and size by path),
/// to tell which changed since the last look. `pylon-kb preview` looks ten times a second:
/// one `stat` per file is cheap next to a rebuild, works on every file system (inotify misses
/// network and container mounts), and needs no watch per folder.
struct FolderStamps: Sendable, Equatable {
    struct Stamp: Sendable, Equatable {
        var modified: Date
        var size: Int
    }

    private(set) var stamps: [String: Stamp] = [:]

    /// Every file below `root`, except hidden files and folders (`.git`, `.pylon-kb`).
    static func scan(_ root: URL) -> FolderStamps {
        var result = FolderStamps()
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return result }
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true
            else {
                continue
            }
            let path = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            result.stamps[path] = Stamp(
                modified: values.contentModificationDate ?? .distantPast, size: values.fileSize ?? 0)
        }
        return result
    }

    /// The paths added, removed or changed since `earlier`, sorted.
    func changes(since earlier: FolderStamps) -> [String] {
        var changed: Set<String> = []
        for (path, stamp) in stamps where earlier.stamps[path] != stamp { changed.insert(path) }
        for path in earlier.stamps.keys where stamps[path] == nil { changed.insert(path) }
        return changed.sorted()
    }

    /// Whether only existing Markdown files changed: links and includes between pages still
    /// resolve as before, so pages whose text did not change need not be rendered again.
    func onlyPagesEdited(since earlier: FolderStamps) -> Bool {
        Set(stamps.keys) == Set(earlier.stamps.keys)
            && changes(since: earlier).allSatisfy { $0.hasSuffix(".md") || $0.hasSuffix(".mdx") }
    }
}
