import Foundation

/// Reads a file of the content folder for the dialect translator (an include, a snippet).
/// `path` is relative to the content root; the reader refuses anything outside it (nil).
package struct ContentFileReader: Sendable {
    package var read: @Sendable (_ path: String) -> String?
    /// Whether any file (an image too) is at `path`, relative to the content root.
    package var exists: @Sendable (_ path: String) -> Bool

    package init(read: @escaping @Sendable (String) -> String?, exists: (@Sendable (String) -> Bool)? = nil) {
        self.read = read
        self.exists = exists ?? { read($0) != nil }
    }

    /// Reads nothing: for rendering a body that has no folder behind it.
    package static let none = ContentFileReader(read: { _ in nil })
}

/// What the translator needs to know about one page.
package struct DialectSource: Sendable {
    /// Nil: pylon-kb's own Markdown (only the generic leftovers are handled).
    package var dialect: Dialect?
    /// The page's path relative to the content root.
    package var path: String
    /// Lines before the body in the file (front matter).
    package var bodyLineOffset: Int
    /// The folder of the site (where its `_config.yml`, `mkdocs.yml`, `hugo.toml`,
    /// `docusaurus.config.*` or `docfx.json` is), relative to the content root; "" for the root.
    package var siteFolder: String
    /// The folder the pages are read from (`pages:` in `pylon-kb.yml`), relative to the root.
    package var pagesFolder: String
    package var files: ContentFileReader
    /// Every page of the folder (content-root paths), for references by name (Hugo's `ref`).
    package var pagePaths: Set<String>
    /// The site's parameters by lowercased dotted name (Hugo's `params`, see `SiteVariables`).
    package var siteParameters: [String: String]

    package init(
        dialect: Dialect?, path: String, bodyLineOffset: Int, siteFolder: String = "",
        pagesFolder: String = "", files: ContentFileReader = .none, pagePaths: Set<String> = [],
        siteParameters: [String: String] = [:]
    ) {
        self.pagePaths = pagePaths
        self.siteParameters = siteParameters
        self.dialect = dialect
        self.path = path
        self.bodyLineOffset = bodyLineOffset
        self.siteFolder = siteFolder
        self.pagesFolder = pagesFolder
        self.files = files
    }
}

/// A finding reported once per `key` for the whole folder, with a count and the first files
/// (an unknown shortcode, an unknown front matter key): one line per kind of problem instead
/// of one per file, so the messages that matter are not buried.
package struct Tally: Sendable, Hashable {
    /// What is counted, e.g. "shortcode `{{< blocks/cover >}}`" or "front matter key `nav_title`".
    package var key: String
    /// The sentence reported once: what happens to it and what to do.
    package var message: String
    package var severity: Diagnostic.Severity
    package var path: String
    package var line: Int?
    /// How many times it was found in the page (the loader adds the pages' counts up).
    package var count: Int

    package init(
        key: String, message: String, severity: Diagnostic.Severity = .warning, path: String, line: Int?,
        count: Int = 1
    ) {
        self.key = key
        self.message = message
        self.severity = severity
        self.path = path
        self.line = line
        self.count = count
    }
}

/// A page's body after the dialect's syntax was turned into pylon-kb Markdown.
package struct DialectTranslation: Sendable {
    package var markdown: String
    /// For each line of `markdown` (index 0 is its first line), the 1-based line of the page's
    /// file it came from (an included line maps to its include statement). Nil when the lines
    /// are the body's own, one for one (file line = body line + bodyLineOffset).
    package var sourceLines: [Int]?
    package var diagnostics: [Diagnostic]
    package var tallies: [Tally]

    package init(
        markdown: String, sourceLines: [Int]? = nil, diagnostics: [Diagnostic] = [], tallies: [Tally] = []
    ) {
        self.markdown = markdown
        self.sourceLines = sourceLines
        self.diagnostics = diagnostics
        self.tallies = tallies
    }
}
