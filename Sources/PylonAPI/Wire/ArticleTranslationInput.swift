/// One translation sent with `POST …/articles` (`translations: [{language, title, body_html}]`).
public struct ArticleTranslationInput: Sendable, Codable, Hashable {
    public var language: String
    public var title: String
    public var bodyHTML: String

    public init(language: String, title: String, bodyHTML: String) {
        self.language = language
        self.title = title
        self.bodyHTML = bodyHTML
    }

    enum CodingKeys: String, CodingKey {
        case language, title
        case bodyHTML = "body_html"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        language = c.lenient(.language) ?? ""
        title = c.lenient(.title) ?? ""
        bodyHTML = c.lenient(.bodyHTML) ?? ""
    }
}
