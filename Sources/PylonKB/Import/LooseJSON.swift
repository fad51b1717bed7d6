import Foundation

/// A JSON value read generously, as vendor servers send it: a number where a string was
/// documented (and the reverse), `null` or an absent key for "nothing", unknown keys ignored.
/// Only used while one answer is read, so it wraps Foundation's untyped tree.
struct LooseJSON: @unchecked Sendable {
    let value: Any?

    init(_ value: Any?) { self.value = value }

    static func parse(_ data: Data) -> LooseJSON? {
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return nil
        }
        return LooseJSON(value)
    }

    var isObject: Bool { value is [String: Any] }

    subscript(key: String) -> LooseJSON {
        LooseJSON((value as? [String: Any])?[key])
    }

    /// A string, or a number written as one; nil for null, absent and empty.
    var string: String? {
        switch value {
        case let text as String: return text.isEmpty ? nil : text
        case let number as NSNumber:
            let double = number.doubleValue
            if double == double.rounded(), abs(double) < 1e18 { return String(Int64(double)) }
            return number.stringValue
        default: return nil
        }
    }

    var int: Int? {
        if let number = value as? NSNumber { return number.intValue }
        if let text = value as? String { return Int(text.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    /// true, "true", 1 and "1" are true; everything else (absent included) is `nil` or false.
    var bool: Bool? {
        if let text = value as? String {
            switch text.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: return nil
            }
        }
        if let number = value as? NSNumber { return number.intValue != 0 }
        return nil
    }

    /// The elements of an array; a missing or null array is empty.
    var array: [LooseJSON] {
        (value as? [Any])?.map { LooseJSON($0) } ?? []
    }

    /// The values of an array of strings or numbers, as strings.
    var strings: [String] { array.compactMap(\.string) }

    /// Keys of an object, sorted.
    var keys: [String] { (value as? [String: Any])?.keys.sorted() ?? [] }
}
