import Foundation
import Testing

/// What the three vendors' failure tests share.
extension ImportEndToEndTests {
    /// No output and no file holds any of `secrets` (a token, or its Basic form).
    static func assertNoSecret(
        _ outputs: [String], _ root: URL, secrets: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for output in outputs {
            #expect(!secrets.contains { output.contains($0) }, sourceLocation: sourceLocation)
        }
        for (path, data) in files(root) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!secrets.contains { text.contains($0) }, "\(path)", sourceLocation: sourceLocation)
        }
    }

    /// How each failure test ends, its faults switched off: the same command completes the
    /// import, the image that was broken (`brokenImage`, at `brokenAddress` in the vendor's
    /// HTML when given) is fetched and `check` passes; then a file edited since is refused
    /// without --force and overwritten with it. `importing` runs the vendor's import with
    /// extra arguments; every output is added to `outputs`.
    static func assertResumesThenGuardsLocalEdits(
        _ harness: EndToEndHarness, _ faults: VendorFaults, brokenImage: String, brokenAddress: String? = nil,
        outputs: inout [String], importing: (_ extra: [String]) async throws -> EndToEndHarness.Result
    ) async throws {
        faults.failSecondArticlePage = false
        faults.breakImage = false
        let resumed = try await importing([])
        outputs.append(resumed.output)
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(!resumed.stderr.contains(brokenImage), "\(resumed.stderr)")
        #expect(!resumed.stderr.contains("not downloaded"), "\(resumed.stderr)")
        #expect(!(try harness.read("_import-report.md")).contains(brokenImage))
        if let brokenAddress {
            #expect(
                !files(harness.root).contains {
                    $0.key.hasSuffix(".md")
                        && String(decoding: $0.value, as: UTF8.self).contains(brokenAddress)
                })
        }
        let check = try await harness.run(["check"])
        outputs.append(check.output)
        #expect(check.status == 0, "\(check.output)")

        let articlePath = try #require(
            files(harness.root).keys.first { $0.hasSuffix("create-your-account.md") })
        try harness.write(articlePath, try harness.read(articlePath) + "\nA local note.\n")
        let changed = try await importing([])
        outputs.append(changed.output)
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("changed since the last import"), "\(changed.stderr)")
        #expect(changed.stderr.contains(articlePath), "\(changed.stderr)")
        #expect(try harness.read(articlePath).contains("A local note."))
        let forced = try await importing(["--force"])
        outputs.append(forced.output)
        #expect(forced.status == 0, "\(forced.output)")
        #expect(!(try harness.read(articlePath)).contains("A local note."))
    }
}
