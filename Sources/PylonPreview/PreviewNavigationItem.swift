import PylonHTML

/// One entry of a preview's collection tree: a collection (with the entries below it when it
/// is open) or an article.
public struct PreviewNavigationItem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case collection
        case article
    }

    public var kind: Kind
    public var title: String
    public var href: String
    /// Short labels such as "draft" shown after the title.
    public var badges: [String]
    public var isCurrent: Bool
    /// Collections only: whether `children` are shown.
    public var isOpen: Bool
    public var children: [PreviewNavigationItem]

    public init(
        kind: Kind, title: String, href: String, badges: [String] = [], isCurrent: Bool = false,
        isOpen: Bool = false, children: [PreviewNavigationItem] = []
    ) {
        self.kind = kind
        self.title = title
        self.href = href
        self.badges = badges
        self.isCurrent = isCurrent
        self.isOpen = isOpen
        self.children = children
    }

    /// The nested list of `items`, every text and attribute escaped.
    public static func treeHTML(_ items: [PreviewNavigationItem]) -> String {
        var html = "<ul class=\"nav-tree\">\n"
        append(items, to: &html)
        return html + "</ul>\n"
    }

    private static func append(_ items: [PreviewNavigationItem], to html: inout String) {
        for item in items {
            let kindClass = item.kind == .collection ? "nav-collection" : "nav-article"
            let open = item.kind == .collection && item.isOpen ? " open" : ""
            let current = item.isCurrent ? " aria-current=\"page\"" : ""
            html += "<li class=\"\(kindClass)\(open)\"><a href=\"\(escape(item.href))\"\(current)>"
            html += escape(item.title)
            for badge in item.badges { html += "<span class=\"nav-badge\">\(escape(badge))</span>" }
            html += "</a>"
            if item.kind == .collection, item.isOpen, !item.children.isEmpty {
                html += "\n<ul>\n"
                append(item.children, to: &html)
                html += "</ul>\n"
            }
            html += "</li>\n"
        }
    }

    private static func escape(_ text: String) -> String { HTMLSerializer.escapeAttribute(text) }
}
