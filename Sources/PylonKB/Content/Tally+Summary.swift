extension Tally {
    /// How many files a summary names before "and N more".
    static let filesNamed = 3

    /// One diagnostic per key, at its first occurrence, with how often and where it occurs:
    /// 2,000 files with the same unknown key make one line, not 2,000.
    static func summarise(_ tallies: [Tally]) -> [Diagnostic] {
        var order: [String] = []
        var byKey: [String: [Tally]] = [:]
        for tally in tallies {
            if byKey[tally.key] == nil { order.append(tally.key) }
            byKey[tally.key, default: []].append(tally)
        }
        return order.map { key in
            let all = byKey[key]!.sorted { ($0.path, $0.line ?? 0) < ($1.path, $1.line ?? 0) }
            let first = all[0]
            guard all.count > 1 else {
                return Diagnostic(first.severity, path: first.path, line: first.line, first.message)
            }
            var files: [String] = []
            for tally in all where !files.contains(tally.path) { files.append(tally.path) }
            let named = files.prefix(filesNamed).joined(separator: ", ")
            let more = files.count > filesNamed ? " and \(files.count - filesNamed) more" : ""
            let times = all.count == files.count ? "" : " \(all.count) times"
            return Diagnostic(
                first.severity, path: first.path, line: first.line,
                "\(first.message) (\(files.count) files\(times): \(named)\(more))")
        }
    }
}
