import Foundation
import PylonKB
import Testing

@Suite struct TextSimilarityTests {
    static let installGuide = """
        Install the Relay agent on every server you want to monitor. Download the package for your \
        platform, verify its checksum, and run the installer as an administrator. The agent starts \
        automatically and connects to your workspace within a minute. If it does not appear in the \
        dashboard, check that outbound connections on port 443 are allowed by your firewall.
        """

    @Test func lightlyEditedArticleScoresHigh() {
        let edited = TextSimilarityTests.installGuide.replacingOccurrences(
            of: "within a minute", with: "within two minutes")
        let score = TextFingerprint(text: TextSimilarityTests.installGuide)
            .similarity(to: TextFingerprint(text: edited))
        #expect(score > 0.8)
        #expect(score < 1)
    }

    @Test func unrelatedArticlesScoreLow() {
        let billing = """
            Invoices are issued on the first day of each month and sent to the billing contact. You \
            can download past invoices from the billing page and change the card on file at any time.
            """
        let score = TextFingerprint(text: TextSimilarityTests.installGuide)
            .similarity(to: TextFingerprint(text: billing))
        #expect(score < 0.1)
    }

    /// Containment is how much of one text is in the other: a short page folded into a long one
    /// is contained in it although their Jaccard index is low.
    @Test func aShortTextFoldedIntoALongOneIsContainedInIt() {
        let billing = """
            Invoices are issued on the first day of each month and sent to the billing contact. You \
            can download past invoices from the billing page and change the card on file at any time.
            """
        let short = TextFingerprint(text: TextSimilarityTests.installGuide)
        let merged = TextFingerprint(
            text: billing + " " + TextSimilarityTests.installGuide + " " + billing.uppercased())
        #expect(short.containment(in: merged) == 1)
        #expect(short.similarity(to: merged) < 0.8)
        #expect(merged.containment(in: short) < 0.8)
        #expect(TextFingerprint(text: "").containment(in: merged) == 0)
    }

    @Test func matcherPairsClearRenamesAndRefusesToGuess() {
        let a = TextFingerprint(text: TextSimilarityTests.installGuide)
        let aEdited = TextFingerprint(
            text: TextSimilarityTests.installGuide.replacingOccurrences(of: "a minute", with: "one minute"))
        let other = TextFingerprint(
            text: "Reset your password from the sign-in page by choosing Forgot password.")
        let matcher = SimilarityMatcher(threshold: 0.7)

        let clear = matcher.match(added: [aEdited, other], removed: [a])
        #expect(clear.matches.count == 1)
        #expect(clear.matches.first?.added == 0)
        #expect(clear.matches.first?.removed == 0)
        #expect(clear.ambiguities.isEmpty)

        // Two removed articles with the same text: the new one could be either; do not guess.
        let twins = matcher.match(added: [aEdited], removed: [a, a])
        #expect(twins.matches.isEmpty)
        #expect(twins.ambiguities.first?.candidates.sorted() == [0, 1])
    }
}
