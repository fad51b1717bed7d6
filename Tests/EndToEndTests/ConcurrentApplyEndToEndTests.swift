import Foundation
import PylonAPI
import PylonEmulator
import PylonKB
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue #7, item 3: two applies against one knowledge base at once never duplicate anything.
/// From one checkout the second stops at the apply lock and names the holder; from two
/// checkouts (two CI jobs, two laptops) both run, and the API's unique slugs plus the create
/// path's adoption of an existing article keep the knowledge base single.
@Suite(.serialized) struct ConcurrentApplyEndToEndTests {
    static let lockMessage = "is publishing this content folder right now"

    @Test func aSecondApplyStopsAtTheLockAndNamesTheHolder() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        let lock = try ApplyLock.acquire(contentRoot: harness.root)
        let blocked = try await harness.run(["apply", "--auto-approve"])
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("Another pylon-kb apply (pid \(getpid()) on "), "\(blocked.output)")
        #expect(blocked.stderr.contains(Self.lockMessage))
        #expect(blocked.stderr.contains(".pylon-kb/apply.lock"))
        #expect(blocked.stderr.contains("nothing was changed"))
        #expect(await harness.writes().isEmpty)
        // A saved plan takes the same lock.
        #expect(try await harness.run(["plan", "--out", "plan.json"]).status == 0)
        let savedBlocked = try await harness.run(["apply", "plan.json", "--auto-approve"])
        #expect(savedBlocked.status == 1 && savedBlocked.stderr.contains(Self.lockMessage))
        #expect(await harness.writes().isEmpty)
        // plan only reads, so it never waits for the lock.
        #expect(try await harness.run(["plan"]).status == 0)

        lock.release()
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(
            !FileManager.default.fileExists(atPath: ApplyLock.lockFile(contentRoot: harness.root).path),
            "the lock file is removed when the run ends")
    }

    @Test func aLockLeftByAKilledRunDoesNotBlock() async throws {
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        // The kernel drops a flock when its holder dies; the note it wrote may stay behind.
        try await harness.runAndKill(
            ["apply", "--auto-approve"], afterWrites: 3,
            environment: ["PYLON_RATE_LIMIT_SCALE": "20"])
        try harness.write(".pylon-kb/apply.lock", "pid 999999 on elsewhere, since 2026-01-01T00:00:00Z\n")
        #expect(try await harness.succeeds(["apply", "--auto-approve"]))
        #expect(try await harness.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test func twoAppliesRacingOnOneCheckoutNeverDuplicate() async throws {
        let expected = try await CrashSafetyEndToEndTests.cleanRun()
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        // Pylon's limits sped up 20×, so the first run is still writing when the second starts.
        let slow = ["PYLON_RATE_LIMIT_SCALE": "20"]
        let first = try BinaryRun(
            ["apply", "--auto-approve"], in: harness.root, harness: harness, environment: slow)
        // The second starts once the first has written, so the first holds the lock by then.
        let firstWrote = await first.waitUntil {
            await harness.emulator.waitForRequests(where: EndToEndHarness.isWrite)
        }
        #expect(firstWrote, "the first run ended before writing anything")
        let second = try BinaryRun(
            ["apply", "--auto-approve"], in: harness.root, harness: harness, environment: slow)
        let (one, two) = (await first.wait(), await second.wait())
        let stopped = [one, two].filter { $0.status == 1 && $0.stderr.contains(Self.lockMessage) }
        #expect(stopped.count == 1, "exactly one run stops at the lock:\n\(one.output)\n----\n\(two.output)")
        #expect([one, two].contains { $0.status == 0 }, "\(one.output)\n----\n\(two.output)")
        #expect(try await harness.run(["plan", "--detailed-exitcode"]).status == 0)
        let actual = try await KnowledgeBaseContents.read(harness)
        #expect(actual == expected, "\(actual.difference(from: expected))")
    }

    @Test func twoCheckoutsRacingOnOneKnowledgeBaseNeverDuplicate() async throws {
        let expected = try await CrashSafetyEndToEndTests.cleanRun()
        let harness = try await EndToEndHarness()
        defer { Task { await harness.close() } }
        let other = FileManager.default.temporaryDirectory.appendingPathComponent(
            "e2e-other-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: harness.root, to: other)
        defer { try? FileManager.default.removeItem(at: other) }
        // Same speed, started together: their creates interleave article by article.
        let slow = ["PYLON_RATE_LIMIT_SCALE": "20"]
        let first = try BinaryRun(
            ["apply", "--auto-approve"], in: harness.root, harness: harness, environment: slow)
        let second = try BinaryRun(
            ["apply", "--auto-approve"], in: other, harness: harness, environment: slow)
        let (one, two) = (await first.wait(), await second.wait())
        let duringRace = try await KnowledgeBaseContents.read(harness)
        #expect(duringRace.duplicateArticles == 0 && duringRace.duplicateCollections == 0)
        // Each checkout uploaded its own copy of each image and remembers its own bodies, so
        // where the other checkout wrote last, a rerun sees an edit it did not make: drift,
        // which stops the run (the default policy) instead of silently overwriting.
        let writesBefore = await harness.writes().count
        var drifted = 0
        for root in [harness.root, other] {
            let result = try await harness.run(["apply", "--auto-approve"], in: root)
            if result.status != 0 {
                #expect(
                    result.output.contains("was edited in Pylon since pylon-kb last published it"),
                    "\(result.output)")
                drifted += 1
            }
        }
        #expect(await harness.writes().count == writesBefore, "a rerun after the race wrote something")
        // Settling it is one deliberate run from the checkout that should win.
        let settle = try await harness.run(["apply", "--auto-approve", "--on-drift", "overwrite"])
        #expect(settle.status == 0, "\(settle.output)")
        let plan = try await harness.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0, "still has changes:\n\(plan.output)")
        let actual = try await KnowledgeBaseContents.read(harness)
        #expect(actual.duplicateArticles == 0 && actual.duplicateCollections == 0)
        #expect(actual == expected, "\(actual.difference(from: expected))")
        print(
            "[concurrent] two checkouts: exits \(one.status) and \(two.status); \(actual); "
                + "\(drifted) of 2 reruns stopped at drift"
                + ([one, two].contains { $0.status != 0 }
                    ? "\n[concurrent] the run that lost a race said:\n"
                        + [one, two].filter { $0.status != 0 }.map(\.output)
                        .joined(separator: "\n") : ""))
    }
}
