import Foundation

/// The JSON form of a plan (`plan --format json`, `plan --out plan.json`): snake_case keys,
/// sorted, so saved plans diff cleanly. `format_version` says which schema it follows; see
/// docs/plan-format.md.
public enum PlanJSON {
    public static func encode(_ plan: Plan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(plan)
        data.append(0x0A)
        return data
    }

    /// `body_html` → `bodyHTML`: the inverse of `.convertToSnakeCase` for this codebase's
    /// names, which spell acronyms in capitals (Foundation's own inverse would say `bodyHtml`).
    static func camelCase(_ key: String) -> String {
        let words = key.split(separator: "_")
        guard let first = words.first else { return key }
        let acronyms = ["id": "ID", "ids": "IDs", "html": "HTML", "url": "URL"]
        return String(first)
            + words.dropFirst().map { word in
                acronyms[String(word)] ?? word.prefix(1).uppercased() + word.dropFirst()
            }.joined()
    }

    private struct SwiftKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func decode(_ data: Data, source: String) throws(ReadError) -> Plan {
        struct Version: Decodable { var formatVersion: Int? }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in SwiftKey(camelCase(path.last!.stringValue)) }
        guard let version = try? decoder.decode(Version.self, from: data) else {
            throw ReadError(
                description:
                    "\(source) is not a pylon-kb plan (it is not JSON). Make one with `pylon-kb plan --out \(source)`."
            )
        }
        guard let number = version.formatVersion else {
            throw ReadError(description: "\(source) is not a pylon-kb plan (it has no format_version).")
        }
        guard number == Plan.currentFormatVersion else {
            throw ReadError(
                description:
                    "\(source) is a plan in format \(number), but this pylon-kb reads format \(Plan.currentFormatVersion). Make the plan and apply it with the same pylon-kb version."
            )
        }
        do {
            return try decoder.decode(Plan.self, from: data)
        } catch {
            throw ReadError(
                description:
                    "\(source) is not a valid pylon-kb plan: \(error). Make it again with `pylon-kb plan --out`."
            )
        }
    }
}
