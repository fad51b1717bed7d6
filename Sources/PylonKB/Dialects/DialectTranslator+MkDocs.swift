import Foundation

/// MkDocs Material: content tabs `=== "Tab"` (4-space indented content) become a bold label
/// and the content; `!!! note` / `??? note` stay for the render-time preprocessor; snippets
/// are resolved with the includes.
extension DialectTranslatorRun {
    mutating func translateMkDocs(_ lines: [TranslatedLine]) -> [TranslatedLine] {
        var output: [TranslatedLine] = []
        var fence = DialectFence()
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            if fence.consume(line.text) {
                output.append(line)
                continue
            }
            let indent = DialectText.indentation(line.text)
            let trimmed = line.text.dropFirst(indent.count)
            guard trimmed.hasPrefix("=== \"") || trimmed.hasPrefix("===! \"") || trimmed.hasPrefix("===+ \""),
                let open = trimmed.firstIndex(of: "\""), let close = trimmed.lastIndex(of: "\""), open < close
            else {
                output.append(line)
                continue
            }
            let label = trimmed[trimmed.index(after: open)..<close]
            output.append(TranslatedLine(text: "", fileLine: line.fileLine))
            output.append(TranslatedLine(text: indent + "**\(label)**", fileLine: line.fileLine))
            output.append(TranslatedLine(text: "", fileLine: line.fileLine))
            var body: [TranslatedLine] = []
            while index < lines.count {
                let next = lines[index].text
                let blank = next.trimmingCharacters(in: .whitespaces).isEmpty
                guard blank || next.hasPrefix(indent + "    ") || next.hasPrefix(indent + "\t") else { break }
                var moved = lines[index]
                moved.text =
                    blank ? "" : indent + DialectText.dedent(String(next.dropFirst(indent.count)), by: 4)
                if moved.text.hasPrefix(indent + "\t") {
                    moved.text = indent + moved.text.dropFirst(indent.count + 1)
                }
                body.append(moved)
                index += 1
            }
            // Tabs nest (and contain tabs in admonitions): translate the content again.
            output += translateMkDocs(body)
        }
        return output
    }
}
