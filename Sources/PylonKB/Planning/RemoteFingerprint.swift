import Foundation
import PylonHTML

/// Short digests that say whether something changed, independent of how a server serialized
/// HTML.
enum RemoteFingerprint {
    /// SHA-256 (hex) of the canonical form of `html`: what the state file remembers per body.
    static func bodyHash(_ html: String) -> String {
        sha256(CanonicalHTML.canonicalize(html))
    }

    /// Everything about an article a saved plan depends on.
    /// `bodyHash` is `bodyHash(_:)` or a cache of it.
    static func article(
        _ article: RemoteArticle, bodyHash: (String) -> String = RemoteFingerprint.bodyHash
    ) -> String {
        var parts = [
            article.id, article.slug, article.title, article.collectionID ?? "",
            String(article.isPublished), String(article.isUnlisted), article.visibility ?? "",
            article.aiAgentAccess ?? "", article.allowedAgentIDs.joined(separator: ","),
            bodyHash(article.publishedHTML ?? ""), bodyHash(article.draftHTML ?? ""),
        ]
        for language in article.translations.keys.sorted() {
            let translation = article.translations[language]!
            parts += [
                language, translation.title, bodyHash(translation.publishedHTML ?? ""),
                bodyHash(translation.draftHTML ?? ""),
            ]
        }
        return String(sha256(parts.joined(separator: "\u{1F}")).prefix(16))
    }

    static func sha256(_ text: String) -> String {
        ContentHash.sha256(Data(text.utf8))
    }
}

/// The body hash the state file stores, for apply (and tests) to record what was written.
public enum StateHashing {
    public static func bodyHash(_ html: String) -> String { RemoteFingerprint.bodyHash(html) }
}
