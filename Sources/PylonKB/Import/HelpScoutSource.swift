import Foundation

/// Reads a Help Scout Docs site (`/v1/…`): the site (one chosen when the account has several),
/// its collections (private ones become `internal_only`), their categories (sub-collections),
/// every article with its body, and the site's redirects, with page-numbered lists
/// (`page`, `pages`, `items`). See docs/import.md.
struct HelpScoutSource: Sendable {
    let client: VendorClient
    /// The site to import (`--site`), required when there are several.
    let siteID: String?

    /// Every item of a list; `key` is the envelope's key (`collections`), or nil for the sites
    /// list, which comes with or without one.
    func list(_ path: String, key: String?, query: String = "") async throws -> [LooseJSON] {
        var items: [LooseJSON] = []
        var page = 1
        while page <= 10_000 {
            let answer = try await client.getObject(
                client.url(path + "?page=\(page)" + (query.isEmpty ? "" : "&" + query)))
            let body =
                key.map { answer[$0] }
                ?? (answer["items"].value != nil ? answer : answer[answer.keys.first ?? ""])
            items += body["items"].array
            guard let pages = body["pages"].int, page < pages else { break }
            page += 1
        }
        return items
    }

    func read() async throws -> ImportedHelpCenter {
        let sites = try await list("/v1/sites", key: nil)
        let site = try choose(sites)
        guard let siteKey = site["id"].string else {
            throw ImportFailure.choose("Help Scout answered a site without an id; nothing was written.")
        }
        let title = site["title"].string ?? site["companyName"].string ?? site["subDomain"].string ?? siteKey
        var center = ImportedHelpCenter(
            vendor: .helpscout, source: VendorClient.display(client.baseURL) + " (\(title))",
            sourceLocale: "en")

        var categoryIDs: Set<String> = []
        var refs: [LooseJSON] = []
        for collection in try await list("/v1/collections", key: "collections", query: "siteId=\(siteKey)") {
            guard let id = collection["id"].string else { continue }
            let isPrivate = collection["visibility"].string == "private"
            center.collections.append(
                ImportedCollection(
                    id: id, parentID: nil, title: collection["name"].string ?? "Collection \(id)",
                    description: collection["description"].string, position: collection["order"].int,
                    visibility: isPrivate ? .internalOnly : nil))
            for category in try await list("/v1/collections/\(id)/categories", key: "categories") {
                guard let categoryID = category["id"].string, !Self.isUncategorized(category) else {
                    continue
                }
                categoryIDs.insert(categoryID)
                center.collections.append(
                    ImportedCollection(
                        id: categoryID, parentID: id,
                        title: category["name"].string ?? "Category \(categoryID)",
                        description: category["description"].string, position: category["order"].int,
                        visibility: isPrivate ? .internalOnly : nil))
            }
            refs += try await list(
                "/v1/collections/\(id)/articles", key: "articles", query: "status=all&pageSize=100")
        }
        var seen: Set<String> = []
        for ref in refs {
            guard let id = ref["id"].string, seen.insert(id).inserted else { continue }
            let article = try await client.getObject(client.url("/v1/articles/\(id)"))["article"]
            center.articles.append(importArticle(article, ref: ref, categories: categoryIDs, center: &center))
        }
        readRedirects(try await list("/v1/redirects/site/\(siteKey)", key: "redirects"), into: &center)
        return center
    }

    private func choose(_ sites: [LooseJSON]) throws -> LooseJSON {
        let described = sites.map {
            "\($0["id"].string ?? "?") (\($0["title"].string ?? $0["subDomain"].string ?? "untitled"))"
        }.joined(separator: ", ")
        if let siteID {
            guard
                let match = sites.first(where: {
                    $0["id"].string == siteID || $0["subDomain"].string == siteID
                })
            else {
                throw ImportFailure.choose("Help Scout has no Docs site \(siteID). It has: \(described).")
            }
            return match
        }
        guard sites.count == 1 else {
            throw ImportFailure.choose(
                sites.isEmpty
                    ? "This Help Scout account has no Docs site the API key can read."
                    : "This Help Scout account has \(sites.count) Docs sites: \(described). Choose one with --site ID."
            )
        }
        return sites[0]
    }

    /// Articles without a category live in an automatic "Uncategorized" one: the collection.
    static func isUncategorized(_ category: LooseJSON) -> Bool {
        (category["slug"].string ?? "").lowercased() == "uncategorized"
            || (category["name"].string ?? "").lowercased() == "uncategorized"
    }

    private func importArticle(
        _ article: LooseJSON, ref: LooseJSON, categories: Set<String>, center: inout ImportedHelpCenter
    ) -> ImportedArticle {
        let id = article["id"].string ?? ref["id"].string ?? ""
        let title = article["name"].string ?? ref["name"].string ?? "Article \(id)"
        let url = article["publicUrl"].string ?? ref["publicUrl"].string
        let status = article["status"].string ?? ref["status"].string ?? "published"
        let body = ImportedBody(
            locale: "en", title: title, html: article["text"].string ?? "", draft: status != "published",
            publicURL: url)
        let placed = article["categories"].strings.filter(categories.contains)
        let collectionID = article["collectionId"].string ?? ref["collectionId"].string
        var imported = ImportedArticle(
            id: id, collectionID: placed.first ?? collectionID,
            slugHint: article["slug"].string ?? ref["slug"].string ?? title, original: body)
        if let collectionID,
            center.collections.first(where: { $0.id == collectionID })?.visibility == .internalOnly
        {
            // A private collection is seen in Help Scout's admin only.
            imported.visibility = .internalOnly
        }
        if placed.count > 1 {
            center.notes.append(
                "“\(title)” is in \(placed.count) Help Scout categories; a pylon-kb article has one place, so it was imported into the first."
            )
        }
        if article["hasDraft"].bool == true {
            center.notes.append(
                "“\(title)” has unpublished draft changes in Help Scout; the published text was imported.")
        }
        if let number = article["number"].string ?? ref["number"].string {
            center.articleNumbers[number] = id
            if let path = url.flatMap(URL.init(string:))?.path, !path.isEmpty, !body.draft {
                imported.redirectFrom.append(path)
                if path != "/article/\(number)" { imported.redirectFrom.append("/article/\(number)") }
            }
        }
        return imported
    }

    /// Redirects to an article go to its `redirect_from`; the others have no Pylon target.
    private func readRedirects(_ redirects: [LooseJSON], into center: inout ImportedHelpCenter) {
        var skipped: [String] = []
        for redirect in redirects {
            guard let from = redirect["urlMapping"].string, from.hasPrefix("/") else { continue }
            if redirect["type"].string == "article", let target = redirect["documentId"].string,
                let index = center.articles.firstIndex(where: { $0.id == target })
            {
                if !center.articles[index].redirectFrom.contains(from) {
                    center.articles[index].redirectFrom.append(from)
                }
            } else {
                skipped.append("\(from) (\(redirect["type"].string ?? "custom"))")
            }
        }
        if !skipped.isEmpty {
            center.notes.append(
                "\(skipped.count) Help Scout redirects point at a collection, a category or another address, which Pylon redirects cannot target; recreate them at your domain if needed: \(skipped.sorted().joined(separator: ", "))."
            )
        }
    }
}
