import Foundation

/// The help center the Zendesk fake serves: *Acme Help*, 3 categories, sections nested three
/// deep (and one empty section), 32 articles in `en-us` with French translations (one a
/// draft), drafts, articles restricted to signed-in users, to agents and to a custom segment,
/// labels, a promoted article, tables, code, images in every `src` form Zendesk writes (with
/// and without file name, site-relative with a locale, on a CDN host, the same bytes twice),
/// callouts in theme classes, a video embed, and links between articles in every URL form.
struct ZendeskSeed: @unchecked Sendable {
    static let brokenAttachment = "9009"
    static let firstID = 360_000_000_100

    var categories: [[String: Any]] = []
    var sections: [[String: Any]] = []
    var segments: [[String: Any]] = []
    var articles: [[String: Any]] = []
    var attachments: [String: Data] = [:]
    var cdnImages: [String: Data] = [:]
    /// Attachments answered with a redirect to another host.
    var attachmentRedirects: [String: String] = [:]
    /// Per article id: its English title, slug, source HTML and French HTML (if any).
    var titles: [String: String] = [:]
    var bodies: [String: String] = [:]
    var slugs: [String: String] = [:]
    let host: String

    static let pngs = [
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==",
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAD0lEQVR4nGNgaGAAIQgFAA4OAgFhGn2EAAAAAElFTkSuQmCC",
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAD0lEQVR4nGNgYPgPRmAKABf2A/1+6zfzAAAAAElFTkSuQmCC",
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4cYIBiBggFAAu7gZBqgt8kAAAAABJRU5ErkJggg==",
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAD0lEQVR4nGNgOHEChCAUACiuBkFn2gTLAAAAAElFTkSuQmCC",
    ].map { Data(base64Encoded: $0)! }

    static let topics = [
        "Create your account", "Invite your team", "Set up two-factor authentication",
        "Connect your email inbox",
        "Import contacts from a CSV file", "Configure business hours", "Routing rules explained",
        "Escalation policies", "Write canned replies", "Tag conversations", "Merge duplicate tickets",
        "Service level agreements", "Reporting dashboard tour", "Export reports", "Billing and invoices",
        "Change your plan", "Update payment details", "Request a refund", "Use the REST API",
        "Authenticate API requests", "Webhooks", "Rate limits", "Mobile app for iOS",
        "Mobile app for Android",
        "Keyboard shortcuts", "Notification settings", "Single sign-on with SAML", "Audit log",
        "Data retention", "Delete your account", "Troubleshoot email delivery", "Contact support",
    ]

    init(host: String, cdnHost: String) {
        self.host = host
        categories = [
            [
                "id": 100_001, "name": "Getting started", "description": "First steps with <b>Acme</b>.",
                "position": 0,
            ],
            ["id": 100_002, "name": "Using Acme", "description": "", "position": 1],
            ["id": 100_003, "name": "Account & billing", "description": NSNull(), "position": 2],
        ]
        // Sections; 200_005 is nested in 200_004, 200_006 in 200_005; 200_009 stays empty.
        let sectionRows: [(Int, String, Int, Int?)] = [
            (200_001, "Setup", 100_001, nil), (200_002, "Your team", 100_001, nil),
            (200_003, "Conversations", 100_002, nil), (200_004, "Automation", 100_002, nil),
            (200_005, "Advanced routing", 100_002, 200_004), (200_006, "Developer tools", 100_002, 200_005),
            (200_007, "Billing", 100_003, nil), (200_008, "Security", 100_003, nil),
            (200_009, "Coming soon", 100_003, nil),
        ]
        for (index, row) in sectionRows.enumerated() {
            sections.append([
                "id": row.0, "name": row.1, "category_id": row.2,
                "parent_section_id": row.3 as Any? ?? NSNull(),
                "position": index, "sorting": "manual", "locale": "en-us",
                "html_url":
                    "http://\(host)/hc/en-us/sections/\(row.0)-\(row.1.replacingOccurrences(of: " ", with: "-"))",
            ])
        }
        segments = [
            ["id": 500_001, "name": "Signed-in users", "user_type": "signed_in_users", "built_in": true],
            ["id": 500_002, "name": "Agents and admins", "user_type": "staff", "built_in": true],
            [
                "id": 500_003, "name": "VIP customers", "user_type": "signed_in_users", "built_in": false,
                "tags": ["vip"],
            ],
        ]
        for (index, data) in Self.pngs.enumerated() { attachments[String(9001 + index)] = data }
        attachments["9006"] = Self.pngs[0]  // the same bytes under another id: stored once
        attachments[Self.brokenAttachment] = Self.pngs[1]
        cdnImages["/cdn/banner.png"] = Self.pngs[2]
        // Attachment 9005 has moved to the CDN: the help center redirects there.
        cdnImages["/cdn/moved.png"] = Self.pngs[4]
        attachmentRedirects["9005"] = "http://\(cdnHost)/cdn/moved.png"

        let sectionIDs = [200_001, 200_002, 200_003, 200_004, 200_005, 200_006, 200_007, 200_008]
        let ids = (0..<Self.topics.count).map { Self.firstID + $0 }
        for (index, topic) in Self.topics.enumerated() {
            let id = ids[index]
            let slug = topic.replacingOccurrences(of: " ", with: "-")
            slugs[String(id)] = slug
            titles[String(id)] = topic
            let next = ids[(index + 1) % ids.count]
            let nextURL =
                "http://\(host)/hc/en-us/articles/\(next)-\(Self.topics[(index + 1) % ids.count].replacingOccurrences(of: " ", with: "-"))"
            let body = Self.body(
                index: index, topic: topic, host: host, cdnHost: cdnHost, next: next, nextURL: nextURL)
            bodies[String(id)] = body
            var article: [String: Any] = [
                "id": id, "title": topic, "name": topic, "body": body, "locale": "en-us",
                "source_locale": "en-us",
                "section_id": sectionIDs[index % sectionIDs.count], "draft": [7, 19, 29].contains(index),
                "promoted": index == 0, "position": index, "author_id": 42, "permission_group_id": 7,
                "user_segment_id": NSNull(),
                "label_names": index % 3 == 1 ? ["setup", "billing"] : [String](),
                "html_url": "http://\(host)/hc/en-us/articles/\(id)-\(slug)",
                "outdated_locales": [String](), "vote_sum": 0, "unknown_future_field": ["x": 1],
            ]
            switch index {
            case 10: article["user_segment_id"] = 500_001
            case 11: article["user_segment_id"] = "500002"  // an id as a string: read generously
            case 12: article["user_segment_id"] = 500_003
            default: break
            }
            var translations: [[String: Any]] = [
                [
                    "locale": "en-us", "title": topic, "body": body, "draft": article["draft"]!,
                    "source_id": id,
                ]
            ]
            if index % 4 == 1 || index == 5 {
                translations.append([
                    "locale": "fr", "title": "\(topic) (FR)", "draft": index == 5, "source_id": id,
                    "source_type": "Article",
                    "body":
                        "<p>Ceci est la version française de « \(topic) ».</p><h2>Details</h2><p>Voir <a href=\"/hc/fr/articles/\(next)\">l’article suivant</a>.</p>",
                    "html_url": "http://\(host)/hc/fr/articles/\(id)-\(slug)",
                ])
            }
            article["translations"] = translations
            articles.append(article)
        }
    }

