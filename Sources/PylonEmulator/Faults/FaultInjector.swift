import PylonAPI

/// Decides, per request, which fault rules fire. Not thread-safe on its own: `EmulatorState`
/// (an actor) owns it.
struct FaultInjector: Sendable {
    /// What the request should suffer.
    struct Outcome: Sendable, Equatable {
        var delayMilliseconds = 0
        /// The first non-delay rule that fired, if any.
        var fault: FaultRule.Kind?
    }

    private var rules: [FaultRule]
    private var remaining: [Int?]
    private var generator: SplitMix64

    init(rules: [FaultRule], seed: UInt64) {
        self.rules = rules
        self.remaining = rules.map { rule in
            if case .next(let count) = rule.trigger { return count }
            return nil
        }
        self.generator = SplitMix64(seed: seed)
    }

    mutating func replaceRules(_ newRules: [FaultRule]) {
        self = FaultInjector(rules: newRules, seed: generator.next())
    }

    mutating func outcome(for endpoint: PylonEndpoint) -> Outcome {
        var outcome = Outcome()
        for index in rules.indices {
            let rule = rules[index]
            if let target = rule.endpoint, target != endpoint { continue }
            // Once a failure is chosen, later failure rules are not consulted (and do not use up
            // their counts), but delays still add up.
            if outcome.fault != nil, !isDelay(rule.kind) { continue }
            let fires: Bool
            switch rule.trigger {
            case .probability(let probability):
                fires = Double(generator.next() >> 11) / Double(1 << 53) < probability
            case .next:
                if let count = remaining[index], count > 0 {
                    remaining[index] = count - 1
                    fires = true
                } else {
                    fires = false
                }
            }
            guard fires else { continue }
            switch rule.kind {
            case .delay(let milliseconds):
                outcome.delayMilliseconds += milliseconds
            case .randomDelay(let minimum, let maximum):
                outcome.delayMilliseconds += minimum + Int(generator.next() % UInt64(maximum - minimum + 1))
            default:
                outcome.fault = rule.kind
            }
        }
        return outcome
    }

    private func isDelay(_ kind: FaultRule.Kind) -> Bool {
        switch kind {
        case .delay, .randomDelay: return true
        default: return false
        }
    }
}
