import PylonHTML

/// How the `hostile` wire profile stores HTML: the way a server-side sanitizer might rewrite
/// it, so a client cannot take "what I sent" for "what is stored". Deterministic, and a fixed
/// point: normalising its own output gives the same bytes, as a real server's would.
///
/// - whitespace-only text between tags is dropped outside `<pre>` (`</strong> <em>` becomes
///   `</strong><em>`, newlines between blocks go);
/// - attributes in alphabetical order, values in double quotes;
/// - `'` (and `&#39;`, `&apos;`) as `&apos;`, a no-break space (and `&nbsp;`) as `&#160;`,
///   `"` in text literal;
/// - `<br>` without a slash, every other void tag as `<img …/>`;
/// - comments kept. Unlike `EditorSanitizer`, nothing is removed and no newlines are added.
enum HostileHTMLNormalizer {
    static func normalize(_ html: String) -> String {
        var output = ""
        write(HTMLParser.parseFragment(html), to: &output, inPre: false)
        return output
    }

    private static func write(_ nodes: [HTMLNode], to output: inout String, inPre: Bool) {
        for node in nodes {
            switch node {
            case .comment(let text):
                output += "<!--\(text)-->"
            case .text(let text):
                if !inPre, text.allSatisfy(\.isWhitespace) { continue }
                output += escape(text, inAttribute: false)
            case .element(let element):
                let attributes = element.attributes
                    .sorted { $0.name < $1.name }
                    .map { " \($0.name)=\"\(escape($0.value, inAttribute: true))\"" }
                    .joined()
                if element.isVoid {
                    output += element.name == "br" ? "<br\(attributes)>" : "<\(element.name)\(attributes)/>"
                } else {
                    output += "<\(element.name)\(attributes)>"
                    write(element.children, to: &output, inPre: inPre || element.name == "pre")
                    output += "</\(element.name)>"
                }
            }
        }
    }

    private static func escape(_ value: String, inAttribute: Bool) -> String {
        var result = ""
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += inAttribute ? "&quot;" : "\""
            case "'": result += "&apos;"
            case "\u{00A0}": result += "&#160;"
            default: result.append(character)
            }
        }
        return result
    }
}
