import Foundation
import PylonKB
import Testing
import Yams

@Suite("YAML anchors and aliases")
struct YAMLSafetyTests {
    /// Nine levels of nine aliases: 9^9 (387 million) strings once expanded.
    static let billionLaughs: String = {
        var lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let aliases = Array(repeating: "*lol\(level - 1)", count: 9).joined(separator: ", ")
            lines.append("lol\(level): &lol\(level) [\(aliases)]")
        }
        return lines.joined(separator: "\n")
    }()

    /// Expanding the bomb (9⁹ values) would take many minutes and gigabytes; refusing it takes
    /// milliseconds. The time limit, far above either a loaded machine's refusal time or its
    /// scheduling delays in a parallel suite (measured 0.03 s alone, up to 39 s under a load
    /// average of 17), makes an expansion fail the test instead of hanging it.
    @Test(.timeLimit(.minutes(3))) func billionLaughsInFrontMatterIsRefusedWithoutExpanding() async throws {
        let content = try TemporaryContent([
            "bomb.md": "---\ntitle: Bomb\n\(Self.billionLaughs)\n---\nBody\n"
        ])
        #expect(
            try await content.diagnostics() == [
                "bomb.md:3: error: YAML anchors (&name) are not supported; write each value out in full."
            ])
    }

    @Test func billionLaughsInConfigurationIsRefused() {
        var diagnostics: [Diagnostic] = []
        _ = Configuration.parse("target: local\n" + Self.billionLaughs, diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.description) == [
                "pylon-kb.yml:2: error: YAML anchors (&name) are not supported; write each value out in full."
            ])
    }

    @Test func aliasWithoutAnchorIsRefusedByName() {
        #expect(
            throws: YAMLReader.Failure(
                line: 2, message: "YAML aliases (*base) are not supported; write the value out in full.")
        ) {
            try YAMLReader.parse("title: A\nauthor: *base\n")
        }
    }

    @Test func ampersandsAndAsterisksInsideValuesAreFine() throws {
        let node = try YAMLReader.parse("title: Q&A *beta* & more\ndescription: \"&not-an-anchor\"\n")
        #expect(node?["title"]?.string == "Q&A *beta* & more")
        #expect(node?["description"]?.string == "&not-an-anchor")
    }
}
