import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// What the files of a content folder look like now (modification time and size by path),
/// to tell which changed since the last look. `pylon-kb preview` looks every 50 ms:
/// one `stat` per file is cheap next to a rebuild, works on every file system (inotify misses
/// network and container mounts), and needs no watch per folder.
struct FolderStamps: Sendable, Equatable {
    struct Stamp: Sendable, Equatable {
        var modified: Date
        var size: Int
    }

    private(set) var stamps: [String: Stamp] = [:]

    /// Every file below `root`, except hidden files and folders (`.git`, `.pylon-kb`).
    /// `readdir` and `lstat` directly: Foundation's enumerator with resource values costs
    /// about ten times as much per file on Linux, and this runs every 50 ms.
    static func scan(_ root: URL) -> FolderStamps {
        var result = FolderStamps()
        walk(root.standardizedFileURL.path, relative: "", into: &result.stamps)
        return result
    }

    private static func walk(_ folder: String, relative: String, into stamps: inout [String: Stamp]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let full = folder + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            // A link to a file is followed, as the content loader follows it; a link to a folder
            // is not (the loader does not follow those either, and a loop would never end).
            if info.st_mode & S_IFMT == S_IFLNK {
                guard stat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            }
            let path = relative.isEmpty ? name : relative + "/" + name
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(full, relative: path, into: &stamps)
            case S_IFREG:
                let modified = Date(
                    timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
                stamps[path] = Stamp(modified: modified, size: Int(info.st_size))
            default:
                continue
            }
        }
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
