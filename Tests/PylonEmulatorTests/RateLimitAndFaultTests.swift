import Foundation
import PylonEmulator
import PylonTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Rate limits and faults")
struct RateLimitAndFaultTests {
    @Test func limitsAreSlidingWindowsWithRetryAfter() async throws {
        // Scale 12: createArticle's 10/min becomes 10 per 5 s, counted on a clock the test moves,
        // so all 11 arrive at one instant however slow the machine.
        let clock = ManualClock()
        let client = try await TestClient.start {
            $0.rateLimitScale = 12
            $0.clock = clock
        }
        defer { Task { await client.stop() } }
        let results = try await withThrowingTaskGroup(of: HTTPResult.self) { group in
            for index in 0..<11 {
                group.addTask {
                    try await client.post(
                        "/knowledge-bases/\(client.kb)/articles",
                        ["title": "Limited \(index)", "body_html": "x", "author_user_id": client.author])
                }
            }
            return try await group.reduce(into: [HTTPResult]()) { $0.append($1) }
        }
        #expect(results.filter { $0.status == 200 }.count == 10)
        #expect(results.filter { $0.status == 429 }.count == 1)
        let rejection = try #require(results.first { $0.status == 429 })
        #expect(rejection.requestID != nil)
        #expect(!rejection.errors.isEmpty)
        let retryAfter = try #require(rejection.header("Retry-After").flatMap(Int.init))
        #expect((1...5).contains(retryAfter))
        // Another group is unaffected.
        #expect(try await client.get("/knowledge-bases/\(client.kb)/articles/none").status == 404)
        // Exactly Retry-After later, the window has room again.
        clock.advance(by: .seconds(retryAfter))
        let after = try await client.post(
            "/knowledge-bases/\(client.kb)/articles",
            ["title": "Later", "body_html": "x", "author_user_id": client.author])
        #expect(after.status == 200)
    }

    @Test func injectedStatusesAndDelays() async throws {
        let client = try await TestClient.start {
            $0.faults = try! FaultRule.parseSpec(
                "getMe:429:1x,getMe:429-no-retry-after:1x,getMe:500:1x,getMe:502:1x,listUsers:delay=300ms:1x"
            ).rules
        }
        defer { Task { await client.stop() } }
        let first = try await client.get("/me")
        #expect(first.status == 429)
        #expect(first.header("Retry-After") == "1")
        let second = try await client.get("/me")
        #expect(second.status == 429)
        #expect(second.header("Retry-After") == nil)
        #expect(try await client.get("/me").status == 500)
        let bad = try await client.get("/me")
        #expect(bad.status == 502)
        #expect(bad.requestID != nil)
        #expect(try await client.get("/me").status == 200)
        let start = ContinuousClock.now
        #expect(try await client.get("/users").status == 200)
        #expect(ContinuousClock.now - start >= .milliseconds(300))
        let log = await client.emulator.requestLog()
        #expect(log.map(\.fault) == ["429", "429-no-retry-after", "500", "502", nil, nil])
        #expect(log.map(\.status) == [429, 429, 500, 502, 200, 200])
        #expect(log.first?.endpoint == .getMe)
    }

    @Test func appliedButFailedCommitsTheWrite() async throws {
        let client = try await TestClient.start()
        defer { Task { await client.stop() } }
        await client.emulator.setFaults([
            FaultRule(endpoint: .createArticle, kind: .appliedButFailed, trigger: .next(1))
        ])
        let answer = try await client.post(
            "/knowledge-bases/\(client.kb)/articles",
            ["title": "Ghost", "body_html": "x", "author_user_id": client.author])
        #expect(answer.status == 500)
        #expect(answer.requestID != nil)
        let listed = try await client.get("/knowledge-bases/\(client.kb)/articles")
        #expect(listed.dataArray?.map { $0["slug"] as? String } == ["ghost"])
    }

    @Test func resetClosesTheConnectionWithoutAnAnswer() async throws {
        let client = try await TestClient.start {
            $0.faults = [FaultRule(endpoint: nil, kind: .connectionReset, trigger: .next(1))]
        }
        defer { Task { await client.stop() } }
        await #expect(throws: (any Error).self) { _ = try await client.get("/me") }
        #expect(try await client.get("/me").status == 200)
        let log = await client.emulator.requestLog()
        #expect(log.first?.fault == "reset")
        #expect(log.first?.status == nil)
    }

    @Test func faultSpecsParseAndRejectNonsense() throws {
        let spec = try FaultRule.parseSpec(
            "createArticle:500-applied:0.02,*:429:0.1,*:reset:3x,*:delay=200ms:0.1,seed=7")
        #expect(spec.seed == 7)
        #expect(
            spec.rules == [
                FaultRule(endpoint: .createArticle, kind: .appliedButFailed, trigger: .probability(0.02)),
                FaultRule(
                    endpoint: nil, kind: .rateLimited(retryAfterSeconds: 1), trigger: .probability(0.1)),
                FaultRule(endpoint: nil, kind: .connectionReset, trigger: .next(3)),
                FaultRule(endpoint: nil, kind: .delay(milliseconds: 200), trigger: .probability(0.1)),
            ])
        #expect(
            spec.rules.map(\.description).joined(separator: ",")
                == "createArticle:500-applied:0.02,*:429:0.1,*:reset:3x,*:delay=200ms:0.1")
        for bad in ["nope:500:1x", "*:418:1x", "*:500:2", "*:500", "*:delay=fast:1x", "seed=x"] {
            #expect(throws: EmulatorError.self, "\(bad)") { try FaultRule.parseSpec(bad) }
        }
    }

    @Test func probabilisticFaultsRepeatWithTheSameSeed() async throws {
        func run() async throws -> [Int] {
            let client = try await TestClient.start {
                $0.faults = [
                    FaultRule(endpoint: .getMe, kind: .serverError(status: 500), trigger: .probability(0.5))
                ]
                $0.faultSeed = 42
            }
            defer { Task { await client.stop() } }
            var statuses: [Int] = []
            for _ in 0..<20 { statuses.append(try await client.get("/me").status) }
            return statuses
        }
        let first = try await run()
        #expect(first == (try await run()))
        #expect(first.contains(500) && first.contains(200))
    }
}
