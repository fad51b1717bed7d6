import Testing

@testable import PylonKB

/// The one decision about "unchanged" and "drift" against what was sent and what the server
/// stored (see `Baseline`).
@Suite struct BaselineTests {
    let forms = BodyForms()
    let sent = "<p><strong>Fast</strong> <em>setup</em></p>"
    /// What a normalising server made of `sent`: the space between the inline tags is gone,
    /// which changes the text, so no canonical form can call the two equal.
    let stored = "<p><strong>Fast</strong><em>setup</em></p>"
    let edited = "<p><strong>Slow</strong><em>setup</em></p>"

    var baseline: Baseline {
        Baseline(
            sentBody: StateHashing.bodyHash(sent), storedBody: StateHashing.bodyHash(stored),
            sentTitle: "Install", storedTitle: "Install ")
    }

    @Test func normalisedBodyIsNotCanonicallyEqualToWhatWasSent() {
        #expect(!forms.same(sent, stored))
    }

    @Test func unchangedWhenTheFileRendersWhatWasSentAndPylonHoldsWhatWasStored() {
        #expect(baseline.sameBody(local: sent, remote: stored, forms: forms))
        #expect(!baseline.drifted(remoteBodies: [stored, stored], remoteTitle: "Install ", forms: forms))
    }

    @Test func aChangedFileIsAChangeButNotDrift() {
        let local = "<p><strong>Fast</strong> <em>install</em></p>"
        #expect(!baseline.sameBody(local: local, remote: stored, forms: forms))
        #expect(!baseline.drifted(remoteBodies: [stored], remoteTitle: "Install", forms: forms))
    }

    @Test func anEditInPylonIsAChangeAndDrift() {
        #expect(!baseline.sameBody(local: sent, remote: edited, forms: forms))
        #expect(baseline.drifted(remoteBodies: [edited], remoteTitle: "Install ", forms: forms))
        // A draft edited in Pylon while the published body is untouched counts too.
        #expect(baseline.drifted(remoteBodies: [stored, edited], remoteTitle: "Install ", forms: forms))
    }

    @Test func titlesUseTheSameRule() {
        #expect(baseline.sameTitle(local: "Install", remote: "Install "))
        #expect(!baseline.sameTitle(local: "Install Relay", remote: "Install "))
        #expect(baseline.drifted(remoteBodies: [stored], remoteTitle: "Install it", forms: forms))
    }

    @Test func withoutAStoredValueOnlyTheCanonicalComparisonRemains() {
        let versionOne = Baseline(sentBody: StateHashing.bodyHash(sent), sentTitle: "Install")
        #expect(!versionOne.sameBody(local: sent, remote: stored, forms: forms))
        #expect(
            versionOne.sameBody(
                local: sent, remote: "<p><strong>Fast</strong>  <em>setup</em></p>", forms: forms))
        #expect(versionOne.drifted(remoteBodies: [stored], remoteTitle: "Install", forms: forms))
        #expect(!versionOne.sameTitle(local: "Install", remote: "Install "))

        let none = Baseline()
        #expect(!none.sameBody(local: sent, remote: stored, forms: forms))
        #expect(!none.drifted(remoteBodies: [edited], remoteTitle: "Other", forms: forms))
    }

    @Test func pendingDraftsHaveTheirOwnPairAndAreNotDrift() {
        let draftSent = "<p>Next <em>release</em></p>"
        let draftStored = "<p>Next<em>release</em></p>"
        let withDraft = Baseline(
            sentBody: StateHashing.bodyHash(sent), storedBody: StateHashing.bodyHash(stored),
            sentDraft: StateHashing.bodyHash(draftSent), storedDraft: StateHashing.bodyHash(draftStored))
        #expect(withDraft.sameDraft(local: draftSent, remote: draftStored, forms: forms))
        #expect(!withDraft.sameDraft(local: sent, remote: stored, forms: forms))
        #expect(!withDraft.drifted(remoteBodies: [stored, draftStored], remoteTitle: "", forms: forms))
    }

    @Test func aRecordOfAnotherArticleIsNoBaseline() {
        var record = DeploymentState.ArticleRecord(
            id: "a1", identifier: nil, slug: "install", collectionID: nil,
            appliedBodyHashes: ["fr": "sent-fr"], appliedTitles: ["fr": "Installer"])
        record.storedBodyHashes = ["fr": "stored-fr"]
        record.storedTitles = ["fr": "Installer "]
        #expect(
            Baseline(record, language: "fr", remoteID: "a1")
                == Baseline(
                    sentBody: "sent-fr", storedBody: "stored-fr", sentTitle: "Installer",
                    storedTitle: "Installer "))
        #expect(Baseline(record, language: "fr", remoteID: "a2") == Baseline())
        #expect(Baseline(record, language: "", remoteID: "a1") == Baseline())
    }

    @Test func recordingAWriteWithAnUnknownStoredValueForgetsTheOldOne() {
        var record = DeploymentState.ArticleRecord(
            id: "a1", identifier: nil, slug: "install", collectionID: nil)
        record.record(
            BodyWrite(language: "", sentHash: "s1", storedHash: "t1", sentTitle: "A", storedTitle: "A"))
        #expect(record.storedBodyHashes == ["": "t1"])
        record.record(
            BodyWrite(language: "", sentHash: "s2", storedHash: nil, sentTitle: "B", storedTitle: nil))
        #expect(record.appliedBodyHashes == ["": "s2"])
        #expect(record.appliedTitles == ["": "B"])
        #expect(record.storedBodyHashes == nil)
        #expect(record.storedTitles == nil)
        record.record(BodyWrite(language: "fr", sentHash: "d", storedHash: "e", isDraft: true))
        #expect(record.appliedDraftHashes == ["fr": "d"])
        #expect(record.storedDraftHashes == ["fr": "e"])
        #expect(record.appliedBodyHashes == ["": "s2"])
    }
}
