/// How deeply the elements of rendered HTML nest, measured by a linear scan of the tags.
///
/// Why a limit: libxml2 (which parses HTML for sanitizing and comparing) stops at 256 levels
/// and drops what is deeper, and the HTML tree is walked recursively, so a page nested
/// hundreds of levels deep (1,000 `>` quotes, lists or `<div>`s) would be corrupted or
/// crash. No help article needs more than a handful of levels.
enum HTMLNestingDepth {
    static let maximum = 64

    private static let voidElements: Set<Substring> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// The deepest element nesting in `html` (which pylon-kb's serializer wrote, so well formed).
    static func of(_ html: String) -> Int {
        var depth = 0
        var deepest = 0
        var remaining = html[...]
        while let open = remaining.firstIndex(of: "<") {
            let rest = remaining[remaining.index(after: open)...]
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = rest[..<close]
            remaining = rest[rest.index(after: close)...]
            if tag.hasPrefix("/") {
                depth = max(0, depth - 1)
                continue
            }
            guard let first = tag.first, first.isLetter, !tag.hasSuffix("/") else { continue }
            let name = tag.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if voidElements.contains(Substring(name)) { continue }
            depth += 1
            deepest = max(deepest, depth)
        }
        return deepest
    }
}
