import Foundation

/// Turns an answer built in the emulator's own (tidy) shape into the bytes of the configured
/// wire profile. Every JSON answer of the API passes here, errors included.
struct WireShaper: Sendable {
    let profile: WireProfile
    let surface: APISurface
    /// Seeds the hostile profile's choices; with `sequence` (the answer's number) they replay.
    let seed: UInt64

    /// What an answer holds, so the `go` profile knows which schema fields to write.
    enum Shape: Sendable {
        /// A success envelope whose `data` (or each item of it) follows `data`.
        case success(data: WireSchema?)
        /// An `ErrorApiResponseBody`.
        case error
    }

    func encode(_ body: JSONValue, shape: Shape, sequence: UInt64) -> Data {
        switch profile {
        case .tidy:
            return body.encoded()
        case .go:
            // Go writes struct fields in declaration order, alphabetical in Pylon's generated
            // types: sorted keys are what a Go server sends.
            var filler = GoFiller(surface: surface)
            return filler.envelope(body, shape: shape).encoded()
        case .hostile:
            var hostile = HostileShaper(sequence: sequence, seed: seed)
            let shaped = hostile.envelope(body)
            return OrderedJSONWriter.write(shaped) { keys in keys.shuffle(using: &hostile.random) }
        }
    }
}

/// The `go` profile: every schema field present; unset strings `""`, booleans `false`,
/// numbers `0`, arrays alternately `[]` and `null`, objects `null`.
private struct GoFiller {
    let surface: APISurface
    /// Alternates `[]` and `null` for unset arrays, deterministically in answer order.
    private var nextArrayIsNull = false

    init(surface: APISurface) { self.surface = surface }

    mutating func envelope(_ body: JSONValue, shape: WireShaper.Shape) -> JSONValue {
        switch shape {
        case .error:
            return fill(body, .error)
        case .success(let data):
            guard case .object(var fields) = body else { return body }
            if let data, let value = fields["data"] {
                fields["data"] = nested(value, .arrayOf(data))
            }
            if let pagination = fields["pagination"] { fields["pagination"] = fill(pagination, .pagination) }
            return .object(fields)
        }
    }

    private mutating func fill(_ value: JSONValue, _ schema: WireSchema) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        for (name, kind) in schema.properties(surface) {
            fields[name] = fields[name].map { nested($0, kind) } ?? zero(kind)
        }
        return .object(fields)
    }

    /// Fills nested schema objects; `.arrayOf` also accepts a single object (a `data` that is
    /// not a list).
    private mutating func nested(_ value: JSONValue, _ kind: WireSchema.Kind) -> JSONValue {
        switch (kind, value) {
        case (.object(let schema), .object), (.arrayOf(let schema), .object):
            return fill(value, schema)
        case (.arrayOf(let schema), .array(let items)):
            return .array(items.map { fill($0, schema) })
        default:
            return value
        }
    }

    private mutating func zero(_ kind: WireSchema.Kind) -> JSONValue {
        switch kind {
        case .string: return .string("")
        case .bool: return .bool(false)
        case .number: return .int(0)
        case .object: return .null
        case .array, .arrayOf:
            defer { nextArrayIsNull.toggle() }
            return nextArrayIsNull ? .null : .array([])
        }
    }
}

/// The `hostile` profile's answer rewriting (key order is chosen when writing): unknown fields
/// at every level, `identifier` alternately a number and a string, timestamp spelling variants.
private struct HostileShaper {
    var random: SplitMix64
    private var identifiers: UInt64

    init(sequence: UInt64, seed: UInt64) {
        random = SplitMix64(seed: seed ^ (sequence &* 0xD1B5_4A32_D192_ED03))
        identifiers = sequence
    }

    mutating func envelope(_ body: JSONValue) -> JSONValue {
        guard case .object(var fields) = rewrite(body) else { return body }
        fields["meta"] = .object([
            "api_version": .string("2026-11-01"), "served_by": .string("emulator-\(random.next() % 16)"),
        ])
        return .object(fields)
    }

    private mutating func rewrite(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map { rewrite($0) })
        case .object(let fields):
            var result: [String: JSONValue] = [:]
            for key in fields.keys.sorted() {
                guard let field = fields[key] else { continue }
                result[key] = rewrite(field, key: key)
            }
            let (name, extra) = extraField()
            if result[name] == nil { result[name] = extra }
            return .object(result)
        default:
            return value
        }
    }

    private mutating func rewrite(_ value: JSONValue, key: String) -> JSONValue {
        if key == "identifier", case .string(let text) = value, let number = Int(text) {
            identifiers &+= 1
            return identifiers % 2 == 0 ? .int(number) : value
        }
        if key.hasSuffix("_at"), case .string(let text) = value {
            return .string(Self.timestampVariant(text, choice: random.next() % 4))
        }
        return rewrite(value)
    }

    /// One field no schema has, with a value of a varying JSON type.
    private mutating func extraField() -> (String, JSONValue) {
        switch random.next() % 5 {
        case 0: ("x_rank", .int(Int(random.next() % 1000)))
        case 1: ("_links", .object(["self": .string("/internal/\(random.next() % 10_000)")]))
        case 2: ("deprecated_field", .null)
        case 3: ("labels", .array([.string("beta")]))
        default: ("x_flags", .object(["experimental": .bool(random.next() % 2 == 0)]))
        }
    }

    /// The same instant as `2026-01-02T03:04:05Z`, spelled with or without fractional seconds
    /// and with `Z` or `+00:00`. Anything else is left as it is.
    static func timestampVariant(_ text: String, choice: UInt64) -> String {
        let characters = Array(text)
        guard characters.count >= 20, characters[10] == "T", text.hasSuffix("Z") || text.hasSuffix("+00:00")
        else { return text }
        let seconds = String(characters[0..<19])
        switch choice {
        case 0: return seconds + "Z"
        case 1: return seconds + ".000Z"
        case 2: return seconds + "+00:00"
        default: return seconds + ".000000+00:00"
        }
    }
}
