import Foundation

/// Finds the article a vendor link points at, in every form help centers write them: absolute
/// public URLs on the help center's hosts, site-relative paths with or without a locale, with
/// or without the title slug, with an anchor.
struct ImportLinks: Sendable {
    let vendor: ImportVendor
    /// Hosts the help center is served on (from the articles' public URLs), lowercased.
    let hosts: Set<String>
    /// Known article ids, so a link to something that was not imported stays as written.
    let articleIDs: Set<String>
    /// Help Scout and Intercom name articles by slug or number too: (key → article id).
    var aliases: [String: String] = [:]

    init(center: ImportedHelpCenter) {
        vendor = center.vendor
        var hosts: Set<String> = []
        for article in center.articles {
            for body in [article.original] + article.translations {
                if let host = body.publicURL.flatMap(URL.init(string:))?.host?.lowercased() {
                    hosts.insert(host)
                }
            }
        }
        self.hosts = hosts
        articleIDs = Set(center.articles.map(\.id))
        numbers = center.articleNumbers
    }

    /// Help Scout: article number → id.
    let numbers: [String: String]

    func target(_ href: String) -> ImportedLinkTarget? {
        guard let components = URLComponents(string: href.trimmingCharacters(in: .whitespaces)) else {
            return nil
        }
        if let host = components.host?.lowercased() {
            guard hosts.contains(host) else { return nil }
        } else if components.scheme != nil {
            return nil
        }
        let fragment = components.fragment.map { "#" + $0 } ?? ""
        let path = components.percentEncodedPath
        guard let (written, locale) = Self.article(path, vendor: vendor) ?? alias(path) else { return nil }
        let id = vendor == .helpscout ? numbers[written] ?? written : written
        guard articleIDs.contains(id) else { return nil }
        return ImportedLinkTarget(articleID: id, locale: locale, fragment: fragment)
    }

    /// The article id (and locale) an address on the help center names, in the vendor's form.
    static func article(_ path: String, vendor: ImportVendor) -> (String, String?)? {
        switch vendor {
        case .zendesk: zendeskArticle(path)
        case .intercom: intercomArticle(path)
        case .helpscout: helpScoutArticle(path)
        }
    }

    /// `/article/12-install`, `/article/12` → (12, nil): an article's number, not its id.
    static func helpScoutArticle(_ path: String) -> (String, String?)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 2, parts[0] == "article" else { return nil }
        let number = String(parts[1].prefix { $0.isNumber })
        guard !number.isEmpty, parts[1].count == number.count || parts[1].dropFirst(number.count).first == "-"
        else {
            return nil
        }
        return (number, nil)
    }

    /// `/acme/en/articles/39-title`, `/en/articles/39`, `/articles/39-title` → (39, locale).
    static func intercomArticle(_ path: String) -> (String, String?)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 2, parts[parts.count - 2] == "articles", let last = parts.last else {
            return nil
        }
        let id = String(last.prefix { $0.isNumber })
        guard !id.isEmpty, last.count == id.count || last.dropFirst(id.count).first == "-" else { return nil }
        var locale: String?
        if parts.count >= 3, ImportRun.language(parts[parts.count - 3]) != nil {
            locale = parts[parts.count - 3].lowercased()
        }
        return (id, locale)
    }

    /// `/hc/en-us/articles/123-Title`, `/hc/articles/123`, `/hc/fr/articles/123-x/` → (123, locale).
    static func zendeskArticle(_ path: String) -> (String, String?)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 3, parts[0] == "hc" else { return nil }
        let locale: String?
        let rest: ArraySlice<String>
        if parts[1] == "articles" {
            locale = nil
            rest = parts[2...]
        } else if parts.count >= 4, parts[2] == "articles" {
            locale = parts[1].lowercased()
            rest = parts[3...]
        } else {
            return nil
        }
        guard rest.count == 1, let first = rest.first else { return nil }
        let id = String(first.prefix { $0.isNumber })
        guard !id.isEmpty, first.count == id.count || first.dropFirst(id.count).first == "-" else {
            return nil
        }
        return (id, locale)
    }

    private func alias(_ path: String) -> (String, String?)? {
        aliases[path].map { ($0, nil) }
    }
}
