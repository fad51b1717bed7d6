import Foundation
import PylonAPI
import PylonHTML
import PylonKB
import Testing

/// Real docs folders nobody here wrote (`../shared/corpora`, one per dialect), adopted the way
/// a new user would: `init --from`, `check`, `apply`, `plan`, `export`, `plan` again.
///
/// The corpora are partial copies of their sites (each `SOURCE.md` says what was left out):
/// links to pages outside the copy, images the copy dropped and anchors those pages had are
/// real errors `check` must report. The test repairs exactly those, the way an adopter would
/// (a missing image restored, a link to the rest of the old site made absolute), and counts
/// them; any other error is a false error and fails the test.
@Suite(.serialized) struct AdoptCorporaEndToEndTests {
    static let corporaRoot = EndToEndHarness.packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/corpora", isDirectory: true)

    static let corpora = ["hugo", "docusaurus", "mkdocs", "jekyll", "ddg-help", "docfx"]

    /// A 1×1 transparent PNG, standing in for an image the corpus copy left out.
    static let pixel = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )!

    @Test(arguments: corpora)
    func adoptedFolderPublishesWithoutLeftoversAndReplansAsNoChanges(corpus: String) async throws {
        let source = Self.corporaRoot.appendingPathComponent(corpus)
        try #require(FileManager.default.fileExists(atPath: source.path), "missing \(source.path)")
        let harness = try await EndToEndHarness(copyingSample: false)
        defer { Task { await harness.close() } }
        try FileManager.default.removeItem(at: harness.root)
        try FileManager.default.copyItem(at: source, to: harness.root)

        let adopted = try await harness.run([
            "init", "--from", ".", "--kb", EndToEndHarness.knowledgeBaseID, "--author", "docs@example.com",
        ])
        #expect(adopted.status == 0, "\(adopted.output)")
        #expect(
            adopted.stdout.contains("Dialect: \(corpus == "ddg-help" ? "jekyll" : corpus)"),
            "\(adopted.output)")

        var repairs: [String: Int] = [:]
        var falseErrors: [String] = []
        for _ in 0..<3 {
            let check = try await harness.run(["check", "."])
            // Errors, and links to a folder (a collection has no address in Pylon, so the
            // link would be published dead): an adopter fixes both before publishing.
            let errors = check.stdout.split(separator: "\n").filter {
                $0.contains(": error: ")
                    || $0.contains("a collection; Pylon's API gives collections no address")
            }.map(String.init)
            if errors.isEmpty { break }
            falseErrors = []
            for error in errors {
                if let kind = try Self.repair(error, in: harness.root) {
                    repairs[kind, default: 0] += 1
                } else {
                    falseErrors.append(error)
                }
            }
            if !falseErrors.isEmpty { break }
        }
        #expect(
            falseErrors.isEmpty,
            "\(corpus): \(falseErrors.count) errors that are not the copy's gaps:\n\(falseErrors.prefix(40).joined(separator: "\n"))"
        )
        print("\(corpus): real problems repaired before publishing: \(repairs.sorted { $0.key < $1.key })")
        guard falseErrors.isEmpty else { return }

        let apply = try await harness.run(["apply", "--auto-approve"])
        #expect(apply.status == 0, "\(apply.output.suffix(3000))")
        let remote = try await harness.articles()
        #expect(!remote.isEmpty)
        // Nothing its author kept off the site is live: at least as many Pylon drafts as the
        // source had drafts (`init` counted them).
        if let drafts = adopted.stdout.firstMatch(of: #/  (\d+) drafts \(/#)?.1, let count = Int(drafts) {
            #expect(remote.filter { $0.isPublished != true }.count >= count)
        }
        var leftovers: [String] = []
        for article in remote {
            for body in [article.currentDraftContentHTML, article.currentPublishedContentHTML].compactMap({
                $0
            }) {
                for found in TemplateLeftovers.find(in: body) {
                    leftovers.append("\(article.slug ?? article.id ?? "?"): \(found)")
                }
            }
        }
        #expect(
            leftovers.isEmpty,
            "\(corpus): raw template syntax published:\n\(leftovers.prefix(40).joined(separator: "\n"))")

        let replan = try await harness.run(["plan", ".", "--detailed-exitcode"])
        #expect(replan.status == 0, "\(corpus): \(replan.output.suffix(3000))")

        let out = ExportEndToEndTests.outputFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try await harness.run(["export", "--out", out.path])
        #expect(export.status == 0, "\(export.output.suffix(3000))")
        if let keep = ProcessInfo.processInfo.environment["PYLON_KB_KEEP_ADOPTED"] {
            // For a person looking into a failure: the adopted folder and its export.
            let folder = URL(fileURLWithPath: keep).appendingPathComponent(corpus)
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: harness.root, to: folder.appendingPathComponent("adopted"))
            try FileManager.default.copyItem(at: out, to: folder.appendingPathComponent("export"))
        }
        let planFile = out.deletingLastPathComponent().appendingPathComponent(
            "plan-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: planFile) }
        let exportPlan = try await harness.run([
            "plan", out.path, "--detailed-exitcode", "--out", planFile.path,
        ])
        guard let planData = try? Data(contentsOf: planFile) else {
            Issue.record("\(corpus): plan of the exported folder failed: \(exportPlan.output.suffix(3000))")
            return
        }
        let decoded = try PlanJSON.decode(planData, source: planFile.path)
        #expect(
            exportPlan.status == 0,
            "\(corpus): the exported folder plans changes: \(decoded.articles.map { ($0.slug, $0.changes) }.prefix(20))\n\(Self.firstDifferences(decoded, remote: remote))"
        )
    }

    /// Where the exported folder's body first differs from the published one, for the first
    /// few articles the plan would change: what a failure needs to be understood.
    static func firstDifferences(_ plan: Plan, remote: [PylonAPI.Article]) -> String {
        var lines: [String] = []
        for step in plan.articles.prefix(4) {
            guard let desired = step.desired?.bodyHTML,
                let published = remote.first(where: { $0.slug == step.slug })?.currentPublishedContentHTML
                    ?? remote.first(where: { $0.slug == step.slug })?.currentDraftContentHTML
            else { continue }
            let left = Array(CanonicalHTML.canonicalize(desired))
            let right = Array(CanonicalHTML.canonicalize(published))
            let same = zip(left, right).prefix { $0 == $1 }.count
            func around(_ text: [Character]) -> String {
                String(text[max(0, same - 60)..<min(text.count, same + 100)])
            }
            lines.append("\(step.slug): exported → \(around(left))\n   published → \(around(right))")
        }
        return lines.joined(separator: "\n")
    }

    /// Repairs one error that is a gap of the corpus copy; returns its kind, or nil when the
    /// error is not one (a false error of pylon-kb's).
    static func repair(_ line: String, in root: URL) throws -> String? {
        // "path:line: error: message"
        let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(
            String.init)
        guard parts.count == 4, let lineNumber = Int(parts[1]) else { return nil }
        let file = root.appendingPathComponent(parts[0])
        let message = parts[3]
        if message.contains("does not exist (looked for "),
            let looked = message.range(of: "(looked for "),
            let end = message[looked.upperBound...].range(of: " in the content root")
        {
            let path = String(message[looked.upperBound..<end.lowerBound])
            let url = root.appendingPathComponent(path)
            guard url.standardizedFileURL.path.hasPrefix(root.standardizedFileURL.path) else { return nil }
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try pixel.write(to: url)
            return "image the copy left out"
        }
        if message.contains("included file"), let looked = message.firstMatch(of: /\(looked for ([^,)]+)/)?.1
        {
            let url = root.appendingPathComponent(String(looked))
            guard url.standardizedFileURL.path.hasPrefix(root.standardizedFileURL.path) else { return nil }
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "Text the site's include held.\n".write(to: url, atomically: true, encoding: .utf8)
            return "include the copy left out"
        }
        if let tag = message.firstMatch(of: /`<([a-z]+)>` is never closed/)?.1 {
            // The copy ends inside an HTML block (docfx's vcpkg checklist stops in a
            // `<details>`): everything after it would be hidden, so the adopter closes it.
            let text = try String(contentsOf: file, encoding: .utf8)
            try (text + "\n</\(tag)>\n").write(to: file, atomically: true, encoding: .utf8)
            return "HTML block the copy left unclosed"
        }
        guard let match = message.firstMatch(of: /The link `([^`]+)` points to/) else { return nil }
        let written = String(match.1)
        let text = try String(contentsOf: file, encoding: .utf8)
        let replacement: String
        let kind: String
        if message.contains("which does not exist") || message.contains("a collection; Pylon's API") {
            // A page of the old site outside the copy: link to it there.
            replacement = "https://old-site.example/" + written.drop { $0 == "/" || $0 == "." }
            kind =
                message.contains("a collection;")
                ? "link to a folder, which has no address in Pylon" : "link to a page outside the copy"
        } else if message.contains("is not a heading") || message.contains("not an anchor") {
            replacement = String(written.prefix { $0 != "#" })
            kind = replacement.isEmpty ? "same-page anchor that does not exist" : "anchor that does not exist"
        } else {
            return nil
        }
        // The link as written: a Jekyll site writes `{{ site.baseurl }}/x/` for `/x/`; a
        // reference definition (`[x]: /y`) can sit on another line than its use.
        let escaped = NSRegularExpression.escapedPattern(for: written)
        let liquid = #"(?:\{\{\s*site\.(?:url|baseurl)\s*\}\})*"#
        let pattern =
            replacement.isEmpty
            ? #"\]\("# + liquid + escaped + #"\)"#
            : #"(?<=\]\(|\]\(<|\]: |\]: <|href=")"# + liquid + escaped + #"(?=[)>"\s]|$)"#
        let expression = try NSRegularExpression(pattern: pattern)
        let template = replacement.isEmpty ? "]" : NSRegularExpression.escapedTemplate(for: replacement)
        // On the reported line: the link as written, else a Hugo `ref` shortcode, which `check`
        // reports by what it resolved to.
        var lines = text.components(separatedBy: "\n")
        let shortcode = try NSRegularExpression(pattern: #"\{\{[<%]\s*(?:rel)?ref\s+"[^"]*"\s*[>%]\}\}"#)
        for onLine in replacement.isEmpty ? [expression] : [expression, shortcode]
        where lineNumber >= 1 && lineNumber <= lines.count {
            let line = lines[lineNumber - 1]
            let repaired = onLine.stringByReplacingMatches(
                in: line, range: NSRange(line.startIndex..., in: line), withTemplate: template)
            guard repaired != line else { continue }
            lines[lineNumber - 1] = repaired
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            return kind
        }
        // Elsewhere in the page (a reference definition), else in a file it includes, which
        // is reported at the include's line.
        let candidates =
            [file]
            + (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "md" && $0 != file } ?? [])
        for candidate in candidates {
            guard
                candidate == file || text.contains("include") || text.contains("INCLUDE")
                    || text.contains("--8<--"),
                let contents = try? String(contentsOf: candidate, encoding: .utf8)
            else { continue }
            let repaired = expression.stringByReplacingMatches(
                in: contents, range: NSRange(contents.startIndex..., in: contents), withTemplate: template)
            guard repaired != contents else { continue }
            try repaired.write(to: candidate, atomically: true, encoding: .utf8)
            return kind
        }
        return nil
    }
}
