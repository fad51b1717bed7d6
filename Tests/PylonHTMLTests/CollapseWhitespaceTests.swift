import Testing

@testable import PylonHTML

@Suite struct CollapseWhitespaceTests {
    /// The byte-wise fast path must give exactly what the `Character` loop gives: the canonical
    /// form is hashed into every state file, so a difference would show as drift.
    @Test func asciiFastPathMatchesTheCharacterLoop() {
        let alphabet: [String] = ["a", "b", " ", "  ", "\n", "\t", "\r", "\r\n", "\n\r", ".", "<"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int(seed % 24) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += alphabet[Int((seed >> 33) % UInt64(alphabet.count))]
            }
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            #expect(
                CanonicalHTML.collapseASCIIWhitespace(text)
                    == CanonicalHTML.collapseCharacterWhitespace(text),
                "\(text.debugDescription)")
        }
    }

    @Test func carriageReturnLineFeedIsOneCharacterAndNotASpace() {
        #expect(CanonicalHTML.collapseASCIIWhitespace("a \r\n  b") == "a \r\n b")
        #expect(CanonicalHTML.collapseWhitespace("a\t\n b") == "a b")
        #expect(CanonicalHTML.collapseWhitespace("é\t\n b") == "é b")
    }
}
