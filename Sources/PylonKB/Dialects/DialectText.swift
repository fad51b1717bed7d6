import Foundation

/// Small text helpers the dialect translator shares: code spans, paths, attributes.
enum DialectText {
    /// Applies `transform` to the parts of `line` outside inline code spans.
    static func mapOutsideCodeSpans(_ line: String, _ transform: (String) -> String) -> String {
        guard line.contains("`") else { return transform(line) }
        var output = ""
        var prose = ""
        var index = line.startIndex
        while index < line.endIndex {
            guard line[index] == "`" else {
                prose.append(line[index])
                index = line.index(after: index)
                continue
            }
            let run = line[index...].prefix { $0 == "`" }
            let afterRun = run.endIndex
            if let close = line.range(of: String(run), range: afterRun..<line.endIndex) {
                output += transform(prose) + line[index..<close.upperBound]
                prose = ""
                index = close.upperBound
            } else {
                prose += run
                index = afterRun
            }
        }
        return output + transform(prose)
    }

    /// The ranges of `line` that are inline code spans (backtick runs and what they enclose).
    static func codeSpanRanges(_ line: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = line.startIndex
        while let tick = line[index...].firstIndex(of: "`") {
            let run = line[tick...].prefix { $0 == "`" }
            guard let close = line.range(of: String(run), range: run.endIndex..<line.endIndex) else {
                index = run.endIndex
                continue
            }
            ranges.append(tick..<close.upperBound)
            index = close.upperBound
        }
        return ranges
    }

    /// `base` joined with `relative`, `..` and `.` resolved; nil when it leaves the root.
    static func join(_ base: String, _ relative: String) -> String? {
        var parts: [Substring] = relative.hasPrefix("/") ? [] : base.split(separator: "/")
        for part in relative.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The folder of a root-relative file path ("" at the root).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The last component of a root-relative path.
    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `target` as a path relative to the folder `from` (both root-relative).
    static func relative(from: String, to target: String) -> String {
        let fromParts = from.split(separator: "/")
        let toParts = target.split(separator: "/")
        var common = 0
        while common < fromParts.count, common < toParts.count - 1, fromParts[common] == toParts[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: fromParts.count - common)
        return (ups + toParts[common...].map(String.init)).joined(separator: "/")
    }

    /// `key="value"`, `key='value'`, `key=value` pairs and positional values, in order.
    static func attributes(_ text: Substring) -> (named: [String: String], positional: [String]) {
        var named: [String: String] = [:]
        var positional: [String] = []
        var index = text.startIndex
        func skipSpaces() {
            while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        }
        func readValue() -> String {
            guard index < text.endIndex else { return "" }
            let quote = text[index]
            if quote == "\"" || quote == "'" || quote == "`" {
                let start = text.index(after: index)
                let end = text[start...].firstIndex(of: quote) ?? text.endIndex
                index = end < text.endIndex ? text.index(after: end) : end
                return String(text[start..<end])
            }
            let start = index
            while index < text.endIndex, !text[index].isWhitespace { index = text.index(after: index) }
            return String(text[start..<index])
        }
        while true {
            skipSpaces()
            guard index < text.endIndex else { break }
            let start = index
            while index < text.endIndex,
                text[index].isLetter || text[index].isNumber || "-_".contains(text[index])
            {
                index = text.index(after: index)
            }
            if index > start, index < text.endIndex, text[index] == "=" {
                let key = String(text[start..<index]).lowercased()
                index = text.index(after: index)
                named[key] = readValue()
            } else {
                index = start
                let value = readValue()
                if value.isEmpty, index == start {
                    index = text.index(after: index)
                } else {
                    positional.append(value)
                }
            }
        }
        return (named, positional)
    }

    /// The leading spaces of `line`.
    static func indentation(_ line: String) -> String {
        String(line.prefix { $0 == " " })
    }

    /// `line` with up to `count` leading spaces removed.
    static func dedent(_ line: String, by count: Int) -> String {
        String(line.dropFirst(min(count, line.prefix { $0 == " " }.count)))
    }

    /// A fenced code block around `content` (a longer fence when the content has one).
    static func fenced(_ content: [String], language: String, indent: String = "") -> [String] {
        var fence = "```"
        while content.contains(where: { $0.contains(fence) }) { fence += "`" }
        return [indent + fence + language] + content.map { $0.isEmpty ? "" : indent + $0 } + [indent + fence]
    }

    /// An `<iframe>` for a YouTube or Vimeo video (the sanitizer allows those hosts).
    static func videoEmbed(_ url: String) -> String {
        "<iframe src=\"\(url)\" width=\"560\" height=\"315\" allowfullscreen></iframe>"
    }
}
