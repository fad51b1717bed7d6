import PylonHTML

/// The allowlist for raw HTML written in Markdown.
///
/// It works on tags, not on a DOM: cmark-gfm hands over raw HTML in pieces that are not
/// balanced (a `<details><summary>…</summary>` block, then Markdown, then a `</details>` block;
/// an inline `<kbd>`, text, `</kbd>`), and parsing each piece into a tree would close elements
/// early and move the Markdown between them outside. Safety does not depend on reading tags
/// exactly like a browser: every tag that comes out is rebuilt from an allowlisted name and
/// allowlisted attributes whose decoded values are re-escaped (`HTMLSerializer`), every `<`
/// that does not start a tag comes out as `&lt;`, and everything else is dropped. So the
/// output contains no markup but what this type wrote, and a browser decodes each attribute
/// to exactly the value that was checked.
struct RawHTMLSanitizer {
    /// What a URL attribute is used for.
    enum URLUse {
        case link
        case image
    }

    /// One removal, with the line inside the sanitized piece (0 = its first line).
    struct Removal: Equatable {
        var message: String
        var lineDelta: Int
    }

    let allowedIframeHosts: [String]
    /// Set while inside a removed element whose content goes too (`<script>`…`</script>`).
    private var skipping: (name: String, depth: Int)?

    init(allowedIframeHosts: [String]) {
        self.allowedIframeHosts = allowedIframeHosts
    }

    /// True while the content of a removed element is being dropped; inline Markdown between
    /// raw tags (`<script>` *text* `</script>`) is dropped by the caller meanwhile.
    var isSkipping: Bool { skipping != nil }

    /// Forgets an unclosed removed element at the end of a block: cmark-gfm does not let raw
    /// HTML span blocks either.
    mutating func endBlock() {
        skipping = nil
    }

