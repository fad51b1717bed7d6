/// `{"data": …, "request_id": …, "pagination": …}`: every successful Pylon response.
struct ResponseEnvelope<Payload: Decodable>: Decodable {
    var data: Payload?
    var requestID: String?
    var pagination: Pagination?

    enum CodingKeys: String, CodingKey {
        case data
        case requestID = "request_id"
        case pagination
    }

    init(data: Payload?, requestID: String?, pagination: Pagination?) {
        self.data = data
        self.requestID = requestID
        self.pagination = pagination
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // `data` is decoded strictly: a body that is not the promised object is a decoding
        // failure worth reporting, unlike a missing field inside it.
        data = try c.decodeIfPresent(Payload.self, forKey: .data)
        requestID = c.lenientID(.requestID)
        pagination = c.lenient(.pagination)
    }
}

/// A list payload whose unreadable elements are skipped instead of failing the page.
struct LenientList<Element: Decodable>: Decodable {
    var items: [Element]

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var result: [Element] = []
        while !container.isAtEnd {
            if let item = try? container.decode(Element.self) {
                result.append(item)
            } else {
                _ = try container.decode(SkippedValue.self)
            }
        }
        items = result
    }
}
