/// Writes nodes back as HTML. Output is deterministic: the same tree gives the same bytes.
public enum HTMLSerializer {
    public static func serialize(_ nodes: [HTMLNode]) -> String {
        var output = ""
        for node in nodes { write(node, into: &output) }
        return output
    }

    public static func serialize(_ node: HTMLNode) -> String {
        var output = ""
        write(node, into: &output)
        return output
    }

    private static func write(_ node: HTMLNode, into output: inout String) {
        switch node {
        case .text(let text):
            output += escapeText(text)
        case .comment(let text):
            output +=
                "<!--"
                + text.split(separator: "--", omittingEmptySubsequences: false).joined(separator: "- -")
                + "-->"
        case .element(let element):
            output += "<" + element.name
            for attribute in element.attributes {
                output += " " + attribute.name + "=\"" + escapeAttribute(attribute.value) + "\""
            }
            output += ">"
            if element.isVoid { return }
            if element.name == "script" || element.name == "style" {
                // Raw-text elements: their content is not escaped by browsers either.
                output += element.textContent
            } else {
                for child in element.children { write(child, into: &output) }
            }
            output += "</" + element.name + ">"
        }
    }

    /// Escapes `&`, `<` and `>` in text content.
    public static func escapeText(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Escapes `&`, `<`, `>` and `"` for a double-quoted attribute value.
    public static func escapeAttribute(_ value: String) -> String {
        guard value.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" }) else {
            return value
        }
        var result = ""
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
