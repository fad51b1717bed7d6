import Foundation
import PylonKB

/// Writes a synthetic help center of any size for benchmarks and soak tests: articles of
/// realistic length and mix (headings, paragraphs, lists, tables, code, callouts, links to other
/// articles with anchors, images) across nested collections. The same seed gives the same bytes.
public struct CorpusGenerator: Sendable {
    public var articleCount: Int
    public var seed: UInt64
    /// Articles per collection before another collection starts.
    public var articlesPerCollection: Int

    public init(articleCount: Int = 10_000, seed: UInt64 = 1, articlesPerCollection: Int = 25) {
        self.articleCount = articleCount
        self.seed = seed
        self.articlesPerCollection = articlesPerCollection
    }

    /// Writes the corpus into `directory` (which must not exist or be empty) and returns the
    /// article paths, relative to it.
    @discardableResult
    public func write(to directory: URL, configuration: String = "target: local\nauthor: docs@example.com\n")
        throws
        -> [String]
    {
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(configuration.utf8).write(to: directory.appendingPathComponent("pylon-kb.yml"))
        let images = directory.appendingPathComponent("images")
        try manager.createDirectory(at: images, withIntermediateDirectories: true)
        for index in 0..<imageCount {
            try Self.png(number: index).write(
                to: images.appendingPathComponent("figure-\(index).png"))
        }
        let paths = articlePaths()
        var random = SplitMix(seed: seed)
        for (index, path) in paths.enumerated() {
            let url = directory.appendingPathComponent(path)
            try manager.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(article(index: index, paths: paths, random: &random).utf8).write(to: url)
        }
        for folder in Set(paths.map { ContentPath.directory(of: $0) }) where !folder.isEmpty {
            let name = folder.split(separator: "/").last.map(String.init) ?? folder
            let title = "title: \(ContentCollection.humanisedTitle(folderName: name))\n"
            try Data(title.utf8).write(
                to: directory.appendingPathComponent(folder).appendingPathComponent("_collection.yml"))
        }
        return paths
    }

    /// Distinct images: one per 70 articles (at least 4); every 7th article shows one, so each
    /// image is used by about ten articles and uploaded once.
    public var imageCount: Int { max(4, articleCount / 70) }

    func imageIndex(ofArticle index: Int) -> Int? {
        index % 7 == 0 ? (index / 7) % imageCount : nil
    }

    private static let linkWords = [
        "the overview", "the previous step", "related settings", "how this works",
    ]

    /// The articles (by index) that article `index` links to. Help centers link the way this
    /// does: every article back to the one before it and to its collection's overview, the
    /// overview on to the last article ("next steps"), and some articles to the overview of an
    /// earlier collection. So every cycle of links runs through an overview, and the fewest
    /// articles a first publish must patch after creating them all (a link's target needs an
    /// identifier first) is exactly one per collection of two or more articles:
    /// `minimumLinkPatches`.
    public func linkTargets(of index: Int) -> [Int] {
        let first = index - index % articlesPerCollection
        let last = min(first + articlesPerCollection, articleCount) - 1
        var targets: [Int] = []
        if index == first {
            if last > first { targets.append(last) }
        } else {
            targets.append(index - 1)
            if index - 1 != first { targets.append(first) }
        }
        let collection = index / articlesPerCollection
        if collection > 0, index % 3 == 0 {
            let earlier = Int(SplitMix.mix(seed &+ UInt64(index)) % UInt64(collection))
            targets.append(earlier * articlesPerCollection)
        }
        return targets
    }

    /// The number of collections holding two or more articles: each holds one cycle of links
    /// (overview → last → … → overview) and the cycles share no article, so at least this many
    /// articles need a second PATCH when all are created in one run; patching the overviews
    /// is enough.
    public var minimumLinkPatches: Int {
        let full = articleCount / articlesPerCollection
        return full + (articleCount % articlesPerCollection >= 2 ? 1 : 0)
    }

    /// The number of collections the corpus has, sub-collections and top-level ones.
    public var collectionCount: Int {
        Set(
            articlePaths().flatMap { path -> [String] in
                let parts = path.split(separator: "/").dropLast()
                return parts.indices.map { parts[...($0)].joined(separator: "/") }
            }
        ).count
    }

    /// The distinct images articles reference.
    public var referencedImageCount: Int {
        Set((0..<articleCount).compactMap(imageIndex(ofArticle:))).count
    }

