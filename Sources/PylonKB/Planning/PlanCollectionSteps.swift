// The collection steps of a plan: collections to create, to change in place, and to adopt.

public struct CollectionStep: Sendable, Codable, Equatable {
    /// Slug path, e.g. `guides/integrations`.
    public var slugPath: String
    /// The folder in the content tree.
    public var folder: String
    public var title: String
    public var slug: String
    public var description: String?
    /// The parent's slug path, nil for a top-level collection.
    public var parentSlugPath: String?
    /// `visibility` from `_collection.yml`; nil: not set (Pylon's default, public).
    public var visibility: String?

    public init(
        slugPath: String, folder: String, title: String, slug: String, description: String?,
        parentSlugPath: String?, visibility: String? = nil
    ) {
        self.visibility = visibility
        self.slugPath = slugPath
        self.folder = folder
        self.title = title
        self.slug = slug
        self.description = description
        self.parentSlugPath = parentSlugPath
    }
}

/// An existing collection changed in place with the collection PATCH (newer surface). Only the
/// fields in `changes` are sent; the articles inside are untouched.
public struct CollectionUpdateStep: Sendable, Codable, Equatable {
    public var collectionID: String
    /// The folder in the content tree.
    public var folder: String
    /// Slug path before and after (the same unless the slug changes).
    public var oldSlugPath: String
    public var slugPath: String
    /// Each changed field (`title`, `description`, `slug`, `visibility`) with its value in Pylon
    /// and the value the content asks for.
    public var changes: [CollectionFieldChange]
    /// Whether the server is not yet known to have the collection PATCH: apply asks once and
    /// remembers the answer; without it nothing is changed and a warning says so.
    public var probesCapability: Bool
    /// The collection as the content describes it, recorded in the state after the update.
    public var title: String
    public var description: String?
    public var visibility: String?

    public init(
        collectionID: String, folder: String, oldSlugPath: String, slugPath: String,
        changes: [CollectionFieldChange], probesCapability: Bool, title: String, description: String?,
        visibility: String?
    ) {
        self.collectionID = collectionID
        self.folder = folder
        self.oldSlugPath = oldSlugPath
        self.slugPath = slugPath
        self.changes = changes
        self.probesCapability = probesCapability
        self.title = title
        self.description = description
        self.visibility = visibility
    }
}

public struct CollectionFieldChange: Sendable, Codable, Equatable {
    public enum Field: String, Sendable, Codable, Equatable {
        case title, description, slug, visibility
    }

    public var field: Field
    /// The value in Pylon; nil when it has none.
    public var old: String?
    /// The value to set; nil clears it (only a description can be cleared).
    public var new: String?

    public init(field: Field, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// An existing collection whose state record lacks its folder (an older state file).
public struct CollectionAdoption: Sendable, Codable, Equatable {
    public var slugPath: String
    public var folder: String
    public var collectionID: String
    public var title: String

    public init(slugPath: String, folder: String, collectionID: String, title: String) {
        self.slugPath = slugPath
        self.folder = folder
        self.collectionID = collectionID
        self.title = title
    }
}
