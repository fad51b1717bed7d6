/// The comparison form of HTML. Two bodies that a browser shows the same way should have the
/// same canonical form, whatever a server's editor did when it stored them: attribute order,
/// quoting, self-closing tags, entity spelling, comments and whitespace between blocks do not
/// count. Whitespace inside `<pre>` does.
public enum CanonicalHTML {
    public static func canonicalize(_ html: String) -> String {
        canonicalForm(of: HTMLParser.parseFragment(html))
    }

    /// The canonical form of a body already parsed (for callers that use the tree for more).
    public static func canonicalForm(of nodes: [HTMLNode]) -> String {
        HTMLSerializer.serialize(canonicalize(nodes: nodes, inPre: false))
    }

    /// Canonicalizes an already parsed tree.
    public static func canonicalize(nodes: [HTMLNode], inPre: Bool) -> [HTMLNode] {
        var result: [HTMLNode] = []
        for node in nodes {
            switch node {
            case .comment:
                continue
            case .text(let text):
                let value = inPre ? text : collapseWhitespace(text)
                if value.isEmpty { continue }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(
                        inPre ? previous + value : collapseWhitespace(previous + value))
                } else {
                    result.append(.text(value))
                }
            case .element(var element):
                element.attributes = element.attributes
                    .map { attribute in
                        var attribute = attribute
                        if attribute.name == "class" {
                            attribute.value = attribute.value.split(whereSeparator: \.isWhitespace)
                                .joined(separator: " ")
                        }
                        return attribute
                    }
                    .sorted { $0.name < $1.name }
                element.children = canonicalize(
                    nodes: element.children, inPre: inPre || element.name == "pre")
                result.append(.element(element))
            }
        }
        return inPre ? result : trimBlockWhitespace(result)
    }

    /// Drops whitespace that only separates blocks or pads the inside of a block.
    private static func trimBlockWhitespace(_ nodes: [HTMLNode]) -> [HTMLNode] {
        var nodes = nodes
        for index in nodes.indices {
            guard case .text(var text) = nodes[index] else { continue }
            let previousIsBlock = index == nodes.startIndex || isBlock(nodes[index - 1])
            let nextIsBlock = index == nodes.index(before: nodes.endIndex) || isBlock(nodes[index + 1])
            if previousIsBlock, text.first == " " { text.removeFirst() }
            if nextIsBlock, text.last == " " { text.removeLast() }
            nodes[index] = .text(text)
        }
        return nodes.filter {
            if case .text(let text) = $0 { return !text.isEmpty }
            return true
        }
    }

    private static func isBlock(_ node: HTMLNode) -> Bool {
        if case .element(let element) = node { return element.isBlock || element.name == "br" }
        return false
    }

    /// Runs of spaces, tabs and line breaks become one space, as a browser shows them.
    public static func collapseWhitespace(_ text: String) -> String {
        // ASCII text, the common case, is collapsed byte by byte; iterating `Character`s
        // (grapheme breaking) was most of canonicalization's time. The bytes are treated as
        // the `Character` loop below treats them, "\r\n" (one `Character`, not a space) too.
        text.utf8.allSatisfy({ $0 < 0x80 })
            ? collapseASCIIWhitespace(text) : collapseCharacterWhitespace(text)
    }

    static func collapseCharacterWhitespace(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var lastWasSpace = false
        for character in text {
            if character == " " || character == "\n" || character == "\t" || character == "\r" {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return result
    }

    static func collapseASCIIWhitespace(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var lastWasSpace = false
        var iterator = text.utf8.makeIterator()
        var pending = iterator.next()
        while let byte = pending {
            pending = iterator.next()
            if byte == 0x0D, pending == 0x0A {
                bytes += [0x0D, 0x0A]
                pending = iterator.next()
                lastWasSpace = false
            } else if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
            } else {
                bytes.append(byte)
                lastWasSpace = false
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
