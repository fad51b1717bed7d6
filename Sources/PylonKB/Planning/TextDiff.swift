/// A line diff in unified form (`-` removed, `+` added, ` ` context), with hunks separated by
/// `@@` lines. Built on the standard library's `CollectionDifference`.
public struct TextDiff: Sendable, Equatable, Codable {
    public struct Line: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable {
            case context = " "
            case removed = "-"
            case added = "+"
            case hunk = "@@"
        }
        public var kind: Kind
        public var text: String
    }

    public var lines: [Line]
    public var addedCount: Int
    public var removedCount: Int

    public var isEmpty: Bool { addedCount == 0 && removedCount == 0 }

    public init(old: [String], new: [String], context: Int = 2) {
        let difference = new.difference(from: old)
        var removedOffsets = Set<Int>()
        var insertedOffsets = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removedOffsets.insert(offset)
            case .insert(let offset, _, _): insertedOffsets.insert(offset)
            }
        }
        // Walk both sides in step to produce an interleaved sequence.
        var merged: [Line] = []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            if oldIndex < old.count, removedOffsets.contains(oldIndex) {
                merged.append(Line(kind: .removed, text: old[oldIndex]))
                oldIndex += 1
            } else if newIndex < new.count, insertedOffsets.contains(newIndex) {
                merged.append(Line(kind: .added, text: new[newIndex]))
                newIndex += 1
            } else {
                if oldIndex < old.count { merged.append(Line(kind: .context, text: old[oldIndex])) }
                oldIndex += 1
                newIndex += 1
            }
        }
        removedCount = removedOffsets.count
        addedCount = insertedOffsets.count
        // Keep only context within `context` lines of a change.
        let changed = merged.indices.filter { merged[$0].kind != .context }
        var keep = Set<Int>()
        for index in changed {
            for near in max(0, index - context)...min(merged.count - 1, index + context) { keep.insert(near) }
        }
        var result: [Line] = []
        var previous: Int?
        for index in keep.sorted() {
            if let previous, index != previous + 1 { result.append(Line(kind: .hunk, text: "…")) }
            result.append(merged[index])
            previous = index
        }
        lines = result
    }

    /// The diff as text, one line per entry, as `diff -u` would mark them.
    public var unified: String {
        lines.map { $0.kind == .hunk ? "@@ … @@" : $0.kind.rawValue + $0.text }.joined(separator: "\n")
    }
}