    static let allowedElements: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
        "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
        "q", "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "wbr",
    ]

    /// Removed with everything inside them: their content is code, styling or a fallback
    /// that would show up as stray text.
    static let droppedWithContent: Set<String> = [
        "script", "style", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "title",
        "template", "object", "svg", "math", "plaintext", "head", "select",
    ]

    /// Elements whose content browsers read as text, not markup.
    private static let rawText: Set<String> = [
        "script", "style", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "title",
        "plaintext",
    ]

    static let globalAttributes: Set<String> = ["class", "id", "title", "lang", "dir"]

    static let elementAttributes: [String: Set<String>] = [
        "a": ["href", "target", "rel", "name"],
        "img": ["src", "alt", "width", "height"],
        "iframe": [
            "src", "width", "height", "allow", "allowfullscreen", "frameborder", "loading",
            "referrerpolicy",
        ],
        "td": ["colspan", "rowspan", "align"],
        "th": ["colspan", "rowspan", "align", "scope"],
        "ol": ["start", "type", "reversed"],
        "li": ["value"],
        "details": ["open"],
        "col": ["span"],
        "colgroup": ["span"],
    ]

    /// Sanitizes one piece of raw HTML. `rewriteLocalURL` (also shown external ones, which it
    /// returns unchanged) turns a relative `href`/`src` into
    /// its final form (and records the reference); its Int is the line inside the piece.
    mutating func sanitize(
        _ html: String, rewriteLocalURL: (URLUse, String, Int) -> String
    ) -> (html: String, removals: [Removal]) {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var removals: [Removal] = []
        var index = 0
        let count = bytes.count

        func lineDelta(_ position: Int) -> Int {
            var lines = 0
            for byte in bytes[0..<min(position, count)] where byte == UInt8(ascii: "\n") { lines += 1 }
            return lines
        }
        func remove(_ message: String, at position: Int) {
            removals.append(Removal(message: message, lineDelta: lineDelta(position)))
        }

        while index < count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                var end = index
                while end < count, bytes[end] != UInt8(ascii: "<") { end += 1 }
                if skipping == nil { output.append(contentsOf: bytes[index..<end]) }
                index = end
                continue
            }
            let next = index + 1 < count ? bytes[index + 1] : 0
            if Self.isASCIILetter(next) {
                guard let tag = Self.parseTag(bytes, from: index + 1) else {
                    // A tag that never ends would swallow what follows in a browser.
                    if skipping == nil {
                        let name = Self.tagName(bytes, from: index + 1)
                        remove("removed incomplete tag <\(name) (a tag without its closing >)", at: index)
                    }
                    index = count
                    continue
                }
                let start = index
                index = tag.end
                if let current = skipping {
                    if tag.name == current.name, !Self.rawText.contains(current.name) {
                        skipping = (current.name, current.depth + 1)
                    }
                    continue
                }
                output.append(
                    contentsOf: startTag(
                        tag, at: start, remove: remove,
                        rewrite: { use, url in rewriteLocalURL(use, url, lineDelta(start)) }
                    ).utf8)
            } else if next == UInt8(ascii: "/"), index + 2 < count, Self.isASCIILetter(bytes[index + 2]) {
                let name = Self.tagName(bytes, from: index + 2)
                var end = index + 2
                while end < count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                index = min(end + 1, count)
                if let current = skipping {
                    if name == current.name {
                        skipping = current.depth == 0 ? nil : (current.name, current.depth - 1)
                    }
                    continue
                }
                let target = name == "h1" ? "h2" : name
                if Self.allowedElements.contains(name), !HTMLElement.voidElements.contains(name) {
                    output.append(contentsOf: "</\(target)>".utf8)
                }
            } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                let isComment =
                    index + 3 < count && bytes[index + 2] == UInt8(ascii: "-")
                    && bytes[index + 3] == UInt8(ascii: "-")
                let end: Int
                if isComment {
                    end = Self.find([UInt8]("-->".utf8), in: bytes, from: index + 2).map { $0 + 3 } ?? count
                } else {
                    var scan = index + 2
                    while scan < count, bytes[scan] != UInt8(ascii: ">") { scan += 1 }
                    end = min(scan + 1, count)
                    if skipping == nil {
                        // Comments are author notes nobody sees; they go silently. Declarations
                        // and processing instructions are reported.
                        let text = String(decoding: bytes[index..<min(end, index + 40)], as: UTF8.self)
                        remove("removed \(text) markup (not allowed in Pylon articles)", at: index)
                    }
                }
                index = end
            } else {
                if skipping == nil { output.append(contentsOf: "&lt;".utf8) }
                index += 1
            }
        }
        return (String(decoding: output, as: UTF8.self), removals)
    }

    /// Rebuilds an allowed start tag, or records why (part of) it went.
    private mutating func startTag(
        _ tag: ParsedTag, at position: Int, remove: (String, Int) -> Void,
        rewrite: (URLUse, String) -> String
    ) -> String {
        let name = tag.name
        guard Self.allowedElements.contains(name) else {
            if Self.droppedWithContent.contains(name) {
                if !HTMLElement.voidElements.contains(name) { skipping = (name, 0) }
                remove("removed <\(name)> element and its content (not allowed in Pylon articles)", position)
            } else {
                remove("removed <\(name)> element (not allowed in Pylon articles)", position)
            }
            return ""
        }
        var attributes: [HTMLAttribute] = []
        var seen: Set<String> = []
        let allowed = Self.elementAttributes[name] ?? []
        for attribute in tag.attributes {
            // Browsers keep the first of repeated attributes.
            guard seen.insert(attribute.name).inserted else { continue }
            let attributeName = attribute.name
            if attributeName.hasPrefix("on") {
                remove(
                    "removed \(attributeName) attribute from <\(name)> (event handlers are not allowed in Pylon articles)",
                    position)
                continue
            }
            if attributeName == "style" {
                remove(
                    "removed style attribute from <\(name)> (inline styles are not allowed in Pylon articles)",
                    position)
                continue
            }
            guard Self.globalAttributes.contains(attributeName) || allowed.contains(attributeName) else {
                remove(
                    "removed \(attributeName) attribute from <\(name)> (not allowed in Pylon articles)",
                    position)
                continue
            }
            var value = attribute.value
            if attributeName == "href" || attributeName == "src" {
                if name == "iframe" {
                    guard let host = Self.embedHost(value), isAllowedIframeHost(host) else {
                        skipping = (name, 0)
                        remove(
                            "removed <iframe> element (only https video embeds from "
                                + allowedIframeHosts.joined(separator: ", ")
                                + " are allowed in Pylon articles)",
                            position)
                        return ""
                    }
                } else {
                    switch URLPolicy.classify(value) {
                    case .forbidden(let scheme):
                        remove(
                            "removed \(attributeName) attribute from <\(name)> (\(scheme): URLs are not allowed in Pylon articles)",
                            position)
                        continue
                    case .local, .external:
                        // External ones too, so `check --external-links` sees them (kept as written).
                        value = rewrite(name == "img" ? .image : .link, value)
                    case .sameDocument:
                        break
                    }
                }
            }
            attributes.append(HTMLAttribute(name: attributeName, value: value))
        }
        if name == "iframe", !attributes.contains(where: { $0.name == "src" }) {
            skipping = (name, 0)
            remove("removed <iframe> element without a src (not allowed in Pylon articles)", position)
            return ""
        }
        var html = "<" + (name == "h1" ? "h2" : name)
        for attribute in attributes {
            html += " " + attribute.name + "=\"" + HTMLSerializer.escapeAttribute(attribute.value) + "\""
        }
        html += HTMLElement.voidElements.contains(name) ? " />" : ">"
        return html
    }

    private func isAllowedIframeHost(_ host: String) -> Bool {
        allowedIframeHosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// The host of an `https://` URL, or nil when the URL is anything else or its authority
    /// holds something a browser might read differently (user info, backslashes, odd bytes).
    static func embedHost(_ url: String) -> String? {
        let cleaned = String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 }))
            .lowercased()
        guard cleaned.hasPrefix("https://") else { return nil }
        let authority = cleaned.dropFirst(8).prefix { !"/?#\\".contains($0) }
        var host = Substring(authority)
        if let colon = host.lastIndex(of: ":") {
            guard host[host.index(after: colon)...].allSatisfy(\.isASCII),
                host[host.index(after: colon)...].allSatisfy(\.isNumber)
            else { return nil }
            host = host[..<colon]
        }
        guard !host.isEmpty,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") })
        else { return nil }
        return String(host)
    }

    // MARK: - Tokenizing

    struct ParsedTag {
        var name: String
        var attributes: [HTMLAttribute]
        /// Index just after the closing `>`.
        var end: Int
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func tagName(_ bytes: [UInt8], from start: Int) -> String {
        var end = start
        while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "/"),
            bytes[end] != UInt8(ascii: ">")
        {
            end += 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Reads a start tag the way the HTML tokenizer does; nil when it never ends.
    static func parseTag(_ bytes: [UInt8], from start: Int) -> ParsedTag? {
        let count = bytes.count
        let name = tagName(bytes, from: start)
        var index = start + name.utf8.count
        var attributes: [HTMLAttribute] = []
        while true {
            while index < count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < count else { return nil }
            if bytes[index] == UInt8(ascii: ">") {
                return ParsedTag(name: name, attributes: attributes, end: index + 1)
            }
            let nameStart = index
            index += 1
            while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "/"),
                bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "=")
            {
                index += 1
            }
            let attributeName = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            while index < count, isSpace(bytes[index]) { index += 1 }
            var value = ""
            if index < count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                while index < count, isSpace(bytes[index]) { index += 1 }
                guard index < count else { return nil }
                let quote = bytes[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    let valueStart = index + 1
                    index = valueStart
                    while index < count, bytes[index] != quote { index += 1 }
                    guard index < count else { return nil }
                    value = HTMLEntities.decode(bytes[valueStart..<index])
                    index += 1
                } else {
                    let valueStart = index
                    while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") {
                        index += 1
                    }
                    value = HTMLEntities.decode(bytes[valueStart..<index])
                }
            }
            attributes.append(HTMLAttribute(name: attributeName, value: value))
        }
    }
}
