import Foundation

/// Reads an Intercom help center (`Intercom-Version: 2.16`): help centers (one chosen when the
/// workspace has several), collections nested through `parent_id`, and articles with their
/// `translated_content`, following offset pagination (`page`, `per_page`, `pages.next`,
/// also the cursor form `pages.next.starting_after`). See docs/import.md.
struct IntercomSource: Sendable {
    let client: VendorClient
    /// The help center to import (`--help-center`), required when there are several.
    let helpCenterID: String?
    var pageSize = 50

    static let version = "2.16"

    /// Every item of a paginated list; the next page is always asked on the API's own origin.
    func list(_ path: String) async throws -> [LooseJSON] {
        var items: [LooseJSON] = []
        var page = 1
        var startingAfter: String?
        while page <= 10_000 {
            var query = "per_page=\(pageSize)&page=\(page)"
            if let startingAfter {
                query =
                    "per_page=\(pageSize)&starting_after="
                    + (startingAfter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
                        ?? startingAfter)
            }
            let answer = try await client.getObject(client.url(path + "?" + query))
            items += answer["data"].array
            let pages = answer["pages"]
            let next = pages["next"]
            if let cursor = next["starting_after"].string {
                startingAfter = cursor
            } else if next.string != nil {
                startingAfter = nil
            } else if let total = pages["total_pages"].int, (pages["page"].int ?? page) < total {
                startingAfter = nil
            } else {
                break
            }
            page += 1
        }
        return items
    }

    func read() async throws -> ImportedHelpCenter {
        let centers = try await client.getObject(client.url("/help_center/help_centers"))["data"].array
        let chosen = try choose(centers)
        let centerID = chosen?["id"].string
        let name = chosen?["display_name"].string ?? chosen?["identifier"].string ?? "help center"
        var center = ImportedHelpCenter(
            vendor: .intercom, source: VendorClient.display(client.baseURL) + " (\(name))", sourceLocale: "en"
        )

        let collections = try await list("/help_center/collections")
        var parents: [String: String?] = [:]
        var roots: [String: String?] = [:]
        for collection in collections {
            guard let id = collection["id"].string else { continue }
            parents[id] = collection["parent_id"].string
            roots[id] = collection["help_center_id"].string
        }
        /// The help center a collection belongs to, from its own field or its top ancestor's.
        func helpCenter(of id: String) -> String? {
            var current: String? = id
            var steps = 0
            while let id = current, steps < 100 {
                if let root = roots[id] ?? nil { return root }
                current = parents[id] ?? nil
                steps += 1
            }
            return nil
        }
        var kept: Set<String> = []
        for collection in collections {
            guard let id = collection["id"].string else { continue }
            if let centerID, centers.count > 1, helpCenter(of: id) != centerID { continue }
            kept.insert(id)
            center.collections.append(
                ImportedCollection(
                    id: id, parentID: collection["parent_id"].string,
                    title: collection["name"].string ?? "Collection \(id)",
                    description: collection["description"].string, position: collection["order"].int))
        }
        var locales: Set<String> = []
        for article in try await list("/articles") {
            let parentIDs = article["parent_ids"].strings + [article["parent_id"].string].compactMap { $0 }
            if centers.count > 1, !parentIDs.contains(where: kept.contains) { continue }
            guard let imported = importArticle(article, collections: kept, parents: parentIDs) else {
                continue
            }
            locales.insert(imported.original.locale)
            center.articles.append(imported)
        }
        center.sourceLocale =
            locales.count == 1
            ? locales.first! : (locales.contains("en") ? "en" : locales.sorted().first ?? "en")
        if centers.count > 1, center.articles.isEmpty {
            center.notes.append("The help center “\(name)” has no articles in a collection.")
        }
        return center
    }

    /// The help center `--help-center` names, the only one there is, or a failure listing them.
    private func choose(_ centers: [LooseJSON]) throws -> LooseJSON? {
        if let helpCenterID {
            guard
                let match = centers.first(where: {
                    $0["id"].string == helpCenterID || $0["identifier"].string == helpCenterID
                })
            else {
                throw ImportFailure.choose(
                    "Intercom has no help center \(helpCenterID). It has: \(Self.describe(centers)).")
            }
            return match
        }
        guard centers.count <= 1 else {
            throw ImportFailure.choose(
                "This Intercom workspace has \(centers.count) help centers: \(Self.describe(centers)). Choose one with --help-center ID."
            )
        }
        return centers.first
    }

    static func describe(_ centers: [LooseJSON]) -> String {
        centers.map {
            "\($0["id"].string ?? "?") (\($0["display_name"].string ?? $0["identifier"].string ?? "unnamed"))"
        }
        .joined(separator: ", ")
    }

    private func importArticle(_ article: LooseJSON, collections: Set<String>, parents: [String])
        -> ImportedArticle?
    {
        guard let id = article["id"].string else { return nil }
        let translated = article["translated_content"]
        let defaultLocale = article["default_locale"].string ?? "en"
        let title = article["title"].string ?? "Article \(id)"
        let original = ImportedBody(
            locale: defaultLocale, title: title, html: article["body"].string ?? "",
            draft: article["state"].string != "published", publicURL: article["url"].string)
        var imported = ImportedArticle(
            id: id, collectionID: parents.first(where: collections.contains),
            slugHint: Self.slug(fromURL: original.publicURL, id: id) ?? title, original: original)
        for locale in translated.keys where locale != "type" && locale != defaultLocale {
            let content = translated[locale]
            guard content.isObject,
                let body = content["body"].string ?? content["title"].string.map({ _ in "" })
            else {
                continue
            }
            imported.translations.append(
                ImportedBody(
                    locale: locale, title: content["title"].string ?? title, html: body,
                    draft: content["state"].string != "published", publicURL: content["url"].string))
        }
        if !article["audience_ids"].strings.isEmpty {
            imported.visibilityNote =
                "Intercom audiences (\(article["audience_ids"].strings.joined(separator: ", "))) have no Pylon equivalent; the article was imported as public. Set `visibility:` if it was meant for some readers only"
        }
        for body in [imported.original] + imported.translations {
            guard let path = body.publicURL.flatMap(URL.init(string:))?.path, !path.isEmpty else { continue }
            if !imported.redirectFrom.contains(path) { imported.redirectFrom.append(path) }
        }
        return imported
    }

    /// `https://intercom.help/acme/en/articles/39-this-is-the-title` → `this-is-the-title`.
    static func slug(fromURL url: String?, id: String) -> String? {
        ZendeskSource.slug(fromURL: url, id: id)
    }
}
