internal import CLibXML2

/// Parses HTML fragments with libxml2's HTML parser, which repairs tag soup the way browsers
/// mostly do (Foundation's XMLDocument cannot parse HTML on Linux).
public enum HTMLParser {
    private static let initialized: Bool = {
        // libxml2 is thread-safe once initialised; do it exactly once.
        xmlInitParser()
        return true
    }()

    /// Parses `html` as the content of a `<body>` and returns its top-level nodes.
    public static func parseFragment(_ html: String) -> [HTMLNode] {
        precondition(initialized)
        // The explicit <body> keeps libxml2 from wrapping leading text in an implied <p>.
        let wrapped = "<!DOCTYPE html><html><head></head><body>" + html + "</body></html>"
        let options = Int32(
            HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_NOIMPLIED.rawValue)
        var utf8 = Array(wrapped.utf8)
        let count = Int32(clamping: utf8.count)
        let document = utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, count, nil, "UTF-8", options)
            }
        }
        guard let document else { return [.text(html)] }
        defer { xmlFreeDoc(document) }
        guard let body = findBody(xmlDocGetRootElement(document)) else { return [] }
        return convertChildren(of: body)
    }

    private static func findBody(_ node: xmlNodePtr?) -> xmlNodePtr? {
        var current = node
        while let node = current {
            if node.pointee.type == XML_ELEMENT_NODE, name(of: node) == "body" { return node }
            if let found = findBody(node.pointee.children) { return found }
            current = node.pointee.next
        }
        return nil
    }

    private static func convertChildren(of parent: xmlNodePtr) -> [HTMLNode] {
        var nodes: [HTMLNode] = []
        var child = parent.pointee.children
        while let node = child {
            if let converted = convert(node) { nodes.append(converted) }
            child = node.pointee.next
        }
        return nodes
    }

    private static func convert(_ node: xmlNodePtr) -> HTMLNode? {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            var attributes: [HTMLAttribute] = []
            var attribute = node.pointee.properties
            while let current = attribute {
                let attributeName = string(current.pointee.name).lowercased()
                // An HTML attribute's children are text nodes; entities are already resolved.
                var value = ""
                var valueNode = current.pointee.children
                while let text = valueNode {
                    value += string(text.pointee.content)
                    valueNode = text.pointee.next
                }
                attributes.append(HTMLAttribute(name: attributeName, value: value))
                attribute = current.pointee.next
            }
            return .element(
                HTMLElement(
                    name: name(of: node), attributes: attributes, children: convertChildren(of: node)))
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return .text(string(node.pointee.content))
        case XML_COMMENT_NODE:
            return .comment(string(node.pointee.content))
        default:
            return nil
        }
    }

    private static func name(of node: xmlNodePtr) -> String {
        string(node.pointee.name).lowercased()
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        string(UnsafePointer(pointer))
    }
}
