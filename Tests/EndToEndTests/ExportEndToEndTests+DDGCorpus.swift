import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import Testing

/// The DuckDuckGo help corpus (../shared/corpora/ddg-help): a real Jekyll help center
/// published, exported and planned again.
extension ExportEndToEndTests {
    @Test(arguments: [false, true])
    func ddgHelpCorpusExportsAndPlansAsNoChanges(downloadImages: Bool) async throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.ddgCorpus.path), "missing \(Self.ddgCorpus.path)")
        let harness = try await EndToEndHarness(copyingSample: false)
        defer { Task { await harness.close() } }
        try Self.prepareDDG(into: harness.root)
        let publish = try await harness.run(["apply", "--auto-approve"])
        #expect(publish.status == 0, "\(publish.output.suffix(3000))")
        let remote = try await harness.articles()
        #expect(remote.count > 250)

        let out = Self.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let started = ContinuousClock.now
        let export = try await harness.run(
            ["export", "--out", out.path] + (downloadImages ? ["--download-images"] : []))
        let elapsed = ContinuousClock.now - started
        #expect(export.status == 0, "\(export.output.suffix(3000))")
        #expect(export.stdout.contains("Exported \(remote.count) articles"))
        let summary = export.stdout.split(separator: "\n").first { $0.hasPrefix("Exported") } ?? ""
        print("DDG export (download images: \(downloadImages)) took \(elapsed) in all: \(summary)")
        if downloadImages {
            // Every image the pages show, saved once by content, none left behind as a URL.
            let saved = try Self.files(under: out).filter { $0.contains("images/") }
            #expect(!saved.isEmpty)
            #expect(export.stdout.contains("and \(saved.count) image"))
            #expect(!export.stderr.contains("could not be downloaded"))
            let markdown = try Self.files(under: out).filter { $0.hasSuffix(".md") }.map {
                try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8)
            }
            #expect(!markdown.contains { $0.contains("/attachments/") })
        }

        // Raw `<h3>`, `<i>` and an address with a space in the source come back as written.
        let (plan, decoded) = try await Self.plan(harness, folder: out)
        #expect(
            plan.status == 0, "\(decoded.articles.map { ($0.slug, $0.changes) })\n\(plan.output.suffix(3000))"
        )
        #expect(
            decoded.articles.isEmpty && decoded.collections.isEmpty && decoded.images.isEmpty
                && decoded.redirects.isEmpty)
    }

    /// Links in the DDG pages that `check` reports as broken (sections and a heading the old
    /// site no longer has, a PDF the corpus does not include), fixed the way its reader would:
    /// pointed at what is there now.
    static let ddgBrokenLinks = [
        "/search-privacy/)": "/results/sources.md)",
        "/web-browsing-privacy)": "/desktop/)",
        "#embedded-social-content-tracking-protection": "#embedded-social-media-protection",
        "{{ site.baseurl }}/pdfs/": "https://duckduckgo.com/pdfs/",
    ]

    /// A publishable copy of the DDG Jekyll docs: images inside the content root (where
    /// `{{ site.baseurl }}/images/…` resolves), the links `check` finds broken fixed, and the
    /// titles and unique valid slugs that Jekyll did not need (redirect stubs without a title,
    /// the same file name in two folders, `name.index` and `…-tr_TR` file names) written into
    /// front matter.
    static func prepareDDG(into root: URL) throws {
        let manager = FileManager.default
        let docs = ddgCorpus.appendingPathComponent("_docs")
        for item in try manager.contentsOfDirectory(atPath: docs.path) {
            try manager.copyItem(at: docs.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        try manager.copyItem(
            at: ddgCorpus.appendingPathComponent("images"), to: root.appendingPathComponent("images"))
        var used: Set<String> = []
        let paths = try manager.subpathsOfDirectory(atPath: root.path).filter {
            $0.hasSuffix(".md")
                && !$0.split(separator: "/").contains { $0.hasPrefix("_") || $0.hasPrefix(".") }
                && Translation.languageCode(inFileName: String($0.split(separator: "/").last!)) == nil
        }.sorted()
        for path in paths {
            let url = root.appendingPathComponent(path)
            var text = try String(contentsOf: url, encoding: .utf8)
            for (broken, fixed) in ddgBrokenLinks where text.contains(broken) {
                text = text.replacingOccurrences(of: broken, with: fixed)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            let stem = String(path.split(separator: "/").last!.dropLast(3))
            var lines = text.components(separatedBy: "\n")
            let hasFrontMatter = lines.first == "---"
            let closing = hasFrontMatter ? lines.dropFirst().firstIndex(of: "---") : nil
            let frontMatter = closing.map { Array(lines[1..<$0]) } ?? []
            let declared = frontMatter.first { $0.hasPrefix("slug:") }.map {
                $0.dropFirst(5).trimmingCharacters(in: .whitespaces)
            }
            var slug = declared ?? stem
            if !Slug.isValid(slug) || used.contains(slug) {
                let base = Slug.suggestion(for: path.dropLast(3).replacingOccurrences(of: "/", with: "-"))
                slug = base
                var number = 1
                while used.contains(slug) {
                    number += 1
                    slug = "\(base)-\(number)"
                }
            }
            used.insert(slug)
            let hasTitle =
                frontMatter.contains { $0.hasPrefix("title:") }
                || lines[(closing.map { $0 + 1 } ?? 0)...].contains { $0.hasPrefix("# ") }
            var added: [String] = []
            if slug != (declared ?? stem) { added.append("slug: \(slug)") }
            if !hasTitle { added.append("title: \(stem)") }
            guard !added.isEmpty else { continue }
            if let closing {
                var front = frontMatter
                if slug != (declared ?? stem) { front.removeAll { $0.hasPrefix("slug:") } }
                lines = ["---"] + added + front + Array(lines[closing...])
            } else {
                lines.insert(contentsOf: ["---"] + added + ["---"], at: 0)
            }
            text = lines.joined(separator: "\n")
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
