import Foundation

/// One article in a preview's title search.
public struct PreviewSearchEntry: Sendable, Equatable, Encodable {
    /// The title shown and searched.
    public var title: String
    /// An absolute path (`/kb/…`) or a path relative to the site root.
    public var url: String
    /// The collections above the article, for display ("Routing › Advanced").
    public var path: String
    /// The language code of a translation; empty for the default language.
    public var language: String

    public init(title: String, url: String, path: String, language: String = "") {
        self.title = title
        self.url = url
        self.path = path
        self.language = language
    }

    enum CodingKeys: String, CodingKey {
        case title = "t"
        case url = "u"
        case path = "p"
        case language = "l"
    }

    /// The entries as a JSON array that is safe inside a `<script>` element or a script file:
    /// `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026` (they can only occur inside
    /// JSON strings, where the escapes mean the same), so no title can close the element or
    /// open a comment.
    public static func json(_ entries: [PreviewSearchEntry]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(entries) else {
            preconditionFailure("Encoding strings to JSON cannot fail.")
        }
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
            .replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }

    /// A script file that defines the index for pages opened from `file://` (which cannot fetch).
    public static func scriptFile(_ entries: [PreviewSearchEntry]) -> String {
        "window.pylonPreviewSearchIndex = \(json(entries));\n"
    }
}
