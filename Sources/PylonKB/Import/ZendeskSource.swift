import Foundation

/// Reads a Zendesk Guide help center (`/api/v2/help_center/…`): locales, categories, sections
/// (nested through `parent_section_id`), articles with their translations (sideloaded with
/// `include=translations`) and user segments, following cursor pagination
/// (`page[size]`, `meta.has_more`, `meta.after_cursor`). See docs/import.md.
struct ZendeskSource: Sendable {
    let client: VendorClient
    /// Items per page (Zendesk's maximum is 100).
    var pageSize = 100

    /// Every item of a cursor-paginated list. The next page is asked on the API's own origin
    /// with the cursor, never by following a `links.next` that could name another host.
    func list(_ path: String, key: String, query: String = "") async throws -> [LooseJSON] {
        var items: [LooseJSON] = []
        var cursor: String?
        var pages = 0
        repeat {
            var parameters = "page[size]=\(pageSize)"
            if !query.isEmpty { parameters += "&" + query }
            if let cursor {
                parameters +=
                    "&page[after]="
                    + (cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor)
            }
            let page = try await client.getObject(client.url(path + "?" + parameters))
            items += page[key].array
            pages += 1
            let more = page["meta"]["has_more"].bool ?? false
            cursor = more ? page["meta"]["after_cursor"].string : nil
        } while cursor != nil && pages < 10_000
        return items
    }

    func read() async throws -> ImportedHelpCenter {
        let locales = try await client.getObject(client.url("/api/v2/help_center/locales"))
        let sourceLocale = (locales["default_locale"].string ?? "en-us").lowercased()
        var center = ImportedHelpCenter(
            vendor: .zendesk, source: VendorClient.display(client.baseURL), sourceLocale: sourceLocale)

        let categories = try await list("/api/v2/help_center/categories", key: "categories")
        let sections = try await list("/api/v2/help_center/sections", key: "sections")
        let articles = try await list(
            "/api/v2/help_center/articles", key: "articles", query: "include=translations")
        let segments = await readSegments(&center)

        for category in categories {
            guard let id = category["id"].string else { continue }
            center.collections.append(
                ImportedCollection(
                    id: "c\(id)", parentID: nil, title: category["name"].string ?? "Category \(id)",
                    description: category["description"].string, position: category["position"].int))
        }
        for section in sections {
            guard let id = section["id"].string else { continue }
            let parent =
                section["parent_section_id"].string.map { "s\($0)" }
                ?? section["category_id"].string.map { "c\($0)" }
            center.collections.append(
                ImportedCollection(
                    id: "s\(id)", parentID: parent, title: section["name"].string ?? "Section \(id)",
                    description: section["description"].string, position: section["position"].int))
        }
        for article in articles {
            if let imported = importArticle(article, sourceLocale: sourceLocale, segments: segments) {
                center.articles.append(imported)
            }
        }
        return center
    }

    /// User segments by id; without the right to list them (HTTP 403 for agents who do not
    /// manage the help center), restricted articles become `internal_only` and are reported.
    private func readSegments(_ center: inout ImportedHelpCenter) async -> [String: LooseJSON] {
        do {
            var byID: [String: LooseJSON] = [:]
            for segment in try await list("/api/v2/help_center/user_segments", key: "user_segments") {
                if let id = segment["id"].string { byID[id] = segment }
            }
            return byID
        } catch {
            center.notes.append(
                "User segments could not be read (\(error)); every restricted article was imported as internal_only."
            )
            return [:]
        }
    }

