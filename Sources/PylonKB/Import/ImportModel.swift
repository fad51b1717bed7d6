import Foundation

/// The help centers `pylon-kb import` reads.
public enum ImportVendor: String, Sendable, CaseIterable {
    case zendesk
    case intercom
    case helpscout

    public var displayName: String {
        switch self {
        case .zendesk: "Zendesk"
        case .intercom: "Intercom"
        case .helpscout: "Help Scout"
        }
    }
}

/// A vendor's help center read into one shape, before any file is written: what every vendor
/// source produces and what the import writer consumes.
struct ImportedHelpCenter: Sendable {
    var vendor: ImportVendor
    /// Where the API was read (for the report; never carries credentials).
    var source: String
    /// The language of the originals (`en-us`); translations are the other ones.
    var sourceLocale: String
    var collections: [ImportedCollection] = []
    var articles: [ImportedArticle] = []
    /// Things that have no place in pylon-kb, said once for the whole help center.
    var notes: [String] = []
    /// Help Scout links name articles by number: number → article id.
    var articleNumbers: [String: String] = [:]
}

/// A category, section or collection: a folder with `_collection.yml`.
struct ImportedCollection: Sendable {
    var id: String
    var parentID: String?
    var title: String
    var description: String?
    /// The vendor's manual order among siblings (pylon-kb has no order key; reported).
    var position: Int?
    /// Who may read it, when the vendor restricts the collection (Help Scout's private ones).
    var visibility: ArticleVisibility?
}

/// One language of an article as the vendor serves it.
struct ImportedBody: Sendable {
    var locale: String
    var title: String
    var html: String
    var draft: Bool
    /// The vendor's public address of this language, absolute (`https://…/hc/en-us/articles/1-x`).
    var publicURL: String?
}

/// An article with its translations and settings mapped to pylon-kb's.
struct ImportedArticle: Sendable {
    var id: String
    var collectionID: String?
    /// The last part of its old address, or its title: the new file name and slug.
    var slugHint: String
    var original: ImportedBody
    var translations: [ImportedBody] = []
    var visibility: ArticleVisibility = .public
    /// Why `visibility` is only an approximation (an unmappable audience), for the report.
    var visibilityNote: String?
    var tags: [String] = []
    var position: Int?
    var promoted = false
    /// Old public paths that should lead to the article (`/hc/en-us/articles/1-x`).
    var redirectFrom: [String] = []
}

/// Where a link between articles points: an article id and, when the link names one, a locale
/// and an anchor.
struct ImportedLinkTarget: Sendable, Equatable {
    var articleID: String
    var locale: String?
    var fragment: String
}
