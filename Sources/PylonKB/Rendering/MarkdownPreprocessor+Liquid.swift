import Foundation

/// Jekyll/Liquid and kramdown leftovers: `{% tag %}` and `{{ expression }}` are dropped with a
/// warning, `{{ site.baseurl }}` becomes nothing, kramdown `{: …}` markup goes (one warning per
/// distinct markup), and `{: #id}` after a heading stays for the renderer.
extension MarkdownPreprocessor {
    private static let openBrace = UInt8(ascii: "{")

    /// True when `bytes` hold `{%`, `{{` or `{:`.
    static func containsTemplateOpener<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var previousWasBrace = false
        for byte in bytes {
            if previousWasBrace, byte == UInt8(ascii: "%") || byte == openBrace || byte == UInt8(ascii: ":") {
                return true
            }
            previousWasBrace = byte == openBrace
        }
        return false
    }

    mutating func stripTemplateSyntax(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var fence = FenceTracker()
        var lineStart = 0
        var line = 1
        var previousLine: (range: Range<Int>, outputStart: Int)?
        while true {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let text = bytes[lineStart..<lineEnd]
            var outputStart = output.count
            if fence.consume(text) || !Self.containsTemplateOpener(text) {
                output.append(contentsOf: text)
            } else if Self.isTOCMarker(text) {
                // `* TOC` + `{:toc}` is kramdown's generated table of contents; Pylon shows
                // its own, so both lines go (the list item would otherwise read "TOC").
                if let previous = previousLine,
                    ["* TOC", "- TOC", "1. TOC"].contains(
                        String(decoding: bytes[previous.range], as: UTF8.self).trimmingSpaces)
                {
                    output.removeSubrange(previous.outputStart..<(outputStart - 1))
                    outputStart = output.count
                }
                warnKramdown("{:toc}", line: line, what: "table of contents marker")
            } else {
                stripTemplateSyntax(in: text, line: line, into: &output)
            }
            previousLine = (lineStart..<lineEnd, outputStart)
            guard lineEnd < bytes.count else { break }
            output.append(UInt8(ascii: "\n"))
            lineStart = lineEnd + 1
            line += 1
        }
        return output
    }

    /// The end of the code span opened by the backtick run at `start` (after its closing run),
    /// or the end of that opening run when the line does not close it.
    private static func codeSpanEnd(in text: ArraySlice<UInt8>, from start: Int) -> Int {
        let tick = UInt8(ascii: "`")
        var index = start
        while index < text.endIndex, text[index] == tick { index += 1 }
        let length = index - start
        while index < text.endIndex {
            guard text[index] == tick else {
                index += 1
                continue
            }
            let runStart = index
            while index < text.endIndex, text[index] == tick { index += 1 }
            if index - runStart == length { return index }
        }
        return start + length
    }

    /// True for `{: #id …}` ending an ATX heading line.
    private static func isHeadingID(_ markup: String, in line: ArraySlice<UInt8>, closingAt close: Int)
        -> Bool
    {
        guard markup.dropFirst(2).trimmingSpaces.hasPrefix("#"),
            line[(close + 1)...].allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        else { return false }
        let start = line.firstIndex { $0 != UInt8(ascii: " ") } ?? line.endIndex
        return start < line.endIndex && line[start] == UInt8(ascii: "#")
    }

    private static let tocMarker = Array("{:toc}".utf8)

    /// `{:toc}`, alone on its line (spaces and tabs around it allowed).
    private static func isTOCMarker(_ line: ArraySlice<UInt8>) -> Bool {
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let start = line.firstIndex(where: { !isSpace($0) }),
            let end = line.lastIndex(where: { !isSpace($0) })
        else { return false }
        return line[start...end].elementsEqual(tocMarker)
    }

    private static func find(_ first: UInt8, _ second: UInt8?, in bytes: ArraySlice<UInt8>, from start: Int)
        -> Int?
    {
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == first {
                guard let second else { return index }
                if index + 1 < bytes.endIndex, bytes[index + 1] == second { return index }
            }
            index += 1
        }
        return nil
    }

    private mutating func stripTemplateSyntax(
        in text: ArraySlice<UInt8>, line: Int, into output: inout [UInt8]
    ) {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "`") {
                // An inline code span shows template syntax as written (a help center documents
                // `{{ customer.name }}` variables); copy it through to its closing backticks.
                let end = Self.codeSpanEnd(in: text, from: index)
                output.append(contentsOf: text[index..<end])
                index = end
                continue
            }
            guard byte == Self.openBrace, index + 1 < text.endIndex else {
                output.append(byte)
                index += 1
                continue
            }
            let next = text[index + 1]
            if next == UInt8(ascii: "%"),
                let close = Self.find(UInt8(ascii: "%"), Self.closeBrace, in: text, from: index + 2)
            {
                let tag = String(decoding: text[index..<(close + 2)], as: UTF8.self)
                diagnostics.append(
                    .warning(
                        path, line: fileLine(line),
                        "unsupported Liquid tag \(tag) was dropped; Pylon articles cannot include other files or run templates, so write its content into the article."
                    ))
                index = close + 2
            } else if next == Self.openBrace,
                let close = Self.find(Self.closeBrace, Self.closeBrace, in: text, from: index + 2)
            {
                let expression = String(decoding: text[index..<(close + 2)], as: UTF8.self)
                let inner = String(decoding: text[(index + 2)..<close], as: UTF8.self)
                if inner.trimmingSpaces == "site.baseurl" {
                    if !reportedBaseURL {
                        reportedBaseURL = true
                        diagnostics.append(
                            .warning(
                                path, line: fileLine(line),
                                "Liquid {{ site.baseurl }} was replaced by nothing (here and elsewhere in this file); links that used it now start at the content root."
                            ))
                    }
                } else {
                    diagnostics.append(
                        .warning(
                            path, line: fileLine(line),
                            "unsupported Liquid expression \(expression) was dropped; write its value into the article."
                        ))
                }
                index = close + 2
            } else if next == UInt8(ascii: ":"),
                let close = Self.find(Self.closeBrace, nil, in: text, from: index + 2)
            {
                let markup = String(decoding: text[index...close], as: UTF8.self)
                if Self.isHeadingID(markup, in: text, closingAt: close) {
                    // `## Title {: #id}` names the heading; the renderer reads it.
                    output.append(contentsOf: text[index...close])
                    index = close + 1
                    continue
                }
                let what: String
                switch markup {
                case "{::nomarkdown}", "{:/nomarkdown}", "{:/}":
                    // The content between the markers is raw HTML: it stays and goes through
                    // the raw-HTML allowlist like any other.
                    what = "nomarkdown marker"
                default:
                    what = markup.hasPrefix("{::") ? "extension" : "attribute list"
                }
                warnKramdown(markup, line: line, what: what)
                index = close + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    private static let closeBrace = UInt8(ascii: "}")

    private mutating func warnKramdown(_ markup: String, line: Int, what: String) {
        if let reported = reportedKramdown[markup] {
            // Only the count changes; the message is rewritten once, in `finishKramdownWarnings`.
            reportedKramdown[markup] = (reported.index, reported.count + 1)
        } else {
            reportedKramdown[markup] = (diagnostics.count, 1)
            diagnostics.append(
                .warning(path, line: fileLine(line), Self.kramdownMessage(markup, what: what, count: 1)))
        }
    }

    mutating func finishKramdownWarnings() {
        for (markup, reported) in reportedKramdown where reported.count > 1 {
            diagnostics[reported.index].message = diagnostics[reported.index].message.replacingOccurrences(
                of: "\(markup) was dropped;",
                with: "\(markup) was dropped (\(reported.count) times in this file, first here);")
        }
    }

    private static func kramdownMessage(_ markup: String, what: String, count: Int) -> String {
        let times = count > 1 ? " (\(count) times in this file, first here)" : ""
        return
            "unsupported kramdown \(what) \(markup) was dropped\(times); Pylon articles take no kramdown markup."
    }
}
