import Foundation

/// How every wire type reads a field, in one place. Pylon's OpenAPI document marks almost no
/// field required and its Go backend writes unset values as zero values (`""`, `false`, `0`,
/// `null`, the zero time), so a field can arrive absent, `null`, as a zero value, or mistyped.
/// None of those may fail a listing or change what a plan means: each field kind below maps
/// every shape to one reading (`docs/api-client.md`, "Wire tolerance").
///
/// - id or cursor (`lenientID`): a string or number; `""`, whitespace, `null` and absent mean
///   "none", never an id.
/// - text (`lenientText`): a string; `""` means "not set"; a non-string reads as nil.
/// - HTML body (`lenientHTML`): a string kept exactly, `""` included (an empty body is a body).
/// - timestamp (`lenientTimestamp`): any RFC 3339 spelling kept as sent; `""` and Go's zero time
///   `0001-01-01T00:00:00Z` mean "not set".
/// - boolean (`lenientBool`): `true`/`false`, the strings "true"/"false"/"1"/"0", the numbers 1/0.
/// - list of ids or words (`lenientStrings`): `null` and absent read as nil, `[]` as `[]`;
///   `""` and `null` elements are dropped and number elements read as strings.
/// - nested object (`lenientObject`): `null`, a non-object, and an object whose every field
///   reads as "not set" (a Go zero struct) all read as nil.
extension KeyedDecodingContainer {
    /// The value for `key`, or nil when it is absent, null or of another type.
    func lenient<T: Decodable>(_ key: Key, as type: T.Type = T.self) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    /// A string, accepting a JSON number or boolean too, kept exactly (`""` included). The raw
    /// reading the kinds below refine; wire types use those, not this.
    func lenientString(_ key: Key) -> String? {
        if let text = (try? decodeIfPresent(String.self, forKey: key)) ?? nil { return text }
        if let integer = (try? decodeIfPresent(Int64.self, forKey: key)) ?? nil { return String(integer) }
        if let number = (try? decodeIfPresent(Double.self, forKey: key)) ?? nil {
            return WireNumber.text(number)
        }
        if let flag = (try? decodeIfPresent(Bool.self, forKey: key)) ?? nil { return String(flag) }
        return nil
    }

    /// An identifier or cursor: a string or number, where `""` (a Go encoder's unset string) and
    /// whitespace mean "none", never an id.
    func lenientID(_ key: Key) -> String? {
        // `true` is no id, even though `lenientString` would spell it.
        if ((try? decodeIfPresent(Bool.self, forKey: key)) ?? nil) != nil { return nil }
        return WireNumber.id(lenientString(key))
    }

    /// An article's public `identifier` (digits, as a string or a number). Also "none" when it is
    /// all zeros: `0` is what a Go encoder writes for an unset number, and no URL has it.
    func lenientIdentifier(_ key: Key) -> String? {
        guard let text = lenientID(key), !text.allSatisfy({ $0 == "0" }) else { return nil }
        return text
    }

    /// A text field (title, slug, name, language, url…): `""` means "not set"; a number or
    /// another non-string reads as nil rather than failing the object.
    func lenientText(_ key: Key) -> String? {
        guard let text = lenient(key, as: String.self), !text.isEmpty else { return nil }
        return text
    }

    /// An HTML body, kept exactly: `""` is an empty body, distinct from an absent one. (The one
    /// field where `""` can be meant is decided per type: see `Article`.)
    func lenientHTML(_ key: Key) -> String? {
        lenient(key, as: String.self)
    }

    /// A timestamp, kept as sent (RFC 3339 with or without fractional seconds, any offset).
    /// `""` and Go's zero time mean "not set".
    func lenientTimestamp(_ key: Key) -> String? {
        guard let text = lenientText(key), !text.hasPrefix("0001-01-01") else { return nil }
        return text
    }

    /// A boolean, accepting the strings "true"/"false"/"1"/"0" and the numbers 0/1. `""` and
    /// anything else read as nil.
    func lenientBool(_ key: Key) -> Bool? {
        if let flag = (try? decodeIfPresent(Bool.self, forKey: key)) ?? nil { return flag }
        if let text = (try? decodeIfPresent(String.self, forKey: key)) ?? nil {
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        }
        if let integer = (try? decodeIfPresent(Int.self, forKey: key)) ?? nil { return integer != 0 }
        return nil
    }

    /// An array whose unreadable elements are skipped rather than failing the whole array; nil
    /// when the field is absent, `null` or not an array.
    func lenientArray<T: Decodable>(_ key: Key, as type: T.Type = T.self) -> [T]? {
        guard (try? decodeNil(forKey: key)) == false, var items = try? nestedUnkeyedContainer(forKey: key)
        else { return nil }
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

    /// A list of ids or words: numbers read as strings, `""`, whitespace and `null` elements
    /// dropped (a Go encoder's zero value is never an id).
    func lenientStrings(_ key: Key) -> [String]? {
        lenientArray(key, as: LenientString.self)?.compactMap { WireNumber.id($0.value) }
    }

    /// A nested object, or nil when it is `null`, not an object, or a Go zero struct (every
    /// field reads as "not set").
    func lenientObject<T: Decodable & WireZeroValue>(_ key: Key, as type: T.Type = T.self) -> T? {
        guard let value = lenient(key, as: T.self), !value.isZeroValue else { return nil }
        return value
    }
}

/// A wire object that can tell whether it carries anything: a Go encoder writes an unset
/// struct as one whose every field is a zero value, which must read like `null`.
protocol WireZeroValue {
    var isZeroValue: Bool { get }
}

/// The conversions shared by keyed fields and array elements.
enum WireNumber {
    /// A whole number without a fraction (`7918427120`, not `7918427120.0`).
    static func text(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    /// `text` trimmed, or nil when nothing is left.
    static func id(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
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
            value = WireNumber.text(try container.decode(Double.self))
        }
    }
}
