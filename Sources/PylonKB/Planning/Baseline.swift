/// What the state file remembers of one language of one article: the hashes (canonical form,
/// `RemoteFingerprint.bodyHash`) of the body pylon-kb sent and of the body the server returned
/// after that write, the same for a pending draft, and the titles sent and returned.
///
/// Why both: a server may normalise HTML on write (whitespace between inline tags collapsed,
/// attributes reordered, entities respelled) in ways the canonical form does not undo. Comparing
/// the rendered file with Pylon's body alone would then see a change (and an edit in Pylon)
/// after every apply, forever. What the server returned is the only trustworthy baseline
/// (contract: "The wire as a Go server writes it"): the file is unchanged when it still renders
/// what was sent and Pylon still holds what it stored then.
///
/// Every decision about "unchanged" and "drift" is made here, so the planner asks one question
/// per body or title. Without a record (no state file, or an article this tool never wrote), and
/// for a record written before stored values existed (state version 1), only the canonical
/// comparison remains, as before.
struct Baseline: Sendable, Equatable {
    var sentBody: String?
    var storedBody: String?
    var sentDraft: String?
    var storedDraft: String?
    var sentTitle: String?
    var storedTitle: String?

    init(
        sentBody: String? = nil, storedBody: String? = nil, sentDraft: String? = nil,
        storedDraft: String? = nil, sentTitle: String? = nil, storedTitle: String? = nil
    ) {
        self.sentBody = sentBody
        self.storedBody = storedBody
        self.sentDraft = sentDraft
        self.storedDraft = storedDraft
        self.sentTitle = sentTitle
        self.storedTitle = storedTitle
    }

    /// `language`: "" for the knowledge base's default language, else its code. No record, or
    /// a record of another article (`remoteID` differs), gives the empty baseline.
    init(_ record: DeploymentState.ArticleRecord?, language: String, remoteID: String? = nil) {
        guard let record, remoteID == nil || record.id == remoteID else {
            self.init()
            return
        }
        self.init(
            sentBody: record.appliedBodyHashes[language], storedBody: record.storedBodyHashes?[language],
            sentDraft: record.appliedDraftHashes?[language], storedDraft: record.storedDraftHashes?[language],
            sentTitle: record.appliedTitles[language], storedTitle: record.storedTitles?[language])
    }

    /// Whether Pylon's `remote` body already is what `local` asks for: equal canonical forms, or
    /// `local` renders exactly what was sent last and Pylon still holds what it stored then.
    func sameBody(local: String, remote: String, forms: BodyForms) -> Bool {
        if forms.same(local, remote) { return true }
        return Self.pairMatches(
            sent: sentBody, stored: storedBody, local: forms.bodyHash(local), remote: forms.bodyHash(remote))
    }

    /// The same for a pending draft (migrate), against its own sent and stored hashes.
    func sameDraft(local: String, remote: String, forms: BodyForms) -> Bool {
        if forms.same(local, remote) { return true }
        return Self.pairMatches(
            sent: sentDraft, stored: storedDraft, local: forms.bodyHash(local), remote: forms.bodyHash(remote)
        )
    }

    func sameTitle(local: String, remote: String) -> Bool {
        local == remote
            || Self.pairMatches(sent: sentTitle, stored: storedTitle, local: local, remote: remote)
    }

    /// Edited in Pylon since pylon-kb last wrote it: one of Pylon's bodies (`remoteBodies`, the
    /// published one and the draft) is none of what was sent or stored, draft included; or the
    /// title is neither the one sent nor the one returned. Nothing recorded, no drift: without a
    /// baseline an edit cannot be told from anything else.
    func drifted(remoteBodies: [String], remoteTitle: String, forms: BodyForms) -> Bool {
        if sentBody != nil {
            let known = Set([sentBody, storedBody, sentDraft, storedDraft].compactMap { $0 })
            if remoteBodies.contains(where: { !known.contains(forms.bodyHash($0)) }) { return true }
        }
        if let sentTitle, remoteTitle != sentTitle, remoteTitle != storedTitle { return true }
        return false
    }

    /// Both halves must match and both must be known: a sent hash alone says nothing about what
    /// the server made of it.
    private static func pairMatches(sent: String?, stored: String?, local: String, remote: String) -> Bool {
        guard let sent, let stored else { return false }
        return local == sent && remote == stored
    }
}

extension PlanningContext {
    /// The baseline of `article` in `language` ("" = default), when the state file's record of
    /// it is about `remote`.
    func recordedBaseline(_ article: Article, language: String = "", remote: RemoteArticle) -> Baseline {
        Baseline(input.state?.articles[article.path], language: language, remoteID: remote.id)
    }
}
