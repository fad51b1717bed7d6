/// Folders a reorganisation renamed, read from the articles already paired (as `git` infers
/// directory renames): `docs/adding-content/print.md` → `docs/content/print.md` and a second
/// file like it say `docs/adding-content` became `docs/content`. A move counts only when at
/// least two paired files agree on it and the old folder holds no file any more, so a folder
/// that still exists, or a single file moved by hand, is never taken for a renamed folder.
struct FolderMoves: Sendable {
    struct Move: Sendable, Hashable {
        var old: String
        var new: String
    }

    static let minimumVotes = 2

    /// Old folder → new folder.
    private var moves: [String: String] = [:]

    var isEmpty: Bool { moves.isEmpty }

    /// `pairs`: (old path, new path) of files known to be one article; `currentPaths`: every
    /// file of the content now.
    init(pairs: [(old: String, new: String)], currentPaths: [String]) {
        var existing: Set<String> = []
        for path in currentPaths {
            var folder = Self.folder(of: path)
            while !folder.isEmpty, existing.insert(folder).inserted { folder = Self.folder(of: folder) }
        }
        var votes: [Move: Int] = [:]
        for (old, new) in pairs where old != new {
            guard let move = Self.move(old: old, new: new) else { continue }
            votes[move, default: 0] += 1
        }
        var best: [String: (new: String, votes: Int)] = [:]
        for (move, count) in votes.sorted(by: { ($0.key.old, $0.key.new) < ($1.key.old, $1.key.new) })
        where count >= Self.minimumVotes && !existing.contains(move.old) {
            if let current = best[move.old], current.votes >= count { continue }
            best[move.old] = (move.new, count)
        }
        moves = best.mapValues(\.new)
    }

    /// The folder move that carries `old` to `new`: the old file's folder is a moved folder
    /// (or inside one) and the new file sits at the same place under the new folder. The file
    /// name may differ.
    func move(from old: String, to new: String) -> Move? {
        let oldFolder = Self.folder(of: old)
        let newFolder = Self.folder(of: new)
        var root = oldFolder
        while !root.isEmpty {
            if let target = moves[root] {
                let rest = oldFolder.dropFirst(root.count)
                if newFolder == target + rest { return Move(old: root, new: target) }
            }
            root = Self.folder(of: root)
        }
        return nil
    }

    /// The folders a file went between, without the part of the path both keep: for
    /// `a/b/x/y.md` → `c/x/y.md`, `a/b` → `c`. Only a file whose name stayed says anything
    /// about its folder; a file moved to the top or from it names no folder move.
    private static func move(old: String, new: String) -> Move? {
        var oldParts = old.split(separator: "/").map(String.init)
        var newParts = new.split(separator: "/").map(String.init)
        guard oldParts.last == newParts.last else { return nil }
        while let left = oldParts.last, let right = newParts.last, left == right {
            oldParts.removeLast()
            newParts.removeLast()
        }
        guard !oldParts.isEmpty, !newParts.isEmpty else { return nil }
        return Move(old: oldParts.joined(separator: "/"), new: newParts.joined(separator: "/"))
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
