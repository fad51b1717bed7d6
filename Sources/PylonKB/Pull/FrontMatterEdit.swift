/// Changes one key of a file's YAML front matter in place, line by line, so every other key
/// keeps its order, spelling and comments (`pylon-kb pull`). A YAML library would rewrite the
/// whole block: one changed title would then be a diff of every line.
struct FrontMatterEdit: Sendable {
    /// The front matter's lines (between the fences), without line breaks.
    private(set) var lines: [String]

    init(yaml: String?) {
        var lines = (yaml ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    var yaml: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    /// Whether a top-level `key:` is written.
    func has(_ key: String) -> Bool { keyLine(key) != nil }

    /// Sets a top-level key to one scalar (quoted when YAML needs it), keeping a comment at the
    /// end of its line. A key written as a block (`key: |` or a list under it) is replaced whole.
    /// A missing key is added after `title` (or at the end).
    mutating func set(_ key: String, scalar value: String) {
        replace(key, with: "\(key): \(ExportYAML.scalar(value))")
    }

    mutating func set(_ key: String, bool value: Bool) {
        replace(key, with: "\(key): \(value)")
    }

    /// Sets a top-level key to a list of strings, in the style it is written in: a block list
    /// (`- a` lines, with their indentation) stays one, anything else becomes a flow list.
    mutating func set(_ key: String, list values: [String]) {
        if let index = keyLine(key), index + 1 < lines.count,
            lines[index + 1].drop(while: { $0 == " " }).hasPrefix("- ")
        {
            let indent = String(lines[index + 1].prefix { $0 == " " })
            let block = ["\(key):"] + values.map { "\(indent)- \(ExportYAML.scalar($0))" }
            replace(key, withLines: block)
        } else {
            replace(key, with: ExportYAML.line(key, list: values))
        }
    }

    /// Removes a top-level key and the block written under it.
    mutating func remove(_ key: String) {
        guard let index = keyLine(key) else { return }
        lines.removeSubrange(index..<blockEnd(after: index))
    }

    private mutating func replace(_ key: String, with line: String) {
        guard let index = keyLine(key) else {
            insert(line)
            return
        }
        var replacement = line
        let end = blockEnd(after: index)
        if end == index + 1, let comment = Self.trailingComment(lines[index]) { replacement += comment }
        lines.replaceSubrange(index..<end, with: [replacement])
    }

    private mutating func replace(_ key: String, withLines block: [String]) {
        guard let index = keyLine(key) else {
            for line in block.reversed() { insert(line) }
            return
        }
        lines.replaceSubrange(index..<blockEnd(after: index), with: block)
    }

    private mutating func insert(_ line: String) {
        if let title = keyLine("title") {
            lines.insert(line, at: blockEnd(after: title))
        } else {
            lines.append(line)
        }
    }

    private func keyLine(_ key: String) -> Int? {
        lines.firstIndex { line in
            guard line.hasPrefix(key) else { return false }
            let rest = line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            return rest.first == ":"
        }
    }

    /// The line after the value that starts at `index`: continuation lines are indented, list
    /// items, blank or comments.
    private func blockEnd(after index: Int) -> Int {
        var end = index + 1
        while end < lines.count {
            let line = lines[end]
            guard let first = line.first else {
                end += 1
                continue
            }
            if first == " " || first == "\t" || line.hasPrefix("- ") || line == "-" {
                end += 1
            } else {
                break
            }
        }
        // Blank lines at the end of a block belong to the layout, not to the value.
        while end > index + 1, lines[end - 1].allSatisfy(\.isWhitespace) { end -= 1 }
        return end
    }

    /// `  # comment` after a plain, single-quoted or double-quoted value, when it is one.
    static func trailingComment(_ line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let value = line[line.index(after: colon)...]
        var quote: Character?
        var previous: Character = " "
        for index in value.indices {
            let character = value[index]
            if let open = quote {
                if character == open, previous != "\\" { quote = nil }
            } else if character == "\"" || character == "'" {
                if previous == " " { quote = character }
            } else if character == "#", previous == " " || previous == "\t" {
                var start = index
                while start > value.startIndex, value[value.index(before: start)].isWhitespace {
                    start = value.index(before: start)
                }
                return String(value[start...])
            }
            previous = character
        }
        return nil
    }
}
