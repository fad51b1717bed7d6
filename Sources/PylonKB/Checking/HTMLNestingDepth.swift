/// How deeply the elements of rendered HTML nest, measured by a linear scan of the tags.
///
/// Why a limit: libxml2 (which parses HTML for sanitizing and comparing) stops at 256 levels
/// and drops what is deeper, and the HTML tree is walked recursively, so a page nested
/// hundreds of levels deep (1,000 `>` quotes, lists or `<div>`s) would be corrupted or
/// crash. No help article needs more than a handful of levels.
enum HTMLNestingDepth {
    static let maximum = 64

    private static let voidElements: Set<[UInt8]> = Set(
        [
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
            "wbr",
        ]
        .map { Array($0.utf8) })

    /// The deepest element nesting in `html` (which pylon-kb's serializer wrote, so well formed).
    /// A scan of UTF-8 bytes: `check` runs it over every page, and walking `Character`s made it
    /// an eighth of a 1,000-article plan.
    static func of(_ html: String) -> Int {
        var html = html
        return html.withUTF8 { bytes in
            var depth = 0
            var deepest = 0
            var index = 0
            let count = bytes.count
            while index < count {
                guard bytes[index] == UInt8(ascii: "<") else {
                    index += 1
                    continue
                }
                var close = index + 1
                while close < count && bytes[close] != UInt8(ascii: ">") { close += 1 }
                guard close < count else { break }
                let start = index + 1
                index = close + 1
                guard start < close else { continue }
                if bytes[start] == UInt8(ascii: "/") {
                    depth = max(0, depth - 1)
                    continue
                }
                // A letter starts an element (bytes from 0x80 on belong to non-ASCII letters).
                guard isLetter(bytes[start]) || bytes[start] >= 0x80, bytes[close - 1] != UInt8(ascii: "/")
                else { continue }
                var end = start
                while end < close && (isLetter(bytes[end]) || isDigit(bytes[end]) || bytes[end] >= 0x80) {
                    end += 1
                }
                if end - start <= 6 {
                    let name = (start..<end).map { bytes[$0] | 0x20 }
                    if voidElements.contains(name) { continue }
                }
                depth += 1
                deepest = max(deepest, depth)
            }
            return deepest
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
