import Foundation

/// The workspace the Intercom fake serves: two help centers. *Acme Help* (id 1) has 30
/// articles in three collections, one nested two deep, with French translations (one a
/// draft), drafts, an audience-restricted article, tables, code, images on the CDN with
/// expiring signatures, Intercom callouts and video blocks, and links between articles in
/// several forms; *Acme Developers* (id 2) has two more, which an import of 1 leaves out.
struct IntercomSeed: @unchecked Sendable {
    static let firstID = 7_100

    var helpCenters: [[String: Any]] = []
    var collections: [[String: Any]] = []
    var articles: [[String: Any]] = []
    var images: [String: Data] = [:]
    var titles: [String: String] = [:]
    var bodies: [String: String] = [:]
    /// Public paths of the published articles, by id.
    var paths: [String: [String]] = [:]

    init(site: String) {
        helpCenters = [
            [
                "id": "1", "workspace_id": "w1", "identifier": "acme", "display_name": "Acme Help",
                "website_turned_on": true,
                "url": "http://\(site)/acme",
            ],
            [
                "id": "2", "workspace_id": "w1", "identifier": "acme-dev", "display_name": "Acme Developers",
                "url": "http://\(site)/acme-dev",
            ],
        ]
        collections = [
            [
                "id": "10", "type": "collection", "name": "Getting started", "description": "First steps",
                "help_center_id": 1, "parent_id": NSNull(), "order": 1,
            ],
            [
                "id": "11", "type": "collection", "name": "Using Acme", "description": "",
                "help_center_id": 1, "parent_id": NSNull(), "order": 2,
            ],
            [
                "id": "12", "type": "collection", "name": "Billing", "help_center_id": "1",
                "parent_id": NSNull(), "order": 3,
            ],
            [
                "id": "13", "type": "collection", "name": "Automation", "help_center_id": NSNull(),
                "parent_id": "11", "order": 1,
            ],
            [
                "id": "14", "type": "collection", "name": "Developer tools", "help_center_id": NSNull(),
                "parent_id": 13, "order": 1,
            ],
            [
                "id": "20", "type": "collection", "name": "API reference", "help_center_id": 2,
                "parent_id": NSNull(), "order": 1,
            ],
        ]
        images["/i/o/1/settings.png"] = ZendeskSeed.pngs[0]
        images["/i/o/2/menu.png"] = ZendeskSeed.pngs[3]
        let topics = ZendeskSeed.topics
        let parents = [10, 11, 12, 13, 14]
        for (index, topic) in topics.enumerated() {
            let id = String(Self.firstID + index)
            let slug = topic.lowercased().replacingOccurrences(of: " ", with: "-")
            let draft = [6, 17].contains(index)
            let center = index < 30 ? "acme" : "acme-dev"
            let next = String(Self.firstID + (index + 1) % 30)
            let nextSlug = topics[(index + 1) % 30].lowercased().replacingOccurrences(of: " ", with: "-")
            let body = Self.body(index: index, topic: topic, site: site, next: next, nextSlug: nextSlug)
            titles[id] = topic
            bodies[id] = body
            let url = draft ? nil : "http://\(site)/\(center)/en/articles/\(id)-\(slug)"
            var translated: [String: Any] = [
                "type": "article_translated_content",
                "en": [
                    "type": "article_content", "title": topic, "body": body,
                    "state": draft ? "draft" : "published", "url": url as Any,
                ],
            ]
            if index % 5 == 1 || index == 8, index < 30 {
                let french =
                    "<p class=\"no-margin\">Version française de « \(topic) ».</p><h2 id=\"h_fr\">Details</h2><p class=\"no-margin\">Voir <a href=\"http://\(site)/acme/fr/articles/\(next)-\(nextSlug)\">l’article suivant</a>.</p>"
                translated["fr"] = [
                    "type": "article_content", "title": "\(topic) (FR)", "body": french,
                    "state": index == 8 ? "draft" : "published",
                    "url": index == 8 ? NSNull() : "http://\(site)/acme/fr/articles/\(id)-\(slug)" as Any,
                    "created_at": 1_672_928_359,
                ]
            }
            var article: [String: Any] = [
                "type": "article", "id": id, "workspace_id": "w1", "title": topic, "description": "",
                "body": body,
                "author_id": 991, "state": draft ? "draft" : "published", "created_at": 1_672_928_359,
                "updated_at": 1_672_928_610, "url": url as Any, "default_locale": "en",
                "parent_ids": index < 30 ? [parents[index % parents.count]] : [20],
                "translated_content": translated,
            ]
            if index == 12 { article["audience_ids"] = [31] }
            articles.append(article)
            if let url, let path = URL(string: url)?.path {
                paths[id] =
                    [path]
                    + ((translated["fr"] as? [String: Any])?["url"] as? String).flatMap {
                        URL(string: $0)?.path
                    }.map { [$0] }.orEmpty
            }
        }
    }

    static func body(index: Int, topic: String, site: String, next: String, nextSlug: String) -> String {
        var html = "<p class=\"no-margin\">How to \(topic.lowercased()) in Acme, step by step.</p>"
        html +=
            "<h2 id=\"h_\(index)\">Details</h2><ol><li><p class=\"no-margin\">Open <b>Settings</b>.</p></li><li><p class=\"no-margin\">Choose <i>\(topic)</i>.</p></li></ol>"
        if index % 4 == 0 {
            html +=
                "<table><thead><tr><th>Plan</th><th>Seats</th></tr></thead><tbody><tr><td>Starter</td><td>5</td></tr></tbody></table>"
        }
        if index % 3 == 0 { html += "<pre><code>acme login --workspace w\(index)</code></pre>" }
        switch index % 4 {
        case 0:
            html +=
                "<div class=\"intercom-container\"><img src=\"http://\(site)/i/o/1/settings.png?expires=1900000000&amp;signature=ab12\" alt=\"Settings\"></div>"
        case 2:
            html +=
                "<div class=\"intercom-container\"><p><img src=\"http://\(site)/i/o/2/menu.png?expires=1900000000&amp;signature=cd34\" alt=\"Menu\"></p></div>"
        default: break
        }
        if index % 5 == 0 {
            html +=
                "<div class=\"intercom-interblocks-callout\" style=\"background-color: #feedaf80; border-color: #fbc91633;\"><p class=\"no-margin\">Only admins can change this.</p></div>"
        }
        if index % 7 == 0 {
            html +=
                "<div class=\"intercom-container intercom-interblocks-video\"><iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" frameborder=\"0\" allowfullscreen></iframe></div>"
        }
        let link: String
        switch index % 3 {
        case 0: link = "http://\(site)/acme/en/articles/\(next)-\(nextSlug)"
        case 1: link = "/acme/en/articles/\(next)"
        // An anchor is one of Intercom's heading ids.
        default: link = "http://\(site)/acme/en/articles/\(next)-\(nextSlug)#h_\((index + 1) % 30)"
        }
        html += "<p class=\"no-margin\">Next: <a href=\"\(link)\" target=\"_blank\">the next article</a>.</p>"
        return html
    }
}

extension Optional where Wrapped == [String] {
    fileprivate var orEmpty: [String] { self ?? [] }
}
