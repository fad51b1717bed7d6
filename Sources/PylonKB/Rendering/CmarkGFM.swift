import CCmarkGFM
import Foundation

/// The one gateway to libcmark-gfm. cmark-gfm 0.29 keeps global state (its extension registry
/// and inline-parser tables), and renders come out wrong under concurrent use, so every call
/// into the library happens inside `withLock`, and the extensions are looked up exactly once.
enum CmarkGFM {
    /// Parser and renderer options (the C macros, spelled out so they do not depend on how the
    /// importer treats `#define`d shifts).
    static let optionUnsafe: Int32 = 1 << 17
    static let optionFootnotes: Int32 = 1 << 13

    /// The extensions pylon-kb uses, registered once. Pointers into the library's registry,
    /// which lives for the whole process and is never mutated after registration.
    struct Extensions: @unchecked Sendable {
        let byName: [String: OpaquePointer]
    }

    static let extensions: Extensions = {
        cmark_gfm_core_extensions_ensure_registered()
        var found: [String: OpaquePointer] = [:]
        for name in ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] {
            guard let pointer = cmark_find_syntax_extension(name) else {
                preconditionFailure("libcmark-gfm-extensions lacks the \(name) extension")
            }
            found[name] = pointer
        }
        return Extensions(byName: found)
    }()

    private static let lock = NSLock()

    /// Runs `body` while holding the library lock. Nested use is a bug (NSLock is not recursive).
    static func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// A parser with `extensions` attached (names from `extensions.byName`; "footnotes" is an
    /// option in 0.29, so it is accepted here and turned into `CMARK_OPT_FOOTNOTES`).
    /// Call inside `withLock`.
    static func makeParser(extensionNames: [String], options: Int32) -> OpaquePointer {
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

    /// Feeds the whole document and returns its root. Call inside `withLock`.
    static func parse(_ markdown: String, parser: OpaquePointer) -> OpaquePointer {
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

    /// Renders `root` to HTML with the parser's extensions. Call inside `withLock`.
    static func renderHTML(_ root: OpaquePointer, parser: OpaquePointer, options: Int32) -> String {
        renderHTML(root, extensions: cmark_parser_get_syntax_extensions(parser), options: options)
    }

    /// Renders `node` (a whole document or any subtree) with these extensions. Call inside
    /// `withLock`.
    static func renderHTML(
        _ node: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?, options: Int32
    )
        -> String
    {
        guard let html = cmark_render_html(node, options, extensions) else {
            preconditionFailure("cmark_render_html failed (out of memory)")
        }
        defer { free(html) }
        return String(cString: html)
    }
}
