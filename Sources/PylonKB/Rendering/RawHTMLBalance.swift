/// Finds raw HTML that is never closed and so takes the rest of the article with it.
///
/// CommonMark ends most raw HTML blocks at a blank line, but not these, which run to the end of
/// the document when their end marker is missing: a comment (`<!--` … `-->`, everything after
/// it disappears), and `<pre>`, `<script>`, `<style>`, `<textarea>` (everything after it is
/// published as their raw content, or dropped with them). A container element opened in one
/// block and never closed (`<details>`, `<div>` …) leaves the rest of the article inside it in
/// the browser: in a collapsed `<details>` it is hidden until a reader opens it.
///
/// Works on the raw HTML pieces cmark hands over, in document order (code is never among
/// them), with their file lines.
enum RawHTMLBalance {
    /// Containers whose end tag browsers need; a missing one swallows what follows.
    static let containers: Set<String> = [
        "details", "div", "blockquote", "table", "ul", "ol", "dl", "figure",
    ]

    /// Blocks that CommonMark ends only at their end marker (HTML block kinds 1–5).
    private static let runToEnd: [(start: String, end: String, construct: String, name: String)] = [
        ("<!--", "-->", "<!--", "comment"),
        ("<pre", "</pre>", "<pre>", "pre"),
        ("<script", "</script>", "<script>", "script"),
        ("<style", "</style>", "<style>", "style"),
        ("<textarea", "</textarea>", "<textarea>", "textarea"),
        ("<![CDATA[", "]]>", "<![CDATA[", "cdata"),
    ]

    /// The constructs still open at the end, each at the line where it opens.
    /// `isTopBlock`: a raw HTML block directly in the document (not in a list or quote).
    static func unclosed(_ pieces: [(html: String, line: Int, isTopBlock: Bool)]) -> [ArticleFacts.OpenHTML] {
        var found: [ArticleFacts.OpenHTML] = []
        var open: [(name: String, line: Int)] = []
        for piece in pieces {
            if piece.isTopBlock, let swallowed = swallowingBlock(piece.html) {
                found.append(.init(construct: swallowed.construct, name: swallowed.name, line: piece.line))
            }
            for tag in tags(in: piece.html) where containers.contains(tag.name) {
                let line = piece.line + tag.lineDelta
                if !tag.isEnd {
                    open.append((tag.name, line))
                } else if let index = open.lastIndex(where: { $0.name == tag.name }) {
                    // An end tag closes its element and whatever was left open inside it.
                    open.removeSubrange(index...)
                }
            }
        }
        found += open.map { .init(construct: "<\($0.name)>", name: $0.name, line: $0.line) }
        return found.sorted { $0.line < $1.line }
    }

    /// The run-to-end kind of a block whose end marker is missing, if it is one.
    private static func swallowingBlock(_ html: String) -> (construct: String, name: String)? {
        let lowered = html.drop { $0 == " " }.lowercased()
        for kind in runToEnd where lowered.hasPrefix(kind.start) {
            if kind.name != "comment", kind.name != "cdata" {
                // `<pre>` or `<pre class=…>`, not `<prefix>`.
                let next = lowered.dropFirst(kind.start.count).first
                guard next == nil || next == ">" || next!.isWhitespace else { continue }
            }
            let afterStart = lowered.dropFirst(kind.start.count)
            return afterStart.contains(kind.end) ? nil : (kind.construct, kind.name)
        }
        return nil
    }

    /// Start and end tags of `html`, comments skipped; self-closing tags are not listed.
    static func tags(in html: String) -> [(name: String, isEnd: Bool, lineDelta: Int)] {
        var tags: [(String, Bool, Int)] = []
        let bytes = Array(html.utf8)
        var index = 0
        var lineDelta = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { lineDelta += 1 }
            guard byte == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if bytes[index...].starts(with: Array("<!--".utf8)) {
                let end = firstIndex(of: Array("-->".utf8), in: bytes, from: index + 4) ?? bytes.count
                lineDelta += bytes[index..<end].count { $0 == UInt8(ascii: "\n") }
                index = end + 3
                continue
            }
            var cursor = index + 1
            let isEnd = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
            if isEnd { cursor += 1 }
            let nameStart = cursor
            while cursor < bytes.count, isNameByte(bytes[cursor]) { cursor += 1 }
            guard cursor > nameStart, let close = bytes[cursor...].firstIndex(of: UInt8(ascii: ">")) else {
                index += 1
                continue
            }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            let selfClosing = close > 0 && bytes[close - 1] == UInt8(ascii: "/")
            if !selfClosing { tags.append((name, isEnd, lineDelta)) }
            lineDelta += bytes[index..<close].count { $0 == UInt8(ascii: "\n") }
            index = close + 1
        }
        return tags
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-")
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count, start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count)
        where bytes[index..<index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
