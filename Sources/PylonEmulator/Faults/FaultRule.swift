import PylonAPI

/// One injected failure: which endpoint, what goes wrong, and when.
///
/// The compact text form (for `--faults`) is a comma-separated list of `ENDPOINT:KIND:TRIGGER`:
/// - ENDPOINT: a `PylonEndpoint` case name such as `createArticle`, or `*` for every endpoint.
/// - KIND: `429` (with `Retry-After: 1`), `429-no-retry-after`, `500`, `502`, `reset` (the
///   connection is closed without a response), `delay=200ms` (or `=2s`), `delay=50-800ms` (a
///   delay drawn uniformly from the range, from the seeded generator), `500-applied` (the
///   request is carried out, then answered with a 500).
/// - TRIGGER: a probability such as `0.02`, or `Nx` for "the next N matching requests" (`3x`).
///
/// An item `seed=N` sets the random seed (see `FaultRule.parseSpec`).
public struct FaultRule: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 429 with the error envelope; `retryAfterSeconds` nil omits the header.
        case rateLimited(retryAfterSeconds: Int?)
        /// 500, 502 or another status, with the error envelope, before anything is applied.
        case serverError(status: Int)
        /// Close the connection without answering.
        case connectionReset
        /// Wait before handling; other rules still apply.
        case delay(milliseconds: Int)
        /// Wait a random time in the range (inclusive) before handling; other rules still apply.
        case randomDelay(minimumMilliseconds: Int, maximumMilliseconds: Int)
        /// Carry the request out (a write is committed), then answer 500.
        case appliedButFailed
    }

    public enum Trigger: Sendable, Equatable {
        /// Fires with this probability (0…1) on each matching request.
        case probability(Double)
        /// Fires on the next N matching requests, then never.
        case next(Int)
    }

    /// nil matches every endpoint.
    public var endpoint: PylonEndpoint?
    public var kind: Kind
    public var trigger: Trigger

    public init(endpoint: PylonEndpoint?, kind: Kind, trigger: Trigger) {
        self.endpoint = endpoint
        self.kind = kind
        self.trigger = trigger
    }

    public var description: String {
        let endpointText = endpoint?.rawValue ?? "*"
        let kindText: String
        switch kind {
        case .rateLimited(let seconds): kindText = seconds == nil ? "429-no-retry-after" : "429"
        case .serverError(let status): kindText = "\(status)"
        case .connectionReset: kindText = "reset"
        case .delay(let milliseconds): kindText = "delay=\(milliseconds)ms"
        case .randomDelay(let minimum, let maximum): kindText = "delay=\(minimum)-\(maximum)ms"
        case .appliedButFailed: kindText = "500-applied"
        }
        let triggerText: String
        switch trigger {
        case .probability(let value): triggerText = "\(value)"
        case .next(let count): triggerText = "\(count)x"
        }
        return "\(endpointText):\(kindText):\(triggerText)"
    }

    /// Parses a `--faults` spec. Returns the rules and the seed if an item `seed=N` is present.
    public static func parseSpec(_ spec: String) throws -> (rules: [FaultRule], seed: UInt64?) {
        var rules: [FaultRule] = []
        var seed: UInt64?
        for rawItem in spec.split(separator: ",") {
            let item = rawItem.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            if item.hasPrefix("seed=") {
                guard let value = UInt64(item.dropFirst(5)) else {
                    throw EmulatorError.invalidFaultSpec(
                        item: item, reason: "the seed must be a whole number")
                }
                seed = value
                continue
            }
            rules.append(try parseRule(item))
        }
        return (rules, seed)
    }

    /// Parses one `ENDPOINT:KIND:TRIGGER` item.
    public static func parseRule(_ item: String) throws -> FaultRule {
        let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw EmulatorError.invalidFaultSpec(
                item: item, reason: "it needs exactly three parts separated by ':'")
        }
        let endpoint: PylonEndpoint?
        if parts[0] == "*" {
            endpoint = nil
        } else if let match = PylonEndpoint(rawValue: parts[0]) {
            endpoint = match
        } else {
            let names = PylonEndpoint.allCases.map(\.rawValue).joined(separator: ", ")
            throw EmulatorError.invalidFaultSpec(
                item: item, reason: "\"\(parts[0])\" is not an endpoint; use * or one of \(names)")
        }
        let kind: Kind
        switch parts[1] {
        case "429": kind = .rateLimited(retryAfterSeconds: 1)
        case "429-no-retry-after": kind = .rateLimited(retryAfterSeconds: nil)
        case "reset": kind = .connectionReset
        case "500-applied": kind = .appliedButFailed
        case let text where text.hasPrefix("delay="):
            kind = try parseDelay(String(text.dropFirst(6)), item: item)
        case let text:
            guard let status = Int(text), (500...599).contains(status) else {
                throw EmulatorError.invalidFaultSpec(
                    item: item,
                    reason: "\"\(text)\" is not a fault; use 429, 429-no-retry-after, 500, 502, reset, "
                        + "delay=200ms, delay=50-800ms or 500-applied")
            }
            kind = .serverError(status: status)
        }
        let trigger: Trigger
        if parts[2].hasSuffix("x"), let count = Int(parts[2].dropLast()), count >= 0 {
            trigger = .next(count)
        } else if let probability = Double(parts[2]), (0...1).contains(probability) {
            trigger = .probability(probability)
        } else {
            throw EmulatorError.invalidFaultSpec(
                item: item, reason: "the trigger must be a probability between 0 and 1 or a count such as 3x")
        }
        return FaultRule(endpoint: endpoint, kind: kind, trigger: trigger)
    }

    /// `200ms`, `2s`, or a range `50-800ms` whose unit is written once, at the end.
    private static func parseDelay(_ text: String, item: String) throws -> Kind {
        let invalid = EmulatorError.invalidFaultSpec(
            item: item, reason: "write a delay as delay=200ms, delay=2s or a range such as delay=50-800ms")
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        switch bounds.count {
        case 1:
            guard let milliseconds = parseDuration(text) else { throw invalid }
            return .delay(milliseconds: milliseconds)
        case 2:
            let unit = text.hasSuffix("ms") ? "ms" : text.hasSuffix("s") ? "s" : ""
            guard let minimum = parseDuration(String(bounds[0]) + unit),
                let maximum = parseDuration(String(bounds[1])), minimum <= maximum
            else { throw invalid }
            return .randomDelay(minimumMilliseconds: minimum, maximumMilliseconds: maximum)
        default:
            throw invalid
        }
    }

    private static func parseDuration(_ text: String) -> Int? {
        if text.hasSuffix("ms") { return Int(text.dropLast(2)).flatMap { $0 >= 0 ? $0 : nil } }
        if text.hasSuffix("s"), let seconds = Double(text.dropLast()), seconds >= 0 {
            return Int((seconds * 1000).rounded())
        }
        return Int(text).flatMap { $0 >= 0 ? $0 : nil }
    }
}
