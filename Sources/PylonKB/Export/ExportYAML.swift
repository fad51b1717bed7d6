/// Writes the few YAML shapes export needs (`key: value` lines and lists of strings), quoting
/// any string that YAML could read as something else.
enum ExportYAML {
    /// `key: value` with the value quoted when needed.
    static func line(_ key: String, _ value: String) -> String {
        "\(key): \(scalar(value))"
    }

    static func line(_ key: String, _ value: Bool) -> String {
        "\(key): \(value)"
    }

    /// A flow list, `[a, "b c"]`.
    static func line(_ key: String, list values: [String]) -> String {
        "\(key): [\(values.map(scalar).joined(separator: ", "))]"
    }

    /// Words YAML 1.1 or 1.2 read as booleans or null.
    private static let specialWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ]

    /// The value as a plain scalar when that reads back as the same string, else double-quoted.
    static func scalar(_ value: String) -> String {
        if isPlainSafe(value) { return value }
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                // Control characters and the line and paragraph separators are escaped, so the
                // value stays on one line and survives every YAML reader.
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
                {
                    result += "\\u" + format4(scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func format4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Letters, digits and a few inner punctuation marks, not starting with something YAML
    /// treats specially, not a number, boolean or null.
    private static func isPlainSafe(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else {
            return false
        }
        guard !specialWords.contains(value.lowercased()) else { return false }
        guard first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        guard last != " " else { return false }
        if Double(value) != nil || Int(value) != nil { return false }
        // Anything that looks like a date, a number with underscores or a sexagesimal is quoted.
        if value.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || "-_:.+".unicodeScalars.contains($0) }
        ) {
            return false
        }
        // No `,`: it would split a value in a flow list.
        let allowedPunctuation = " -_./@()'’?!".unicodeScalars
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { continue }
            if allowedPunctuation.contains(scalar) { continue }
            // `https://x` is plain; `a: b` and a final `:` would start a mapping.
            if scalar == ":", index + 1 < scalars.count, scalars[index + 1] != " " { continue }
            return false
        }
        return true
    }
}
