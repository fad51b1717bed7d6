import Foundation

/// A JSON object from a request body, with accessors that turn every problem into a 400 that
/// names the field.
struct JSONBody: Sendable {
    let fields: [String: JSONValue]
    /// Dotted prefix for nested objects, e.g. "visibility_config.".
    let prefix: String

    init(fields: [String: JSONValue], prefix: String = "") {
        self.fields = fields
        self.prefix = prefix
    }

    /// The whole object, e.g. to check it against a schema.
    var value: JSONValue { .object(fields) }

    init(bytes: [UInt8]) throws {
        guard !bytes.isEmpty else {
            throw APIError.badRequest("The request body must be a JSON object; it was empty.")
        }
        let value: JSONValue
        do {
            value = try JSONValue.decode(Data(bytes))
        } catch {
            throw APIError.badRequest("The request body is not valid JSON.")
        }
        guard case .object(let fields) = value else {
            throw APIError.badRequest("The request body must be a JSON object, not \(value.typeName).")
        }
        self.init(fields: fields)
    }

    func string(_ key: String, required: Bool = false) throws -> String? {
        guard let value = fields[key]?.nonNull else {
            if required { throw APIError.badRequest("\(prefix)\(key) is required.") }
            return nil
        }
        guard case .string(let text) = value else {
            throw APIError.badRequest("\(prefix)\(key) must be a string, not \(value.typeName).")
        }
        return text
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key, required: true) else { preconditionFailure("required") }
        return text
    }

    func nonEmptyString(_ key: String) throws -> String {
        let text = try requiredString(key)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.badRequest("\(prefix)\(key) must not be empty.")
        }
        return text
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = fields[key]?.nonNull else { return nil }
        guard case .bool(let flag) = value else {
            throw APIError.badRequest("\(prefix)\(key) must be a boolean, not \(value.typeName).")
        }
        return flag
    }

    func int(_ key: String) throws -> Int? {
        guard let value = fields[key]?.nonNull else { return nil }
        guard case .int(let number) = value else {
            throw APIError.badRequest("\(prefix)\(key) must be an integer, not \(value.typeName).")
        }
        return number
    }

    func object(_ key: String) throws -> JSONBody? {
        guard let value = fields[key]?.nonNull else { return nil }
        guard case .object(let nested) = value else {
            throw APIError.badRequest("\(prefix)\(key) must be an object, not \(value.typeName).")
        }
        return JSONBody(fields: nested, prefix: "\(prefix)\(key).")
    }

    func array(_ key: String) throws -> [JSONValue]? {
        guard let value = fields[key]?.nonNull else { return nil }
        guard case .array(let items) = value else {
            throw APIError.badRequest("\(prefix)\(key) must be an array, not \(value.typeName).")
        }
        return items
    }

    func stringArray(_ key: String) throws -> [String]? {
        try array(key).map { items in
            try items.map { item in
                guard case .string(let text) = item else {
                    throw APIError.badRequest("\(prefix)\(key) must be an array of strings.")
                }
                return text
            }
        }
    }

    func enumeration(_ key: String, allowed: [String], required: Bool = false) throws -> String? {
        guard let text = try string(key, required: required) else { return nil }
        guard allowed.contains(text) else {
            throw APIError.badRequest(
                "\(prefix)\(key) must be one of \(allowed.joined(separator: ", ")); \"\(text)\" is not.")
        }
        return text
    }
}
