import Foundation

/// Pylon's OpenAPI document marks almost no field required and production responses have been
/// seen to carry numbers where the document says strings. A response that is merely missing or
/// mistyping one field must not fail a whole listing, so every wire type decodes through these.
extension KeyedDecodingContainer {
    /// The value for `key`, or nil when it is absent, null or of another type.
    func lenient<T: Decodable>(_ key: Key, as type: T.Type = T.self) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    /// A string, accepting a JSON number or boolean too (an article's `identifier` arrives as
    /// either a string or a number).
    func lenientString(_ key: Key) -> String? {
        if let text = (try? decodeIfPresent(String.self, forKey: key)) ?? nil { return text }
        if let integer = (try? decodeIfPresent(Int64.self, forKey: key)) ?? nil { return String(integer) }
        if let number = (try? decodeIfPresent(Double.self, forKey: key)) ?? nil {
            return number.rounded() == number && abs(number) < 1e15
                ? String(Int64(number)) : String(number)
        }
        if let flag = (try? decodeIfPresent(Bool.self, forKey: key)) ?? nil { return String(flag) }
        return nil
    }

    /// An identifier or cursor: a string or number, where `""` (a Go encoder's unset string) and
    /// whitespace mean "none", never an id.
    func lenientID(_ key: Key) -> String? {
        guard let text = lenientString(key)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        else { return nil }
        return text
    }

    /// A boolean, accepting the strings "true"/"false" and the numbers 0/1.
    func lenientBool(_ key: Key) -> Bool? {
        if let flag = (try? decodeIfPresent(Bool.self, forKey: key)) ?? nil { return flag }
        if let text = (try? decodeIfPresent(String.self, forKey: key)) ?? nil {
            switch text.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        }
        if let integer = (try? decodeIfPresent(Int.self, forKey: key)) ?? nil { return integer != 0 }
        return nil
    }

    /// An array whose unreadable elements are skipped rather than failing the whole array.
    func lenientArray<T: Decodable>(_ key: Key, as type: T.Type = T.self) -> [T]? {
        guard var items = try? nestedUnkeyedContainer(forKey: key) else { return nil }
        var result: [T] = []
        while !items.isAtEnd {
            if let item = try? items.decode(T.self) {
                result.append(item)
            } else if (try? items.decode(SkippedValue.self)) == nil {
                break
            }
        }
        return result
    }

    /// An array of strings, accepting numbers as elements.
    func lenientStrings(_ key: Key) -> [String]? {
        lenientArray(key, as: LenientString.self)?.map(\.value)
    }
}

/// Consumes one JSON value of any shape, so an unreadable array element can be stepped over.
struct SkippedValue: Decodable {
    init(from decoder: any Decoder) throws {}
}

/// A JSON string or number read as a string.
struct LenientString: Decodable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else {
            value = String(try container.decode(Double.self))
        }
    }
}