    /// `section-03/topic-1/article-00075.md`: 10 top-level collections, each with sub-collections.
    public func articlePaths() -> [String] {
        (0..<articleCount).map { index in
            let collection = index / articlesPerCollection
            let top = collection % 10
            let sub = collection / 10
            return String(format: "section-%02d/topic-%d/article-%05d.md", top, sub, index)
        }
    }

    private static let words = """
        account agent alert answer archive assign automation billing channel conversation customer \
        dashboard domain email escalation export field filter forward help inbox integration invoice \
        label macro member message metric note notification on-call owner permission plan priority \
        queue report reply routing rule schedule search seat setting shift signature sla slack status \
        tag team template ticket token trigger user view webhook workflow workspace
        """.split(separator: " ").map(String.init)

    private func sentence(_ random: inout SplitMix) -> String {
        let count = 8 + Int(random.next() % 14)
        var words = (0..<count).map { _ in Self.words[Int(random.next() % UInt64(Self.words.count))] }
        words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
        return words.joined(separator: " ") + "."
    }

    private func paragraph(_ random: inout SplitMix) -> String {
        (0..<(2 + Int(random.next() % 4))).map { _ in sentence(&random) }.joined(separator: " ")
    }

    private func article(index: Int, paths: [String], random: inout SplitMix) -> String {
        let path = paths[index]
        var lines = [
            "---", "title: \(sentence(&random).dropLast()) \(index)", "---", "", paragraph(&random), "",
        ]
        let sections = 2 + Int(random.next() % 4)
        for section in 0..<sections {
            lines += ["## Section \(section + 1)", "", paragraph(&random), ""]
            switch (index + section) % 5 {
            case 0:
                lines += (0..<(3 + Int(random.next() % 4))).map { _ in "- \(sentence(&random))" } + [""]
            case 1:
                lines += ["| Setting | Default | Notes |", "| :-- | :-: | --: |"]
                lines += (0..<4).map { _ in
                    "| `\(Self.words[Int(random.next() % 60)])` | on | \(sentence(&random)) |"
                }
                lines.append("")
            case 2:
                lines += [
                    "```bash", "relay \(Self.words[Int(random.next() % 60)]) --team support", "relay status",
                    "```", "",
                ]
            case 3:
                lines += ["> [!NOTE]", "> \(sentence(&random))", ""]
            default:
                lines += ["1. \(sentence(&random))", "2. \(sentence(&random))", ""]
            }
        }
        for target in linkTargets(of: index) {
            let relative = ContentPath.relative(to: paths[target], fromFile: path)
            lines += ["See [\(Self.linkWords[target % Self.linkWords.count])](\(relative)#section-1).", ""]
        }
        if let image = imageIndex(ofArticle: index).map({ "images/figure-\($0).png" }) {
            lines += ["![Figure](\(ContentPath.relative(to: image, fromFile: path)))", ""]
        }
        return lines.joined(separator: "\n")
    }

    /// A valid 8×8 grey PNG whose pixels spell `number`, so every number gives other bytes.
    static func png(number: Int) -> Data {
        func crc(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
            }
            return ~crc
        }
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + body
            let length = UInt32(body.count)
            let check = crc(typed)
            return withUnsafeBytes(of: length.bigEndian, Array.init) + typed
                + withUnsafeBytes(of: check.bigEndian, Array.init)
        }
        let header: [UInt8] = [0, 0, 0, 8, 0, 0, 0, 8, 8, 0, 0, 0, 0]  // 8×8, 8-bit greyscale
        var raw: [UInt8] = []
        let shades = (0..<8).map { UInt8(truncatingIfNeeded: number >> ($0 * 8)) }
        for row in 0..<8 { raw += [0] + Array(repeating: shades[row], count: 8) }
        // A stored (uncompressed) deflate block inside a zlib stream.
        var adlerA: UInt32 = 1
        var adlerB: UInt32 = 0
        for byte in raw {
            adlerA = (adlerA + UInt32(byte)) % 65521
            adlerB = (adlerB + adlerA) % 65521
        }
        let length = UInt16(raw.count)
        var zlib: [UInt8] = [0x78, 0x01, 0x01]
        zlib +=
            withUnsafeBytes(of: length.littleEndian, Array.init)
            + withUnsafeBytes(of: (~length).littleEndian, Array.init)
        zlib += raw + withUnsafeBytes(of: ((adlerB << 16) | adlerA).bigEndian, Array.init)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        return Data(signature + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", []))
    }
}