    private func importArticle(_ article: LooseJSON, sourceLocale: String, segments: [String: LooseJSON])
        -> ImportedArticle?
    {
        guard let id = article["id"].string else { return nil }
        let locale = (article["locale"].string ?? sourceLocale).lowercased()
        let title = article["title"].string ?? article["name"].string ?? "Article \(id)"
        let original = ImportedBody(
            locale: locale, title: title, html: article["body"].string ?? "",
            draft: article["draft"].bool ?? false, publicURL: article["html_url"].string)
        var imported = ImportedArticle(
            id: id, collectionID: article["section_id"].string.map { "s\($0)" },
            slugHint: Self.slug(fromURL: original.publicURL, id: id) ?? title, original: original)
        for translation in article["translations"].array {
            let translationLocale = (translation["locale"].string ?? "").lowercased()
            guard !translationLocale.isEmpty, translationLocale != locale else { continue }
            imported.translations.append(
                ImportedBody(
                    locale: translationLocale, title: translation["title"].string ?? title,
                    html: translation["body"].string ?? "", draft: translation["draft"].bool ?? false,
                    publicURL: translation["html_url"].string))
        }
        imported.translations.sort { $0.locale < $1.locale }
        imported.tags = article["label_names"].strings
        imported.position = article["position"].int
        imported.promoted = article["promoted"].bool ?? false
        (imported.visibility, imported.visibilityNote) = Self.visibility(of: article, segments: segments)
        for body in [imported.original] + imported.translations {
            guard let url = body.publicURL.flatMap(URL.init(string:)), !url.path.isEmpty else { continue }
            let path = url.path
            if !imported.redirectFrom.contains(path) { imported.redirectFrom.append(path) }
            // The id alone resolves too (`/hc/en-us/articles/123`), and old links use it.
            let idOnly = "/hc/\(body.locale)/articles/\(id)"
            if !imported.redirectFrom.contains(idOnly) { imported.redirectFrom.append(idOnly) }
        }
        return imported
    }

    /// `https://x.zendesk.com/hc/en-us/articles/123-Super-Hero-Tricks` → `Super-Hero-Tricks`.
    static func slug(fromURL url: String?, id: String) -> String? {
        guard let last = url.flatMap(URL.init(string:))?.lastPathComponent, last.hasPrefix(id + "-") else {
            return nil
        }
        let slug = String(last.dropFirst(id.count + 1)).trimmingCharacters(
            in: CharacterSet(charactersIn: "-"))
        return slug.isEmpty ? nil : slug
    }

    /// Everyone → public; the built-in signed-in users → customer; agents and admins (staff) →
    /// internal_only; a segment narrowed by groups, organisations, tags or users has no Pylon
    /// equivalent, so it becomes internal_only (nobody sees more than before) with a note.
    static func visibility(of article: LooseJSON, segments: [String: LooseJSON]) -> (
        ArticleVisibility, String?
    ) {
        var ids = article["user_segment_ids"].strings
        if let single = article["user_segment_id"].string, !ids.contains(single) { ids.append(single) }
        guard !ids.isEmpty else { return (.public, nil) }
        var result: [(ArticleVisibility, String?)] = []
        for id in ids {
            guard let segment = segments[id] else {
                result.append(
                    (
                        .internalOnly,
                        "user segment \(id) could not be read, so the article was imported as internal_only"
                    ))
                continue
            }
            let name = segment["name"].string ?? id
            let userType = segment["user_type"].string ?? ""
            let narrowed =
                !segment["group_ids"].strings.isEmpty || !segment["organization_ids"].strings.isEmpty
                || !segment["tags"].strings.isEmpty || !segment["or_tags"].strings.isEmpty
                || !segment["added_user_ids"].strings.isEmpty
            switch (userType, narrowed) {
            case ("signed_in_users", false): result.append((.customer, nil))
            case ("staff", false): result.append((.internalOnly, nil))
            default:
                result.append(
                    (
                        .internalOnly,
                        "user segment “\(name)” (\(userType.isEmpty ? "unknown audience" : userType), limited to some groups, organisations, tags or users) has no Pylon equivalent, so the article was imported as internal_only"
                    ))
            }
        }
        // Several segments: Zendesk shows the article to anyone in any of them.
        if result.contains(where: { $0.0 == .customer && $0.1 == nil }) { return (.customer, nil) }
        return result.first { $0.1 != nil } ?? result[0]
    }
}
