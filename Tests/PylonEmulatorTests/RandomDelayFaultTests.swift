import Foundation
import PylonTestSupport
import Testing

@testable import PylonEmulator

/// `delay=MIN-MAXms`: the soak's "random delays", drawn from the fault seed.
@Suite struct RandomDelayFaultTests {
    @Test func rangesParseAndPrintBack() throws {
        let spec = try FaultRule.parseSpec("*:delay=50-800ms:0.3,getMe:delay=1-2s:1x")
        #expect(
            spec.rules == [
                FaultRule(
                    endpoint: nil, kind: .randomDelay(minimumMilliseconds: 50, maximumMilliseconds: 800),
                    trigger: .probability(0.3)),
                FaultRule(
                    endpoint: .getMe,
                    kind: .randomDelay(minimumMilliseconds: 1_000, maximumMilliseconds: 2_000),
                    trigger: .next(1)),
            ])
        #expect(
            spec.rules.map(\.description) == ["*:delay=50-800ms:0.3", "getMe:delay=1000-2000ms:1x"])
        for bad in ["*:delay=800-50ms:1x", "*:delay=1-2-3ms:1x", "*:delay=-5ms:1x", "*:delay=a-bms:1x"] {
            #expect(throws: EmulatorError.self, "\(bad)") { try FaultRule.parseSpec(bad) }
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func delaysFallInsideTheRangeAndVary() async throws {
        // The delays wait on a clock the test moves, so each request takes exactly its delay in
        // virtual time: scheduling noise on a busy machine does not blur them.
        let clock = ManualClock()
        let client = try await TestClient.start {
            $0.clock = clock
            $0.faults = [
                FaultRule(
                    endpoint: .getMe, kind: .randomDelay(minimumMilliseconds: 40, maximumMilliseconds: 400),
                    trigger: .probability(1))
            ]
            $0.faultSeed = 5
        }
        defer { Task { await client.stop() } }
        var durations: [Duration] = []
        for _ in 0..<8 {
            // The request is the one participant: time jumps to the end of its delay once the
            // emulator sleeps on the clock, and a request that fails ends the run instead.
            let start = clock.elapsed
            let status = try await clock.run(clock.participant { try await client.get("/me").status })
            #expect(status == 200)
            durations.append(clock.elapsed - start)
        }
        let fastest = try #require(durations.min())
        let slowest = try #require(durations.max())
        #expect(fastest >= .milliseconds(40), "\(durations)")
        // Catches a range read in the wrong unit (seconds, not milliseconds).
        #expect(slowest < .seconds(30), "\(durations)")
        // Eight uniform draws from 40…400 ms (seed 5) spread out.
        #expect(slowest - fastest >= .milliseconds(60), "the delays did not vary: \(durations)")
        let log = await client.emulator.requestLog()
        #expect(log.allSatisfy { $0.status == 200 && $0.fault == nil })
    }

    @Test func theInjectorDrawsEveryDelayFromTheRangeAndRepeatsWithTheSeed() {
        let rules = [
            FaultRule(
                endpoint: nil, kind: .randomDelay(minimumMilliseconds: 50, maximumMilliseconds: 800),
                trigger: .probability(1))
        ]
        func draws(seed: UInt64) -> [Int] {
            var injector = FaultInjector(rules: rules, seed: seed)
            return (0..<500).map { _ in injector.outcome(for: .getMe).delayMilliseconds }
        }
        let delays = draws(seed: 7)
        #expect(delays.allSatisfy { (50...800).contains($0) })
        #expect(delays.min()! < 100 && delays.max()! > 750, "not spread over the range")
        #expect(Set(delays).count > 200)
        #expect(delays == draws(seed: 7))
        #expect(delays != draws(seed: 8))
    }
}
