import Foundation

/// Sending one call: pacing (`RateLimiter`), attempts, the retry decision
/// (`RetryPolicy.decision(after:…)`), one log line per attempt, and one error type.
extension PylonClient {
    /// Sends `call` with pacing and retries; returns the decoded envelope of a 2xx answer or
    /// throws `PylonAPIError`.
    func send<T: Decodable>(_ call: Call, as type: T.Type) async throws -> (
        ResponseEnvelope<T>, HTTPResponse
    ) {
        let response = try await exchange(call)
        // Deletes answer with only a request_id; their body is not worth failing over.
        if response.body.isEmpty || T.self == SkippedValue.self {
            let requestID = try? JSONDecoder().decode(ErrorBody.self, from: response.body).requestID
            return (ResponseEnvelope(data: nil, requestID: requestID, pagination: nil), response)
        }
        do {
            return (try JSONDecoder().decode(ResponseEnvelope<T>.self, from: response.body), response)
        } catch {
            let requestID = try? JSONDecoder().decode(ErrorBody.self, from: response.body).requestID
            throw decodingError(call, response, requestID, "\(error)")
        }
    }

    /// The request `call` makes, token included (the transport never logs it).
    private func request(for call: Call) -> HTTPRequest {
        var headers = [
            "Authorization": "Bearer \(configuration.token)",
            "Accept": "application/json",
            "User-Agent": configuration.userAgent,
        ]
        if let contentType = call.contentType { headers["Content-Type"] = contentType }
        return HTTPRequest(
            method: call.endpoint.method, url: url(for: call), headers: headers, body: call.body,
            timeout: configuration.requestTimeout, maximumResponseBytes: configuration.maximumResponseBytes)
    }

    /// Attempts `call` until a 2xx answer, or until the retry decision gives up.
    func exchange(_ call: Call) async throws -> HTTPResponse {
        let policy = configuration.retryPolicy
        let started = timeline.now()
        let endpoint = call.endpoint
        let request = request(for: call)
        var attempt = 0
        while true {
            attempt += 1
            let ticket = try await rateLimiter.acquire(endpoint)
            let sentAt = timeline.now()
            let outcome: Result<HTTPResponse, any Error>
            do {
                outcome = .success(try await transport.send(request))
            } catch {
                outcome = .failure(error)
            }
            let rateLimited = (try? outcome.get())?.status == 429
            await rateLimiter.release(ticket, rateLimited: rateLimited)
            let milliseconds = Int(seconds(timeline.now() - sentAt) * 1000)

            let (failure, attemptFailure): (PylonAPIError, AttemptFailure)
            switch outcome {
            case .success(let response):
                if let answered = answered(response, call, attempt: attempt, milliseconds: milliseconds) {
                    (failure, attemptFailure) = answered
                } else {
                    return response
                }
            case .failure(let error):
                if error is CancellationError { throw error }
                (failure, attemptFailure) = noAnswer(
                    error, call, attempt: attempt, milliseconds: milliseconds)
            }
            let decision = policy.decision(
                after: attemptFailure, isIdempotent: endpoint.isIdempotent, attempt: attempt,
                elapsed: timeline.now() - started, rateLimitWindow: rateLimiter.window,
                jitter: Double.random(in: 0...1))
            let wait: Duration
            switch decision {
            case .fail:
                throw failure
            case .ambiguous:
                var ambiguous = failure
                ambiguous.kind = .ambiguous
                throw ambiguous
            case .retry(let after):
                wait = after
            }
            if failure.status == 429 {
                // Hold the whole group as long as Retry-After asks, so requests queued behind
                // this one do not hit the same wall. Only when retrying: a give-up (a Retry-After
                // beyond the budget) leaves the group paused for the window alone.
                await rateLimiter.pause(endpoint, for: wait)
            }
            log(
                "\(endpoint.method) \(call.path): retry \(attempt + 1) of \(policy.maxAttempts) in \(String(format: "%.2f", seconds(wait))) s"
            )
            try await timeline.sleep(for: wait)
        }
    }

    /// nil for a 2xx answer; else the error it is reported as if not retried, and what the
    /// retry decision needs to know. Logs the answer either way.
    private func answered(_ response: HTTPResponse, _ call: Call, attempt: Int, milliseconds: Int)
        -> (PylonAPIError, AttemptFailure)?
    {
        let endpoint = call.endpoint
        let succeeded = (200..<300).contains(response.status)
        // A success body is decoded by the caller; read its request_id only for the log.
        let body = succeeded && configuration.log == nil ? ErrorBody() : errorBody(response)
        log(
            "\(endpoint.method) \(call.path) → \(response.status) in \(milliseconds) ms"
                + (body.requestID.map { " (request_id \($0))" } ?? ""))
        if succeeded { return nil }
        var failure = PylonAPIError(
            kind: .httpStatus, endpoint: endpoint, method: endpoint.method, path: call.path,
            subject: call.subject, status: response.status, errors: body.errors ?? [],
            requestID: body.requestID, existsID: body.existsID, sent: call.sent, attempts: attempt)
        if (300..<400).contains(response.status) {
            // A redirect the transport did not follow: to another origin, or not one it knows.
            failure.kind = .redirectRefused
            failure.detail = response.header("location").map { "to \(redact($0))" }
        }
        return (failure, .status(response.status, headers: response.headers))
    }

    /// The error a call that got no HTTP answer is reported as if not retried, and what the
    /// retry decision needs to know. Logs it.
    private func noAnswer(_ error: any Error, _ call: Call, attempt: Int, milliseconds: Int)
        -> (PylonAPIError, AttemptFailure)
    {
        let endpoint = call.endpoint
        let transportError =
            error as? HTTPTransportError ?? HTTPTransportError(.other, String(describing: error))
        log("\(endpoint.method) \(call.path) → no answer after \(milliseconds) ms: \(transportError.message)")
        let kinds: [HTTPTransportError.Kind: PylonAPIError.Kind] = [
            .timedOut: .timeout, .responseTooLarge: .responseTooLarge, .redirectRefused: .redirectRefused,
        ]
        let failure = PylonAPIError(
            kind: kinds[transportError.kind] ?? .transport, endpoint: endpoint, method: endpoint.method,
            path: call.path, subject: call.subject, sent: call.sent, attempts: attempt,
            detail: redact(transportError.message))
        return (failure, .transport(transportError.kind))
    }

    /// Pylon's error envelope, token redacted; empty when the body is not one.
    private func errorBody(_ response: HTTPResponse) -> ErrorBody {
        guard !response.body.isEmpty,
            var body = try? JSONDecoder().decode(ErrorBody.self, from: response.body)
        else {
            if !(200..<300).contains(response.status), !response.body.isEmpty {
                let text = String(decoding: response.body.prefix(300), as: UTF8.self)
                return ErrorBody(errors: [redact(text)])
            }
            return ErrorBody()
        }
        body.errors = body.errors?.map { redact($0) }
        body.requestID = body.requestID.map { redact($0) }
        return body
    }

    func log(_ line: String) {
        configuration.log?(redact(line))
    }
}
