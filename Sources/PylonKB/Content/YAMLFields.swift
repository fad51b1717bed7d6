import Yams

/// Reads the keys of one YAML mapping with typed accessors that report wrong types as
/// diagnostics at the key's line in the file (YAML line + `lineOffset`).
struct YAMLFields {
    let path: String
    let lineOffset: Int
    private(set) var entries: [(key: String, line: Int, value: Node)] = []
    var diagnostics: [Diagnostic] = []

    /// Returns nil (with a diagnostic) when `node` is not a mapping.
    init?(_ node: Node?, path: String, lineOffset: Int, what: String, diagnostics: inout [Diagnostic]) {
        self.path = path
        self.lineOffset = lineOffset
        guard let node else { return }
        guard case .mapping(let mapping) = node else {
            diagnostics.append(
                .error(
                    path, line: (node.mark?.line ?? 1) + lineOffset,
                    "The \(what) must be a YAML mapping of `key: value` lines."))
            return nil
        }
        for (key, value) in mapping {
            let line = (key.mark?.line ?? 1) + lineOffset
            entries.append((key.string ?? "\(key)", line, value))
        }
    }

    var keys: [String] { entries.map(\.key) }

    func line(of key: String) -> Int? { entries.first { $0.key == key }?.line }

    func node(_ key: String) -> (node: Node, line: Int)? {
        entries.first { $0.key == key }.map { ($0.value, $0.line) }
    }

    func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return node.null != nil && scalar.style == .plain }
        return false
    }

    mutating func string(_ key: String) -> String? {
        guard let (node, line) = node(key), !isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.append(.error(path, line: line, "`\(key)` must be a single text value."))
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let (node, line) = node(key), !isNull(node) else { return nil }
        guard case .scalar = node, let value = node.bool else {
            diagnostics.append(
                .error(path, line: line, "`\(key)` must be true or false, not \(describe(node))."))
            return nil
        }
        return value
    }

    mutating func number(_ key: String) -> Double? {
        guard let (node, line) = node(key), !isNull(node) else { return nil }
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init) else {
            diagnostics.append(.error(path, line: line, "`\(key)` must be a number, not \(describe(node))."))
            return nil
        }
        return value
    }

    mutating func strings(_ key: String) -> [(value: String, line: Int)] {
        guard let (node, line) = node(key), !isNull(node) else { return [] }
        switch node {
        case .scalar(let scalar):
            // A single value where a list is expected is what people write; accept it.
            return [(scalar.string, line)]
        case .sequence(let sequence):
            var values: [(String, Int)] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    diagnostics.append(
                        .error(
                            path, line: (item.mark?.line ?? 1) + lineOffset,
                            "Each entry of `\(key)` must be a single text value."))
                    continue
                }
                values.append((scalar.string, (item.mark?.line ?? 1) + lineOffset))
            }
            return values
        default:
            diagnostics.append(.error(path, line: line, "`\(key)` must be a list of text values."))
            return []
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(key), let line = line(of: key) else { return nil }
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        diagnostics.append(
            .error(path, line: line, "`\(key)` is \"\(text)\", which is not one of \(allowed)."))
        return nil
    }

    mutating func mapping(_ key: String, what: String) -> YAMLFields? {
        guard let (node, _) = node(key), !isNull(node) else { return nil }
        let nested = YAMLFields(
            node, path: path, lineOffset: lineOffset, what: what, diagnostics: &diagnostics)
        return nested
    }

    /// Warns once per key that is not in `known`.
    mutating func warnUnknownKeys(known: Set<String>, in what: String) {
        var seen: Set<String> = []
        for entry in entries where !known.contains(entry.key) && seen.insert(entry.key).inserted {
            diagnostics.append(
                .warning(path, line: entry.line, "Unknown key `\(entry.key)` in \(what) is ignored."))
        }
    }

    private func describe(_ node: Node) -> String {
        if case .scalar(let scalar) = node { return "\"\(scalar.string)\"" }
        return "a list or mapping"
    }
}
