import Foundation
import Testing

@testable import PylonKB

/// Every page of every corpus in `../shared/corpora`, translated and rendered: nothing may be
/// published as raw template syntax. Prints the tallies per corpus (for the adoption notes).
@Suite struct DialectCorpusTests {
    struct Corpus: Sendable, CustomStringConvertible {
        var name: String
        var dialect: Dialect
        var siteFolder: String
        var pagesFolder: String
        var description: String { name }
    }

    static let corpora = [
        Corpus(name: "hugo", dialect: .hugo, siteFolder: "docsy.dev", pagesFolder: "docsy.dev/content/en"),
        Corpus(name: "docusaurus", dialect: .docusaurus, siteFolder: "docs", pagesFolder: "docs/docs"),
        Corpus(name: "mkdocs", dialect: .mkdocs, siteFolder: "", pagesFolder: "docs"),
        Corpus(name: "jekyll", dialect: .jekyll, siteFolder: "", pagesFolder: "_dashboards"),
        Corpus(name: "ddg-help", dialect: .jekyll, siteFolder: "", pagesFolder: "_docs"),
        Corpus(name: "docfx", dialect: .docfx, siteFolder: "vcpkg", pagesFolder: "vcpkg"),
    ]

    static let corporaRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/corpora", isDirectory: true)

    /// The body after `---` front matter and the number of lines before it.
    static func body(_ text: String) -> (String, Int) {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return (text, 0) }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let end = lines.dropFirst().firstIndex(where: { $0 == "---" }) else { return (text, 0) }
        return (lines[(end + 1)...].joined(separator: "\n"), end + 1)
    }

    @Test(arguments: corpora) func nothingIsPublishedAsTemplateSyntax(_ corpus: Corpus) throws {
        let root = Self.corporaRoot.appendingPathComponent(corpus.name).standardizedFileURL
        let reader = ContentFileReader { path in
            let url = root.appendingPathComponent(path).standardizedFileURL
            guard url.path.hasPrefix(root.path + "/") else { return nil }
            return try? String(contentsOf: url, encoding: .utf8)
        }
        let pages = root.appendingPathComponent(corpus.pagesFolder)
        let enumerator = try #require(
            FileManager.default.enumerator(at: pages, includingPropertiesForKeys: nil))
        var leftovers: [String] = []
        var tallies: [String: Int] = [:]
        var errors: [String] = []
        var count = 0
        for case let url as URL in enumerator where ["md", "mdx"].contains(url.pathExtension) {
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let (markdown, offset) = Self.body(try String(contentsOf: url, encoding: .utf8))
            let translation = DialectTranslator.translate(
                markdown,
                source: DialectSource(
                    dialect: corpus.dialect, path: path, bodyLineOffset: offset,
                    siteFolder: corpus.siteFolder,
                    pagesFolder: corpus.pagesFolder, files: reader))
            let html = DialectTestSupport.render(translation, path: path).html
            leftovers += TemplateLeftovers.find(in: html).map { "\(path): \($0)" }
            for tally in translation.tallies { tallies[tally.key, default: 0] += tally.count }
            errors += translation.diagnostics.filter { $0.severity == .error }.map {
                "\(path):\($0.line ?? 0): \($0.message)"
            }
            count += 1
        }
        print("corpus \(corpus.name): \(count) pages, \(errors.count) errors, tallies:")
        for (key, value) in tallies.sorted(by: { $0.value > $1.value }) { print("  \(value)× \(key)") }
        for error in errors { print("  error \(error)") }
        #expect(count > 0)
        #expect(
            leftovers.isEmpty,
            "\(leftovers.count) leftovers:\n\(leftovers.prefix(40).joined(separator: "\n"))")
    }
}
