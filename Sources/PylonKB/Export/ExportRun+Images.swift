import Foundation

/// Downloaded images: each one written once, by its bytes, under a name that says what it is.
extension ExportRun {
    /// Each downloaded image once, by its bytes, in the `images/` folder beside the first
    /// article that shows it; later articles link to that file.
    mutating func placeImages() {
        guard let images = options.images else { return }
        var pathByHash: [String: String] = [:]
        var namingByFolder: [String: ExportNaming] = [:]
        for (article, bodies) in exportedBodies() {
            let folder = self.folder(of: article)
            for body in bodies {
                for src in KnowledgeBaseExporter.imageSources(in: body.html) where imagePaths[src] == nil {
                    guard let data = images[src] else { continue }
                    let hash = ContentHash.sha256(data)
                    if let existing = pathByHash[hash] {
                        imagePaths[src] = existing
                        continue
                    }
                    let (stem, ext) = Self.imageName(src: src, data: data)
                    var naming = namingByFolder[folder] ?? ExportNaming()
                    let name = naming.claimFile(stem: stem, extension: ext, fallback: "image")
                    namingByFolder[folder] = naming
                    let path = (folder.isEmpty ? "" : folder + "/") + "images/" + name
                    pathByHash[hash] = path
                    imagePaths[src] = path
                    files.append(ExportedFile(path: path, contents: data))
                    report.imageCount += 1
                }
            }
        }
    }

    /// A file name stem from the URL's last path component and an extension that says what
    /// the bytes are (pylon-kb tells an image's type by its extension when it uploads it).
    static func imageName(src: String, data: Data) -> (stem: String, ext: String) {
        let last =
            URL(string: src)?.lastPathComponent.removingPercentEncoding
            ?? String(src.split(separator: "/").last ?? "")
        let known = ["png", "jpg", "jpeg", "gif", "webp", "svg", "avif"]
        let urlExtension = (last as NSString).pathExtension.lowercased()
        let stem = (last as NSString).deletingPathExtension
        let ext = known.contains(urlExtension) ? urlExtension : sniffedExtension(data)
        return (stem, ext)
    }

    static func sniffedExtension(_ data: Data) -> String {
        let bytes = [UInt8](data.prefix(12))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "gif" }
        if bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46],
            bytes[8..<12] == [0x57, 0x45, 0x42, 0x50]
        {
            return "webp"
        }
        let head = String(decoding: data.prefix(256), as: UTF8.self).lowercased()
        if head.contains("<svg") || head.hasPrefix("<?xml") { return "svg" }
        return "bin"
    }
}
