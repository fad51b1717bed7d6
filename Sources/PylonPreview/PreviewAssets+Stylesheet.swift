extension PreviewAssets {
    /// The help-center look of both previews. Article bodies are Pylon HTML as rendered, so the
    /// rules target what the renderer writes: `blockquote.callout-<kind>` and
    /// `details.callout-<kind>` for callouts, `pre > code.language-x` for code, plain tables.
    public static let stylesheet = #"""
        :root {
          --bg: #ffffff; --surface: #f6f7f9; --surface-2: #eef0f4; --ink: #1a1f2b; --muted: #5a6475;
          --line: #e2e5eb; --accent: #4f46e5; --accent-ink: #3730a3; --accent-soft: #eef0ff;
          --hero-from: #4338ca; --hero-to: #6d28d9; --code-bg: #111827; --code-ink: #e5e7eb;
          --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .08);
          --radius: 10px;
          --note: #2563eb; --note-bg: #eff6ff; --tip: #059669; --tip-bg: #ecfdf5;
          --warning: #d97706; --warning-bg: #fffbeb; --danger: #dc2626; --danger-bg: #fef2f2;
          --tok-keyword: #c4b5fd; --tok-string: #86efac; --tok-comment: #8b95a7; --tok-number: #fdba74;
          --tok-key: #93c5fd; --tok-literal: #f9a8d4; --tok-command: #67e8f9;
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #0f1218; --surface: #161a22; --surface-2: #1e2330; --ink: #e6e8ee; --muted: #9aa3b2;
            --line: #2a303c; --accent: #8b93ff; --accent-ink: #b4b9ff; --accent-soft: #1f2340;
            --hero-from: #312e81; --hero-to: #4c1d95; --code-bg: #0b0e14;
            --shadow: 0 1px 2px rgba(0, 0, 0, .4);
            --note-bg: #0f1a2e; --tip-bg: #0c1f19; --warning-bg: #231a0a; --danger-bg: #2a1212;
            --note: #60a5fa; --tip: #34d399; --warning: #fbbf24; --danger: #f87171;
          }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body {
          margin: 0; min-height: 100vh; display: flex; flex-direction: column; background: var(--bg); color: var(--ink);
          font: 16px/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
          -webkit-font-smoothing: antialiased;
        }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; text-underline-offset: 2px; }
        a:focus-visible, input:focus-visible, summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
        .skip-link { position: absolute; left: -999px; top: 0; }
        .skip-link:focus { left: 1rem; top: .5rem; z-index: 10; background: var(--bg); padding: .3rem .6rem; }

        /* Header */
        .site-header { position: sticky; top: 0; z-index: 5; background: var(--bg); border-bottom: 1px solid var(--line); }
        .site-header-inner { max-width: 80rem; margin: 0 auto; padding: .7rem 1.5rem; display: flex; align-items: center; gap: 1rem; }
        .brand { display: flex; align-items: center; gap: .6rem; color: var(--ink); font-weight: 650; font-size: 1.05rem; }
        .brand:hover { text-decoration: none; }
        .brand-mark {
          display: grid; place-items: center; width: 2rem; height: 2rem; border-radius: 8px; color: #fff; font-weight: 700;
          background: linear-gradient(135deg, var(--hero-from), var(--hero-to));
        }
        .brand-suffix { color: var(--muted); font-weight: 500; }
        .tag {
          font-size: .68rem; font-weight: 600; text-transform: uppercase; letter-spacing: .07em; color: #92400e;
          background: #fef3c7; padding: .12rem .45rem; border-radius: 999px;
        }
        .header-search { margin-left: auto; width: min(24rem, 45vw); }

        /* Search */
        .search { position: relative; margin: 0; }
        .search input {
          width: 100%; font: inherit; font-size: .95rem; color: var(--ink); background: var(--surface);
          border: 1px solid var(--line); border-radius: 999px; padding: .5rem 1rem .5rem 2.3rem;
          background-image: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='16' height='16' fill='none' stroke='%238a94a6' stroke-width='2' stroke-linecap='round' viewBox='0 0 24 24'%3E%3Ccircle cx='11' cy='11' r='7'/%3E%3Cpath d='m20 20-3.5-3.5'/%3E%3C/svg%3E");
          background-repeat: no-repeat; background-position: .85rem center;
        }
        .search input:focus { background-color: var(--bg); border-color: var(--accent); outline: none; box-shadow: 0 0 0 3px var(--accent-soft); }
        .search-results {
          position: absolute; left: 0; right: 0; top: calc(100% + .4rem); margin: 0; padding: .35rem; list-style: none;
          background: var(--bg); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: 0 12px 32px rgba(16, 24, 40, .18);
          max-height: 24rem; overflow-y: auto; text-align: left; z-index: 6;
        }
        .search-results a { display: block; padding: .45rem .7rem; border-radius: 7px; color: var(--ink); line-height: 1.35; }
        .search-results a:hover, .search-results a.active { background: var(--accent-soft); text-decoration: none; }
        .search-results .result-path { display: block; font-size: .78rem; color: var(--muted); }
        .search-results .empty { padding: .5rem .7rem; color: var(--muted); font-size: .9rem; }
        mark { background: #fde68a; color: inherit; border-radius: 2px; padding: 0 1px; }

        /* Home */
        .hero { background: linear-gradient(135deg, var(--hero-from), var(--hero-to)); color: #fff; text-align: center; padding: 3.5rem 1.5rem 4rem; }
        .hero h1 { margin: 0 0 .4rem; font-size: clamp(1.8rem, 4vw, 2.6rem); letter-spacing: -.02em; line-height: 1.2; }
        .hero p { margin: 0 auto 1.6rem; max-width: 36rem; opacity: .88; }
        .hero .search { max-width: 38rem; margin: 0 auto; }
        .hero .search input { font-size: 1.05rem; padding: .85rem 1.2rem .85rem 2.8rem; border: 0; background-color: #fff; color: #1a1f2b; background-position: 1.1rem center; box-shadow: 0 10px 30px rgba(0, 0, 0, .2); }
        .home { max-width: 72rem; width: 100%; margin: -2rem auto 0; padding: 0 1.5rem 4rem; }
        .card-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; margin-bottom: 2.5rem; }
        .card {
          display: block; background: var(--bg); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.2rem 1.3rem;
          box-shadow: var(--shadow); color: var(--ink); transition: border-color .15s, transform .15s;
        }
        .card:hover { border-color: var(--accent); text-decoration: none; transform: translateY(-1px); }
        .card h2 { font-size: 1.08rem; margin: 0 0 .3rem; }
        .card p { margin: 0 0 .6rem; color: var(--muted); font-size: .92rem; line-height: 1.5; }
        .card .count { font-size: .8rem; color: var(--accent); font-weight: 600; }
        .listing h2 { font-size: 1.25rem; margin: 2rem 0 .2rem; padding-top: .5rem; scroll-margin-top: 5rem; }
        .listing h3 { font-size: 1.02rem; margin: 1.2rem 0 .2rem; color: var(--muted); scroll-margin-top: 5rem; }
        .listing > section > p, .listing section section > p { margin: 0 0 .4rem; color: var(--muted); font-size: .93rem; }
        .listing section section { margin-left: 1rem; padding-left: 1rem; border-left: 2px solid var(--line); }
        .article-list { list-style: none; margin: .4rem 0; padding: 0; columns: 2 20rem; column-gap: 2rem; }
        .article-list li { break-inside: avoid; padding: .25rem 0; }
        .article-list a::before {
          content: ""; display: inline-block; width: 1em; height: 1em; margin-right: .5rem; vertical-align: -.12em;
          background: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='%238a94a6' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'%3E%3Cpath d='M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z'/%3E%3Cpath d='M14 3v5h5M9 13h6M9 17h4'/%3E%3C/svg%3E") no-repeat center / contain;
        }
        .no-results { color: var(--muted); }

        /* Article layout */
        .layout { flex: 1; width: 100%; max-width: 80rem; margin: 0 auto; display: grid; grid-template-columns: 17rem minmax(0, 1fr); gap: 3rem; padding: 0 1.5rem; }
        .sidebar { position: sticky; top: 3.6rem; align-self: start; max-height: calc(100vh - 3.6rem); overflow-y: auto; padding: 1.6rem 0 2rem; font-size: .92rem; }
        .sidebar-title { font-size: .72rem; font-weight: 650; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0 0 .6rem .6rem; }
        .nav-tree, .nav-tree ul { list-style: none; margin: 0; padding: 0; }
        .nav-tree ul { margin-left: .75rem; padding-left: .5rem; border-left: 1px solid var(--line); }
        .nav-tree a { display: block; padding: .28rem .6rem; border-radius: 6px; color: var(--muted); line-height: 1.35; }
        .nav-tree a:hover { background: var(--surface); color: var(--ink); text-decoration: none; }
        .nav-tree .nav-collection > a { color: var(--ink); font-weight: 600; }
        .nav-tree .nav-collection > a::before { content: "▸"; display: inline-block; width: 1em; color: var(--muted); font-size: .8em; }
        .nav-tree .nav-collection.open > a::before { content: "▾"; }
        .nav-tree a[aria-current="page"] { background: var(--accent-soft); color: var(--accent-ink); font-weight: 600; }
        .nav-badge { font-size: .68rem; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; margin-left: .3rem; font-weight: 500; }
        main.article { min-width: 0; padding: 1.6rem 0 4rem; }
        .article-column { max-width: 46rem; }
        .crumbs { list-style: none; display: flex; flex-wrap: wrap; gap: .35rem; margin: 0 0 1rem; padding: 0; font-size: .87rem; color: var(--muted); }
        .crumbs li + li::before { content: "›"; margin-right: .35rem; color: var(--muted); }
        .crumbs a { color: var(--muted); } .crumbs a:hover { color: var(--accent); }
        .article-title { font-size: clamp(1.7rem, 3vw, 2.25rem); line-height: 1.2; letter-spacing: -.02em; margin: 0 0 .6rem; }
        .article-meta { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: 0 0 1.6rem; color: var(--muted); font-size: .87rem; }
        .badge { display: inline-block; font-size: .75rem; font-weight: 600; padding: .1rem .55rem; border-radius: 999px; background: var(--surface-2); color: var(--muted); }
        .badge.draft { background: #fef3c7; color: #92400e; }
        .languages { display: inline-flex; gap: .4rem; }
        .languages a { padding: .05rem .5rem; border: 1px solid var(--line); border-radius: 999px; font-size: .8rem; }
        .languages a[aria-current="page"] { background: var(--accent-soft); border-color: transparent; color: var(--accent-ink); font-weight: 600; }
        .toc { display: none; }
        .toc-title { font-size: .72rem; font-weight: 650; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0 0 .6rem; }
        .toc ul { list-style: none; margin: 0; padding: 0; border-left: 1px solid var(--line); }
        .toc a { display: block; margin-left: -1px; padding: .22rem 0 .22rem .85rem; border-left: 2px solid transparent; color: var(--muted); line-height: 1.35; }
        .toc a:hover { color: var(--ink); border-left-color: var(--muted); text-decoration: none; }
        .toc a.active { color: var(--accent-ink); border-left-color: var(--accent); font-weight: 600; }
        .toc .toc-h3 a { padding-left: 1.7rem; font-size: .95em; }
        @media (min-width: 1180px) {
          .layout.has-toc { grid-template-columns: 16rem minmax(0, 1fr) 13rem; }
          .toc { display: block; position: sticky; top: 3.6rem; align-self: start; max-height: calc(100vh - 3.6rem); overflow-y: auto; padding: 1.9rem 0 2rem; font-size: .85rem; }
        }
        .article-footer { margin-top: 3.5rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; }
        .site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: .82rem; text-align: center; padding: 1.2rem; }

        /* Article body typography */
        .article-body { font-size: 1.02rem; overflow-wrap: break-word; }
        .article-body > :first-child { margin-top: 0; }
        .article-body h2 { font-size: 1.45rem; line-height: 1.3; margin: 2.4rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); scroll-margin-top: 5rem; }
        .article-body h3 { font-size: 1.18rem; margin: 1.9rem 0 .6rem; scroll-margin-top: 5rem; }
        .article-body h4, .article-body h5, .article-body h6 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
        .article-body p, .article-body ul, .article-body ol, .article-body dl { margin: 0 0 1.05rem; }
        .article-body li { margin: .3rem 0; }
        .article-body li > p { margin: 0 0 .4rem; }
        .article-body a { text-decoration: underline; text-decoration-color: color-mix(in srgb, var(--accent) 35%, transparent); text-underline-offset: 2px; }
        .article-body a:hover { text-decoration-color: var(--accent); }
        .article-body img, .article-body video { max-width: 100%; height: auto; border-radius: 8px; border: 1px solid var(--line); box-shadow: var(--shadow); }
        .article-body iframe { max-width: 100%; border: 0; border-radius: 8px; }
        .article-body hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }
        kbd { font: .82em ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; padding: .1em .4em; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; background: var(--surface); }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .87em; background: var(--surface-2); padding: .12em .35em; border-radius: 5px; }
        pre { position: relative; tab-size: 4; background: var(--code-bg); color: var(--code-ink); padding: 1rem 1.1rem; border-radius: var(--radius); overflow-x: auto; line-height: 1.55; margin: 0 0 1.2rem; font-size: .92rem; }
        pre[data-language] { padding-top: 1.9rem; }
        pre[data-language]::before {
          content: attr(data-language); position: absolute; top: .45rem; right: .8rem; font: 600 .68rem/1 system-ui, sans-serif;
          text-transform: uppercase; letter-spacing: .08em; color: #9ca3af;
        }
        pre code { background: none; padding: 0; font-size: inherit; color: inherit; border-radius: 0; }
        .tok-keyword { color: var(--tok-keyword); } .tok-string { color: var(--tok-string); }
        .tok-comment { color: var(--tok-comment); font-style: italic; } .tok-number { color: var(--tok-number); }
        .tok-key { color: var(--tok-key); } .tok-literal { color: var(--tok-literal); } .tok-command { color: var(--tok-command); }
        .article-body table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; margin: 0 0 1.3rem; font-size: .93rem; }
        .article-body th, .article-body td { border: 1px solid var(--line); padding: .5rem .8rem; text-align: left; vertical-align: top; }
        .article-body th { background: var(--surface); font-weight: 600; }
        .article-body tbody tr:nth-child(even) td { background: color-mix(in srgb, var(--surface) 55%, transparent); }
        blockquote { margin: 0 0 1.2rem; padding: .8rem 1.1rem; border-left: 4px solid var(--line); background: var(--surface); border-radius: 0 8px 8px 0; color: var(--ink); }
        blockquote > :first-child { margin-top: 0; } blockquote > :last-child { margin-bottom: 0; }
        .callout { --callout: var(--note); --callout-bg: var(--note-bg); border-left: 4px solid var(--callout); background: var(--callout-bg); }
        .callout-note { --callout: var(--note); --callout-bg: var(--note-bg); }
        .callout-tip { --callout: var(--tip); --callout-bg: var(--tip-bg); }
        .callout-warning { --callout: var(--warning); --callout-bg: var(--warning-bg); }
        .callout-danger { --callout: var(--danger); --callout-bg: var(--danger-bg); }
        blockquote.callout > p:first-child strong:only-child, details.callout > summary strong { color: var(--callout); }
        blockquote.callout > p:first-child:has(> strong:only-child) { margin-bottom: .35rem; }
        details { margin: 0 0 1.2rem; border: 1px solid var(--line); border-radius: 8px; padding: .6rem 1rem; background: var(--surface); }
        details.callout { border: 0; border-left: 4px solid var(--callout); border-radius: 0 8px 8px 0; }
        details > summary { cursor: pointer; font-weight: 600; list-style-position: outside; margin-left: 1rem; }
        details[open] > summary { margin-bottom: .5rem; }
        details > :last-child { margin-bottom: 0; }
        .footnotes { font-size: .9rem; color: var(--muted); }

        /* Small screens: the navigation follows the article. */
        @media (max-width: 860px) {
          .layout { grid-template-columns: minmax(0, 1fr); gap: 0; }
          .sidebar { position: static; max-height: none; order: 2; border-top: 1px solid var(--line); }
          .header-search { width: auto; flex: 1; }
          .site-header-inner:has(.header-search) .brand-text { display: none; }
          .home { margin-top: -1.5rem; }
        }
        @media print { .site-header, .sidebar, .site-footer { display: none; } .layout { display: block; } }
        """#
}
