import Foundation

/// `checks: images`: an image file the Markdown shows that browsers cannot show (not a PNG,
/// JPEG, GIF, WebP, SVG or AVIF by its first bytes), that is larger than `max_size`, or whose
/// extension names another format than its content (a `.png` that is a JPEG: served with the
/// wrong type, some browsers and CDNs refuse it). Each file is read once, however many pages
/// show it; each reference is reported at its own line.
enum ImageFileCheck {
    /// What one image file is.
    struct Inspection: Sendable, Equatable {
        var format: ImageFormat?
        var byteCount: Int
    }

    static func diagnostics(
        pages: [ContentChecker.Page], tree: ContentTree, settings: CheckSettings
    ) -> [Diagnostic] {
        guard settings.level(of: .images) != .off else { return [] }
        var inspections: [String: Inspection?] = [:]
        var diagnostics: [Diagnostic] = []
        for page in pages {
            for image in page.rendered.images {
                guard let path = image.path, tree.files.contains(path) else { continue }
                if inspections[path] == nil {
                    inspections[path] = .some(inspect(tree.root.appendingPathComponent(path)))
                }
                guard let inspection = inspections[path] ?? nil else { continue }
                for problem in problems(
                    image.source, path: path, inspection, maximumBytes: settings.imageMaximumBytes)
                {
                    if let diagnostic = settings.diagnostic(.images, page.path, line: image.line, problem) {
                        diagnostics.append(diagnostic)
                    }
                }
            }
        }
        return diagnostics
    }

    /// Reads the size and the first bytes; nil when the file cannot be read (another check
    /// reports a missing file).
    static func inspect(_ url: URL) -> Inspection? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        try? handle.seek(toOffset: 0)
        let head = (try? handle.read(upToCount: 1024)) ?? Data()
        return Inspection(format: ImageFormat.sniff(head), byteCount: Int(size))
    }

    static func problems(_ source: String, path: String, _ inspection: Inspection, maximumBytes: Int)
        -> [String]
    {
        var problems: [String] = []
        guard let format = inspection.format else {
            return [
                "The image `\(source)` (\(path)) is not a PNG, JPEG, GIF, WebP, SVG or AVIF file (its first bytes are none of theirs), so readers would see a broken image; export it again in one of those formats."
            ]
        }
        if inspection.byteCount > maximumBytes {
            problems.append(
                "The image `\(source)` is \(megabytes(inspection.byteCount)), more than the \(megabytes(maximumBytes)) allowed (`checks: images: max_size`), so the page loads slowly; compress or resize it."
            )
        }
        let named = ImageFormat(fileExtension: (path as NSString).pathExtension)
        if let named, named != format {
            problems.append(
                "The image `\(source)` is a \(format.name) file but its name ends in .\((path as NSString).pathExtension), so it is served with the wrong type; rename it to .\(format.preferredExtension) and update its links."
            )
        }
        return problems
    }

    /// "10 MB", "2.5 MB", "512 KB" (decimal, as `max_size` reads them).
    static func megabytes(_ bytes: Int) -> String {
        if bytes < 1_000_000 { return "\(format(Double(bytes) / 1e3)) KB" }
        return "\(format(Double(bytes) / 1e6)) MB"
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Image formats browsers show, told apart by their first bytes.
enum ImageFormat: Sendable, Equatable, CaseIterable {
    case png, jpeg, gif, webp, svg, avif, bmp, icon

    var name: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .gif: "GIF"
        case .webp: "WebP"
        case .svg: "SVG"
        case .avif: "AVIF"
        case .bmp: "BMP"
        case .icon: "ICO"
        }
    }

    var preferredExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .gif: "gif"
        case .webp: "webp"
        case .svg: "svg"
        case .avif: "avif"
        case .bmp: "bmp"
        case .icon: "ico"
        }
    }

    /// The format an extension names; nil for one that names no image format.
    init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg", "jpe", "jfif": self = .jpeg
        case "gif": self = .gif
        case "webp": self = .webp
        case "svg": self = .svg
        case "avif": self = .avif
        case "bmp": self = .bmp
        case "ico": self = .icon
        default: return nil
        }
    }

    /// The format of a file starting with `head` (its first kilobyte is plenty).
    static func sniff(_ head: Data) -> ImageFormat? {
        let bytes = [UInt8](head)
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("ftyp".utf8), at: 4), starts(Array("avi".utf8), at: 8) { return .avif }
        if starts([0x42, 0x4D]), bytes.count >= 14 { return .bmp }
        if starts([0x00, 0x00, 0x01, 0x00]) { return .icon }
        // SVG is text: an `<svg` element near the start, after an XML declaration, comments or
        // a doctype (a UTF-8 byte-order mark allowed).
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if trimmed.hasPrefix("<"), text.contains("<svg") { return .svg }
        return nil
    }
}
