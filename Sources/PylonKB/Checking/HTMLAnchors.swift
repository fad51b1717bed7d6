/// The fragment targets a rendered page really has: every `id` attribute (headings, footnotes,
/// raw HTML such as `<a id="x">` or `<span id="x">`) and every `<a name="x">`.
///
/// Read from the final HTML rather than from the Markdown so the check believes exactly what a
/// browser will find. Every tag in that HTML was written by cmark or rebuilt by the raw-HTML
/// sanitizer with double-quoted, escaped attributes, and cmark escapes `"` in text, so
/// ` id="` and ` name="` occur only as attributes.
enum HTMLAnchors {
    static func ids(in html: String) -> Set<String> {
        var ids: Set<String> = []
        let bytes = Array(html.utf8)
        for attribute in [" id=\"", " name=\""] {
            let pattern = Array(attribute.utf8)
            var index = 0
            while index + pattern.count <= bytes.count {
                guard bytes[index] == pattern[0],
                    bytes[index..<(index + pattern.count)].elementsEqual(pattern)
                else {
                    index += 1
                    continue
                }
                let start = index + pattern.count
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                let value = HTMLEntities.decode(bytes[start..<end])
                if !value.isEmpty { ids.insert(value) }
                index = end
            }
        }
        return ids
    }
}
