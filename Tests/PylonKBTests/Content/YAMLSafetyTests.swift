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

    /// Site configurations (a Docsy `hugo.yaml`) name a mapping once and reuse it: read when
    /// anchors are allowed, with the alias standing for a copy of the mapping.
    @Test func siteConfigurationAnchorsOnMappingsAreRead() throws {
        let text =
            "matrix: &sites\n  en: {weight: 1}\n  fr: {weight: 2}\nparams:\n  sites: *sites\n  github_repo: https://github.com/a/b\n"
        let node = try YAMLReader.parse(text, anchors: true)
        #expect(node?["params"]?["sites"]?["fr"]?["weight"]?.int == 2)
        #expect(node?["params"]?["github_repo"]?.string == "https://github.com/a/b")
    }

    /// With anchors allowed, the bomb is still refused, at the alias whose expansion crosses
    /// the bound, before Yams composes anything.
    @Test(.timeLimit(.minutes(3))) func billionLaughsIsRefusedEvenWhereAnchorsAreAllowed() {
        #expect(throws: YAMLReader.Failure.self) { try YAMLReader.parse(Self.billionLaughs, anchors: true) }
        do {
            _ = try YAMLReader.parse(Self.billionLaughs, anchors: true)
        } catch {
            #expect(error.message.contains("expand to more than \(YAMLReader.maximumExpandedNodes) values"))
            #expect(error.line >= 6)
        }
    }
}
