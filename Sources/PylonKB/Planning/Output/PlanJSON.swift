import Foundation

/// The JSON form of a plan (`plan --format json`, `plan --out plan.json`): snake_case keys,
/// sorted, so saved plans diff cleanly. `format_version` says which schema it follows; see
/// docs/plan-format.md.
public enum PlanJSON {
    public static func encode(_ plan: Plan) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .custom { path in SwiftKey(snakeCase(path.last!.stringValue)) }
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(plan)
        data.append(0x0A)
        return data
    }

    /// `allowedAgentIDs` → `allowed_agent_ids`. Foundation's `.convertToSnakeCase` splits a
    /// plural acronym (`allowed_agent_i_ds`), which is not what docs/plan-format.md documents,
    /// so acronyms are read as words first.
    static func snakeCase(_ key: String) -> String {
        var words: [String] = []
        var current = ""
        var index = key.startIndex
        while index < key.endIndex {
            let rest = key[index...]
            if let acronym = acronyms.first(where: {
                rest.hasPrefix($0.spelled) && acronymEnds(rest, $0.spelled)
            }) {
                if !current.isEmpty { words.append(current) }
                words.append(acronym.word)
                current = ""
                index = key.index(index, offsetBy: acronym.spelled.count)
                continue
            }
            let character = key[index]
            if character.isUppercase, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += character.lowercased()
            index = key.index(after: index)
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: "_")
    }

    /// Capitalised acronyms of this codebase's names, longest spelling first.
    private static let acronyms: [(spelled: String, word: String)] = [
        ("HTML", "html"), ("IDs", "ids"), ("URLs", "urls"), ("URL", "url"), ("ID", "id"),
    ]

    /// An acronym ends at the end of the name or before a capital letter (`IDsByPath`), so `IDentity`
    /// is not one.
    private static func acronymEnds(_ rest: Substring, _ spelled: String) -> Bool {
        let after = rest.dropFirst(spelled.count)
        return after.first.map { $0.isUppercase || $0.isNumber } ?? true
    }

    /// `body_html` → `bodyHTML`: the inverse of `snakeCase` for this codebase's names, which
    /// spell acronyms in capitals (Foundation's own inverse would say `bodyHtml`).
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
