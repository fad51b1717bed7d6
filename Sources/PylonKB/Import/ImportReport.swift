/// What an import did and what it could not carry over, written as `_import-report.md` (the `_`
/// keeps it from being read as an article) in the
/// folder and summed up in the terminal. Deterministic (no times, sorted), so a rerun that
/// imports the same help center writes the same report.
public struct ImportReport: Sendable {
    public struct Item: Sendable, Hashable {
        /// The content path of the file concerned.
        public var path: String
        public var line: Int?
        public var message: String

        public init(path: String, line: Int?, message: String) {
            self.path = path
            self.line = line
            self.message = message
        }

        /// `folder/path:line`, as editors and terminals open it.
        public func location(in folder: String) -> String {
            let prefix = folder.isEmpty || folder == "." ? "" : folder + "/"
            return "\(prefix)\(path)\(line.map { ":\($0)" } ?? "")"
        }
    }

    public var vendor: ImportVendor
    public var source: String
    public var articleCount = 0
    public var draftCount = 0
    public var translationCount = 0
    public var collectionCount = 0
    public var imageCount = 0
    /// Images still at their old address (not downloaded): shown from the old help center
    /// only while it serves them, and invisible to `check`.
    public var imagesNotImported = 0
    public var redirectCount = 0
    public var callouts = 0
    public var videos = 0
    /// Things that could not be mapped, each at its file and line.
    public var unmapped: [Item] = []
    /// Help-center-wide notes (empty sections, segments that could not be read).
    public var notes: [String] = []
    /// Order hints the vendor had and pylon-kb has no key for (promoted articles).
    public var orderHints: [Item] = []

    init(vendor: ImportVendor, source: String) {
        self.vendor = vendor
        self.source = source
    }

    public var sortedUnmapped: [Item] {
        unmapped.sorted { ($0.path, $0.line ?? 0, $0.message) < ($1.path, $1.line ?? 0, $1.message) }
    }

    public var summary: String {
        "\(articleCount) articles (\(draftCount) unpublished), \(translationCount) translations, \(collectionCount) collections, \(imageCount) images, \(redirectCount) redirects; \(callouts) callouts and \(videos) videos converted; \(unmapped.count) things not mapped"
    }

    /// The Markdown of `_import-report.md`.
    public var markdown: String {
        var lines = [
            "# Import from \(vendor.displayName)", "",
            "Source: \(source)", "",
            "- Articles: \(articleCount) (\(draftCount) unpublished, imported with `published: false`)",
            "- Translations: \(translationCount)",
            "- Collections: \(collectionCount)",
            "- Images: \(imageCount) (stored once per content in `images/`)",
            "- Redirects: \(redirectCount) old paths in `redirect_from`",
            "- Callouts converted: \(callouts); video embeds: \(videos)",
            "",
            "## Not mapped",
            "",
        ]
        let items = sortedUnmapped
        if items.isEmpty && notes.isEmpty {
            lines.append("Everything was mapped.")
        }
        lines += notes.sorted().map { "- \($0)" }
        lines += items.map { "- `\($0.path)\($0.line.map { ":\($0)" } ?? "")`: \($0.message)" }
        lines += ["", "## Order", ""]
        lines.append(
            "pylon-kb has no order key for articles or collections: folders are named after their titles and \(vendor.displayName)'s manual positions are not kept (Pylon orders them itself)."
        )
        if !orderHints.isEmpty {
            lines.append("")
            lines += orderHints.sorted { $0.path < $1.path }.map { "- `\($0.path)`: \($0.message)" }
        }
        lines += [
            "", "## Next", "",
            "Run `pylon-kb check` on this folder, set `knowledge_base:` in `pylon-kb.yml`, then `pylon-kb plan` and `pylon-kb apply`. See docs/import.md.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
