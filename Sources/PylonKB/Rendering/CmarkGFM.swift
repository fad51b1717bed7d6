internal import CCmarkGFM
import Foundation

/// The one gateway to libcmark-gfm: the only file that imports it (as `HTMLParser` is for
/// libxml2). The rest of the renderer sees Swift values: `CmarkDocument` and `CmarkNode`.
///
/// cmark-gfm 0.29 keeps global state (its extension registry and inline-parser tables), and
/// renders come out wrong under concurrent use, so every call into the library happens inside
/// `withDocument` (which holds a lock), and the extensions are looked up exactly once.
enum CmarkGFM {
    /// Parser and renderer options (the C macros, spelled out so they do not depend on how the
    /// importer treats `#define`d shifts).
    static let optionUnsafe: Int32 = 1 << 17
    static let optionFootnotes: Int32 = 1 << 13

    /// The extensions pylon-kb uses, registered once. Pointers into the library's registry,
    /// which lives for the whole process and is never mutated after registration.
    private struct Extensions: @unchecked Sendable {
        let byName: [String: OpaquePointer]
        let tasklist: OpaquePointer
    }

    private static let extensions: Extensions = {
        cmark_gfm_core_extensions_ensure_registered()
        var found: [String: OpaquePointer] = [:]
        for name in ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] {
            guard let pointer = cmark_find_syntax_extension(name) else {
                preconditionFailure("libcmark-gfm-extensions lacks the \(name) extension")
            }
            found[name] = pointer
        }
        return Extensions(byName: found, tasklist: found["tasklist"]!)
    }()

    private static let lock = NSLock()

    /// Parses `markdown` with `extensionNames` attached (names from the extension list above;
    /// "footnotes" is an option in 0.29, so it is accepted here and turned into
    /// `CMARK_OPT_FOOTNOTES`) and hands the document to `body` while holding the library lock.
    /// The document and its nodes are freed when `body` returns, so none may escape it, and
    /// `body` must not parse again (NSLock is not recursive).
    static func withDocument<T>(
        _ markdown: String, extensionNames: [String], options: Int32, _ body: (CmarkDocument) throws -> T
    ) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        let parser = makeParser(extensionNames: extensionNames, options: options)
        defer { cmark_parser_free(parser) }
        let root = parse(markdown, parser: parser)
        defer { cmark_node_free(root) }
        return try body(CmarkDocument(root: CmarkNode(root), parser: parser))
    }

    private static func makeParser(extensionNames: [String], options: Int32) -> OpaquePointer {
        var options = options
        if extensionNames.contains("footnotes") { options |= optionFootnotes }
        guard let parser = cmark_parser_new(options) else {
            preconditionFailure("cmark_parser_new failed (out of memory)")
        }
        for name in extensionNames where name != "footnotes" {
            guard let extensionPointer = extensions.byName[name] else {
                preconditionFailure("unknown cmark-gfm extension \(name)")
            }
            cmark_parser_attach_syntax_extension(parser, extensionPointer)
        }
        return parser
    }

    /// Feeds the whole document and returns its root.
    private static func parse(_ markdown: String, parser: OpaquePointer) -> OpaquePointer {
        var markdown = markdown
        markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            preconditionFailure("cmark_parser_finish failed (out of memory)")
        }
        return root
    }

    fileprivate static var tasklist: OpaquePointer { extensions.tasklist }
}

/// A parsed document, valid only inside `CmarkGFM.withDocument`.
struct CmarkDocument {
    let root: CmarkNode
    private let parser: OpaquePointer

    fileprivate init(root: CmarkNode, parser: OpaquePointer) {
        self.root = root
        self.parser = parser
    }

    /// Renders `node` (the whole document by default, or any subtree) to HTML with the
    /// parser's extensions.
    func renderHTML(_ node: CmarkNode? = nil, options: Int32) -> String {
        let extensions = cmark_parser_get_syntax_extensions(parser)
        guard let html = cmark_render_html((node ?? root).pointer, options, extensions) else {
            preconditionFailure("cmark_render_html failed (out of memory)")
        }
        defer { free(html) }
        return String(cString: html)
    }
}

/// A node of a cmark-gfm tree: a borrowed pointer, valid while its document is (inside
/// `CmarkGFM.withDocument`) and it has not been removed. Reads and changes go straight to the
/// tree; nothing is copied.
struct CmarkNode: Equatable {
    fileprivate let pointer: OpaquePointer

