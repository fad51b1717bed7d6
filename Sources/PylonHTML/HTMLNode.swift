/// One node of an HTML fragment: the plain-value tree every HTML consumer in pylon-kb works on
/// (the raw-HTML allowlist, canonical comparison, the emulator's sanitizer, HTML → Markdown).
public enum HTMLNode: Sendable, Equatable, Hashable {
    case element(HTMLElement)
    case text(String)
    case comment(String)

    /// The text this node shows, with markup removed.
    public var textContent: String {
        switch self {
        case .element(let element): element.textContent
        case .text(let text): text
        case .comment: ""
        }
    }
}

/// An element with its attributes in source order.
public struct HTMLElement: Sendable, Equatable, Hashable {
    /// Lower-cased tag name.
    public var name: String
    public var attributes: [HTMLAttribute]
    public var children: [HTMLNode]

    public init(name: String, attributes: [HTMLAttribute] = [], children: [HTMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The value of the first attribute with this (lower-case) name.
    public subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value }
        set {
            if let newValue {
                if let index = attributes.firstIndex(where: { $0.name == name }) {
                    attributes[index].value = newValue
                } else {
                    attributes.append(HTMLAttribute(name: name, value: newValue))
                }
            } else {
                attributes.removeAll { $0.name == name }
            }
        }
    }

    public var textContent: String { children.map(\.textContent).joined() }

    /// Elements that never have children or an end tag.
    public static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ]

    /// Elements that start a block; whitespace between them carries no meaning.
    public static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "iframe", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "caption", "colgroup", "col",
    ]

    public var isVoid: Bool { Self.voidElements.contains(name) }
    public var isBlock: Bool { Self.blockElements.contains(name) }
}

public struct HTMLAttribute: Sendable, Equatable, Hashable {
    /// Lower-cased attribute name.
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
