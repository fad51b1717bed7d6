import Foundation

/// Writes a `JSONValue` with each object's keys in an order the caller picks, which
/// `JSONEncoder` cannot do (it offers sorted keys or a hash order that changes per process).
/// The `hostile` wire profile uses it for seeded, arbitrary field orders.
enum OrderedJSONWriter {
    /// Compact JSON. `order` receives each object's keys sorted and returns them in output order.
    static func write(_ value: JSONValue, order: (inout [String]) -> Void) -> Data {
        var output = ""
        append(value, to: &output, order: order)
        return Data(output.utf8)
    }

    private static func append(_ value: JSONValue, to output: inout String, order: (inout [String]) -> Void) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += number.isFinite ? "\(number)" : "null"
        case .string(let text): appendString(text, to: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                append(item, to: &output, order: order)
            }
            output += "]"
        case .object(let fields):
            var keys = fields.keys.sorted()
            order(&keys)
            output += "{"
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                appendString(key, to: &output)
                output += ":"
                append(fields[key] ?? .null, to: &output, order: order)
            }
            output += "}"
        }
    }

    /// The escaping `JSONEncoder` uses with `.withoutEscapingSlashes`.
    private static func appendString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
