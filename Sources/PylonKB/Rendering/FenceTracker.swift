/// Follows fenced code blocks (``` and ~~~) line by line.
struct FenceTracker {
    private var open: (character: UInt8, length: Int)?

    /// True when `line` (its UTF-8 bytes) is part of a fenced code block, fences included.
    mutating func consume<C: Collection>(_ line: C) -> Bool where C.Element == UInt8 {
        // Any indentation and blockquote markers: a fence inside a list item (indented six
        // spaces under `1.`) or a quote is still code, and its `{{ … }}` must stay as written.
        var index = line.startIndex
        while index < line.endIndex,
            line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t")
                || line[index] == UInt8(ascii: ">")
        {
            index = line.index(after: index)
        }
        guard index < line.endIndex else { return open != nil }
        let first = line[index]
        guard first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return open != nil }
        var length = 0
        while index < line.endIndex, line[index] == first {
            length += 1
            index = line.index(after: index)
        }
        let rest = line[index...]
        if let current = open {
            if first == current.character, length >= current.length,
                rest.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            {
                open = nil
            }
            return true
        }
        guard length >= 3 else { return false }
        if first == UInt8(ascii: "`"), rest.contains(UInt8(ascii: "`")) { return false }
        open = (first, length)
        return true
    }
}
