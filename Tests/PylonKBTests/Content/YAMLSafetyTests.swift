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

    @Test func billionLaughsInFrontMatterIsRefusedQuickly() async throws {
        let content = try TemporaryContent([
            "bomb.md": "---\ntitle: Bomb\n\(Self.billionLaughs)\n---\nBody\n"
        ])
        let clock = ContinuousClock()
        var diagnostics: [String] = []
        let elapsed = try await clock.measure { diagnostics = try await content.diagnostics() }
        #expect(
            diagnostics == [
                "bomb.md:3: error: YAML anchors (&name) are not supported; write each value out in full."
            ])
        // Not a benchmark: expanding the bomb (9⁹ values) would take minutes and gigabytes, so a
        // bound this loose still catches it on a loaded CI machine.
        #expect(elapsed < .seconds(30))
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
