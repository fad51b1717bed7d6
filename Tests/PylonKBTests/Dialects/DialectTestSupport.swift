import Foundation
import Testing

@testable import PylonKB

/// Translating and rendering small synthetic pages for the dialect tests.
enum DialectTestSupport {
    /// Translates `markdown` (the body of `path`) with `files` as the folder's other files.
    static func translate(
        _ markdown: String, dialect: Dialect?, path: String = "docs/page.md", files: [String: String] = [:],
        siteFolder: String = "", pagesFolder: String = "docs", bodyLineOffset: Int = 0
    ) -> DialectTranslation {
        DialectTranslator.translate(
            markdown,
            source: DialectSource(
                dialect: dialect, path: path, bodyLineOffset: bodyLineOffset, siteFolder: siteFolder,
                pagesFolder: pagesFolder, files: ContentFileReader(read: { files[$0] })))
    }

    /// The HTML pylon-kb publishes for a translation.
    static func render(_ translation: DialectTranslation, path: String = "docs/page.md") -> RenderedArticle {
        Renderer().render(
            RenderInput(markdown: translation.markdown, path: path, sourceLines: translation.sourceLines),
            resolver: LinkResolver(articleURL: { _ in nil }, imageURL: { _ in nil }))
    }

    static func html(
        _ markdown: String, dialect: Dialect?, files: [String: String] = [:], siteFolder: String = ""
    ) -> String {
        render(translate(markdown, dialect: dialect, files: files, siteFolder: siteFolder)).html
    }
}
