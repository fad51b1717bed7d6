/// Trimming as Markdown lines need it: spaces and tabs only, never other whitespace.
extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }

    /// Without up to `count` leading spaces (Markdown's block indentation allowance).
    func trimmingLeadingSpaces(upTo count: Int) -> SubSequence {
        var index = startIndex
        var dropped = 0
        while index < endIndex, dropped < count, self[index] == " " {
            index = self.index(after: index)
            dropped += 1
        }
        return self[index...]
    }
}
