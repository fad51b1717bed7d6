/// Finds a generator's template syntax left in a published HTML body: what a reader would see
/// as literal `{{< shortcode >}}`, `:::image`, `[!INCLUDE …]`, `import …` and the like.
/// Text inside `<code>` and `<pre>` is documentation of that syntax and is skipped.
package enum TemplateLeftovers {
    static let anywhere = [
        "{{<", "{{%", "{%", "%}", "[!INCLUDE", "[!VIDEO", "--8<--", "=== \"", "&lt;Tabs", "&lt;TabItem",
        "<Tabs", "<TabItem", "{`", "`}", "{.", "{#",
    ]
    static let atLineStart = [":::", "!!! "]

    /// Each finding as "`syntax`: the line".
    package static func find(in html: String) -> [String] {
        var findings: [String] = []
        for line in withoutCode(html).split(separator: "\n") {
            let text = withoutLeadingTags(line)
            for marker in anywhere where line.contains(marker) {
                findings.append("`\(marker)`: \(line.prefix(120))")
            }
            for marker in atLineStart where text.hasPrefix(marker) {
                findings.append("`\(marker)`: \(line.prefix(120))")
            }
            // An MDX import, not a sentence that starts with "import".
            if text.hasPrefix("import "),
                text.contains(" from ") || text.hasPrefix("import {") || text.hasPrefix("import '")
            {
                findings.append("`import`: \(line.prefix(120))")
            }
        }
        return findings
    }

    /// `html` with the content of `<code>` and `<pre>` elements removed.
    static func withoutCode(_ html: String) -> String {
        var output = ""
        var rest = html[...]
        while let open = rest.range(of: "<code") ?? rest.range(of: "<pre") {
            let closer = rest[open.lowerBound...].hasPrefix("<pre") ? "</pre>" : "</code>"
            output += rest[..<open.lowerBound]
            guard let close = rest.range(of: closer, range: open.upperBound..<rest.endIndex) else {
                return output
            }
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    private static func withoutLeadingTags(_ line: Substring) -> Substring {
        var text = line.drop { $0 == " " }
        while text.hasPrefix("<"), let close = text.firstIndex(of: ">") {
            text = text[text.index(after: close)...].drop { $0 == " " }
        }
        return text
    }
}
