/// Every failure of a `PylonClient` call: where it happened, what Pylon said, and what to do.
/// `description` is written for the person running the tool and never contains the token.
public struct PylonAPIError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Pylon answered with an error status (`status`), after any retries.
        case httpStatus
        /// A POST failed in a way that leaves open whether Pylon applied it (5xx, reset,
        /// timeout). It was not re-sent; look the object up before trying again.
        case ambiguous
        /// No answer: the connection failed or broke.
        case transport
        /// No answer within the timeout.
        case timeout
        /// The answer was not the JSON Pylon documents.
        case decoding
        /// Pagination did not end: a cursor came back twice, or a next page had no cursor.
        case pagination
        /// `http://` to a host that is not loopback: the token would travel in clear text.
        case insecureURL
        /// The base URL cannot be used at all.
        case invalidURL
        /// The server redirected to another origin; not followed, so the token stayed put.
        case redirectRefused
        /// The answer was larger than `PylonClientConfiguration.maximumResponseBytes`.
        case responseTooLarge
    }

    public var kind: Kind
    /// The endpoint called, when known.
    public var endpoint: PylonEndpoint?
    public var method: String
    /// The request path, without host or query.
    public var path: String
    /// The object the call was about, in words: "article 5f1… in knowledge base kb1".
    public var subject: String?
    public var status: Int?
    /// Pylon's `errors[]`, token redacted.
    public var errors: [String]
    public var requestID: String?
    /// On a duplicate, the id of the object that already exists.
    public var existsID: String?
    /// For `.ambiguous`: what was sent, so the caller can find it (e.g. `slug "install"`).
    public var sent: String?
    /// How many attempts were made.
    public var attempts: Int
    /// Technical detail: the transport or decoding message, token redacted.
    public var detail: String?

    public init(
        kind: Kind, endpoint: PylonEndpoint? = nil, method: String = "", path: String = "",
        subject: String? = nil, status: Int? = nil, errors: [String] = [], requestID: String? = nil,
        existsID: String? = nil, sent: String? = nil, attempts: Int = 1, detail: String? = nil
    ) {
        self.kind = kind
        self.endpoint = endpoint
        self.method = method
        self.path = path
        self.subject = subject
        self.status = status
        self.errors = errors
        self.requestID = requestID
        self.existsID = existsID
        self.sent = sent
        self.attempts = attempts
        self.detail = detail
    }

    public var description: String {
        var sentences: [String] = []
        let request = path.isEmpty ? "The request" : "\(method) \(path)"
        let what = subject ?? "the requested object"
        let pylonSaid = errors.isEmpty ? nil : "Pylon said: \(errors.joined(separator: "; "))."
        switch kind {
        case .httpStatus:
            let code = status ?? 0
            switch code {
            case 401:
                sentences.append(
                    "\(request) was rejected (HTTP 401): Pylon did not accept the API token. "
                        + "Check that PYLON_API_TOKEN holds a current token for this organization "
                        + "(a Pylon admin can create one under Settings → API tokens).")
            case 403:
                sentences.append(
                    "\(request) was refused (HTTP 403): the API token is valid but may not "
                        + "\(endpoint?.action ?? "do this"). Ask a Pylon admin for a token with that permission."
                )
            case 404:
                sentences.append(
                    "\(request) failed (HTTP 404): \(what) was not found. "
                        + "Check the id; the object may have been deleted in Pylon.")
            case 409:
                sentences.append(
                    "\(request) failed (HTTP 409): \(what) already exists"
                        + (existsID.map { " as \($0)" } ?? "") + ".")
            case 429:
                let limit = endpoint.map { " (\($0.requestsPerMinute) requests per minute)" } ?? ""
                sentences.append(
                    "\(request) was still rate limited by Pylon (HTTP 429) after \(attempts) "
                        + "attempt\(attempts == 1 ? "" : "s")\(limit). Wait a minute and run again; "
                        + "if it keeps happening, another tool may be using the same token.")
            case 500...599:
                sentences.append(
                    "\(request) failed on Pylon's side (HTTP \(code)) after \(attempts) "
                        + "attempt\(attempts == 1 ? "" : "s"). Try again later.")
            default:
                sentences.append("\(request) was refused by Pylon (HTTP \(code)) for \(what).")
            }
            if let pylonSaid { sentences.append(pylonSaid) }
            if code != 409, let existsID { sentences.append("The existing object is \(existsID).") }
        case .ambiguous where endpoint == .createAttachment:
            let cause = status.map { "HTTP \($0)" } ?? (detail ?? "no answer")
            sentences.append(
                "\(request) may or may not have stored \(sent ?? "the file") (\(cause)). Uploading it "
                    + "again is safe: at worst an unused copy stays behind.")
            if let pylonSaid { sentences.append(pylonSaid) }
        case .ambiguous:
            let cause = status.map { "HTTP \($0)" } ?? (detail ?? "no answer")
            sentences.append(
                "\(request) may or may not have been applied by Pylon (\(cause)). It was not sent "
                    + "again, to avoid a duplicate. Look up "
                    + (sent.map { "the object with \($0)" } ?? what) + " in \(subject ?? "Pylon") "
                    + "before retrying.")
            if let pylonSaid { sentences.append(pylonSaid) }
        case .transport:
            sentences.append(
                "\(request) got no answer from Pylon after \(attempts) attempt\(attempts == 1 ? "" : "s")"
                    + (detail.map { ": \($0)" } ?? ".")
                    + " Check the network and the base URL (PYLON_API_URL).")
        case .timeout:
            sentences.append(
                "\(request) timed out after \(attempts) attempt\(attempts == 1 ? "" : "s")"
                    + (detail.map { " (\($0.hasSuffix(".") ? String($0.dropLast()) : $0))" } ?? "") + ". "
                    + "Pylon may be slow or unreachable; try again later.")
        case .responseTooLarge:
            sentences.append(
                "\(request) returned an answer too large to read"
                    + (detail.map { " (\($0.hasSuffix(".") ? String($0.dropLast()) : $0))" } ?? "") + ". "
                    + "No Pylon answer should be this big; check that the base URL (PYLON_API_URL) points "
                    + "at the Pylon API.")
        case .decoding:
            sentences.append(
                "\(request) returned an answer that is not the JSON Pylon documents"
                    + (detail.map { " (\($0))" } ?? "") + ". Check that the base URL points at the Pylon API."
            )
        case .pagination:
            sentences.append(
                "\(request) did not paginate to an end" + (detail.map { ": \($0)" } ?? "")
                    + ". Stopped instead of looping; report this to Pylon support.")
        case .insecureURL:
            sentences.append(
                "Refusing to send the API token over plain HTTP to \(detail ?? "a non-loopback host"). "
                    + "Use an https:// URL; http:// is only allowed for 127.0.0.1, ::1 and localhost.")
        case .invalidURL:
            sentences.append("The Pylon API URL cannot be used: \(detail ?? "it has no host").")
        case .redirectRefused:
            sentences.append(
                "\(request) was redirected to another host, which was not followed so the API token "
                    + "is not sent there" + (detail.map { " (\($0))" } ?? "")
                    + ". Check the base URL (PYLON_API_URL).")
        }
        if let requestID {
            sentences.append("Give this request_id to Pylon support if you contact them: \(requestID).")
        }
        return sentences.joined(separator: " ")
    }
}

extension PylonAPIError {
    /// Whether this failure says the server lacks a capability of the newer surface, rather than
    /// that the request was wrong: the route is unknown (404, 405, 501), or a 400 names `field`
    /// (a server that validates request bodies against its schema rejects an unknown field).
    /// The contract says to detect such capabilities this way and fall back cleanly.
    public func indicatesMissingCapability(field: String? = nil) -> Bool {
        guard kind == .httpStatus, let status else { return false }
        switch status {
        case 404, 405, 501: return true
        case 400, 422:
            guard let field else { return false }
            return errors.contains { $0.localizedCaseInsensitiveContains(field) }
        default: return false
        }
    }
}
