/// Where every content path is after a move: files moved one by one (an article and its
/// translations) or a folder moved whole (every path under it).
struct MoveMapping: Sendable, Equatable {
    /// Files that move, before → after.
    var files: [String: String] = [:]
    /// The folder that moves, and where it goes.
    var folderFrom: String?
    var folderTo: String?

    /// `path` after the move (itself when it does not move).
    func map(_ path: String) -> String {
        if let moved = files[path] { return moved }
        if let from = folderFrom, let to = folderTo {
            if path == from { return to }
            if path.hasPrefix(from + "/") { return to + path.dropFirst(from.count) }
        }
        return path
    }

    func moves(_ path: String) -> Bool { map(path) != path }
}

extension ContentPath {
    /// The file name without its folder.
    static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// `folder/name` (just `name` for the root).
    static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : "\(folder)/\(name)"
    }
}