    fileprivate init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// The node types pylon-kb looks at; every other one is `other`.
    enum Kind {
        case heading, blockQuote, item, paragraph, htmlBlock
        case text, code, softBreak, lineBreak, htmlInline, link, image, footnoteReference
        case other
    }

    var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        case CMARK_NODE_FOOTNOTE_REFERENCE: .footnoteReference
        default: .other
        }
    }

    // MARK: Reading

    var parent: CmarkNode? { cmark_node_parent(pointer).map(CmarkNode.init) }
    var firstChild: CmarkNode? { cmark_node_first_child(pointer).map(CmarkNode.init) }
    var lastChild: CmarkNode? { cmark_node_last_child(pointer).map(CmarkNode.init) }
    var next: CmarkNode? { cmark_node_next(pointer).map(CmarkNode.init) }

    /// The 1-based line in the parsed text where the node starts.
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }

    /// The text of a text, code or raw-HTML node.
    var literal: String? { cmark_node_get_literal(pointer).map { String(cString: $0) } }

    /// The destination of a link or image.
    var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }

    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// True for a list item the tasklist extension made (`- [ ]` / `- [x]`).
    var isTaskItem: Bool { cmark_node_get_syntax_extension(pointer) == CmarkGFM.tasklist }

    /// For a task item: whether it is ticked.
    var isCheckedTask: Bool { cmark_gfm_extensions_get_tasklist_item_checked(pointer) }

    /// Calls `body` for this node and every node below it, in document order. Collect first and
    /// change afterwards: cmark's iterator must not see the tree change under it.
    func forEachDescendant(_ body: (CmarkNode) -> Void) {
        let iterator = cmark_iter_new(pointer)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(CmarkNode(node)) }
        }
    }

    // MARK: Changing

    func setLiteral(_ literal: String) { cmark_node_set_literal(pointer, literal) }
    func setURL(_ url: String) { cmark_node_set_url(pointer, url) }
    func setHeadingLevel(_ level: Int) { cmark_node_set_heading_level(pointer, Int32(level)) }

    /// Makes a task item an ordinary list item (its checkbox is then written as text).
    func removeTaskSyntax() { cmark_node_set_syntax_extension(pointer, nil) }

    func appendChild(_ child: CmarkNode) { cmark_node_append_child(pointer, child.pointer) }
    func prependChild(_ child: CmarkNode) { cmark_node_prepend_child(pointer, child.pointer) }
    /// Puts `sibling` just before this node.
    func insertSiblingBefore(_ sibling: CmarkNode) { cmark_node_insert_before(pointer, sibling.pointer) }

    /// Takes the node (with its subtree) out of the tree; it stays allocated until `free()`.
    func unlink() { cmark_node_unlink(pointer) }

    /// Frees a node that is no longer in the tree (after `unlink()`).
    func free() { cmark_node_free(pointer) }

    /// Unlinks and frees the node with its subtree.
    func remove() {
        cmark_node_unlink(pointer)
        cmark_node_free(pointer)
    }

    /// Puts `replacement` where this node is and frees this node with its subtree.
    func replace(with replacement: CmarkNode) {
        cmark_node_replace(pointer, replacement.pointer)
        cmark_node_free(pointer)
    }

    // MARK: New nodes (owned by the tree once inserted)

    static func text(_ literal: String) -> CmarkNode {
        let node = CmarkNode(cmark_node_new(CMARK_NODE_TEXT)!)
        node.setLiteral(literal)
        return node
    }

    static func paragraph() -> CmarkNode {
        CmarkNode(cmark_node_new(CMARK_NODE_PARAGRAPH)!)
    }

    /// A raw HTML block: rendered as `html`, as it is.
    static func htmlBlock(_ html: String) -> CmarkNode {
        let node = CmarkNode(cmark_node_new(CMARK_NODE_HTML_BLOCK)!)
        node.setLiteral(html)
        return node
    }

    /// A block rendered as `onEnter`, its children, then `onExit`.
    static func customBlock(onEnter: String, onExit: String) -> CmarkNode {
        let node = CmarkNode(cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!)
        cmark_node_set_on_enter(node.pointer, onEnter)
        cmark_node_set_on_exit(node.pointer, onExit)
        return node
    }
}
