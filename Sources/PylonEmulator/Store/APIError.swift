/// A Pylon error answer: status, one message, and for duplicates the id of what exists.
struct APIError: Error, Sendable {
    var status: Int
    var message: String
    var existsID: String?

    static func badRequest(_ message: String, existsID: String? = nil) -> APIError {
        APIError(status: 400, message: message, existsID: existsID)
    }

    static func notFound(_ message: String) -> APIError {
        APIError(status: 404, message: message)
    }
}
