import PylonHTML

/// The frame of every preview page: header with the knowledge base's name and a title search,
/// then either a home page (hero with the search, then `main`) or an article page (collection
/// tree beside `main`). Callers pass `main` and `sidebar` as finished, escaped HTML; everything
/// the frame itself writes is escaped here.
public struct PreviewPage: Sendable {
    /// The knowledge base's name, shown in the header and the window title.
    public var siteTitle: String
    /// The home page, relative to the page or absolute.
    public var homeHref: String
    /// The folder holding `PreviewAssets.stylesheetName` and `scriptName`, ending in `/`.
    public var assetsHref: String
    /// What relative search-index URLs are relative to (`../` on a page one folder down).
    public var root: String
    /// A script file that defines the search index (the static site), or nil. The page's
    /// script loads it when the reader first uses the search box.
    public var searchIndexHref: String?
    /// The search index as JSON to inline as a data block (the emulator), or nil.
    public var searchIndexJSON: String?
    /// A short line for the page footer (plain text).
    public var footer: String

    public init(
        siteTitle: String, homeHref: String, assetsHref: String, root: String,
        searchIndexHref: String? = nil, searchIndexJSON: String? = nil, footer: String
    ) {
        self.siteTitle = siteTitle
        self.homeHref = homeHref
        self.assetsHref = assetsHref
        self.root = root
        self.searchIndexHref = searchIndexHref
        self.searchIndexJSON = searchIndexJSON
        self.footer = footer
    }

    /// A home page: a hero with `heading`, `lead` and the search box, then `main` (cards and
    /// the listing; the script filters `.listing li[data-title]` as the reader types).
    public func home(title: String, heading: String, lead: String, main: String, language: String = "en")
        -> String
    {
        let body = """
            <section class="hero">
            <h1>\(escape(heading))</h1>
            <p>\(escape(lead))</p>
            \(searchForm(label: "Search articles"))
            </section>
            <main class="home" id="content">
            \(main)
            </main>

            """
        return document(title: title, language: language, headerSearch: false, body: body)
    }

    /// An article page: the collection tree (`PreviewNavigationItem.treeHTML`) beside `main`.
    public func article(title: String, sidebar: String, main: String, language: String = "en") -> String {
        let body = """
            <div class="layout">
            <nav class="sidebar" aria-label="Collections">
            <p class="sidebar-title">Browse</p>
            \(sidebar)</nav>
            <main class="article" id="content">
            <div class="article-column">
            \(main)
            </div>
            </main>
            </div>

            """
        return document(title: title, language: language, headerSearch: true, body: body)
    }

    private func document(title: String, language: String, headerSearch: Bool, body: String) -> String {
        let mark = siteTitle.first.map { String($0).uppercased() } ?? "?"
        var head = """
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(escape(PreviewAssets.contentSecurityPolicy))">
            <meta name="robots" content="noindex">
            <title>\(escape(title == siteTitle ? title : "\(title) · \(siteTitle)"))</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="\(escape(assetsHref + PreviewAssets.stylesheetName))">

            """
        head += "<script src=\"\(escape(assetsHref + PreviewAssets.scriptName))\" defer></script>\n"
        if let searchIndexJSON {
            // A data block: not executed, so the policy's script-src does not apply to it.
            head += "<script type=\"application/json\" id=\"search-index\">\(searchIndexJSON)</script>\n"
        }
        let indexFile = searchIndexHref.map { " data-search-index=\"\(escape($0))\"" } ?? ""
        let search = headerSearch ? "<div class=\"header-search\">\(searchForm(label: "Search"))</div>\n" : ""
        return """
            <!DOCTYPE html>
            <html lang="\(escape(language))">
            <head>
            \(head)</head>
            <body data-root="\(escape(root))"\(indexFile)>
            <a class="skip-link" href="#content">Skip to content</a>
            <header class="site-header">
            <div class="site-header-inner">
            <a class="brand" href="\(escape(homeHref))"><span class="brand-mark" aria-hidden="true">\(escape(mark))</span><span class="brand-text">\(escape(siteTitle))</span></a>
            <span class="tag">Preview</span>
            \(search)</div>
            </header>
            \(body)<footer class="site-footer">\(escape(footer))</footer>
            </body>
            </html>

            """
    }

    private func searchForm(label: String) -> String {
        """
        <form class="search" role="search" action="\(escape(homeHref))" method="get">
        <input type="search" name="q" placeholder="\(escape(label))…" aria-label="Search article titles" autocomplete="off" spellcheck="false" aria-expanded="false">
        <ul class="search-results" hidden></ul>
        </form>
        """
    }

    private func escape(_ text: String) -> String { HTMLSerializer.escapeAttribute(text) }
}