    /// Article `index`'s body: a mix of what help-center articles hold, chosen by its index.
    static func body(index: Int, topic: String, host: String, cdnHost: String, next: Int, nextURL: String)
        -> String
    {
        var html =
            "<p>This article explains how to \(topic.lowercased()) in Acme. It takes a few minutes.</p>"
        html +=
            "<h2>Details</h2><p>Follow these steps:</p><ol><li>Open <strong>Settings</strong>.</li><li>Choose <em>\(topic)</em>.</li></ol>"
        if index % 4 == 0 {
            html +=
                "<table><thead><tr><th>Plan</th><th>Limit</th></tr></thead><tbody><tr><td>Team</td><td>10 seats</td></tr><tr><td>Business</td><td>Unlimited</td></tr></tbody></table>"
        }
        if index % 3 == 0 {
            html +=
                "<pre><code>curl -u admin@acme.test https://api.acme.test/v1/\(index)\n  --data 'x=1'</code></pre>"
        }
        switch index % 5 {
        case 0:
            html += "<p><img src=\"http://\(host)/hc/article_attachments/9001\" alt=\"Settings page\"></p>"
        case 1:
            html +=
                "<p><img src=\"http://\(host)/hc/article_attachments/9002/screen.png\" alt=\"Screen\"></p>"
        case 2: html += "<p><img src=\"/hc/en-us/article_attachments/9003/menu.png\" alt=\"Menu\"></p>"
        case 3:
            html +=
                "<p><img src=\"http://\(host)/hc/article_attachments/9006/copy.png\" alt=\"Copy of settings\"></p>"
        default:
            html += "<p><img src=\"http://\(host)/hc/article_attachments/9005/moved.png\" alt=\"Moved\"></p>"
        }
        if index % 7 == 0 { html += "<p><img src=\"http://\(cdnHost)/cdn/banner.png\" alt=\"Banner\"></p>" }
        if index == 9 {
            html +=
                "<p><img src=\"http://\(host)/hc/article_attachments/\(brokenAttachment)/diagram.png\" alt=\"Diagram\"></p>"
        }
        switch index % 6 {
        case 0:
            html +=
                "<div class=\"callout callout--warning\"><p>Changes apply to <strong>every</strong> agent.</p></div>"
        case 3: html += "<p class=\"note\">Only admins see this setting.</p>"
        default: break
        }
        if index % 8 == 0 {
            html +=
                "<div class=\"video-container\"><iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" width=\"560\" height=\"315\"></iframe></div>"
        }
        let nextSlug = topics[(next - firstID)].replacingOccurrences(of: " ", with: "-")
        let link: String
        switch index % 4 {
        case 0: link = "<a href=\"\(nextURL)\">the next article</a>"
        case 1: link = "<a href=\"/hc/en-us/articles/\(next)\">the next article</a>"
        case 2: link = "<a href=\"/hc/articles/\(next)-\(nextSlug)#details\">the next article</a>"
        default:
            link =
                "<a href=\"http://\(host)/hc/en-us/articles/\(next)-\(nextSlug)#details\">the next article</a>"
        }
        html += "<p>Read \(link) next.</p>"
        if index == 13 {
            html += "<p>See also <a href=\"/hc/en-us/sections/200001-Setup\">the Setup section</a>.</p>"
        }
        return html
    }
}
