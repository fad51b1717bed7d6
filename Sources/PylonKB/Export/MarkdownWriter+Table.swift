import Foundation
import PylonHTML

/// Tables: GFM pipe tables when every cell holds inline content only, raw HTML otherwise.
extension MarkdownWriter {
    mutating func table(_ element: HTMLElement) -> String {
        guard let rows = Self.gfmRows(element) else { return rawBlock(element) }
        let columns = rows[0].count
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            var cells: [String] = []
            for cell in row {
                var children = cell.children
                let nonBlank = children.filter { !Self.isBlank($0) }
                if nonBlank.count == 1, case .element(let paragraph) = nonBlank[0], paragraph.name == "p" {
                    children = paragraph.children
                }
                let text = inline(children, context: .tableCell)
                cells.append(singleLine(text))
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
            if index == 0 {
                let delimiters = row.map { cell -> String in
                    switch Self.alignment(cell) {
                    case "left": ":---"
                    case "center": ":---:"
                    case "right": "---:"
                    default: "---"
                    }
                }
                lines.append("| " + delimiters.joined(separator: " | ") + " |")
            }
        }
        precondition(rows.allSatisfy { $0.count == columns })
        return lines.joined(separator: "\n")
    }

    /// The rows of a table GFM can express: a single header row of `th`, body rows with the
    /// same number of cells, no spans, no attributes other than alignment, inline content only.
    static func gfmRows(_ table: HTMLElement) -> [[HTMLElement]]? {
        guard table.attributes.isEmpty else { return nil }
        var header: [HTMLElement]?
        var body: [[HTMLElement]] = []
        for case .element(let section) in table.children {
            guard section.attributes.isEmpty else { return nil }
            switch section.name {
            case "thead":
                let rows = rowElements(section)
                guard header == nil, rows?.count == 1, let row = rows?.first else { return nil }
                header = row
            case "tbody":
                guard let rows = rowElements(section) else { return nil }
                body += rows
            case "tr":
                guard let row = cells(section) else { return nil }
                if header == nil && body.isEmpty { header = row } else { body.append(row) }
            default:
                return nil
            }
        }
        guard let header, !header.isEmpty, header.allSatisfy({ $0.name == "th" }) else { return nil }
        guard body.allSatisfy({ $0.count == header.count && $0.allSatisfy { $0.name == "td" } }) else {
            return nil
        }
        let rows = [header] + body
        for row in rows {
            for cell in row {
                guard cell.attributes.allSatisfy({ $0.name == "align" || $0.name == "style" }),
                    cell[attribute: "style"].map({ alignmentFromStyle($0) != nil }) ?? true,
                    isInlineOnly(cell)
                else { return nil }
            }
        }
        return rows
    }

    static func rowElements(_ section: HTMLElement) -> [[HTMLElement]]? {
        var rows: [[HTMLElement]] = []
        for node in section.children {
            if isBlank(node) { continue }
            guard case .element(let row) = node, row.name == "tr", let cells = cells(row) else { return nil }
            rows.append(cells)
        }
        return rows
    }

    static func cells(_ row: HTMLElement) -> [HTMLElement]? {
        guard row.attributes.isEmpty else { return nil }
        var cells: [HTMLElement] = []
        for node in row.children {
            if isBlank(node) { continue }
            guard case .element(let cell) = node, cell.name == "th" || cell.name == "td" else { return nil }
            cells.append(cell)
        }
        return cells
    }

    /// Inline children only, or exactly one paragraph of them (Pylon's editor wraps cells in `<p>`).
    static func isInlineOnly(_ cell: HTMLElement) -> Bool {
        let children = cell.children.filter { !isBlank($0) }
        if children.count == 1, case .element(let paragraph) = children[0], paragraph.name == "p",
            paragraph.attributes.isEmpty
        {
            return paragraph.children.allSatisfy(isInlineTree)
        }
        return children.allSatisfy(isInlineTree)
    }

    static func isInlineTree(_ node: HTMLNode) -> Bool {
        guard case .element(let element) = node else { return true }
        return inlineElements.contains(element.name) && element.children.allSatisfy(isInlineTree)
    }

    static func alignment(_ cell: HTMLElement) -> String? {
        if let style = cell[attribute: "style"], let value = alignmentFromStyle(style), !value.isEmpty {
            return value
        }
        return cell[attribute: "align"]?.lowercased()
    }

    /// The `text-align` value of a style that says nothing else ("" when it has no text-align).
    static func alignmentFromStyle(_ style: String) -> String? {
        var result = ""
        for declaration in style.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            if parts.count == 1 && parts[0].isEmpty { continue }
            guard parts.count == 2, parts[0] == "text-align",
                ["left", "center", "right"].contains(parts[1])
            else { return nil }
            result = parts[1]
        }
        return result
    }
}
