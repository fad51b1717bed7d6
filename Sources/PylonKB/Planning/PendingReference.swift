import Foundation

/// Placeholders the planner writes into article HTML for things that exist only once `apply`
/// has run: the URL of an article created in the same run, the URL of an image not yet
/// uploaded. Apply replaces them before anything is sent; they never reach Pylon.
public enum PendingReference {
    static let articlePrefix = "pylon-kb-pending:"
    static let imagePrefix = "pylon-kb-image:"

    public static func article(_ sourcePath: String) -> String { articlePrefix + sourcePath }
    public static func image(sha256: String) -> String { imagePrefix + sha256 }

    /// The source paths of articles `html` links to by placeholder.
    public static func pendingArticles(in html: String) -> Set<String> {
        values(after: "href=\"" + articlePrefix, in: html)
    }

    /// The image hashes `html` shows by placeholder.
    public static func pendingImages(in html: String) -> Set<String> {
        values(after: "src=\"" + imagePrefix, in: html)
    }

    /// Replaces every placeholder that `articleURL`/`imageURL` can answer. Unanswered article
    /// links lose their `href` only if `dropUnresolved` (used for a first create whose target
    /// does not exist yet; a second pass patches the real link in).
    public static func resolve(
        _ html: String, articleURL: (String) -> String?, imageURL: (String) -> String?,
        dropUnresolved: Bool
    ) -> String {
        var output = html
        for path in pendingArticles(in: html) {
            let placeholder = articlePrefix + path
            if let url = articleURL(path) {
                output = output.replacingAll(placeholder, with: url)
            } else if dropUnresolved {
                // Keep the anchor (if any) so the link still points somewhere harmless.
                output = output.replacingAll(placeholder, with: "")
            }
        }
        for hash in pendingImages(in: html) {
            if let url = imageURL(hash) { output = output.replacingAll(imagePrefix + hash, with: url) }
        }
        return output
    }

    private static func values(after marker: String, in html: String) -> Set<String> {
        var result = Set<String>()
        var searchStart = html.startIndex
        while let range = html.range(of: marker, range: searchStart..<html.endIndex) {
            let valueStart = range.upperBound
            let end = html[valueStart...].firstIndex { $0 == "\"" || $0 == "#" } ?? html.endIndex
            result.insert(String(html[valueStart..<end]))
            searchStart = end
        }
        return result
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        // A byte search: Foundation's `contains` goes through CFStringFind, and planning asks
        // this of every line of every diff.
        guard !target.isEmpty, containsBytes(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    /// Whether `needle`'s UTF-8 bytes occur in this string's.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        let pattern = Array(needle.utf8)
        return haystack.withUTF8 { $0.firstOffset(of: pattern, from: 0) != nil }
    }

    func range(of needle: String, range: Range<String.Index>) -> Range<String.Index>? {
        self[range].range(of: needle)
    }
}
