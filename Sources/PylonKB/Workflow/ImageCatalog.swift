import Foundation

/// Reads and hashes the images the content shows. An image's identity is the SHA-256 of its
/// bytes, so the same picture used by ten articles (or renamed) is uploaded once.
public enum ImageCatalog {
    public static func hash(paths: Set<String>, root: URL) -> [String: LocalImage] {
        var result: [String: LocalImage] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
            else { continue }
            let digest = ContentHash.sha256(data)
            result[path] = LocalImage(sha256: digest, byteCount: data.count, mediaType: mediaType(of: path))
        }
        return result
    }

    public static func mediaType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "svg": "image/svg+xml"
        case "avif": "image/avif"
        default: "application/octet-stream"
        }
    }
}
