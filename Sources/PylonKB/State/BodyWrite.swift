/// One language's body (and title) as pylon-kb sent it and as the server stored it, recorded
/// after a successful write so the next plan can tell the server's own normalisation from an
/// edit made in Pylon (see `Baseline`).
struct BodyWrite: Sendable, Equatable {
    /// "" for the knowledge base's default language.
    var language: String
    /// `RemoteFingerprint.bodyHash` of the body sent.
    var sentHash: String
    /// The same of the body the server returned (or read back); nil when unknown.
    var storedHash: String?
    /// The title sent; nil when the write sent none (link patching, drafts).
    var sentTitle: String?
    /// The title the server returned; nil when unknown.
    var storedTitle: String?
    /// A pending draft saved without publishing (migrate), remembered apart from the body.
    var isDraft = false
}

extension DeploymentState.ArticleRecord {
    /// Records `write`. An unknown stored value removes the earlier one for that language: a
    /// stored hash only means something next to the sent hash it answered, and pairing an old
    /// one with a new sent hash could take a later edit in Pylon for the server's normalisation.
    mutating func record(_ write: BodyWrite) {
        if write.isDraft {
            appliedDraftHashes = Self.setting(appliedDraftHashes, write.language, write.sentHash)
            storedDraftHashes = Self.setting(storedDraftHashes, write.language, write.storedHash)
            return
        }
        appliedBodyHashes[write.language] = write.sentHash
        storedBodyHashes = Self.setting(storedBodyHashes, write.language, write.storedHash)
        if let title = write.sentTitle {
            appliedTitles[write.language] = title
            storedTitles = Self.setting(storedTitles, write.language, write.storedTitle)
        }
    }

    mutating func record(_ writes: [BodyWrite]) {
        for write in writes { record(write) }
    }

    /// `values` with `key` set to `value` (removed for nil); nil rather than empty, so records
    /// without stored values keep the file as small as before.
    private static func setting(_ values: [String: String]?, _ key: String, _ value: String?) -> [String:
        String]?
    {
        var result = values ?? [:]
        result[key] = value
        return result.isEmpty ? nil : result
    }
}
