import PylonAPI

/// The API's article, named apart from the content's `Article`.
typealias WireArticle = PylonAPI.Article
