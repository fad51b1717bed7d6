import Foundation
import PylonHTML

/// Re-serializes stored HTML the way a rich-text editor does, so clients cannot count on
/// byte-equal round trips: attributes in reverse alphabetical order, `<br />`-style void tags,
/// named entities (`&nbsp;`, `&#39;`, `&quot;`), a newline after every block, and tags Pylon's
/// sanitizer drops (`script`, `style`, `object`, `form`, …) removed with their content.
/// Allowed markup keeps its `CanonicalHTML` form.
public enum EditorSanitizer {
    static let droppedElements: Set<String> = [
        "script", "style", "object", "embed", "form", "input", "button", "select", "textarea", "link", "meta",
        "base", "noscript", "template",
    ]

    public static func sanitize(_ html: String) -> String {
        serialize(HTMLParser.parseFragment(html), inPre: false)
    }

    private static func serialize(_ nodes: [HTMLNode], inPre: Bool) -> String {
        var output = ""
        for node in nodes {
            switch node {
            case .comment:
                continue
            case .text(let text):
                output += escape(text)
            case .element(let element):
                guard !droppedElements.contains(element.name) else { continue }
                let attributes = element.attributes
                    .filter { !$0.name.hasPrefix("on") && !isScriptURL($0) }
                    .sorted { $0.name > $1.name }
                    .map { " \($0.name)=\"\(escape($0.value))\"" }
                    .joined()
                if element.isVoid {
                    output += "<\(element.name)\(attributes) />"
                } else {
                    let inner = serialize(element.children, inPre: inPre || element.name == "pre")
                    output += "<\(element.name)\(attributes)>\(inner)</\(element.name)>"
                }
                if element.isBlock, !inPre { output += "\n" }
            }
        }
        return output
    }

    private static func isScriptURL(_ attribute: HTMLAttribute) -> Bool {
        (attribute.name == "href" || attribute.name == "src")
            && attribute.value.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("javascript:")
    }

    /// The editor's entity spelling, the same in text and attribute values: named `&nbsp;`,
    /// numeric `&#39;` (unlike pylon-kb's serializer, on purpose).
    private static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\u{00A0}": result += "&nbsp;"
            default: result.append(character)
            }
        }
        return result
    }
}
