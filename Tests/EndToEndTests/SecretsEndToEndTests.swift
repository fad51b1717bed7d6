import Foundation
import PylonEmulator
import Testing

/// Issue 7, part 6: the API token never appears in anything pylon-kb prints or writes, on
/// success, with `--verbose`, and when Pylon answers with errors.
@Suite(.serialized) struct SecretsEndToEndTests {
    /// A token that the emulator does not accept, for the 401 runs.
    static let wrongToken = "pk_live_SECRET-7f3a9c"

    /// Every file under `root` (links not followed) whose bytes contain one of `secrets`.
    static func filesContaining(_ secrets: [String], under root: URL) -> [String] {
        let manager = FileManager.default
        guard let paths = manager.subpaths(atPath: root.path) else { return [] }
        return paths.filter { path in
            let url = root.appendingPathComponent(path)
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isRegularFile == true, values?.isSymbolicLink != true,
                let data = manager.contents(atPath: url.path)
            else { return false }
            return secrets.contains { data.range(of: Data($0.utf8)) != nil }
        }
    }

    /// Runs each command and records any output that contains a secret.
    static func expectNoSecrets(
        _ harness: EndToEndHarness, _ commands: [[String]], environment: [String: String] = [:],
        secrets: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: EndToEndHarness.Result] {
        var results: [String: EndToEndHarness.Result] = [:]
        for command in commands {
            let result = try await harness.run(command, environment: environment)
            results[command.joined(separator: " ")] = result
            for secret in secrets {
                #expect(
                    !result.output.contains(secret),
                    "pylon-kb \(command.joined(separator: " ")) printed the token:\n\(result.output)",
                    sourceLocation: sourceLocation)
            }
        }
        return results
    }

    @Test func noCommandPrintsOrWritesTheToken() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        let secrets = [EndToEndHarness.token]
        var commands: [[String]] = [
            ["check"], ["check", "--format", "github"], ["render", "--out", "preview"],
            ["knowledge-bases"], ["whoami"],
        ]
        for verbose in [[], ["--verbose"]] {
            commands += [
                ["plan"] + verbose, ["plan", "--format", "markdown"] + verbose,
                ["plan", "--format", "json", "--out", "plan.json"] + verbose,
                ["knowledge-bases"] + verbose, ["whoami"] + verbose,
            ]
        }
        commands += [["apply", "--auto-approve", "--verbose"]]
        let results = try await Self.expectNoSecrets(harness, commands, secrets: secrets)
        for (command, result) in results {
            #expect(result.status == 0, "pylon-kb \(command) exited \(result.status):\n\(result.output)")
        }

        // A saved plan applied later, after an edit, in verbose mode.
        try harness.write("faq.md", try harness.read("faq.md") + "\nOne more answer.\n")
        let later = try await Self.expectNoSecrets(
            harness,
            [
                ["plan", "--out", "plan.json", "--verbose"],
                ["apply", "plan.json", "--auto-approve", "--verbose"],
            ],
            secrets: secrets)
        let applied = try #require(later["apply plan.json --auto-approve --verbose"])
        #expect(applied.status == 0, "\(applied.output)")

        #expect(FileManager.default.fileExists(atPath: harness.root.appendingPathComponent(".pylon-kb").path))
        #expect(FileManager.default.fileExists(atPath: harness.root.appendingPathComponent("plan.json").path))
        #expect(Self.filesContaining(secrets, under: harness.root) == [])
    }

    @Test func aRejectedTokenIsNotEchoed() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        var commands: [[String]] = []
        for verbose in [[], ["--verbose"]] {
            commands += [
                ["whoami"] + verbose, ["knowledge-bases"] + verbose, ["plan"] + verbose,
                ["plan", "--out", "plan.json"] + verbose, ["apply", "--auto-approve"] + verbose,
            ]
        }
        let results = try await Self.expectNoSecrets(
            harness, commands, environment: ["PYLON_API_TOKEN": Self.wrongToken],
            secrets: [Self.wrongToken, EndToEndHarness.token])
        for (command, result) in results {
            // Any failure status (1 for every command, by the README's exit-code table).
            #expect(result.status != 0, "pylon-kb \(command) exited \(result.status):\n\(result.output)")
            #expect(
                result.output.contains("401"), "pylon-kb \(command) did not report the 401:\n\(result.output)"
            )
        }
        #expect(await harness.writes().isEmpty)
        #expect(Self.filesContaining([Self.wrongToken], under: harness.root) == [])
    }

    @Test func serverErrorsDoNotEchoTheToken() async throws {
        let harness = try await EndToEndHarness(faults: [
            FaultRule(endpoint: .createArticle, kind: .serverError(status: 500), trigger: .probability(1)),
            FaultRule(endpoint: .createCollection, kind: .appliedButFailed, trigger: .next(1)),
        ])
        defer { Task { await harness.close() } }
        let secrets = [EndToEndHarness.token]
        let results = try await Self.expectNoSecrets(
            harness, [["apply", "--auto-approve", "--verbose"], ["apply", "--auto-approve"]], secrets: secrets
        )
        for (command, result) in results {
            #expect(result.status == 1, "pylon-kb \(command) exited \(result.status):\n\(result.output)")
            #expect(
                result.output.contains("500"), "pylon-kb \(command) did not report the 500:\n\(result.output)"
            )
        }
        #expect(Self.filesContaining(secrets, under: harness.root) == [])
    }
}
