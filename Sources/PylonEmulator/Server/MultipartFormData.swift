/// A `multipart/form-data` body (RFC 7578), split into parts. Tolerates LF-only line ends and a
/// missing final boundary, because hand-written clients produce both.
struct MultipartFormData: Sendable {
    struct Part: Sendable {
        var name: String?
        var filename: String?
        var contentType: String?
        var body: [UInt8]
    }

    var parts: [Part]

    /// nil when the content type is not multipart/form-data with a boundary.
    init?(contentType: String, body: [UInt8]) {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = pieces.first, first.lowercased() == "multipart/form-data" else { return nil }
        guard
            let boundaryPiece = pieces.dropFirst().first(where: { $0.lowercased().hasPrefix("boundary=") })
        else { return nil }
        var boundary = String(boundaryPiece.dropFirst("boundary=".count))
        if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 {
            boundary = String(boundary.dropFirst().dropLast())
        }
        guard !boundary.isEmpty else { return nil }
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        var positions = Self.occurrences(of: delimiter, in: body)
        guard !positions.isEmpty else { return nil }
        positions.append(body.count)
        for index in 0..<(positions.count - 1) {
            var start = positions[index] + delimiter.count
            let end = positions[index + 1]
            guard start <= end else { continue }
            // "--" after a delimiter closes the body.
            if end - start >= 2, body[start] == UInt8(ascii: "-"), body[start + 1] == UInt8(ascii: "-") {
                break
            }
            if start < end, body[start] == UInt8(ascii: "\r") { start += 1 }
            if start < end, body[start] == UInt8(ascii: "\n") { start += 1 }
            var chunk = Array(body[start..<end])
            // The line break before the next delimiter belongs to the delimiter.
            if chunk.last == UInt8(ascii: "\n") { chunk.removeLast() }
            if chunk.last == UInt8(ascii: "\r") { chunk.removeLast() }
            if let part = Self.part(chunk) { parts.append(part) }
        }
        self.parts = parts
    }

    private static func part(_ chunk: [UInt8]) -> Part? {
        // Headers end at the first empty line (CRLF CRLF or LF LF).
        var headerEnd: Int?
        var bodyStart = 0
        var index = 0
        while index < chunk.count {
            if chunk[index] == UInt8(ascii: "\n") {
                if index + 1 < chunk.count, chunk[index + 1] == UInt8(ascii: "\n") {
                    headerEnd = index
                    bodyStart = index + 2
                    break
                }
                if index + 2 < chunk.count, chunk[index + 1] == UInt8(ascii: "\r"),
                    chunk[index + 2] == UInt8(ascii: "\n")
                {
                    headerEnd = index
                    bodyStart = index + 3
                    break
                }
            }
            index += 1
        }
        guard let headerEnd else { return nil }
        let headerText = String(decoding: chunk[0..<headerEnd], as: UTF8.self)
        var part = Part(name: nil, filename: nil, contentType: nil, body: Array(chunk[bodyStart...]))
        for line in headerText.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-type" {
                part.contentType = value.split(separator: ";").first.map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            } else if name == "content-disposition" {
                part.name = parameter("name", in: value)
                part.filename = parameter("filename", in: value)
            }
        }
        return part
    }

    /// A `key="value"` or `key=value` parameter of a header value.
    private static func parameter(_ key: String, in value: String) -> String? {
        for piece in value.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("\(key)=") else { continue }
            var result = String(trimmed.dropFirst(key.count + 1))
            if result.hasPrefix("\""), result.hasSuffix("\""), result.count >= 2 {
                result = String(result.dropFirst().dropLast())
            }
            return result
        }
        return nil
    }

    private static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var result: [Int] = []
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle {
                result.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return result
    }
}
