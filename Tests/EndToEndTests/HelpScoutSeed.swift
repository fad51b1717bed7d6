import Foundation

/// The account the Help Scout fake serves: two Docs sites. *Acme Docs* has a public and a
/// private collection, categories (with an automatic "Uncategorized" one and an article in two
/// categories), 30 articles, two of them not published and one with a pending draft, tables,
/// code, CDN images, callout boxes in each colour, a video, links by article number, and
/// redirects of every type.
struct HelpScoutSeed: @unchecked Sendable {
    static let siteID = "5214a1c2e4b0f9d1a2b3c4d5"

    var sites: [[String: Any]] = []
    var collections: [[String: Any]] = []
    var categories: [[String: Any]] = []
    var articles: [[String: Any]] = []
    var redirects: [[String: Any]] = []
    var images: [String: Data] = [:]
    var titles: [String: String] = [:]
    var bodies: [String: String] = [:]
    /// Old public paths of the published articles, by id.
    var paths: [String: [String]] = [:]

    init(site: String) {
        sites = [
            [
                "id": Self.siteID, "status": "active", "subDomain": "acme", "cname": NSNull(),
                "hasPublicSite": true, "title": "Acme Docs",
            ],
            [
                "id": "5214ffffe4b0f9d1a2b3c4d5", "status": "active", "subDomain": "acme-labs",
                "hasPublicSite": false, "title": "Acme Labs",
            ],
        ]
        collections = [
            [
                "id": "c1", "siteId": Self.siteID, "number": 1, "slug": "getting-started",
                "visibility": "public", "order": 1, "name": "Getting started", "description": "The basics",
            ],
            [
                "id": "c2", "siteId": Self.siteID, "number": 2, "slug": "admin-guide",
                "visibility": "private", "order": 2, "name": "Admin guide", "description": NSNull(),
            ],
            [
                "id": "c9", "siteId": "5214ffffe4b0f9d1a2b3c4d5", "number": 9, "slug": "labs",
                "visibility": "public", "order": 1, "name": "Labs",
            ],
        ]
        categories = [
            [
                "id": "k0", "number": 10, "slug": "uncategorized", "name": "Uncategorized",
                "collectionId": "c1", "order": 0,
            ],
            [
                "id": "k1", "number": 11, "slug": "basics", "name": "Basics", "collectionId": "c1",
                "order": 1, "defaultSort": "custom",
            ],
            [
                "id": "k2", "number": 12, "slug": "advanced", "name": "Advanced", "collectionId": "c1",
                "order": 2,
            ],
            [
                "id": "k3", "number": 13, "slug": "security", "name": "Security", "collectionId": "c2",
                "order": 1,
            ],
            [
                "id": "k4", "number": 14, "slug": "uncategorized", "name": "Uncategorized",
                "collectionId": "c2", "order": 0,
            ],
        ]
        images["/docs/assets/s1/images/i1/file-a1.png"] = ZendeskSeed.pngs[1]
        images["/docs/assets/s1/images/i2/file-b2.png"] = ZendeskSeed.pngs[4]
        let topics = Array(ZendeskSeed.topics.prefix(30))
        func slug(_ text: String) -> String { text.lowercased().replacingOccurrences(of: " ", with: "-") }
        for (index, topic) in topics.enumerated() {
            let id = String(format: "5f0a%020x", index + 1)
            let number = 100 + index
            let nextIndex = (index + 1) % topics.count
            let body = Self.body(
                index: index, topic: topic, site: site, nextNumber: 100 + nextIndex,
                nextSlug: slug(topics[nextIndex]))
            let collection = index < 20 ? "c1" : "c2"
            var placed: [String]
            if collection == "c1" {
                placed = [["k1"], ["k2"], ["k0"]][index % 3]
                if index == 4 { placed = ["k1", "k2"] }
            } else {
                placed = index % 2 == 0 ? ["k3"] : ["k4"]
            }
            let published = ![5, 15].contains(index)
            let url = "http://\(site)/article/\(number)-\(slug(topic))"
            titles[id] = topic
            bodies[id] = body
            articles.append([
                "id": id, "number": number, "collectionId": collection, "slug": slug(topic),
                "status": published ? "published" : "notpublished", "hasDraft": index == 7, "name": topic,
                "publicUrl": url, "popularity": 3.5, "viewCount": 10 * index, "createdBy": 1,
                "updatedBy": NSNull(),
                "createdAt": "2024-01-02T10:00:00Z", "updatedAt": NSNull(),
                "lastPublishedAt": "2024-01-03T10:00:00Z",
                "text": body, "categories": placed, "related": [String](), "keywords": ["acme"],
            ])
            if published { paths[id] = ["/article/\(number)-\(slug(topic))", "/article/\(number)"] }
        }
        let first = articles[0]["id"] as! String
        paths[first, default: []].append("/old/install-guide")
        redirects = [
            [
                "id": "r1", "siteId": Self.siteID, "urlMapping": "/old/install-guide", "type": "article",
                "documentId": first, "redirect": "http://\(site)/article/100-create-your-account",
            ],
            [
                "id": "r2", "siteId": Self.siteID, "urlMapping": "/old/start", "type": "collection",
                "documentId": "c1", "redirect": "http://\(site)/collection/1-getting-started",
            ],
            [
                "id": "r3", "siteId": Self.siteID, "urlMapping": "/old/basics", "type": "category",
                "documentId": "k1", "redirect": "http://\(site)/category/11-basics",
            ],
            [
                "id": "r4", "siteId": Self.siteID, "urlMapping": "/blog", "type": "custom", "documentId": "",
                "redirect": "https://blog.acme.test/",
            ],
        ]
    }

    static func body(index: Int, topic: String, site: String, nextNumber: Int, nextSlug: String) -> String {
        var html =
            "<p>To \(topic.lowercased()), follow this guide.</p><h2>Details</h2><ul><li>Open <strong>Settings</strong>.</li><li>Pick <em>\(topic)</em>.</li></ul>"
        if index % 4 == 1 {
            html +=
                "<table><thead><tr><th>Role</th><th>Access</th></tr></thead><tbody><tr><td>Owner</td><td>Everything</td></tr></tbody></table>"
        }
        if index % 3 == 2 { html += "<pre><code>acme sync --all</code></pre>" }
        switch index % 5 {
        case 0:
            html +=
                "<p><img src=\"http://\(site)/docs/assets/s1/images/i1/file-a1.png\" alt=\"Screenshot\"></p>"
        case 3:
            html += "<p><img src=\"http://\(site)/docs/assets/s1/images/i2/file-b2.png\" alt=\"Diagram\"></p>"
        default: break
        }
        let colours = ["callout-yellow", "callout-blue", "callout-red", "callout-green"]
        if index % 3 == 0 {
            let element = index % 2 == 0 ? "section" : "div"
            html +=
                "<\(element) class=\"\(colours[index % 4])\"><p>Keep your API key secret.</p></\(element)>"
        }
        if index == 9 {
            html +=
                "<iframe src=\"https://player.vimeo.com/video/76979871\" width=\"640\" height=\"360\" allowfullscreen></iframe>"
        }
        let link =
            index % 2 == 0
            ? "/article/\(nextNumber)-\(nextSlug)" : "http://\(site)/article/\(nextNumber)#details"
        html += "<p>Then read <a href=\"\(link)\">the next article</a>.</p>"
        return html
    }
}
